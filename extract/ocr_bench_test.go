package extract_test

import (
	"context"
	"os"
	"testing"
	"time"

	"github.com/chitieu/chitieu/corpus"
	"github.com/chitieu/chitieu/extract"
	"github.com/chitieu/chitieu/extract/ocr"
)

// BenchmarkOCR reads a scanned plan with OCR on every core: pages/minute,
// then reads it again with the same cache, as an ingest again would:
// pages OCR'd the second time (0: every page came from the cache).
func BenchmarkOCR(b *testing.B) {
	if err := (&ocr.Engine{}).Check(); err != nil {
		b.Skipf("SKIPPED: %v", err)
	}
	data, err := os.ReadFile("../testdata/office/scan/D12_chogao_kh_lotrinh_2022_2025.pdf")
	if err != nil {
		b.Fatal(err)
	}
	doc, err := corpus.NewDocument("D12.pdf", data)
	if err != nil {
		b.Fatal(err)
	}
	pages, again := 0, int64(0)
	var elapsed time.Duration
	for range b.N {
		opt := extract.Options{OCRCache: b.TempDir()}
		start := time.Now()
		d, err := extract.Text(context.Background(), doc, opt)
		if err != nil {
			b.Fatal(err)
		}
		elapsed += time.Since(start)
		pages += len(d.Pages)
		before := ocr.Reads()
		if _, err := extract.Text(context.Background(), doc, opt); err != nil {
			b.Fatal(err)
		}
		again += ocr.Reads() - before
	}
	b.ReportMetric(float64(pages)/elapsed.Minutes(), "pages/min")
	b.ReportMetric(float64(again)/float64(b.N), "pages-ocr-again")
}
