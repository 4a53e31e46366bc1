package pdftext

import (
	"bytes"
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

const fixtures = "../../testdata/fixtures/pdf"

func read(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(fixtures, name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func extract(t testing.TB, name string, opt Options) *Result {
	t.Helper()
	res, err := Extract(context.Background(), read(t, name), opt)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return res
}

func allText(r *Result) string {
	var b strings.Builder
	for _, p := range r.Pages {
		b.WriteString(p.Text)
		b.WriteString("\n")
	}
	return b.String()
}

// The library's GetPlainText moves letters drawn from a fallback font to the
// end of the line; here they stay in their words.
func TestFallbackFontLetters(t *testing.T) {
	for _, name := range []string{"000.liberation.lo.pdf", "000.mono.lo.pdf"} {
		text := allText(extract(t, name, Options{}))
		for _, want := range []string{
			"Tham dự có lãnh đạo một số sở, ban ngành, huyện, thị xã, thành phố.",
			"50% số người trong độ tuổi lao động được trang bị năng lực thông tin và kỹ năng sống",
		} {
			if !strings.Contains(text, want) {
				t.Errorf("%s: text lacks %q", name, want)
			}
		}
	}
}

// wkhtmltopdf's space glyph decodes as a tab; every space comes out as " ".
func TestSpacesAreSpaces(t *testing.T) {
	text := allText(extract(t, "000.wk.pdf", Options{}))
	if strings.ContainsAny(text, "\t\u00a0") {
		t.Errorf("text holds tabs or NBSP: %+q", text[:80])
	}
	if !strings.Contains(text, "Tham dự có lãnh đạo") {
		t.Errorf("text = %+q", text[:80])
	}
}

// Each page is decoded with its own fonts: GetPlainText uses page 1's.
func TestPagesUseTheirOwnFonts(t *testing.T) {
	data, err := os.ReadFile("../../corpus/sample/002_c57fbb1e870047eb.pdf") // LibreOffice, Liberation Serif
	if err != nil {
		t.Fatal(err)
	}
	res, err := Extract(context.Background(), data, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Pages) != 11 {
		t.Fatalf("pages = %d, want 11", len(res.Pages))
	}
	for _, p := range res.Pages {
		if p.Text == "" || strings.ContainsRune(p.Text, utf8.RuneError) {
			t.Errorf("page %d: empty or with U+FFFD: %+q", p.Number, p.Text[:min(60, len(p.Text))])
		}
	}
	last := res.Pages[len(res.Pages)-1].Text
	if !strings.Contains(last, "Bình Dương, ngày 31 tháng 3 năm 2022") {
		t.Errorf("last page = %+q", last)
	}
}

// Chromium writes pages top-down in flipped coordinates and paints the
// accents of the next page's first line in the bottom margin, clipped; no
// page may end with those letters.
func TestChromiumClippedAccents(t *testing.T) {
	res := extract(t, "accents.chromium.pdf", Options{})
	if len(res.Pages) < 3 {
		t.Fatalf("pages = %d, want several", len(res.Pages))
	}
	line := regexp.MustCompile(`^Ủy ban nhân dân xã số (\d+): Ở Ẵ Ỗ Ẫ Ỡ Ễ$`)
	n := 0
	for _, p := range res.Pages {
		for _, l := range strings.Split(p.Text, "\n") {
			if !line.MatchString(l) {
				t.Errorf("page %d: unexpected line %+q", p.Number, l)
				continue
			}
			n++
		}
	}
	if n != 240 {
		t.Errorf("%d lines, want 240", n)
	}
}

// A two-column page is read column by column; the title above the columns
// comes first.
func TestTwoColumns(t *testing.T) {
	text := allText(extract(t, "004.2col.chromium.pdf", Options{}))
	order := []string{
		"Kế hoạch 374/KH-UBND năm 2022",
		"a) Xây dựng xã hội học tập (XHHT) vừa là mục tiêu",
		"b) Xây dựng XHHT là giải pháp chiến lược",
		"c) Tạo cơ hội và điều kiện thuận lợi",
		"2.1. Mục tiêu đến năm 2025",
	}
	last := -1
	for _, s := range order {
		i := strings.Index(text, s)
		if i < 0 {
			t.Fatalf("text lacks %q", s)
		}
		if i < last {
			t.Errorf("%q comes before the text that precedes it", s)
		}
		last = i
	}
}

func TestFormXObject(t *testing.T) {
	text := allText(extract(t, "form.pdf", Options{}))
	if text != "Page text before the form\nText inside a form XObject\n" {
		t.Errorf("text = %+q", text)
	}
}

func TestScannedPDF(t *testing.T) {
	res := extract(t, "scan.pdf", Options{})
	if len(res.Warnings) != 1 || res.Warnings[0] != WarnNoText {
		t.Errorf("warnings = %q, want [%q]", res.Warnings, WarnNoText)
	}
	if len(res.Pages) != 2 {
		t.Errorf("pages = %d, want 2", len(res.Pages))
	}
}

func TestEncrypted(t *testing.T) {
	_, err := Extract(context.Background(), read(t, "encrypted-user.pdf"), Options{})
	if !errors.Is(err, ErrEncrypted) || err.Error() != "encrypted PDF: not supported" {
		t.Errorf("user-password PDF: err = %v, want %v", err, ErrEncrypted)
	}
	res := extract(t, "encrypted-owner.pdf", Options{})
	if !strings.Contains(allText(res), "Tham dự có lãnh đạo") {
		t.Errorf("owner-password PDF: text not read")
	}
	if len(res.Warnings) == 0 || res.Warnings[0] != WarnPermissions {
		t.Errorf("owner-password PDF: warnings = %q", res.Warnings)
	}
}

// Truncated and damaged files give errors or partial text, never a panic.
func TestDamagedFiles(t *testing.T) {
	data := read(t, "002.dejavu.lo.pdf")
	for _, frac := range []float64{0.1, 0.5, 0.9, 0.99} {
		cut := data[:int(float64(len(data))*frac)]
		_, err := Extract(context.Background(), cut, Options{})
		if err == nil {
			t.Errorf("cut at %.0f%%: no error", frac*100)
		} else if !errors.Is(err, ErrMalformed) {
			t.Errorf("cut at %.0f%%: %v, want %v", frac*100, err, ErrMalformed)
		}
	}
	// A broken cross-reference table: offsets that point nowhere.
	broken := bytes.Replace(data, []byte("0000000"), []byte("9999999"), 5)
	if _, err := Extract(context.Background(), broken, Options{}); err != nil && !errors.Is(err, ErrMalformed) {
		t.Errorf("broken xref: %v", err)
	}
	for _, junk := range [][]byte{nil, []byte("%PDF-1.4"), []byte("%PDF-1.4\n%%EOF"), []byte("%PDF-1.4\nstartxref\n99\n%%EOF\n")} {
		if _, err := Extract(context.Background(), junk, Options{}); !errors.Is(err, ErrMalformed) {
			t.Errorf("Extract(%q) = %v, want %v", junk, err, ErrMalformed)
		}
	}
}

func TestMaxPages(t *testing.T) {
	_, err := Extract(context.Background(), read(t, "002.dejavu.lo.pdf"), Options{MaxPages: 3})
	if !errors.Is(err, ErrTooManyPgs) {
		t.Errorf("err = %v, want %v", err, ErrTooManyPgs)
	}
}

func TestCanceled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Extract(ctx, read(t, "002.dejavu.lo.pdf"), Options{}); !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v, want %v", err, context.Canceled)
	}
}

func TestParseEngine(t *testing.T) {
	for in, want := range map[string]Engine{"": Go, "go": Go, "poppler": Poppler} {
		if got, err := ParseEngine(in); got != want || err != nil {
			t.Errorf("ParseEngine(%q) = %q, %v", in, got, err)
		}
	}
	if _, err := ParseEngine("mupdf"); err == nil {
		t.Errorf("ParseEngine(mupdf): no error")
	}
}

func requirePoppler(t *testing.T) {
	t.Helper()
	if _, err := exec.LookPath("pdftotext"); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("pdftotext missing in CI: .ci/run installs poppler-utils")
		}
		t.Skip("pdftotext not installed")
	}
}

func TestPoppler(t *testing.T) {
	requirePoppler(t)
	res := extract(t, "002.dejavu.lo.pdf", Options{Engine: Poppler})
	if res.Engine != Poppler || len(res.Pages) != 12 {
		t.Errorf("engine %q, %d pages; want poppler, 12", res.Engine, len(res.Pages))
	}
	if !strings.Contains(res.Pages[0].Text, "Bến Cát") {
		t.Errorf("page 1 = %+q", res.Pages[0].Text[:80])
	}
	if _, err := Extract(context.Background(), read(t, "encrypted-user.pdf"), Options{Engine: Poppler}); !errors.Is(err, ErrEncrypted) {
		t.Errorf("poppler on an encrypted PDF: %v", err)
	}
	if _, err := Extract(context.Background(), []byte("%PDF-1.4 junk"), Options{Engine: Poppler}); !errors.Is(err, ErrMalformed) {
		t.Errorf("poppler on junk: %v", err)
	}
}

func TestPageList(t *testing.T) {
	for _, tt := range []struct {
		in   []int
		want string
	}{{[]int{3}, "3"}, {[]int{3, 5}, "3, 5"}, {[]int{3, 4, 5, 6, 7, 9}, "3-7, 9"}} {
		if got := pageList(tt.in); got != tt.want {
			t.Errorf("pageList(%v) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestStartsItem(t *testing.T) {
	for s, want := range map[string]bool{
		"- Xóa mù chữ": true, "+ 50% số người": true, "a) Mục tiêu": true, "đ) Khác": true, "1. Mục tiêu chung": true,
		"2.1. Mục tiêu đến năm 2025": true, "II. MỤC TIÊU": true, "Mục tiêu": false, "2030 là năm": false, "": false,
	} {
		if got := startsItem(s); got != want {
			t.Errorf("startsItem(%q) = %v, want %v", s, got, want)
		}
	}
}

// FuzzExtract feeds the PDF wrapper damaged PDFs: it must return text or
// an error, never panic, and stay within a time bound.
func FuzzExtract(f *testing.F) {
	for _, name := range []string{"form.pdf", "scan.pdf", "broken-page.pdf", "004.tcvn3.pdf", "000.wk.pdf"} {
		f.Add(read(f, name))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		res, err := Extract(ctx, data, Options{MaxPages: 50})
		if err != nil {
			return
		}
		for _, p := range res.Pages {
			if !utf8.ValidString(p.Text) {
				t.Errorf("page %d: invalid UTF-8", p.Number)
			}
		}
	})
}

// TestTrailerSizeTooSmall reads a PDF whose trailer says /Size 5 for 54
// objects, as poppler's pdfunite writes them: the catalog lies beyond the
// table the parser keeps unless the size is raised.
func TestTrailerSizeTooSmall(t *testing.T) {
	data := read(t, "002.dejavu.lo.pdf")
	i := bytes.LastIndex(data, []byte("/Size "))
	j := i + len("/Size ")
	for data[j] >= '0' && data[j] <= '9' {
		j++
	}
	bad := append(append(append([]byte{}, data[:i]...), "/Size 5"...), data[j:]...)
	want, err := Extract(context.Background(), data, Options{})
	if err != nil {
		t.Fatal(err)
	}
	got, err := Extract(context.Background(), bad, Options{})
	if err != nil {
		t.Fatalf("Extract: %v", err)
	}
	if len(got.Pages) != len(want.Pages) || got.Pages[0].Text != want.Pages[0].Text {
		t.Errorf("repaired file reads %d pages, want %d", len(got.Pages), len(want.Pages))
	}
	if !slices.Contains(got.Warnings, WarnTrailerSize) {
		t.Errorf("warnings %q lack the repair", got.Warnings)
	}
}

// A ruled table of a PDF (a Word or web table printed) is read from its
// rules: a row per line, its cells apart, a wrapped cell whole.
func TestRuledTable(t *testing.T) {
	b, err := os.ReadFile("../../testdata/office/mixed.pdf")
	if err != nil {
		t.Fatal(err)
	}
	res, err := Extract(context.Background(), b, Options{})
	if err != nil {
		t.Fatal(err)
	}
	var all strings.Builder
	for _, p := range res.Pages {
		all.WriteString(p.Text + "\n")
	}
	for _, want := range []string{
		"TT | Chỉ tiêu | ĐVT | 2022 | 2023 | 2024 | 2025\n",
		"3 | Cơ quan, trường học, doanh nghiệp được công nhận \"Đơn vị học tập\" | % | 58 | 64 | 72 | 80\n",
	} {
		if !strings.Contains(all.String(), want) {
			t.Errorf("text lacks %q:\n%s", want, all.String())
		}
	}
}
