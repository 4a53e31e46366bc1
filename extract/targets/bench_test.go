package targets_test

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chitieu/chitieu/corpus"
	"github.com/chitieu/chitieu/extract"
	"github.com/chitieu/chitieu/extract/targets"
)

// samplePDF returns the sample corpus's PDF (seed 002, 11 pages).
func samplePDF(b *testing.B) *corpus.Document {
	docs, err := corpus.Sample()
	if err != nil {
		b.Fatal(err)
	}
	for _, d := range docs {
		if d.Format == corpus.PDF {
			return d
		}
	}
	b.Fatal("no PDF in the sample corpus")
	return nil
}

// plan200 builds a 200-page plan's text layer from the sample PDF's pages.
func plan200(b *testing.B) *extract.Document {
	d := textOf(b, samplePDF(b))
	out := &extract.Document{Name: "plan200", Path: "plan200", DocID: "x"}
	var sb strings.Builder
	for i := 0; len(out.Pages) < 200; i++ {
		p := d.Pages[i%len(d.Pages)]
		if sb.Len() > 0 {
			sb.WriteString(extract.PageSep)
		}
		out.Pages = append(out.Pages, extract.Page{Number: len(out.Pages) + 1, Offset: sb.Len(), Text: p.Text})
		sb.WriteString(p.Text)
	}
	out.Text = sb.String()
	return out
}

// BenchmarkExtract200Pages runs target extraction (structure, locality,
// rules) on the text of a 200-page plan and reports MB/s of text.
func BenchmarkExtract200Pages(b *testing.B) {
	d := plan200(b)
	x := targets.New(targets.Options{})
	b.SetBytes(int64(len(d.Text)))
	b.ResetTimer()
	n := 0
	for range b.N {
		res, err := x.Extract(d)
		if err != nil {
			b.Fatal(err)
		}
		n = len(res.Records())
	}
	b.ReportMetric(float64(n), "records")
}

// BenchmarkPipelinePDF200 is 'chitieu extract' on a 200-page PDF: the PDF's
// text layer (pure Go), normalization and target extraction. The PDF is
// the sample's 11 pages joined 19 times with poppler's pdfunite, so the
// benchmark needs poppler-utils (which .ci/run installs).
func BenchmarkPipelinePDF200(b *testing.B) {
	if _, err := exec.LookPath("pdfunite"); err != nil {
		b.Skip("pdfunite (poppler-utils) not installed")
	}
	dir := b.TempDir()
	src := filepath.Join(dir, "plan.pdf")
	if err := os.WriteFile(src, samplePDF(b).Data, 0o644); err != nil {
		b.Fatal(err)
	}
	args := []string{}
	for range 19 {
		args = append(args, src)
	}
	big := filepath.Join(dir, "plan209.pdf")
	if out, err := exec.Command("pdfunite", append(args, big)...).CombinedOutput(); err != nil {
		b.Fatalf("pdfunite: %v: %s", err, out)
	}
	doc, err := corpus.Load(big)
	if err != nil {
		b.Fatal(err)
	}
	x := targets.New(targets.Options{})
	b.ResetTimer()
	start := time.Now()
	pages := 0
	for range b.N {
		d, err := extract.Text(context.Background(), doc, extract.Options{})
		if err != nil {
			b.Fatal(err)
		}
		if _, err := x.Extract(d); err != nil {
			b.Fatal(err)
		}
		pages = len(d.Pages)
	}
	b.ReportMetric(time.Since(start).Seconds()/float64(b.N), "s/doc")
	b.ReportMetric(float64(pages), "pages")
}
