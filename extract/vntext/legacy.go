package vntext

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Encoding names how a run of Vietnamese text was written.
type Encoding uint8

// The encodings the normalizer recognises. TCVN3 and VNI are the 8-bit font
// encodings of the 1990s (.VnTime, VNI-Times) still common in government
// files; once read through Latin-1 or Windows-1252 they show as "KÕ ho¹ch"
// and "Keá hoaïch". VIQR writes marks as ASCII ("Vie^.t") and is only decoded
// on request. Windows1258 is the Vietnamese Windows code page.
const (
	Unicode Encoding = iota
	TCVN3
	VNI
	VIQR
	Windows1258
)

var encodingNames = [...]string{Unicode: "unicode", TCVN3: "tcvn3", VNI: "vni", VIQR: "viqr", Windows1258: "windows-1258"}

func (e Encoding) String() string {
	if int(e) < len(encodingNames) {
		return encodingNames[e]
	}
	return "encoding(" + string(rune('0'+e)) + ")"
}

// tcvn3 maps the runes that TCVN3 bytes become when read as Latin-1 (or as
// Windows-1252, whose 0x80-0x9F punctuation .VnTime fonts share) to Unicode.
// The table is TCVN 5712:1993 VN1, checked against glibc's
// `iconv -f TCVN5712-1`; VN3, the .VnTime font layout, is its subset in
// 0xA1-0xFF. C0 and C1 control codes carry VN1's capitals.
var tcvn3 = map[rune]string{
	0x01: "Ú", 0x02: "Ụ", 0x04: "Ừ", 0x05: "Ử", 0x06: "Ữ", 0x11: "Ứ", 0x12: "Ự", 0x13: "Ỳ",
	0x14: "Ỷ", 0x15: "Ỹ", 0x16: "Ý", 0x17: "Ỵ", 0x80: "À", 0x81: "Ả", 0x82: "Ã", 0x83: "Á",
	0x84: "Ạ", 0x85: "Ặ", 0x86: "Ậ", 0x87: "È", 0x88: "Ẻ", 0x89: "Ẽ", 0x8a: "É", 0x8b: "Ẹ",
	0x8c: "Ệ", 0x8d: "Ì", 0x8e: "Ỉ", 0x8f: "Ĩ", 0x90: "Í", 0x91: "Ị", 0x92: "Ò", 0x93: "Ỏ",
	0x94: "Õ", 0x95: "Ó", 0x96: "Ọ", 0x97: "Ộ", 0x98: "Ờ", 0x99: "Ở", 0x9a: "Ỡ", 0x9b: "Ớ",
	0x9c: "Ợ", 0x9d: "Ù", 0x9e: "Ủ", 0x9f: "Ũ", 0xa1: "Ă", 0xa2: "Â", 0xa3: "Ê", 0xa4: "Ô",
	0xa5: "Ơ", 0xa6: "Ư", 0xa7: "Đ", 0xa8: "ă", 0xa9: "â", 0xaa: "ê", 0xab: "ô", 0xac: "ơ",
	0xad: "ư", 0xae: "đ", 0xaf: "Ằ", 0xb0: "\u0300", 0xb1: "\u0309", 0xb2: "\u0303", 0xb3: "\u0301", 0xb4: "\u0323",
	0xb5: "à", 0xb6: "ả", 0xb7: "ã", 0xb8: "á", 0xb9: "ạ", 0xba: "Ẳ", 0xbb: "ằ", 0xbc: "ẳ",
	0xbd: "ẵ", 0xbe: "ắ", 0xbf: "Ẵ", 0xc0: "Ắ", 0xc1: "Ầ", 0xc2: "Ẩ", 0xc3: "Ẫ", 0xc4: "Ấ",
	0xc5: "Ề", 0xc6: "ặ", 0xc7: "ầ", 0xc8: "ẩ", 0xc9: "ẫ", 0xca: "ấ", 0xcb: "ậ", 0xcc: "è",
	0xcd: "Ể", 0xce: "ẻ", 0xcf: "ẽ", 0xd0: "é", 0xd1: "ẹ", 0xd2: "ề", 0xd3: "ể", 0xd4: "ễ",
	0xd5: "ế", 0xd6: "ệ", 0xd7: "ì", 0xd8: "ỉ", 0xd9: "Ễ", 0xda: "Ế", 0xdb: "Ồ", 0xdc: "ĩ",
	0xdd: "í", 0xde: "ị", 0xdf: "ò", 0xe0: "Ổ", 0xe1: "ỏ", 0xe2: "õ", 0xe3: "ó", 0xe4: "ọ",
	0xe5: "ồ", 0xe6: "ổ", 0xe7: "ỗ", 0xe8: "ố", 0xe9: "ộ", 0xea: "ờ", 0xeb: "ở", 0xec: "ỡ",
	0xed: "ớ", 0xee: "ợ", 0xef: "ù", 0xf0: "Ỗ", 0xf1: "ủ", 0xf2: "ũ", 0xf3: "ú", 0xf4: "ụ",
	0xf5: "ừ", 0xf6: "ử", 0xf7: "ữ", 0xf8: "ứ", 0xf9: "ự", 0xfa: "ỳ", 0xfb: "ỷ", 0xfc: "ỹ",
	0xfd: "ý", 0xfe: "ỵ", 0xff: "Ố",
}

// VNI (VNI-Windows) writes a vowel as its ASCII letter followed by one mark
// byte, except for a few letters that have a byte of their own.
var (
	vniSingle = map[rune]rune{
		'í': 'í', 'ì': 'ì', 'æ': 'ỉ', 'ó': 'ĩ', 'ò': 'ị', 'î': 'ỵ', 'ñ': 'đ', 'ô': 'ơ', 'ö': 'ư',
		'Í': 'Í', 'Ì': 'Ì', 'Æ': 'Ỉ', 'Ó': 'Ĩ', 'Ò': 'Ị', 'Î': 'Ỵ', 'Ñ': 'Đ', 'Ô': 'Ơ', 'Ö': 'Ư',
	}
	// vniMark maps a mark byte (lower case; capitals use the upper-case
	// byte) to the letter modifier and the tone it adds.
	vniMark = map[rune]struct {
		mod  rune // '^' circumflex, '(' breve, 0 none
		tone Tone
	}{
		'â': {'^', Level}, 'á': {'^', Acute}, 'à': {'^', Grave}, 'å': {'^', Hook}, 'ã': {'^', Tilde}, 'ä': {'^', Dot},
		'ê': {'(', Level}, 'é': {'(', Acute}, 'è': {'(', Grave}, 'ú': {'(', Hook}, 'ü': {'(', Tilde}, 'ë': {'(', Dot},
		'ù': {0, Acute}, 'ø': {0, Grave}, 'û': {0, Hook}, 'õ': {0, Tilde}, 'ï': {0, Dot},
	}
	circumflex = map[rune]rune{'a': 'â', 'e': 'ê', 'o': 'ô', 'A': 'Â', 'E': 'Ê', 'O': 'Ô'}
	breve      = map[rune]rune{'a': 'ă', 'A': 'Ă'}
)

// decodeTCVN3 converts one run of TCVN3 text read as Latin-1 runes.
// capitals is set for runs drawn in a capitals-only font (.VnTimeH), whose
// codes are those of the small letters. A hyphen between two letters is taken
// for the ư (byte 0xAD, the soft hyphen) that some extractors turn into "-",
// when the word then decodes to a Vietnamese syllable.
func decodeTCVN3(s string, capitals bool) string {
	if strings.Contains(s, "-") {
		s = restoreTCVN3Hyphens(s)
	}
	var b strings.Builder
	b.Grow(len(s) + len(s)/2)
	for _, r := range s {
		if u, ok := tcvn3[r]; ok {
			b.WriteString(u)
		} else {
			b.WriteRune(r)
		}
	}
	out := norm.NFC.String(b.String())
	if capitals {
		out = strings.ToUpper(out)
	}
	return out
}

func restoreTCVN3Hyphens(s string) string {
	rs := []rune(s)
	changed := false
	for i := 1; i+1 < len(rs); i++ {
		if rs[i] != '-' || !isLegacyWordRune(rs[i-1]) || !isLegacyWordRune(rs[i+1]) {
			continue
		}
		start, end := i, i+1
		for start > 0 && isLegacyWordRune(rs[start-1]) {
			start--
		}
		for end < len(rs) && isLegacyWordRune(rs[end]) {
			end++
		}
		word := string(rs[start:i]) + "\u00ad" + string(rs[i+1:end])
		if IsSyllable(decodeTCVN3(word, false)) {
			rs[i] = '\u00ad'
			changed = true
		}
	}
	if !changed {
		return s
	}
	return string(rs)
}

// decodeVNI converts one run of VNI text read as Latin-1 runes.
func decodeVNI(s string) string {
	var b strings.Builder
	b.Grow(len(s) + len(s)/2)
	rs := []rune(s)
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		if u, ok := vniSingle[r]; ok {
			r = u
		}
		base, tone := splitTone(r)
		if isVowel(r) && i+1 < len(rs) {
			if m, ok := vniMark[unicode.ToLower(rs[i+1])]; ok {
				nb := base
				switch m.mod {
				case '^':
					nb = circumflex[base]
				case '(':
					nb = breve[base]
				}
				if nb != 0 && (tone == Level || m.tone == Level) {
					if m.tone != Level {
						tone = m.tone
					}
					r = setTone(nb, tone)
					i++
				}
			}
		}
		b.WriteRune(r)
	}
	return b.String()
}

// viqrMods and viqrTones are VIQR's ASCII marks.
var (
	viqrMods  = map[rune]map[rune]rune{'^': circumflex, '(': breve, '+': {'o': 'ơ', 'u': 'ư', 'O': 'Ơ', 'U': 'Ư'}}
	viqrTones = map[rune]Tone{'`': Grave, '?': Hook, '~': Tilde, '\'': Acute, '.': Dot}
)

// decodeVIQR converts VIQR ("Vie^.t Nam") to Unicode. A tone mark that
// VIQR shares with punctuation ('?', '.') counts as a tone only when a letter
// follows it, so that sentence ends survive; a backslash escapes a mark.
func decodeVIQR(s string) string {
	rs := []rune(s)
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		if r == '\\' && i+1 < len(rs) {
			b.WriteRune(rs[i+1])
			i++
			continue
		}
		if (r == 'd' || r == 'D') && i+1 < len(rs) && (rs[i+1] == 'd' || rs[i+1] == 'D') && (i == 0 || !unicode.IsLetter(rs[i-1])) {
			if r == 'd' {
				b.WriteRune('đ')
			} else {
				b.WriteRune('Đ')
			}
			i++
			continue
		}
		if !isVowel(r) {
			b.WriteRune(r)
			continue
		}
		if i+1 < len(rs) {
			if mods, ok := viqrMods[rs[i+1]]; ok {
				if m, ok := mods[r]; ok {
					r = m
					i++
				}
			}
		}
		if i+1 < len(rs) {
			if t, ok := viqrTones[rs[i+1]]; ok {
				letterNext := i+2 < len(rs) && unicode.IsLetter(rs[i+2])
				if (rs[i+1] != '?' && rs[i+1] != '.') || letterNext {
					r = setTone(r, t)
					i++
				}
			}
		}
		b.WriteRune(r)
	}
	return b.String()
}

// Decode converts text written in enc to Unicode: TCVN3 and VNI text read as
// Latin-1 or Windows-1252 runes, or VIQR. Unicode text comes back unchanged.
func Decode(s string, enc Encoding) string {
	switch enc {
	case TCVN3:
		return decodeTCVN3(s, false)
	case VNI:
		return decodeVNI(s)
	case VIQR:
		return decodeVIQR(s)
	}
	return s
}

// FontEncoding tells from a PDF font name which legacy encoding its glyph
// codes use: ".VnTime", ".VnArial" are TCVN3 and ".VnTimeH" its capitals
// font; "VNI-Times" and its kin are VNI. A subset prefix ("ABCDEF+") is
// ignored. Other fonts return Unicode.
func FontEncoding(font string) (enc Encoding, capitals bool) {
	if i := strings.IndexByte(font, '+'); i == 6 {
		font = font[i+1:]
	}
	switch {
	case strings.HasPrefix(font, ".Vn") || strings.HasPrefix(font, "Vn") && len(font) > 2 && unicode.IsUpper(rune(font[2])):
		name := font
		if i := strings.IndexAny(name, ",-"); i > 0 {
			name = name[:i] // ".VnTimeH,Bold" -> ".VnTimeH"
		}
		return TCVN3, strings.HasSuffix(name, "H")
	case strings.HasPrefix(strings.ToUpper(font), "VNI-") || strings.HasPrefix(strings.ToUpper(font), "VNI_"):
		return VNI, false
	}
	return Unicode, false
}

// DecodeFontRun converts a run of text drawn in the named PDF font when the
// font's name marks it as a legacy font (see FontEncoding).
func DecodeFontRun(s, font string) string {
	enc, caps := FontEncoding(font)
	switch enc {
	case TCVN3:
		return decodeTCVN3(s, caps)
	case VNI:
		return decodeVNI(s)
	}
	return s
}

// Evidence counts, over some text, the words that can only be read one way:
// Unicode holds words with letters that no legacy text read as Latin-1 can
// contain (ư, ạ, đ...); TCVN3 and VNI hold words that are not Vietnamese as
// written but become Vietnamese syllables once decoded.
type Evidence struct {
	Unicode, TCVN3, VNI int
}

func (e *Evidence) add(o Evidence) {
	e.Unicode += o.Unicode
	e.TCVN3 += o.TCVN3
	e.VNI += o.VNI
}

// best returns the legacy encoding the evidence favours and its count.
func (e Evidence) best() (Encoding, int) {
	if e.VNI > e.TCVN3 {
		return VNI, e.VNI
	}
	return TCVN3, e.TCVN3
}

// isLegacyWordRune reports whether r can be part of a word written in a
// legacy encoding and read as Latin-1: letters, combining marks, and the
// symbols of the Latin-1 upper half that TCVN3 uses for letters.
func isLegacyWordRune(r rune) bool {
	if r < 0x80 {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z'
	}
	if r <= 0xFF {
		return r != 0xA0 // every other code is a letter or a mark in TCVN3
	}
	return unicode.IsLetter(r) || unicode.Is(unicode.Mn, r)
}

// Score counts the evidence for each encoding in s.
func Score(s string) Evidence {
	var e Evidence
	forEachWord(s, func(w string) {
		e.add(scoreWord(w))
	})
	return e
}

func forEachWord(s string, fn func(string)) {
	start := -1
	for i, r := range s {
		if isLegacyWordRune(r) || (r < 0x20 && tcvn3[r] != "") {
			if start < 0 {
				start = i
			}
			continue
		}
		if start >= 0 {
			fn(s[start:i])
			start = -1
		}
	}
	if start >= 0 {
		fn(s[start:])
	}
}

func scoreWord(w string) Evidence {
	var e Evidence
	high := false
	for _, r := range w {
		if li := info(r); li != nil && li.vietOnly {
			e.Unicode = 1
			return e
		}
		if r >= 0x80 || r < 0x20 {
			high = true
		}
	}
	if !high {
		return e // ASCII words read the same in every encoding
	}
	if IsSyllable(norm.NFC.String(w)) {
		return e // Vietnamese as written: no evidence either way
	}
	if IsSyllable(decodeTCVN3(w, false)) {
		e.TCVN3 = 1
	}
	if IsSyllable(decodeVNI(w)) {
		e.VNI = 1
	}
	return e
}

// Detect returns the encoding s is most likely written in: TCVN3 or VNI when
// at least two words read as Vietnamese only once decoded and such words
// outnumber the words only Unicode can spell, else Unicode.
func Detect(s string) Encoding {
	return Score(s).decide()
}

func (e Evidence) decide() Encoding {
	enc, n := e.best()
	if n >= 2 && n > e.Unicode {
		return enc
	}
	return Unicode
}

// RepairLegacy finds the lines of s written in TCVN3 or VNI and converts
// them to Unicode, leaving the other lines untouched: the text as a whole
// decides the encoding, and a line whose own words say otherwise (a Unicode
// line in a TCVN3 page, a TCVN3 line pasted into a Unicode page) is decided
// on its own. It returns the legacy encoding it decoded, or Unicode.
//
// TCVN3 gives capitals to C0 and C1 control codes, so a control code can be
// a letter; in a line that stays Unicode it is noise, which Spaces drops.
// Such a line is decided again without its control codes, as the text
// will be once they are gone: otherwise normalizing the normalized text
// could decode a line the first pass left alone.
func RepairLegacy(s string) (string, Encoding) {
	out, used, left := repairLegacy(s)
	for i := 0; left && i < 4; i++ {
		var enc Encoding
		out, enc, left = repairLegacy(out)
		if enc != Unicode {
			used = enc
		}
	}
	return out, used
}

// repairLegacy is one pass of RepairLegacy; left reports whether a line it
// left undecoded had control codes, now removed.
func repairLegacy(s string) (out string, used Encoding, left bool) {
	if !hasHighLatin(s) {
		return s, Unicode, false
	}
	lines := splitLines(s)
	scores := make([]Evidence, len(lines))
	var total Evidence
	for i, l := range lines {
		scores[i] = Score(l)
		total.add(scores[i])
	}
	docEnc := total.decide()
	var b strings.Builder
	b.Grow(len(s))
	used = Unicode
	for i, l := range lines {
		enc := lineEncoding(scores[i], docEnc)
		if enc != Unicode {
			used = enc
			l = Decode(l, enc)
		} else if c := dropControls(l); c != l {
			l, left = c, true
		}
		b.WriteString(l)
	}
	return b.String(), used, left
}

// dropControls removes from one line the control codes Spaces drops (all
// but tab and the line ends it turns into "\n").
func dropControls(l string) string {
	keep := func(r rune) bool {
		return !unicode.IsControl(r) || r == '\t' || r == '\n' || r == '\r' || r == '\f' || r == '\v'
	}
	if !strings.ContainsFunc(l, func(r rune) bool { return !keep(r) }) {
		return l
	}
	return strings.Map(func(r rune) rune {
		if keep(r) {
			return r
		}
		return -1
	}, l)
}

func lineEncoding(e Evidence, docEnc Encoding) Encoding {
	enc, n := e.best()
	if docEnc != Unicode {
		own := e.TCVN3
		if docEnc == VNI {
			own = e.VNI
		}
		if e.Unicode > own {
			return Unicode
		}
		if n > own && n >= 2 {
			return enc
		}
		return docEnc
	}
	if n >= 2 && e.Unicode == 0 {
		return enc
	}
	return Unicode
}

// hasHighLatin reports whether s holds any rune from the Latin-1 upper half
// or C1/C0 codes that legacy text is made of; text without them needs no
// legacy repair.
func hasHighLatin(s string) bool {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c < 0x20 && tcvn3[rune(c)] != "" {
				return true
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if r >= 0x80 && r <= 0xFF && r != 0xA0 {
			return true
		}
		i += n
	}
	return false
}

// tcvn3Bytes inverts tcvn3 for the .VnTime (VN3) range, 0xA1-0xFF, where
// every precomposed small letter has a code.
var tcvn3Bytes = func() map[rune]byte {
	m := make(map[rune]byte, 96)
	for b, s := range tcvn3 {
		if rs := []rune(s); b >= 0xa1 && b <= 0xff && len(rs) == 1 {
			m[rs[0]] = byte(b)
		}
	}
	return m
}()

// TCVN3Byte returns the TCVN3 (.VnTime) byte of a Vietnamese letter, for
// writing legacy test documents; ok is false for letters the .VnTime font
// has no code for (capitals with tone marks, drawn in .VnTimeH).
func TCVN3Byte(r rune) (b byte, ok bool) {
	b, ok = tcvn3Bytes[r]
	return b, ok
}

// splitLines cuts s after every line break Spaces makes one of (LF, CR,
// VT, FF, U+2028, U+2029), keeping the breaks: a line is decided on its
// own as it will stand once normalized.
func splitLines(s string) []string {
	var out []string
	start := 0
	for i, r := range s {
		switch r {
		case '\n', '\r', '\v', '\f', '\u2028', '\u2029':
			end := i + utf8.RuneLen(r)
			out = append(out, s[start:end])
			start = end
		}
	}
	if start < len(s) || len(out) == 0 {
		out = append(out, s[start:])
	}
	return out
}
