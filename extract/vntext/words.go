package vntext

import (
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/transform"
)

// maxWord is the longest letter run, in bytes, that word transformers wait
// for across buffer boundaries; longer runs (never Vietnamese syllables) are
// passed through in pieces.
const maxWord = 64

func asciiLetter(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }

func isWordRune(r rune) bool {
	if r < 0x80 {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z'
	}
	if li := info(r); li != nil && li.letter {
		return true
	}
	return unicode.IsLetter(r) || unicode.Is(unicode.Mn, r)
}

// wordTransformer applies fn to every maximal run of letters (a word) and
// copies everything else. fn returns the replacement, or nil to keep the
// word as it is. It is the skeleton of the word-level stages (tone
// placement, look-alike letters); each only says what it does to one word.
type wordTransformer struct {
	transform.NopResetter
	fn func(word []byte) []byte
}

func (t wordTransformer) Transform(dst, src []byte, atEOF bool) (nDst, nSrc int, err error) {
	for nSrc < len(src) {
		r, size := utf8.DecodeRune(src[nSrc:])
		if r == utf8.RuneError && size <= 1 && !atEOF && !utf8.FullRune(src[nSrc:]) {
			return nDst, nSrc, transform.ErrShortSrc
		}
		if !isWordRune(r) {
			if nDst+size > len(dst) {
				return nDst, nSrc, transform.ErrShortDst
			}
			nDst += copy(dst[nDst:], src[nSrc:nSrc+size])
			nSrc += size
			continue
		}
		end := nSrc
		complete := false
		for end < len(src) {
			r, n := utf8.DecodeRune(src[end:])
			if r == utf8.RuneError && n <= 1 && !atEOF && !utf8.FullRune(src[end:]) {
				break
			}
			if !isWordRune(r) {
				complete = true
				break
			}
			end += n
		}
		if end == len(src) && atEOF {
			complete = true
		}
		if !complete && end-nSrc < maxWord {
			// Wait for the rest of the word; a longer run is passed on as it is.
			return nDst, nSrc, transform.ErrShortSrc
		}
		word := src[nSrc:end]
		out := word
		if complete {
			if rep := t.fn(word); rep != nil {
				out = rep
			}
		}
		if nDst+len(out) > len(dst) {
			return nDst, nSrc, transform.ErrShortDst
		}
		nDst += copy(dst[nDst:], out)
		nSrc = end
	}
	return nDst, nSrc, nil
}

// wordPass applies fns in turn to every word of s (a maximal run of
// letters), as a chain of wordTransformers would, without their buffers:
// s itself comes back when no word changes, which is most of the time.
// Words of ASCII letters alone are left as they are: the word stages
// (tone placement, look-alike letters) change only words with a letter
// beyond ASCII.
func wordPass(s string, fns ...func([]byte) []byte) string {
	var out []byte // nil until a word changes
	var buf []byte
	last := 0
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf && !asciiLetter(c) {
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if !isWordRune(r) {
			i += size
			continue
		}
		j, ascii := i+size, r < utf8.RuneSelf
		for j < len(s) {
			if c := s[j]; c < utf8.RuneSelf {
				if !asciiLetter(c) {
					break
				}
				j++
				continue
			}
			r, n := utf8.DecodeRuneInString(s[j:])
			if !isWordRune(r) {
				break
			}
			j += n
			ascii = false
		}
		if ascii {
			// No diacritics to place, no look-alike letters.
			i = j
			continue
		}
		buf = append(buf[:0], s[i:j]...)
		w, changed := buf, false
		for _, fn := range fns {
			if rep := fn(w); rep != nil {
				w, changed = rep, true
			}
		}
		if changed {
			if out == nil {
				out = make([]byte, 0, len(s)+16)
			}
			out = append(append(out, s[last:i]...), w...)
			last = j
		}
		i = j
	}
	if out == nil {
		return s
	}
	return string(append(out, s[last:]...))
}
