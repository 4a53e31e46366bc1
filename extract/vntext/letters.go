package vntext

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Tone is one of the six Vietnamese tones. The zero value is the level tone
// (thanh ngang), written without a mark.
type Tone uint8

// The tones, with the combining mark each is written with.
const (
	Level Tone = iota // ngang: no mark
	Grave             // huyền: U+0300
	Hook              // hỏi: U+0309
	Tilde             // ngã: U+0303
	Acute             // sắc: U+0301
	Dot               // nặng: U+0323
)

var toneMarks = [...]rune{Level: 0, Grave: '\u0300', Hook: '\u0309', Tilde: '\u0303', Acute: '\u0301', Dot: '\u0323'}

// Mark returns the combining character that writes t, or 0 for Level.
func (t Tone) Mark() rune { return toneMarks[t] }

func toneOfMark(r rune) (Tone, bool) {
	for t, m := range toneMarks {
		if m != 0 && m == r {
			return Tone(t), true
		}
	}
	return Level, false
}

// baseVowels are the twelve vowel letters of the alphabet, without tone.
const baseVowels = "aăâeêioôơuưyAĂÂEÊIOÔƠUƯY"

// vowelInfo describes a precomposed vowel: its toneless letter and its tone.
type vowelInfo struct {
	base rune
	tone Tone
}

var (
	vowels   = map[rune]vowelInfo{} // every toned or toneless vowel
	withTone = map[vowelInfo]rune{} // (base, tone) -> precomposed rune
	vietOnly = map[rune]bool{}      // letters of Vietnamese beyond Latin-1
	letters  = map[rune]bool{'đ': true, 'Đ': true}
)

// Lookup tables for the two blocks where Vietnamese letters live: Latin
// (U+0000-U+01FF) and Latin Extended Additional (U+1E00-U+1EFF). The maps
// above are the definition; the tables make the hot paths cheap.
const (
	latinEnd = 0x200
	extLo    = 0x1E00
	extHi    = 0x1F00
)

type letterInfo struct {
	letter, vowel, vietOnly bool
	base                    rune
	tone                    Tone
}

var latinTab [latinEnd]letterInfo
var extTab [extHi - extLo]letterInfo

func info(r rune) *letterInfo {
	switch {
	case r >= 0 && r < latinEnd:
		return &latinTab[r]
	case r >= extLo && r < extHi:
		return &extTab[r-extLo]
	}
	return nil
}

func init() {
	for _, b := range baseVowels {
		for t := Level; t <= Dot; t++ {
			s := string(b)
			if t != Level {
				s = norm.NFC.String(s + string(t.Mark()))
			}
			r, n := utf8.DecodeRuneInString(s)
			if n != len(s) {
				panic("vntext: no precomposed form for " + s)
			}
			vowels[r] = vowelInfo{b, t}
			withTone[vowelInfo{b, t}] = r
			letters[r] = true
		}
	}
	for r := 'a'; r <= 'z'; r++ {
		letters[r] = true
		letters[unicode.ToUpper(r)] = true
	}
	for r := range letters {
		if r > 0xFF {
			vietOnly[r] = true
		}
	}
	for r := range letters {
		li := info(r)
		if li == nil {
			panic("vntext: letter outside the tables")
		}
		li.letter, li.vietOnly, li.base = true, vietOnly[r], r
		if v, ok := vowels[r]; ok {
			li.vowel, li.base, li.tone = true, v.base, v.tone
		}
	}
}

// IsVietLetter reports whether r is a letter of the Vietnamese alphabet
// (including f, j, w, z, which loanwords use), in precomposed form.
func IsVietLetter(r rune) bool {
	li := info(r)
	return li != nil && li.letter
}

// splitTone returns the toneless letter and the tone of r. Consonants and
// other runes come back unchanged with Level.
func splitTone(r rune) (rune, Tone) {
	if li := info(r); li != nil && li.vowel {
		return li.base, li.tone
	}
	return r, Level
}

// setTone returns base (a toneless vowel) written with tone t.
func setTone(base rune, t Tone) rune {
	if r, ok := withTone[vowelInfo{base, t}]; ok {
		return r
	}
	return base
}

func isVowel(r rune) bool {
	li := info(r)
	return li != nil && li.vowel
}

// onsets lists the initial consonants, longest first so that the first
// match wins.
var onsets = []string{"ngh", "ng", "gh", "gi", "kh", "nh", "ph", "th", "tr", "ch", "qu",
	"b", "c", "d", "đ", "g", "h", "k", "l", "m", "n", "p", "q", "r", "s", "t", "v", "x"}

// nuclei are the toneless vowel clusters a syllable can have after its onset.
var nuclei = set(
	"a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y",
	"ai", "ao", "au", "ay", "âu", "ây", "eo", "êu", "ia", "iê", "iu", "oa", "oă", "oe",
	"oi", "ôi", "ơi", "oo", "ua", "uâ", "uê", "ui", "uô", "uơ", "uy", "ưa", "ưi", "ươ",
	"ưu", "yê", "iêu", "yêu", "oai", "oay", "oao", "oeo", "uây", "uôi", "ươi", "ươu",
	"uya", "uyê", "uyu", "ueo",
)

var codas = set("", "c", "ch", "m", "n", "ng", "nh", "p", "t")

func set(xs ...string) map[string]bool {
	m := make(map[string]bool, len(xs))
	for _, x := range xs {
		m[x] = true
	}
	return m
}

// syllable is a word split into onset, vowel cluster and coda, with the
// position of the toned vowel inside the cluster (-1 when level).
type syllable struct {
	onset, nucleus, coda []rune // as written (case and tone kept)
	toneAt               int    // index into nucleus of the toned vowel, or -1
	tone                 Tone
	toneInOnset          bool // the tone sits on the u of "qu" or the i of "gi"
}

// parseSyllable splits w (precomposed, one word) into its parts. ok is false
// when w is not a well-formed Vietnamese syllable: wrong letters, mixed case
// inside the word, more than one tone, or an unknown cluster.
func parseSyllable(w string) (s syllable, ok bool) {
	rs := []rune(w)
	if len(rs) == 0 || len(rs) > 8 {
		return s, false
	}
	// Case: all lower, all upper, or capitalised.
	upper := 0
	for _, r := range rs {
		if !IsVietLetter(r) {
			return s, false
		}
		if unicode.IsUpper(r) {
			upper++
		}
	}
	if upper != 0 && upper != len(rs) && (upper != 1 || !unicode.IsUpper(rs[0])) {
		return s, false
	}
	lower := make([]rune, len(rs))
	base := make([]rune, len(rs)) // lower case, without tones
	for i, r := range rs {
		lower[i] = unicode.ToLower(r)
		base[i], _ = splitTone(lower[i])
	}
	bs := string(base)
	// Onset.
	on := 0
	for _, o := range onsets {
		if !strings.HasPrefix(bs, o) {
			continue
		}
		n := utf8.RuneCountInString(o)
		// "gi" and "qu" are onsets only before another vowel.
		if (o == "gi" || o == "qu") && (n >= len(lower) || !isVowel(lower[n])) {
			continue
		}
		on = n
		break
	}
	// Vowel cluster.
	nu := on
	for nu < len(lower) && isVowel(lower[nu]) {
		nu++
	}
	if nu == on {
		return s, false
	}
	s.onset, s.nucleus, s.coda = rs[:on], rs[on:nu], rs[nu:]
	if !nuclei[string(base[on:nu])] || !codas[string(base[nu:])] {
		return s, false
	}
	s.toneAt = -1
	tones := 0
	for i, r := range lower[:nu] {
		if _, t := splitTone(r); t != Level {
			tones++
			s.tone = t
			if i < on {
				s.toneInOnset = true
			} else {
				s.toneAt = i - on
			}
		}
	}
	if tones > 1 {
		return s, false
	}
	return s, true
}

func toneless(rs []rune) string {
	var b strings.Builder
	for _, r := range rs {
		base, _ := splitTone(r)
		b.WriteRune(base)
	}
	return b.String()
}

// IsSyllable reports whether w is one well-formed Vietnamese syllable, such
// as "người", "Quyết" or "NGHĨA". Words of other languages, abbreviations
// and mis-decoded legacy text ("ng­êi", "Tieáng") are not.
func IsSyllable(w string) bool {
	_, ok := parseSyllable(w)
	return ok
}
