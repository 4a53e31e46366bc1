package vntext

import (
	"testing"
	"unicode/utf8"
)

func TestRepairOCR(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"Đê`án xây dựng", "Đề án xây dựng"},     // a grave read as a spacing mark, in the space's place
		{"công dâñ học tập", "công dẫn học tập"}, // a tilde read over the consonant
		{"kê´ hoạch", "kế hoạch"},                // an acute as a spacing mark
		{"ho\u0300a bi\u0300nh", "hòa bình"},     // decomposed, then the canonical tone placement
		{"Kế hoạch số 12/KH-UBND", "Kế hoạch số 12/KH-UBND"},
		{"Año 2025 España", "Año 2025 España"}, // not Vietnamese: left alone where no syllable comes of it
		{"`quoted`", "`quoted`"},
	} {
		if got := RepairOCR(c.in); got != c.want {
			t.Errorf("RepairOCR(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func FuzzRepairOCR(f *testing.F) {
	for _, s := range []string{"Đê`án", "dâñ", "a\u0300\u0301", "`", "ñ"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return // the normalizer replaces ill-formed bytes before
		}
		out := RepairOCR(s)
		if !utf8.ValidString(out) || len(out) > 2*len(s)+8 {
			t.Fatalf("RepairOCR(%q) = %q", s, out)
		}
	})
}
