package pdftext

import (
	"bytes"
	"image/jpeg"
	"os"
	"testing"
)

// A scanner's page (one JPEG drawn whole) is taken as stored; a typed
// page is not an image.
func TestPageImage(t *testing.T) {
	scan, err := os.ReadFile("../../testdata/office/scan/D05_trieuson_congvan_2023.pdf")
	if err != nil {
		t.Fatal(err)
	}
	img, dpi, ok := PageImage(scan, 1)
	if !ok || dpi < 195 || dpi > 205 {
		t.Fatalf("a scanned page at 200 dpi: %v, %.0f dpi", ok, dpi)
	}
	cfg, err := jpeg.DecodeConfig(bytes.NewReader(img))
	if err != nil || cfg.Width < 1500 || cfg.Height < 2000 {
		t.Errorf("the scan's JPEG: %v, %+v", err, cfg)
	}
	if _, _, ok := PageImage(scan, 9); ok {
		t.Error("an image for a page past the end")
	}
	mixed, _ := os.ReadFile("../../testdata/office/mixed.pdf")
	if _, _, ok := PageImage(mixed, 1); ok {
		t.Error("an image for a typed page")
	}
	if _, _, ok := PageImage([]byte("%PDF-1.4 garbage"), 1); ok {
		t.Error("an image from garbage")
	}
}
