package vntext

import (
	"bytes"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
	"golang.org/x/text/unicode/rangetable"
)

// LookAlikes returns a Transformer that replaces the Icelandic eth (Ð U+00D0,
// ð U+00F0), which old fonts and OCR put in place of Đ/đ, inside words that
// are Vietnamese syllables once it is replaced: "Ðảm bảo" → "Đảm bảo".
func LookAlikes() transform.Transformer { return wordTransformer{fn: lookAlike} }

// lookAlike is LookAlikes for one word.
func lookAlike(w []byte) []byte {
	// Ð is C3 90 and ð C3 B0 in UTF-8; C3 leads â, ê, ô and others too.
	found := false
	for i := 0; i+1 < len(w) && !found; i++ {
		found = w[i] == 0xC3 && (w[i+1] == 0x90 || w[i+1] == 0xB0)
	}
	if !found {
		return nil
	}
	out := bytes.ReplaceAll(bytes.ReplaceAll(w, []byte("Ð"), []byte("Đ")), []byte("ð"), []byte("đ"))
	if !IsSyllable(string(out)) {
		return nil
	}
	return out
}

// compat holds the compatibility characters that are folded to their plain
// forms: Latin ligatures (ﬁ ﬂ ...) and the full-width ASCII forms (１２３).
var compat = rangetable.Merge(
	&unicode.RangeTable{R16: []unicode.Range16{{Lo: 0xFB00, Hi: 0xFB06, Stride: 1}}},
	&unicode.RangeTable{R16: []unicode.Range16{{Lo: 0xFF01, Hi: 0xFF5E, Stride: 1}}},
)

// Compatibility returns a Transformer that applies NFKC to ligatures and
// full-width forms only: full NFKC would also rewrite "…", "²" and "½".
func Compatibility() transform.Transformer {
	return runes.If(runes.In(compat), norm.NFKC, nil)
}

// Spaces returns a Transformer for invisible and spacing characters:
// every Unicode space (NBSP, the en/em/thin spaces, tab, ideographic
// space) becomes a plain space; line and paragraph separators and CR LF
// become "\n"; zero-width characters, the BOM and soft hyphens are removed;
// a soft hyphen at the end of a line joins the two lines (it marks a word
// broken by typesetting); other control characters are dropped.
//
// Soft hyphens must be removed only after legacy repair: in TCVN3 the same
// byte is the letter ư.
func Spaces() transform.Transformer { return spaces{} }

type spaces struct{ transform.NopResetter }

// spaceLead tells the bytes that may begin a character Spaces changes:
// controls but LF; C2, which begins NEL, NBSP, the soft hyphen and the C1
// controls; E1 (U+1680), E2 (the spaces, breaks and zero-width characters
// from U+2000), E3 (U+3000) and EF (U+FEFF). Every other byte is copied as
// it is, whatever it is part of (TestSpacesFastRange).
var spaceLead = func() (t [256]bool) {
	for b := range 0x20 {
		t[b] = b != '\n'
	}
	for _, b := range []byte{0x7F, 0xC2, 0xE1, 0xE2, 0xE3, 0xEF} {
		t[b] = true
	}
	return t
}()

func (spaces) Transform(dst, src []byte, atEOF bool) (nDst, nSrc int, err error) {
	for nSrc < len(src) {
		// Fast path: a run of bytes that are not the first of anything
		// Spaces changes is copied whole.
		j := nSrc
		for j < len(src) && !spaceLead[src[j]] {
			j++
		}
		if j > nSrc {
			n := copy(dst[nDst:], src[nSrc:j])
			nDst += n
			nSrc += n
			if nSrc < j {
				return nDst, nSrc, transform.ErrShortDst
			}
			continue
		}
		r, size := utf8.DecodeRune(src[nSrc:])
		if r == utf8.RuneError && size <= 1 && !atEOF && !utf8.FullRune(src[nSrc:]) {
			return nDst, nSrc, transform.ErrShortSrc
		}
		var out []byte
		switch {
		case r >= 0x100 && r < 0x2000 && r != 0x1680:
			// Letters and marks (Vietnamese ones among them): no space,
			// break or control below U+2000 but the Ogham space mark.
			out = src[nSrc : nSrc+size]
		case r == '\n':
			out = []byte{'\n'}
		case r == '\r':
			// CR LF and a lone CR both end a line.
			if nSrc+1 >= len(src) && !atEOF {
				return nDst, nSrc, transform.ErrShortSrc
			}
			if nSrc+1 < len(src) && src[nSrc+1] == '\n' {
				size = 2
			}
			out = []byte{'\n'}
		case r == '\u2028' || r == '\u2029' || r == '\f' || r == '\v':
			out = []byte{'\n'}
		case r == '\u00AD':
			// A soft hyphen before a line break joins the lines.
			rest := src[nSrc+size:]
			i := 0
			for i < len(rest) && (rest[i] == ' ' || rest[i] == '\t') {
				i++
			}
			if i == len(rest) && !atEOF {
				return nDst, nSrc, transform.ErrShortSrc
			}
			if i < len(rest) && (rest[i] == '\n' || rest[i] == '\r') {
				size += i + 1
				if rest[i] == '\r' && i+1 < len(rest) && rest[i+1] == '\n' {
					size++
				}
			}
		case r == '\u200B' || r == '\u200C' || r == '\u200D' || r == '\u2060' || r == '\uFEFF':
			// zero-width: removed
		case unicode.IsSpace(r) || unicode.Is(unicode.Zs, r):
			out = []byte{' '}
		case unicode.IsControl(r):
			// dropped
		default:
			out = src[nSrc : nSrc+size]
		}
		if nDst+len(out) > len(dst) {
			return nDst, nSrc, transform.ErrShortDst
		}
		nDst += copy(dst[nDst:], out)
		nSrc += size
	}
	return nDst, nSrc, nil
}
