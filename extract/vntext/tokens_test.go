package vntext

import (
	"strings"
	"testing"
	"unicode"
)

func TestTokens(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"", ""},
		{"Số: 68 /KH-UBND", "Số|68|KH|UBND"},
		{"“Gia đình học tập”: 40,0%", "Gia|đình|học|tập|40|0"},
		{"Vie\u0302\u0323t Nam", "Vie\u0302\u0323t|Nam"}, // NFD marks stay in their word
		{"a\xffb", "a|b"}, // invalid UTF-8 separates
		{"CNTT/PCGD", "CNTT|PCGD"},
		{"\u00a0xã\u200bhội", "xã|hội"},
	} {
		var got []string
		for _, tok := range Tokens(tc.in) {
			got = append(got, tc.in[tok.Start:tok.End])
		}
		if g := strings.Join(got, "|"); g != tc.want {
			t.Errorf("Tokens(%+q) = %+q, want %+q", tc.in, g, tc.want)
		}
	}
}

func TestLatinLetter(t *testing.T) {
	for r := rune(0); r <= 0x2FFF; r++ {
		if latinLetter(r) && !unicode.IsLetter(r) {
			t.Errorf("%U: latinLetter, not a letter", r)
		}
	}
}
