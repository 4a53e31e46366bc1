package pdftext

import (
	"context"
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
