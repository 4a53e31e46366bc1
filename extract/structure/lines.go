// Package structure finds the structure of a plan's normalized text: the
// documents a file holds (Split), each one's header (ParseHeader: issuing
// body, number and type, place and date, title, and the metadata tables of
// legal-library sites), its outline of sections and bullets (Outline), and
// the sentences and clauses of each block (Sentences, Clauses).
//
// Every result is a set of byte offsets into the text it was given, so that
// later stages can point back into the normalized text. The functions never
// panic on any input and take time linear in the text.
package structure

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/chitieu/chitieu/extract/vntext"
)

// A Span is text[Start:End].
type Span struct {
	Start, End int
}

// Len returns the span's length in bytes.
func (s Span) Len() int { return s.End - s.Start }

// Text returns the span's text.
func (s Span) Text(text string) string { return text[s.Start:s.End] }

// maxHeaderLine is the longest line that can be part of a header.
const maxHeaderLine = 400

// A line is one line of the text, its content trimmed of spaces.
type line struct {
	Span          // content, without the newline and outer spaces
	fold   string // folded content, for classification
	words  int
	upper  bool // letters all capitals
	letter int  // number of letters
}

// lines splits text[start:end] into non-blank lines, at most max of them
// (max < 0: all). Form feeds (page breaks) end lines too. With fold false
// the lines are not classified (no fold, no counts): spans only.
//
// With fold, a line's fold is read from ff when it is not nil, else folded.
func lines(text string, ff *Folded, start, end, max int, fold bool) []line {
	var out []line
	i := start
	for i < end && (max < 0 || len(out) < max) {
		j := i
		for j < end && text[j] != '\n' && text[j] != '\f' {
			j++
		}
		a, b := i, j
		for a < b && (text[a] == ' ' || text[a] == '\t' || text[a] == '\r') {
			a++
		}
		for b > a && (text[b-1] == ' ' || text[b-1] == '\t' || text[b-1] == '\r') {
			b--
		}
		if b > a {
			if fold {
				out = append(out, newLine(text, ff, a, b))
			} else {
				out = append(out, line{Span: Span{a, b}})
			}
		}
		i = j + 1
	}
	return out
}

func newLine(text string, ff *Folded, a, b int) line {
	s := text[a:b]
	// Headers, titles and anchors are short lines: longer ones are running
	// text and need no folding to be classified.
	f := ""
	if len(s) <= maxHeaderLine {
		if ff != nil {
			f, _, _ = ff.Slice(a, b)
		} else {
			f = vntext.Fold(s)
		}
		if strings.IndexByte(f, '*') >= 0 {
			f = strings.ReplaceAll(f, "*", "")
		}
	}
	l := line{Span: Span{a, b}, fold: f, words: countWords(s), upper: true}
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < utf8.RuneSelf { // ASCII without a table
			if 'a' <= c && c <= 'z' {
				l.letter++
				l.upper = false
			} else if 'A' <= c && c <= 'Z' {
				l.letter++
			}
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		i += n - 1
		if unicode.IsLetter(r) {
			l.letter++
			if unicode.IsLower(r) {
				l.upper = false
			}
		}
	}
	if l.letter == 0 {
		l.upper = false
	}
	return l
}

// isBody reports whether a line is running text rather than a header, a
// title or a table cell: a long line that ends a sentence.
func (l line) isBody(text string) bool {
	if l.words >= 30 {
		return true
	}
	if l.words < 8 || l.upper {
		return false
	}
	r, _ := utf8.DecodeLastRuneInString(text[l.Start:l.End])
	return strings.ContainsRune(".;:!?…", r)
}

// countWords counts the space-separated words of s.
func countWords(s string) int {
	n, in := 0, false
	for i := 0; i < len(s); i++ {
		sp := s[i] == ' ' || s[i] == '\t'
		if !sp && !in {
			n++
		}
		in = !sp
	}
	return n
}
