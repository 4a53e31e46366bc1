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

func charChain() transform.Transformer { return transform.Chain(Spaces(), Compatibility(), norm.NFC) }
func wordChain() transform.Transformer { return transform.Chain(LookAlikes(), TonePlacement()) }

// Normalize returns the normalized form of s and what it repaired.
func (n *Normalizer) Normalize(s string) (string, Report) {
	var rep Report
	s = mustTransform(illFormed, s)
	s, rep.Mojibake, _ = RepairMojibake(s)
	if n.viqr {
		s = decodeVIQR(s)
	} else {
		s, rep.Legacy = RepairLegacy(s)
	}
	s = mustTransform(charChain(), s)
	if n.keepLines {
		s = squeezeAll(s)
	} else {
		s = RepairLines(s)
	}
	s = mustTransform(wordChain(), s)
	for _, r := range s {
		if r == '\uFFFD' {
			rep.Lost++
		}
	}
	return s, rep
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
