package vntext

import (
	"unicode"
	"unicode/utf8"
)

// A Token is a maximal run of letters, combining marks and digits in a
// text: a syllable ("người"), a number ("1373"), an abbreviation ("CNTT").
// Start and End are byte offsets into the text.
type Token struct {
	Start, End int
}

// latinLetter reports, without a table search, whether r is in Latin
// Extended-A or B or Latin Extended Additional, where every character is
// a letter (TestLatinLetter): the Vietnamese letters beyond Latin-1.
func latinLetter(r rune) bool {
	return r >= 0x100 && r <= 0x24F || r >= 0x1E00 && r <= 0x1EFF
}

// Tokens returns the tokens of s in order. Everything else (spaces,
// punctuation, symbols) separates tokens. Invalid UTF-8 separates too.
func Tokens(s string) []Token {
	toks := make([]Token, 0, len(s)/5)
	start := -1
	for i := 0; i < len(s); {
		c := s[i]
		var in bool
		n := 1
		if c < utf8.RuneSelf {
			in = 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
		} else {
			var r rune
			r, n = utf8.DecodeRuneInString(s[i:])
			in = latinLetter(r) || r != utf8.RuneError && (unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r))
		}
		switch {
		case in && start < 0:
			start = i
		case !in && start >= 0:
			toks = append(toks, Token{start, i})
			start = -1
		}
		i += n
	}
	if start >= 0 {
		toks = append(toks, Token{start, len(s)})
	}
	return toks
}
