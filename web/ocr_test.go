package web

import (
	"context"
	"strings"
	"testing"

	"github.com/chitieu/chitieu/corpus"
	"github.com/chitieu/chitieu/extract/ocr"
	"github.com/chitieu/chitieu/index"
)

// A document with a scanned page says which page OCR read, and marks the
// records read from it.
func TestDocPageOCR(t *testing.T) {
	if err := (&ocr.Engine{}).Check(); err != nil {
		t.Skipf("SKIPPED, not passed: %v", err)
	}
	ix, err := index.Open(t.TempDir(), index.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	srcs, err := index.FileSources(corpus.Loader{}, []string{"../testdata/office/mixed.pdf", "../testdata/office/scan/D05_trieuson_congvan_2023.pdf"})
	if err != nil {
		t.Fatal(err)
	}
	if sum, err := ix.Ingest(context.Background(), srcs, index.IngestOptions{}); err != nil || sum.Added != 2 {
		t.Fatalf("ingest: %v %+v", err, sum)
	}
	docs, _ := ix.Documents(context.Background())
	s, err := New(ix, Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range docs {
		body := get(s.Handler(), "/doc/"+d.ID).Body.String()
		wants := []string{"Trang đọc bằng OCR", `<dd class="ocr">1 (`, `<abbr class="ocr"`} // the scan: every page
		if d.Name == "mixed.pdf" {
			wants = []string{"Trang đọc bằng OCR", `<dd class="ocr">3 (`} // the signatures' page
		}
		for _, want := range wants {
			if !strings.Contains(body, want) {
				t.Errorf("the page of %s lacks %q", d.Name, want)
			}
		}
	}
}
