package vntext

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// foldChain is the definition of the fold: decompose, drop the marks, map
// what is left (đ → d, curly quotes → straight, lower case), recompose. A
// new chain each time: a Chain is not safe for concurrent use.
func foldChain() transform.Transformer {
	return transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), runes.Map(foldRune), norm.NFC)
}

func foldRune(r rune) rune {
	switch r {
	case 'đ', 'Đ', 'ð', 'Ð':
		return 'd'
	case '“', '”', '„', '‟', '″', '«', '»':
		return '"'
	case '‘', '’', '‚', '‛', '′':
		return '\''
	case '–', '—', '‐', '‑', '−':
		return '-'
	}
	return unicode.ToLower(r)
}

// foldTable caches the fold of every rune in the Latin blocks, where all of
// Vietnamese lives, so that Fold is a table lookup per rune.
var foldTable = func() map[rune]string {
	m := make(map[rune]string, 1024)
	add := func(lo, hi rune) {
		for r := lo; r <= hi; r++ {
			s, _, err := transform.String(foldChain(), string(r))
			if err == nil {
				m[r] = s
			}
		}
	}
	add(0x80, 0x24F)
	add(0x300, 0x36F)
	add(0x1E00, 0x1EFF)
	add(0x2010, 0x2033)
	return m
}()

// foldMore caches the fold of runes outside foldTable: a chain per rune
// is costly, and a text repeats its symbols.
var foldMore sync.Map // rune → string

func foldOf(r rune) string {
	if s, ok := foldTable[r]; ok {
		return s
	}
	if s, ok := foldMore.Load(r); ok {
		return s.(string)
	}
	s, _, err := transform.String(foldChain(), string(r))
	if err != nil {
		s = string(r)
	}
	foldMore.Store(r, s)
	return s
}

// Fold returns s for accent-insensitive matching: lower case, without
// diacritics, đ as d, curly quotes and dashes as their ASCII forms:
// "Đường Nguyễn Huệ" → "duong nguyen hue". NFC and NFD input fold the same.
// The fold is lossy (bắc, bạc, bác all become bac): it feeds matchers and
// the index's folded field, never the stored text.
func Fold(s string) string {
	f, _ := fold(s, false)
	return f
}

// FoldMap is Fold that also returns, for each byte of the folded text, the
// byte offset in s of the character it came from, plus a final entry equal
// to len(s): a match at folded[i:j] is s[offsets[i]:offsets[j]].
func FoldMap(s string) (folded string, offsets []int) {
	return fold(s, true)
}

func fold(s string, withMap bool) (string, []int) {
	var b strings.Builder
	b.Grow(len(s))
	var offs []int
	if withMap {
		offs = make([]int, 0, len(s)+1)
	}
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			b.WriteByte(c)
			if withMap {
				offs = append(offs, i)
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		f := foldOf(r)
		b.WriteString(f)
		if withMap {
			for range len(f) {
				offs = append(offs, i)
			}
		}
		i += n
	}
	if withMap {
		offs = append(offs, len(s))
	}
	return b.String(), offs
}

// HasDiacritics reports whether s has any letter that the fold changes other
// than by case: "hòa" does, "hoa" and "HOA" do not. Search uses it to decide
// whether a query asks for the exact spelling.
func HasDiacritics(s string) bool {
	for _, r := range s {
		if r < utf8.RuneSelf {
			continue
		}
		f := foldOf(r)
		if f != strings.ToLower(string(r)) && unicode.IsLetter(r) || unicode.Is(unicode.Mn, r) {
			return true
		}
	}
	return false
}
