package pdftext

import (
	"strings"
	"testing"
)

// g makes a glyph of size 10 at (x, y) with advance 6 per rune.
func g(x, y float64, s string) glyph {
	w := 6.0 * float64(len([]rune(s)))
	return glyph{x: x, y: y, w: w, size: 10, text: s, space: s == " "}
}

// word lays a string out as glyphs, one per rune, from x.
func word(x, y float64, s string) []glyph {
	var out []glyph
	for _, r := range s {
		out = append(out, g(x, y, string(r)))
		x += 6
	}
	return out
}

func layout(gs []glyph) string { return layoutPage(gs, [4]float64{}) }

func TestLayoutLines(t *testing.T) {
	tests := []struct {
		name string
		in   []glyph
		want string
	}{
		// Drawn in any order, read top to bottom, left to right.
		{"order", append(word(10, 100, "sau"), word(10, 112, "trước")...), "trước sau"},
		// Letters from a fallback font drawn after the line, in the gaps
		// the first run left: back inside their words.
		{"fallback run", append(append(word(10, 100, "M"), word(22, 100, "c tiêu")...), g(16, 100, "ụ")), "Mục tiêu"},
		// A gap wider than a space is a space.
		{"gap", append(word(10, 100, "xã"), word(30, 100, "hội")...), "xã hội"},
		// Fake bold: the same glyphs drawn twice, half a point apart.
		{"fake bold", append(word(10, 100, "KẾ"), word(10.4, 100, "KẾ")...), "KẾ"},
		// A lone combining mark drawn just before its base letter.
		{"mark before base", []glyph{g(10, 100, "U"), g(15.5, 100, "\u0309"), g(16, 100, "y")}, "U\u0309y"},
		// An unmapped glyph drawn over a letter (a lost mark) goes.
		{"unmapped over a letter", []glyph{g(10, 100, "s"), g(16, 100, "ư"), g(22, 100, "a"), g(22, 100, "\ufffd")}, "sưa"},
		// Baselines a little apart are one line (superscript-like rise).
		{"rise", append(word(10, 100, "m"), g(16, 102, "2")), "m2"},
	}
	for _, tt := range tests {
		if got := layout(tt.in); got != tt.want {
			t.Errorf("%s: got %+q, want %+q", tt.name, got, tt.want)
		}
	}
}

// Two columns of four lines under a title that spans both: title, then
// the left column, then the right one.
func TestLayoutColumns(t *testing.T) {
	var gs []glyph
	gs = append(gs, word(10, 200, "TIÊU ĐỀ CHUNG CHO CẢ HAI CỘT CỦA TRANG NÀY Ở ĐÂY")...)
	for i := range 4 {
		y := 180 - float64(i)*12
		gs = append(gs, word(10, y, "trái "+string(rune('a'+i))+" dòng dài")...)
		gs = append(gs, word(200, y, "phải "+string(rune('a'+i))+" dòng dài")...)
	}
	got := strings.Fields(layout(gs))
	joined := strings.Join(got, " ")
	want := "TIÊU ĐỀ CHUNG CHO CẢ HAI CỘT CỦA TRANG NÀY Ở ĐÂY trái a dòng dài trái b dòng dài trái c dòng dài trái d dòng dài phải a dòng dài phải b dòng dài phải c dòng dài phải d dòng dài"
	if joined != want {
		t.Errorf("got %q\nwant %q", joined, want)
	}
}

// seg lays out one line as a segment that fills a column 600 points wide,
// so that the paragraph continues on the next line.
func seg(x, y float64, s string) segment {
	gs := word(x, y, s)
	return segment{glyphs: gs, x0: x, x1: 600, y: y, size: 10}
}

// Lines of one paragraph are joined as vntext.WrapJoin says.
func TestJoinLine(t *testing.T) {
	tests := []struct{ a, b, want string }{
		{"hệ thống giáo dục mở,", "linh hoạt", "hệ thống giáo dục mở, linh hoạt"},
		{"the docu-", "ment", "the document"},
		{"kinh tế-", "xã hội", "kinh tế-xã hội"},
		{"Ban chỉ đạo XMC-", "PCGD", "Ban chỉ đạo XMC-PCGD"},
		{"kinh tế -", "xã hội", "kinh tế - xã hội"},
		{"hyphen\u00ad", "ated", "hyphenated"},
	}
	for _, tt := range tests {
		paras := paragraphs(block{segs: []segment{seg(10, 112, tt.a), seg(10, 100, tt.b)}}, [4]float64{})
		if len(paras) != 1 || paras[0] != tt.want {
			t.Errorf("lines %q, %q = %q, want [%q]", tt.a, tt.b, paras, tt.want)
		}
	}
}
