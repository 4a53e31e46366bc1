package vntext

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// spacingTones are the spacing forms OCR engines give for tone marks,
// with the combining mark each stands for.
var spacingTones = map[rune]rune{
	'`':      '\u0300', // grave accent
	'\u00B4': '\u0301', // acute accent
	'\u02CB': '\u0300', // modifier grave
	'\u02CA': '\u0301', // modifier acute
	'\u02DC': '\u0303', // small tilde
	'\u02C0': '\u0309', // glottal stop, for the hook above
}

// RepairOCR repairs what OCR does to Vietnamese words before they are
// normalized: a tone mark read as a spacing character beside its vowel
// ("Đê`án"), a tone read over a consonant ("dâñ" for "dẫn"), and the
// decomposed sequences both leave. The mark goes back on the syllable's
// vowels, and a word that is then two syllables run together ("Đềán",
// where the mark took the space's place) is split ("Đề án"). Words OCR
// read without such marks are left as they are. The result is NFC.
func RepairOCR(s string) string {
	if !needsOCRRepair(s) {
		return norm.NFC.String(s)
	}
	var b strings.Builder
	rs := []rune(s)
	for i := 0; i < len(rs); {
		if !isOCRWordRune(rs[i]) {
			b.WriteRune(rs[i])
			i++
			continue
		}
		j := i
		for j < len(rs) && isOCRWordRune(rs[j]) {
			j++
		}
		b.WriteString(repairOCRWord(string(rs[i:j])))
		i = j
	}
	return b.String()
}

func needsOCRRepair(s string) bool {
	for _, r := range s {
		if _, ok := spacingTones[r]; ok {
			return true
		}
		if r >= 0x300 && r <= 0x323 {
			return true
		}
		if r == 'ñ' || r == 'Ñ' {
			return true
		}
	}
	return false
}

// isOCRWordRune: letters, combining marks and the spacing tones (which OCR
// puts inside words).
func isOCRWordRune(r rune) bool {
	_, tone := spacingTones[r]
	return unicode.IsLetter(r) || unicode.Is(unicode.Mn, r) || tone
}

func repairOCRWord(w string) string {
	orig := norm.NFC.String(w)
	var tone rune
	var out []rune
	changed := false
	spacing := false // a spacing mark between letters
	for _, r := range norm.NFD.String(w) {
		if c, ok := spacingTones[r]; ok {
			if len(out) == 0 || !unicode.IsLetter(out[len(out)-1]) && !unicode.Is(unicode.Mn, out[len(out)-1]) {
				out = append(out, r) // a quotation mark, not a tone
				continue
			}
			r, changed, spacing = c, true, true
		}
		if isToneMark(r) {
			if len(out) == 0 || !isVowel(baseOf(out[len(out)-1])) && !isModifier(out[len(out)-1]) {
				// A tone over a consonant (or before any letter): it is
				// the syllable's, put on its vowels below.
				tone, changed = r, true
				continue
			}
		}
		out = append(out, r)
	}
	if !changed {
		return orig
	}
	if tone != 0 {
		// After the last vowel (and its modifier): tone placement then
		// moves it where the spelling wants it.
		at := -1
		for i, r := range out {
			if isVowel(baseOf(r)) || isModifier(r) && i > 0 {
				at = i
			}
		}
		if at >= 0 {
			out = append(out[:at+1], append([]rune{tone}, out[at+1:]...)...)
		}
	}
	word := norm.NFC.String(string(out))
	if p := PlaceToneWord([]byte(word)); p != nil {
		word = string(p)
	}
	if IsSyllable(word) {
		return word
	}
	if spacing {
		// Two syllables run together where a mark took the space's place.
		wr := []rune(word)
		for k := len(wr) - 1; k > 0; k-- {
			left, right := string(wr[:k]), string(wr[k:])
			if IsSyllable(left) && IsSyllable(right) {
				return left + " " + right
			}
		}
	}
	return orig // not Vietnamese, or not a misreading this knows
}

func isToneMark(r rune) bool {
	_, ok := toneOfMark(r)
	return ok && r != 0
}

// isModifier: the combining marks of â, ă, ơ... (not tones).
func isModifier(r rune) bool {
	return r == '\u0302' || r == '\u0306' || r == '\u031B'
}

func baseOf(r rune) rune {
	return unicode.ToLower(r)
}
