package vntext

import (
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
)

// cp1252 maps each rune Windows-1252 can encode back to its byte.
var cp1252 = func() map[rune]byte {
	m := make(map[rune]byte, 256)
	for b := 0; b < 256; b++ {
		if r := charmap.Windows1252.DecodeByte(byte(b)); r != utf8.RuneError {
			m[r] = byte(b)
		}
	}
	return m
}()

// RepairMojibake undoes UTF-8 that was read as Windows-1252 or Latin-1
// ("Káº¿ hoáº¡ch" → "Kế hoạch"). A word is rewritten only when its bytes in
// that code page form valid UTF-8 that holds a multi-byte character; a word
// touching U+FFFD lost bytes on the way and is kept as it is (lost reports
// such words). Plain Latin-1 text ("Café") is not valid UTF-8 once encoded
// and is left alone.
func RepairMojibake(s string) (out string, repaired, lost int) {
	if !maybeMojibake(s) {
		return s, 0, 0
	}
	var b strings.Builder
	b.Grow(len(s))
	i := 0
	for i < len(s) {
		// A run of runes Windows-1252 can encode, at least one non-ASCII,
		// between spaces and controls (UTF-8 read as Windows-1252 never
		// gives a control: its bytes are all 0x80 or above), so that a
		// tab or a vertical tab ends a run as the space Spaces makes of
		// it will.
		j := i
		high := false
		for j < len(s) {
			r, n := utf8.DecodeRuneInString(s[j:])
			if _, ok := cp1252[r]; !ok || r <= ' ' || r == 0x7F {
				break
			}
			if r >= 0x80 {
				high = true
			}
			j += n
		}
		if j == i {
			_, n := utf8.DecodeRuneInString(s[i:])
			b.WriteString(s[i : i+n])
			i += n
			continue
		}
		run := s[i:j]
		touchesLoss := strings.HasPrefix(s[j:], "\uFFFD") || strings.HasSuffix(s[:i], "\uFFFD")
		if high {
			if dec, ok := undoCP1252(run); ok {
				if touchesLoss {
					lost++
				} else {
					run = dec
					repaired++
				}
			}
		}
		b.WriteString(run)
		i = j
	}
	return b.String(), repaired, lost
}

func undoCP1252(run string) (string, bool) {
	buf := make([]byte, 0, len(run))
	for _, r := range run {
		buf = append(buf, cp1252[r])
	}
	if !utf8.Valid(buf) {
		return "", false
	}
	multi := false
	for _, c := range buf {
		if c >= 0x80 {
			multi = true
			break
		}
	}
	return string(buf), multi
}

// maybeMojibake is a quick test for the lead runes of two- and three-byte
// UTF-8 sequences as Windows-1252 shows them (Ã Ä Æ á º » ...) followed by
// a continuation rune.
func maybeMojibake(s string) bool {
	prevLead := false
	for _, r := range s {
		var b byte
		switch {
		case r < 0x80 || r >= 0xA0 && r <= 0xFF:
			b = byte(r)
		default:
			var ok bool
			// Windows-1252's upper runes are below U+0300 or in the
			// punctuation block: Vietnamese letters (U+1EA0...) are not.
			if r > 0x02DC && r < 0x2013 || r > 0x2122 {
				prevLead = false
				continue
			}
			if b, ok = cp1252[r]; !ok {
				prevLead = false
				continue
			}
		}
		if prevLead && b >= 0x80 && b < 0xC0 {
			return true
		}
		prevLead = b >= 0xC2 && b <= 0xEF
	}
	return false
}
