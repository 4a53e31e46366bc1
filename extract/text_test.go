package extract_test

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chitieu/chitieu/corpus"
	"github.com/chitieu/chitieu/extract"
	"github.com/chitieu/chitieu/extract/pdftext"
	"github.com/chitieu/chitieu/internal/golden"
)

const goldenDir = "../testdata/golden/text"

// TestSampleGolden renders the text layer of every sample document as
// indented JSON and compares it with testdata/golden/text; go test -update
// rewrites the files.
func TestSampleGolden(t *testing.T) {
	docs, err := corpus.Sample()
	if err != nil {
		t.Fatal(err)
	}
	for _, doc := range docs {
		d, err := extract.Text(context.Background(), doc, extract.Options{})
		if err != nil {
			t.Fatalf("%s: %v", doc.Name, err)
		}
		checkOffsets(t, d)
		got, err := json.MarshalIndent(d, "", "  ")
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, '\n')
		golden.Check(t, filepath.Join(goldenDir, strings.TrimPrefix(doc.Name, "sample:")+".json"), got)
	}
}

// checkOffsets verifies that each page's offset points at its text in the
// document's text, and that pages are separated by one form feed.
func checkOffsets(t *testing.T, d *extract.Document) {
	t.Helper()
	end := 0
	for i, p := range d.Pages {
		if p.Number != i+1 {
			t.Errorf("%s: page %d numbered %d", d.Name, i+1, p.Number)
		}
		if i > 0 && (p.Offset != end+1 || d.Text[end:p.Offset] != extract.PageSep) {
			t.Errorf("%s: page %d starts at %d, want %d after a form feed", d.Name, p.Number, p.Offset, end+1)
		}
		if got := d.Text[p.Offset : p.Offset+len(p.Text)]; got != p.Text {
			t.Errorf("%s: Text[%d:] is not page %d's text", d.Name, p.Offset, p.Number)
		}
		if d.PageAt(p.Offset) != p.Number || d.PageAt(p.Offset+len(p.Text)/2) != p.Number {
			t.Errorf("%s: PageAt does not find page %d", d.Name, p.Number)
		}
		end = p.Offset + len(p.Text)
	}
	if end != len(d.Text) {
		t.Errorf("%s: pages end at %d, text at %d", d.Name, end, len(d.Text))
	}
}

func TestPagesAndOffsets(t *testing.T) {
	for _, name := range []string{"pdf/002.chromium.pdf", "pdf/004.tcvn3.pdf", "html/001.cp1258.html", "legacy/002.vni.txt"} {
		d, err := extract.Text(context.Background(), load(t, filepath.Join(fixtures, name)), extract.Options{})
		if err != nil {
			t.Fatal(err)
		}
		checkOffsets(t, d)
	}
}

// Plain text with form feeds has one page per feed, as pdftotext writes.
func TestTextPages(t *testing.T) {
	doc, _ := corpus.NewDocument("a.txt", []byte("Trang một\fTrang hai\n\fTrang ba\f"))
	d, err := extract.Text(context.Background(), doc, extract.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Pages) != 3 || d.Pages[2].Text != "Trang ba" || d.Engine != "text" {
		t.Errorf("pages = %+v", d.Pages)
	}
	checkOffsets(t, d)
}

func TestRaw(t *testing.T) {
	doc, _ := corpus.NewDocument("a.txt", []byte("Hoà  bình\r\nthuỷ"))
	raw, _ := extract.Text(context.Background(), doc, extract.Options{Raw: true})
	norm, _ := extract.Text(context.Background(), doc, extract.Options{})
	if raw.Text != "Hoà  bình\r\nthuỷ" || norm.Text != "Hòa bình thủy" {
		t.Errorf("raw %+q, normalized %+q", raw.Text, norm.Text)
	}
}

func TestEngineRecorded(t *testing.T) {
	doc := load(t, filepath.Join(fixtures, "pdf/000.wk.pdf"))
	d, err := extract.Text(context.Background(), doc, extract.Options{})
	if err != nil || d.Engine != "go" {
		t.Fatalf("engine %q, %v", d.Engine, err)
	}
	if havePoppler(t) {
		d, err := extract.Text(context.Background(), doc, extract.Options{PDFEngine: pdftext.Poppler})
		if err != nil || d.Engine != "poppler" {
			t.Errorf("engine %q, %v", d.Engine, err)
		}
	}
}

// Failures name the document and wrap the cause.
func TestErrors(t *testing.T) {
	data, err := os.ReadFile(filepath.Join(fixtures, "pdf/encrypted-user.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	doc, _ := corpus.NewDocument("plans/khoa.pdf", data)
	_, err = extract.Text(context.Background(), doc, extract.Options{})
	if !errors.Is(err, pdftext.ErrEncrypted) || err.Error() != "plans/khoa.pdf: encrypted PDF: not supported" {
		t.Errorf("err = %v", err)
	}
	cut, _ := corpus.NewDocument("plans/cut.pdf", data[:len(data)/2])
	if _, err := extract.Text(context.Background(), cut, extract.Options{}); err == nil || !strings.HasPrefix(err.Error(), "plans/cut.pdf: malformed PDF") {
		t.Errorf("err = %v", err)
	}
	odd := &corpus.Document{Path: "x.bin", Data: []byte{1}, Format: corpus.Unknown}
	if _, err := extract.Text(context.Background(), odd, extract.Options{}); !errors.Is(err, corpus.ErrUnsupported) {
		t.Errorf("err = %v", err)
	}
}
