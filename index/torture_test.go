package index

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/chitieu/chitieu/corpus"
	"github.com/chitieu/chitieu/extract"
	"github.com/chitieu/chitieu/internal/pdfgen"
)

func makePDF(objs []string, trailer string) []byte { return pdfgen.Raw(objs, trailer) }

func stream(s string) string { return pdfgen.Stream(s) }

// pagesPDF is a PDF of n pages, each with a line of text.
func pagesPDF(n int) []byte {
	objs := []string{"<< /Type /Catalog /Pages 2 0 R >>", "", "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
		stream("BT /F1 12 Tf 72 720 Td (Ke hoach nam 2025: 60% so nguoi duoc trang bi ky nang song.) Tj ET")}
	var kids []string
	for i := range n {
		objs = append(objs, "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> /Contents 4 0 R >>")
		kids = append(kids, fmt.Sprintf("%d 0 R", 5+i))
	}
	objs[1] = fmt.Sprintf("<< /Type /Pages /Kids [%s] /Count %d >>", strings.Join(kids, " "), n)
	return makePDF(objs, "")
}

// millionObjects is a one-page PDF with a million tiny objects beside.
func millionObjects() []byte {
	objs := []string{"<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [5 0 R] /Count 1 >>",
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
		stream("BT /F1 12 Tf 72 720 Td (Ke hoach nam 2025: 60% so nguoi duoc trang bi ky nang song.) Tj ET"),
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> /Contents 4 0 R >>"}
	for i := range 1000000 {
		objs = append(objs, strconv.Itoa(i))
	}
	return makePDF(objs, "")
}

// tortureCase is one file of the torture corpus and what ingest must do
// with it: fail with a reason that says why, or index it.
type tortureCase struct {
	name   string
	data   []byte
	reason string // "" when the file must be indexed
}

func tortureCases(t *testing.T) []tortureCase {
	good, err := os.ReadFile("../testdata/fixtures/pdf/000.chromium.pdf")
	if err != nil {
		t.Fatal(err)
	}
	cut := func(p int) []byte { return good[:len(good)*p/100] }
	badXref := bytes.Replace(good, []byte("startxref\n"), []byte("startxref\n9"), 1)
	img := makePDF([]string{"<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /XObject << /Im0 4 0 R >> >> /Contents 5 0 R >>",
		"<< /Type /XObject /Subtype /Image /Width 1 /Height 1 /ColorSpace /DeviceGray /BitsPerComponent 8 /Length 1 >>\nstream\n\x80\nendstream",
		stream("q 600 0 0 780 6 6 cm /Im0 Do Q")}, "")
	enc := makePDF([]string{"<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>", stream("\x8a\x13\xf0\x01\x9c\x55"),
		"<< /Filter /Standard /V 1 /R 2 /O (0123456789abcdef0123456789abcdef) /U (0123456789abcdef0123456789abcdef) /P -4 >>"},
		"/Encrypt 5 0 R /ID [<0123456789abcdef> <0123456789abcdef>]")
	nested := "<html><body>" + strings.Repeat("<div>", 100000) + "Mục tiêu đến năm 2025: 60% số người trong độ tuổi lao động được trang bị kỹ năng sống." + strings.Repeat("</div>", 100000) + "</body></html>"
	line := strings.Repeat("Mục tiêu đến năm 2025 đạt 60% số người được trang bị kỹ năng sống; ", 50<<20/80)
	return []tortureCase{
		{"empty.pdf", nil, "empty file"},
		{"cut10.pdf", cut(10), "malformed PDF"},
		{"cut50.pdf", cut(50), "malformed PDF"},
		{"cut90.pdf", cut(90), "malformed PDF"},
		{"bad-xref.pdf", badXref, "malformed PDF"},
		{"encrypted.pdf", enc, "encrypted"},
		{"image-only.pdf", img, "no text"},
		{"10000-pages.pdf", pagesPDF(10000), ""},
		{"million-objects.pdf", millionObjects(), ""},
		{"nested-divs.html", []byte(nested), ""},
		{"one-line-50MB.txt", []byte(line), "text too long"},
		{"invalid-utf8.txt", []byte("K\xe1\xba\xbf ho\xff\xfe\xc3\x28ch: \x80 60% s\xe1\xbb\x91 ng\xc6\xb0\xe1\xbb\x9di n\xe4m 2025\n"), ""},
		{"Kế hoạch số 12 năm 2022.txt", []byte("KẾ HOẠCH\nMục tiêu đến năm 2025: 60% số người trong độ tuổi lao động được trang bị kỹ năng sống.\n"), ""},
	}
}

// tortureDir holds the small files of the torture corpus, committed so
// that they can be tried by hand (chitieu ingest testdata/torture); the
// large ones (10,000 pages, 100,000 nested divs, 50 MB) are made by the
// test. Run with CHITIEU_WRITE_TORTURE=1 to write them again.
const tortureDir = "../testdata/torture"

func TestTortureCorpusCommitted(t *testing.T) {
	for _, c := range tortureCases(t) {
		if len(c.data) > 64<<10 {
			continue
		}
		p := filepath.Join(tortureDir, c.name)
		if os.Getenv("CHITIEU_WRITE_TORTURE") != "" {
			if err := os.WriteFile(p, c.data, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		b, err := os.ReadFile(p)
		if err != nil || !bytes.Equal(b, c.data) {
			t.Errorf("%s is missing or stale (%v): run with CHITIEU_WRITE_TORTURE=1", p, err)
		}
	}
}

// TestTorture ingests the torture corpus of the robustness issue beside
// a good plan: each file fails with its reason or is indexed, and the
// good plan is indexed whatever the others do.
func TestTorture(t *testing.T) {
	if testing.Short() {
		t.Skip("writes 60 MB of files")
	}
	dir := t.TempDir()
	cases := tortureCases(t)
	for _, c := range cases {
		if err := os.WriteFile(filepath.Join(dir, c.name), c.data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	good := "KẾ HOẠCH\nMục tiêu đến năm 2030: 75% số người trong độ tuổi lao động được trang bị năng lực thông tin.\n"
	os.WriteFile(filepath.Join(dir, "zz-good.txt"), []byte(good), 0o644)
	// A symlink loop, and a file deleted between listing and reading.
	os.Mkdir(filepath.Join(dir, "loop"), 0o755)
	os.Symlink("..", filepath.Join(dir, "loop", "up"))
	os.WriteFile(filepath.Join(dir, "deleted.txt"), []byte(good), 0o644)
	// A 500 MB PDF (sparse: it takes no disk), over the default --max-size.
	if f, err := os.Create(filepath.Join(dir, "huge.pdf")); err == nil {
		f.WriteString("%PDF-1.4\n")
		f.Truncate(500 << 20)
		f.Close()
	}

	srcs, err := FileSources(corpus.Loader{}, []string{dir})
	if err != nil {
		t.Fatal(err)
	}
	os.Remove(filepath.Join(dir, "deleted.txt"))
	ix, err := Open(t.TempDir(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	sum, err := ix.Ingest(context.Background(), srcs, IngestOptions{Text: textLimits()})
	if err != nil {
		t.Fatal(err)
	}
	reasons := map[string]string{}
	for _, f := range sum.Failures {
		reasons[filepath.Base(f.Path)] = f.Reason
	}
	for _, c := range cases {
		got, failed := reasons[c.name]
		t.Logf("%-28s %s", c.name, orOK(got))
		switch {
		case c.reason == "" && failed:
			t.Errorf("%s failed: %s", c.name, got)
		case c.reason != "" && !strings.Contains(got, c.reason):
			t.Errorf("%s: reason %q, want one with %q", c.name, got, c.reason)
		}
	}
	for _, f := range sum.Skips {
		reasons[filepath.Base(f.Path)] = f.Reason
	}
	for name, want := range map[string]string{"up": "symlink loop", "deleted.txt": "no such file", "huge.pdf": "file too large: 500.0 MB"} {
		if !strings.Contains(reasons[name], want) {
			t.Errorf("%s: reason %q, want one with %q", name, reasons[name], want)
		}
		t.Logf("%-28s %s", name, reasons[name])
	}
	res, err := ix.Search(context.Background(), Request{Query: "nang luc thong tin"})
	if err != nil || res.Total == 0 {
		t.Errorf("the good plan is not searchable: %v, %+v", err, res)
	}
	if st, _ := ix.Stats(); int(st.Failed) != len(sum.Failures) {
		t.Errorf("%d failures recorded in the index, %d in the summary", st.Failed, len(sum.Failures))
	}
}

func orOK(s string) string {
	if s == "" {
		return "indexed"
	}
	return s
}

func textLimits() extract.Options { return extract.Options{MaxText: 20 << 20} }
