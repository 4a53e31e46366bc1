package targets_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chitieu/chitieu/corpus"
	"github.com/chitieu/chitieu/extract"
	"github.com/chitieu/chitieu/extract/gold"
	"github.com/chitieu/chitieu/extract/ocr"
	"github.com/chitieu/chitieu/extract/targets"
	"github.com/chitieu/chitieu/extract/vntext"
)

// scoreCopies scores the copies of the development set in dir (made by
// testdata/office/make.sh, named as the plans with another extension)
// against its gold file.
func scoreCopies(t *testing.T, dir, ext string, opt extract.Options) *gold.Report {
	t.Helper()
	entries := readGoldFile(t, "../../testdata/dev/gold.jsonl")
	for i := range entries {
		entries[i].Doc = strings.TrimSuffix(entries[i].Doc, ".txt") + ext
	}
	paths, _ := filepath.Glob(filepath.Join(dir, "*"+ext))
	if len(paths) != 20 {
		t.Fatalf("%d copies in %s, want the 20 plans of the development set", len(paths), dir)
	}
	x := targets.New(targets.Options{})
	var recs []targets.Record
	for _, p := range paths {
		doc, err := corpus.Load(p)
		if err != nil {
			t.Fatal(err)
		}
		d, err := extract.Text(context.Background(), doc, opt)
		if err != nil {
			t.Fatal(err)
		}
		if ext == ".pdf" && strings.Contains(dir, "scan") {
			src, _ := os.ReadFile(filepath.Join("../../testdata/dev/docs", strings.TrimSuffix(filepath.Base(p), ext)+".txt"))
			conf := 0.0
			for _, pg := range d.Pages {
				conf += pg.Confidence / float64(len(d.Pages))
			}
			t.Logf("%s: OCR character accuracy %.3f, mean word confidence %.1f", filepath.Base(p), charAccuracy(vntext.Normalize(string(src)), d.Text), conf)
		}
		res, err := x.Extract(d)
		if err != nil {
			t.Fatal(err)
		}
		checkRecords(t, d, res.Records())
		recs = append(recs, res.Records()...)
	}
	rep := gold.Score(entries, recs)
	t.Logf("%s: precision %.3f recall %.3f F1 %.3f (TP %d FP %d FN %d)", dir, rep.Precision(), rep.Recall(), rep.F1(), rep.TP, rep.FP, rep.FN)
	for _, e := range rep.Errors {
		switch {
		case e.Gold != nil && e.Record != nil:
			t.Logf("%s: %s %s=%v@%d, got %s=%v@%d", e.Class, e.Gold.Doc, e.Gold.Indicator, e.Gold.Value, e.Gold.Year, e.Record.Indicator, e.Record.Value, e.Record.Year)
		case e.Gold != nil:
			t.Logf("%s: %s %s=%v@%d: %s", e.Class, e.Gold.Doc, e.Gold.Indicator, e.Gold.Value, e.Gold.Year, e.Gold.Evidence)
		default:
			t.Logf("%s: %s %s=%v@%d: %s", e.Class, e.Record.Doc, e.Record.Indicator, e.Record.Value, e.Record.Year, e.Record.Text)
		}
	}
	return rep
}

// txtF1 is the F1 of the plain-text plans, which the copies are held to.
func txtF1(t *testing.T) float64 {
	t.Helper()
	return scoreDir(t, "../../testdata/dev/docs", "../../testdata/dev/gold.jsonl").F1()
}

// The Word copies of the development set score within 2% of the text.
func TestWordCopies(t *testing.T) {
	base := txtF1(t)
	for _, c := range []struct{ dir, ext string }{{"docx", ".docx"}, {"doc", ".doc"}} {
		t.Run(c.ext, func(t *testing.T) {
			rep := scoreCopies(t, filepath.Join("../../testdata/office", c.dir), c.ext, extract.Options{})
			if rep.F1() < 0.98*base {
				t.Errorf("F1 %.3f on the %s copies < 0.98 × %.3f (the text)", rep.F1(), c.ext, base)
			}
		})
	}
}

// The copies printed to PDF by Chromium: their tables are ruled, and are
// read from their rules. (What is lost is lost to page breaks: a
// sentence, or a heading's year, cut by the end of a page.)
func TestPDFCopies(t *testing.T) {
	base := txtF1(t)
	rep := scoreCopies(t, "../../testdata/office/pdf", ".pdf", extract.Options{OCR: extract.OCRNever})
	if rep.F1() < 0.95*base {
		t.Errorf("F1 %.3f on the PDF copies < 0.95 × %.3f (the text)", rep.F1(), base)
	}
}

// The scanned copies, read with OCR, score within 15% of the text.
func TestScannedCopies(t *testing.T) {
	if testing.Short() {
		t.Skip("OCR of 20 plans")
	}
	if err := (&ocr.Engine{}).Check(); err != nil {
		t.Skipf("SKIPPED, not passed: %v", err)
	}
	base := txtF1(t)
	rep := scoreCopies(t, "../../testdata/office/scan", ".pdf", extract.Options{OCRCache: t.TempDir()})
	if rep.F1() < 0.85*base {
		t.Errorf("F1 %.3f on the scanned copies < 0.85 × %.3f (the text)", rep.F1(), base)
	}
}

// charAccuracy is 1 - the edit distance between the source and the OCR
// text over the source's length, both without white space and "|".
func charAccuracy(src, got string) float64 {
	clean := func(s string) []rune {
		var out []rune
		for _, r := range s {
			if r != ' ' && r != '\n' && r != '\t' && r != '\f' && r != '|' && r != '-' {
				out = append(out, r)
			}
		}
		return out
	}
	a, b := clean(src), clean(got)
	if len(a) == 0 {
		return 0
	}
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return 1 - float64(prev[len(b)])/float64(len(a))
}
