package pdftext

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// BenchmarkEngines extracts every printed fixture (LibreOffice, Chromium,
// wkhtmltopdf) with each engine, one document at a time, and reports pages
// per second on one core. pdftotext's figure includes starting the process,
// as it does in use.
func BenchmarkEngines(b *testing.B) {
	files, _ := filepath.Glob(filepath.Join(fixtures, "*.pdf"))
	var docs [][]byte
	pages := 0
	for _, f := range files {
		if strings.Contains(f, "encrypted") {
			continue
		}
		data := read(b, filepath.Base(f))
		res, err := Extract(context.Background(), data, Options{})
		if err != nil {
			b.Fatal(err)
		}
		docs = append(docs, data)
		pages += len(res.Pages)
	}
	for _, eng := range []Engine{Go, Poppler} {
		b.Run(string(eng), func(b *testing.B) {
			if eng == Poppler {
				if _, err := exec.LookPath("pdftotext"); err != nil {
					b.Skip("pdftotext not installed")
				}
			}
			start := time.Now()
			for range b.N {
				for _, d := range docs {
					if _, err := Extract(context.Background(), d, Options{Engine: eng}); err != nil {
						b.Fatal(err)
					}
				}
			}
			b.ReportMetric(float64(pages*b.N)/time.Since(start).Seconds(), "pages/s")
		})
	}
}

// BenchmarkLargePDF extracts one 228-page LibreOffice PDF (a 12-page
// fixture joined 19 times with poppler's pdfunite) with each engine, one
// whole document per operation, in one process each: pages per second on
// one core, where pdftotext's start-up no longer counts.
func BenchmarkLargePDF(b *testing.B) {
	for _, tool := range []string{"pdfunite", "pdftotext"} {
		if _, err := exec.LookPath(tool); err != nil {
			b.Skip(tool + " (poppler-utils) not installed")
		}
	}
	src := filepath.Join(fixtures, "002.dejavu.lo.pdf")
	var args []string
	for range 19 {
		args = append(args, src)
	}
	big := filepath.Join(b.TempDir(), "large.pdf")
	if out, err := exec.Command("pdfunite", append(args, big)...).CombinedOutput(); err != nil {
		b.Fatalf("pdfunite: %v: %s", err, out)
	}
	data, err := os.ReadFile(big)
	if err != nil {
		b.Fatal(err)
	}
	for _, eng := range []Engine{Go, Poppler} {
		b.Run(string(eng), func(b *testing.B) {
			pages := 0
			start := time.Now()
			for range b.N {
				res, err := Extract(context.Background(), data, Options{Engine: eng})
				if err != nil {
					b.Fatal(err)
				}
				pages += len(res.Pages)
			}
			b.ReportMetric(float64(pages)/time.Since(start).Seconds(), "pages/s")
		})
	}
}
