package ocr

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

func TestParseTSV(t *testing.T) {
	tsv := "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n" +
		"1\t1\t0\t0\t0\t0\t0\t0\t2480\t3508\t-1\t\n" +
		"4\t1\t1\t1\t1\t0\t100\t200\t900\t50\t-1\t\n" +
		"5\t1\t1\t1\t1\t1\t100\t200\t200\t50\t96.5\tKế\n" +
		"5\t1\t1\t1\t1\t2\t320\t200\t300\t50\t93.5\thoạch\n" +
		"4\t1\t1\t1\t2\t0\t100\t260\t900\t50\t-1\t\n" +
		"5\t1\t1\t1\t2\t1\t100\t260\t200\t50\t90\tnăm\n" +
		"4\t1\t2\t1\t1\t0\t100\t400\t900\t50\t-1\t\n" +
		"5\t1\t2\t1\t1\t1\t100\t400\t200\t50\t80\t2025\n"
	p := ParseTSV([]byte(tsv))
	if p.Text != "Kế hoạch năm\n2025" || len(p.Words) != 4 || p.Conf != 90 || p.Width != 2480 || p.Height != 3508 {
		t.Errorf("ParseTSV = %q, %d words, conf %v, %dx%d", p.Text, len(p.Words), p.Conf, p.Width, p.Height)
	}
	if w := p.Words[1]; w.X0 != 320 || w.X1 != 620 || w.LineTop != 200 || w.LineBottom != 250 {
		t.Errorf("word box %+v", w)
	}
}

// Without pdftoppm a scanned page is read from its image as stored, and a
// page that is not a plain scan says what to install.
func TestWithoutPdftoppm(t *testing.T) {
	tess, err := exec.LookPath("tesseract")
	if err != nil {
		t.Skip("SKIPPED, not passed: Tesseract is not installed")
	}
	bin := t.TempDir()
	os.Symlink(tess, filepath.Join(bin, "tesseract"))
	t.Setenv("PATH", bin)
	e := &Engine{}
	if err := e.Check(); err != nil {
		t.Skipf("SKIPPED, not passed: %v", err)
	}
	scan, _ := os.ReadFile("../../testdata/office/scan/D05_trieuson_congvan_2023.pdf")
	p, err := e.PDFPage(context.Background(), scan, 1)
	if err != nil || !strings.Contains(p.Text, "học tập") {
		t.Errorf("a scan without pdftoppm: %v", err)
	}
	mixed, _ := os.ReadFile("../../testdata/office/mixed.pdf")
	if _, err := e.PDFPage(context.Background(), mixed, 1); !errors.Is(err, ErrMissing) || !strings.Contains(err.Error(), "apt-get install poppler-utils") {
		t.Errorf("a typed page without pdftoppm: %v", err)
	}
}
