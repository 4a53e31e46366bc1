// Package vntext normalizes Vietnamese text as it comes out of PDFs, web
// pages and old word-processor files, and folds it for accent-insensitive
// matching.
//
// The normalizer runs these stages, in this order, each testable alone:
//
//  1. Valid UTF-8: ill-formed bytes become U+FFFD (runes.ReplaceIllFormed).
//  2. Mojibake: UTF-8 that was read as Windows-1252 is decoded again
//     (RepairMojibake: "Káº¿ hoáº¡ch" → "Kế hoạch").
//  3. Legacy encodings: lines written in TCVN3 or VNI and read as Latin-1
//     are found from their words and converted (RepairLegacy); VIQR only on
//     request (WithVIQR). This must run before anything removes soft hyphens
//     or Latin-1 symbols, which TCVN3 uses as letters (0xAD is ư).
//  4. Spaces: every Unicode space becomes a space, zero-width characters and
//     soft hyphens go, line separators become "\n" (Spaces).
//  5. Compatibility forms: ligatures and full-width forms (Compatibility).
//  6. NFC (golang.org/x/text/unicode/norm): PDFs and Mac files give NFD;
//     Windows-1258 gives letters plus combining tones.
//  7. Lines: spaces squeezed, blank lines collapsed, lines broken inside a
//     sentence joined (RepairLines).
//  8. Look-alike letters: Ð/ð for Đ/đ inside Vietnamese words (LookAlikes).
//  9. Tone placement: one convention, "hòa", "thủy" (TonePlacement).
//
// The result is the stored, displayed text that every offset points into.
// Folding (Fold) is separate and never feeds that text.
package vntext

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// An Option configures a Normalizer.
type Option func(*Normalizer)

// WithVIQR makes the normalizer decode VIQR ("Vie^.t Nam"). VIQR is plain
// ASCII and cannot be told from English with punctuation, so it is never
// detected, only requested.
func WithVIQR() Option { return func(n *Normalizer) { n.viqr = true } }

// WithoutLineRepair keeps line breaks as they are (spaces are still
// squeezed); for text whose lines are already its paragraphs.
func WithoutLineRepair() Option { return func(n *Normalizer) { n.keepLines = true } }

// A Normalizer turns extracted text into normalized Vietnamese text. The
// zero value is ready to use with the defaults; it is safe for concurrent
// use.
type Normalizer struct {
	viqr      bool
	keepLines bool
}

// New returns a Normalizer configured by opts.
func New(opts ...Option) *Normalizer {
	n := &Normalizer{}
	for _, o := range opts {
		o(n)
	}
	return n
}

// Report says what the normalizer found and repaired in one text.
type Report struct {
	Legacy   Encoding // the legacy encoding decoded (Unicode if none)
	Mojibake int      // words decoded again from UTF-8 read as Windows-1252
	Lost     int      // U+FFFD characters: bytes lost before the text got here
}

// The chains are made per call: a transform.Chain keeps buffers and state
// between calls, so one shared value is not safe for concurrent use.
var illFormed = runes.ReplaceIllFormed()

// Normalize returns the normalized form of s and what it repaired.
func (n *Normalizer) Normalize(s string) (string, Report) {
	out, rep, dropped := n.normalize(s)
	if dropped {
		// Spaces removed invisible characters (controls, zero-width,
		// soft hyphens) that had kept earlier stages from seeing a word
		// whole ("á\x00º¡", UTF-8 read as Windows-1252 with a NUL inside):
		// once more on the text as it now reads, so that normalizing the
		// normalized text changes nothing.
		again, rep2, _ := n.normalize(out)
		if again != out {
			rep.Mojibake += rep2.Mojibake
			if rep.Legacy == Unicode {
				rep.Legacy = rep2.Legacy
			}
			rep.Lost = rep2.Lost
			out = again
		}
	}
	return out, rep
}

// normalize is one pass of Normalize; dropped reports that the text held
// invisible characters, which it removed.
func (n *Normalizer) normalize(s string) (_ string, rep Report, dropped bool) {
	// Each stage is skipped when a quick scan shows it would change
	// nothing: most text is valid UTF-8 in NFC with plain spaces.
	c := classify(s)
	dropped = c.invisible // whichever stage removes them
	if c.invalid {
		s = mustTransform(illFormed, s)
	}
	s, rep.Mojibake, _ = RepairMojibake(s)
	if s != c.text {
		c = classify(s) // repaired: look again
	}
	if n.viqr {
		s = decodeVIQR(s)
	} else if c.legacy {
		s, rep.Legacy = RepairLegacy(s)
	}
	if s != c.text {
		c = classify(s)
	}
	spaces, compatible := c.spaces, c.compat
	if spaces {
		s = mustTransform(Spaces(), s)
	}
	if compatible {
		s = mustTransform(Compatibility(), s)
	}
	// Removing a character can bring a letter and a mark together: NFC
	// after the others, and only where the text is not NFC already (a
	// text of nfcSafe characters has no marks to bring together).
	if c.notNFC || compatible {
		s = norm.NFC.String(s)
	}
	if n.keepLines {
		s = squeezeAll(s)
	} else {
		s = RepairLines(s)
	}
	s = wordPass(s, lookAlike, placeTone)
	rep.Lost = strings.Count(s, "\uFFFD")
	return s, rep, dropped
}

// String is Normalize without the report.
func (n *Normalizer) String(s string) string {
	out, _ := n.Normalize(s)
	return out
}

var defaultNormalizer = New()

// Normalize normalizes s with the default options.
func Normalize(s string) string { return defaultNormalizer.String(s) }

// mustTransform runs t over s. The transformers here never fail on valid
// input; should one ever do, the input is returned unchanged rather than
// lost.
func mustTransform(t transform.Transformer, s string) string {
	out, _, err := transform.String(t, s)
	if err != nil {
		return s
	}
	return out
}

func squeezeAll(s string) string {
	b := make([]byte, 0, len(s))
	start := 0
	for i := 0; i <= len(s); i++ {
		if i == len(s) || s[i] == '\n' {
			b = append(b, squeezeSpaces(s[start:i])...)
			if i < len(s) {
				b = append(b, '\n')
			}
			start = i + 1
		}
	}
	return string(b)
}

// vietLatin1 are the letters of the Latin-1 upper half that Vietnamese
// written in Unicode uses; the others (©, ®, ª, ä, ñ...) are what TCVN3 and
// VNI text read as Latin-1 is made of.
const vietLatin1 = "àáâãèéêìíòóôõùúýÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝ\u00a0"

// isVietLatin1 tells the runes of vietLatin1, by rune (below 256).
var isVietLatin1 = func() (t [256]bool) {
	for _, r := range vietLatin1 {
		t[r] = true
	}
	return t
}()

// classes is what one scan of a text tells the normalizer: which of its
// stages could change it.
type classes struct {
	text    string // the text scanned
	invalid bool   // ill-formed UTF-8
	// legacy: a rune of the Latin-1 upper half that is not a letter of
	// Vietnamese in Unicode (©, ®, ª, ä, ñ...: what TCVN3 and VNI read as
	// Latin-1 are made of), or a control code TCVN3 uses.
	legacy bool
	// spaces: a space but the plain one, a tab, CR, control, zero-width
	// or soft hyphen (Spaces); compat: a ligature or full-width form.
	spaces, compat bool
	// invisible: a character Spaces removes (a control but the line
	// breaks and tab, a zero-width character, a soft hyphen).
	invisible bool
	// notNFC: a character outside nfcSafe, so the text may not be in NFC.
	notNFC bool
}

// nfcSafe reports whether r is in the ranges where every character is in
// NFC and never composes with the one before it (TestNFCSafe checks it):
// a text of these characters alone is in NFC, and NFC need not read it
// again. They are most of Vietnamese text: Latin letters precomposed, the
// general punctuation, currency signs and arrows.
func nfcSafe(r rune) bool {
	return r <= 0x2FF || r >= 0x1E00 && r <= 0x1EFF || r >= 0x2002 && r <= 0x206F ||
		r >= 0x20A0 && r <= 0x20C0 || r >= 0x2100 && r <= 0x2125 || r >= 0x2190 && r <= 0x21FF
}

// classify scans s once for every stage's quick test.
func classify(s string) classes {
	c := classes{text: s}
	for i := 0; i < len(s); {
		b := s[i]
		if b < utf8.RuneSelf {
			if b < 0x20 && b != '\n' || b == 0x7F {
				c.spaces = true
				if b != '\t' && b != '\r' {
					c.legacy = true
					c.invisible = c.invisible || b != '\v' && b != '\f'
				}
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if !nfcSafe(r) {
			c.notNFC = true
		}
		switch {
		case r == utf8.RuneError && n == 1:
			c.invalid, c.spaces = true, true
		case r <= 0xFF:
			if !isVietLatin1[r] {
				c.legacy = true
			}
			if r == 0xA0 || r == 0xAD || r < 0xA0 {
				c.spaces = true
				c.invisible = c.invisible || r == 0xAD || r < 0xA0 && r != 0x85
			}
		case r >= 0x1EA0 && r <= 0x1EF9, r >= 0x0100 && r <= 0x01B0:
			// Vietnamese letters: nothing to do
		case unicode.Is(compat, r):
			c.compat = true
		case r == '\u200B', r == '\u200C', r == '\u200D', r == '\u2060', r == '\uFEFF':
			c.spaces, c.invisible = true, true
		case unicode.IsSpace(r), unicode.Is(unicode.Zs, r), unicode.IsControl(r),
			r == '\u2028', r == '\u2029', r == utf8.RuneError:
			c.spaces = true
		}
		i += n
	}
	return c
}
