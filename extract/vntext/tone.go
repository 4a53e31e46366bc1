package vntext

import (
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/transform"
)

// TonePlacement returns a Transformer that writes tone marks in the one
// convention the state's documents use ("hòa", "thủy", "khỏe", "Ủy ban"), so
// that the two spellings in circulation become the same string:
//
//   - in the open syllables oa, oe, uy (no final consonant) the mark goes on
//     the first vowel: "hoà" → "hòa", "thuỷ" → "thủy", "UỶ" → "ỦY";
//   - a mark written on the u of "qu" or the i of "gi" moves to the vowel
//     after it: "qúy" → "quý".
//
// Nothing else moves: "hoàng", "toán", "thuyền", "quý", "khuya", "giữ" stay
// exactly as they are, and so does any word that is not a well-formed
// syllable. Input must be NFC.
func TonePlacement() transform.Transformer {
	return wordTransformer{fn: placeTone}
}

// PlaceToneWord is TonePlacement for one word in NFC, for analyzers that
// work a token at a time: it returns the word with the canonical tone
// placement, or nil when the word is already canonical or is not a
// Vietnamese syllable.
func PlaceToneWord(word []byte) []byte { return placeTone(word) }

func placeTone(word []byte) []byte {
	if len(word) < 2 || len(word) > 3*8 || !mayMoveTone(word) {
		return nil
	}
	s, ok := parseSyllable(string(word))
	if !ok || s.tone == Level {
		return nil
	}
	switch {
	case s.toneInOnset:
		out := append([]rune{}, s.onset...)
		for i, r := range out {
			base, _ := splitTone(r)
			out[i] = base
		}
		nu := append([]rune{}, s.nucleus...)
		i := mainVowel(nu, len(s.coda) > 0)
		base, _ := splitTone(nu[i])
		nu[i] = setTone(base, s.tone)
		out = append(append(out, nu...), s.coda...)
		return []byte(string(out))
	case len(s.coda) == 0 && len(s.nucleus) == 2 && s.toneAt == 1:
		switch toneless([]rune{unicode.ToLower(s.nucleus[0]), unicode.ToLower(s.nucleus[1])}) {
		case "oa", "oe", "uy":
		default:
			return nil
		}
		first, _ := splitTone(s.nucleus[0])
		second, _ := splitTone(s.nucleus[1])
		out := append([]rune{}, s.onset...)
		out = append(out, setTone(first, s.tone), second)
		return []byte(string(out))
	}
	return nil
}

// mainVowel picks the vowel of a toneless-or-toned cluster that carries the
// tone: the last vowel with a modifier (ă â ê ô ơ ư), else the last vowel when
// a consonant closes the syllable, else the only or first vowel.
func mainVowel(nu []rune, closed bool) int {
	for i := len(nu) - 1; i >= 0; i-- {
		base, _ := splitTone(nu[i])
		switch unicode.ToLower(base) {
		case 'ă', 'â', 'ê', 'ô', 'ơ', 'ư':
			return i
		}
	}
	if closed {
		return len(nu) - 1
	}
	return 0
}

// mayMoveTone is a quick test that passes every word TonePlacement could
// change: one ending in o/u + a toned vowel, or with a toned u or i right
// after q or g.
func mayMoveTone(w []byte) bool {
	last, n := utf8.DecodeLastRune(w)
	prev, _ := utf8.DecodeLastRune(w[:len(w)-n])
	lb, lt := splitTone(unicode.ToLower(last))
	pb, pt := splitTone(unicode.ToLower(prev))
	if lt != Level && pt == Level && (pb == 'o' && (lb == 'a' || lb == 'e') || pb == 'u' && lb == 'y') {
		return true
	}
	if len(w) >= 2 && (w[0]|0x20 == 'q' || w[0]|0x20 == 'g') {
		r, _ := utf8.DecodeRune(w[1:])
		b, t := splitTone(unicode.ToLower(r))
		return t != Level && (b == 'u' || b == 'i')
	}
	return false
}
