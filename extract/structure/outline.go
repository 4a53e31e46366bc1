package structure

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/chitieu/chitieu/extract/vntext"
)

// markerKind is the kind of list marker a block starts with, in the order
// plans nest them: Điều 1. (an article of a decision or resolution) → I.
// → 1. → 1.1. → 1.1.1. → a) → - → + → •.
type markerKind int

const (
	noMarker markerKind = iota
	articleMarker
	romanMarker
	decimalMarker
	decimal2Marker
	decimal3Marker
	decimal4Marker
	alphaMarker
	dashMarker
	plusMarker
	bulletMarker
)

type marker struct {
	kind markerKind
	end  int    // bytes of the line the marker takes, spaces included
	text string // the marker as written: "II.", "2.1.", "a)", "-"
}

var romans = map[string]bool{"I": true, "II": true, "III": true, "IV": true, "V": true, "VI": true,
	"VII": true, "VIII": true, "IX": true, "X": true, "XI": true, "XII": true, "XIII": true, "XIV": true, "XV": true}

// markerOf returns the list marker s starts with. A line with several
// ("- + Phấn đấu ...", as PDFs of nested lists give) takes the innermost.
func markerOf(s string) marker {
	var last marker
	pos := 0
	for n := 0; n < 3; n++ {
		m := oneMarker(s[pos:])
		if m.kind == noMarker {
			break
		}
		m.end += pos
		last = m
		pos = m.end
	}
	return last
}

func oneMarker(s string) marker {
	i := 0
	for i < len(s) && s[i] == ' ' {
		i++
	}
	s0 := i
	if i >= len(s) {
		return marker{}
	}
	space := func(j int) int { // the marker must be followed by a space (or end)
		if j == len(s) {
			return j
		}
		if s[j] != ' ' {
			return -1
		}
		for j < len(s) && s[j] == ' ' {
			j++
		}
		return j
	}
	r, n := utf8.DecodeRuneInString(s[i:])
	switch {
	case r == 'Đ' && strings.HasPrefix(s[i:], "Điều "):
		// "Điều 1.", "Điều 2:": an article of a legal document.
		j := i + len("Điều ")
		k := j
		for k < len(s) && k-j < 3 && '0' <= s[k] && s[k] <= '9' {
			k++
		}
		if k > j && k < len(s) && (s[k] == '.' || s[k] == ':') {
			if e := space(k + 1); e > 0 && e < len(s) {
				return marker{articleMarker, e, s[s0 : k+1]}
			}
		}
	case r == '-' || r == '–' || r == '—':
		if e := space(i + n); e > 0 {
			return marker{dashMarker, e, string(r)}
		}
	case r == '+':
		if e := space(i + n); e > 0 {
			return marker{plusMarker, e, "+"}
		}
	case r == '•' || r == '*' || r == '·' || r == '●' || r == '○' || r == '■' || r == '▪':
		if e := space(i + n); e > 0 {
			return marker{bulletMarker, e, string(r)}
		}
	case '0' <= r && r <= '9':
		// 1.  1)  2.1.  2.1  (a number must be followed by "." or ")" or be
		// a dotted decimal, so that "40% ..." and "2022" are not markers)
		j := i
		parts := 0
		for {
			k := j
			for k < len(s) && k-j < 2 && '0' <= s[k] && s[k] <= '9' {
				k++
			}
			if k == j {
				break
			}
			parts++
			j = k
			if j < len(s) && s[j] == '.' {
				j++
				if j < len(s) && '0' <= s[j] && s[j] <= '9' {
					continue
				}
				break
			}
			if j < len(s) && s[j] == ')' && parts == 1 {
				j++
				break
			}
			if parts == 1 {
				return marker{}
			}
			break
		}
		if parts == 0 || j < len(s) && '0' <= s[j] && s[j] <= '9' {
			return marker{}
		}
		e := space(j)
		if e < 0 || e == len(s) {
			return marker{}
		}
		// The text after a marker starts with a letter or a quote.
		if nr, _ := utf8.DecodeRuneInString(s[e:]); !unicode.IsLetter(nr) && !strings.ContainsRune("“\"(", nr) {
			return marker{}
		}
		kind := decimalMarker
		switch parts {
		case 2:
			kind = decimal2Marker
		case 3:
			kind = decimal3Marker
		case 4, 5:
			kind = decimal4Marker
		}
		return marker{kind, e, s[s0:j]}
	case r == 'I' || r == 'V' || r == 'X':
		j := i
		for j < len(s) && (s[j] == 'I' || s[j] == 'V' || s[j] == 'X') {
			j++
		}
		if romans[s[i:j]] && j < len(s) && (s[j] == '.' || s[j] == ')' || s[j] == '-') {
			if e := space(j + 1); e > 0 {
				return marker{romanMarker, e, s[s0 : j+1]}
			}
		}
	case unicode.IsLower(r) && i+n < len(s) && (s[i+n] == ')' || s[i+n] == '.' && i+n+1 < len(s) && s[i+n+1] == ' '):
		// a)  b)  đ)  a.
		if e := space(i + n + 1); e > 0 && e < len(s) {
			return marker{alphaMarker, e, s[s0 : i+n+1]}
		}
	}
	return marker{}
}

// A Block is one line of a document's outline: a heading, a list item or a
// paragraph.
type Block struct {
	Span          // the whole line
	Body   int    // where the text after the marker starts
	Marker string // "II.", "2.1.", "a)", "-", "+", or "" for a paragraph
	Depth  int    // 1 for the outermost marker kind; a paragraph is one below the item it follows
	Parent int    // index of the block it belongs to, -1 at the top
	Table  int    // in a View: the index of the table this line is a row of, or -1
}

// Outline returns the blocks of text[start:end], one per non-blank line,
// with their nesting: an item belongs to the nearest item before it with a
// marker of an outer kind (I. → 1. → 1.1. → a) → - → +), a paragraph to
// the item before it. A paragraph that reads as a heading ("Đến năm
// 2030:", "Lộ trình thực hiện:", or "* Đến năm 2030:" under a bullet)
// closes the list items (-, +, •) before it and opens a level of its own
// just below the item above them: the items and paragraphs after it belong
// to it, until a marker of that item's kind or an outer one (a numbered
// section at the top), or the next such heading.
func Outline(text string, start, end int) []Block {
	start, end = clampSpan(text, start, end)
	ls := lines(text, nil, start, end, -1, false)
	out := make([]Block, 0, len(ls))
	type open struct {
		kind  markerKind // for a heading paragraph, the kind of the item below it
		block int
		para  bool
	}
	var stack []open
	for _, l := range ls {
		s := text[l.Start:l.End]
		m := markerOf(s)
		b := Block{Span: l.Span, Body: l.Start + m.end, Marker: m.text, Parent: -1, Table: -1}
		// A heading paragraph, or a heading under a bullet ("* Đến năm
		// 2030:", as plans mark their subheadings).
		heading := (m.kind == noMarker || m.kind == bulletMarker) && isHeadingText(s[m.end:]) && !strings.Contains(s, "|")
		switch {
		case heading && strings.HasPrefix(vntext.Fold(s[m.end:]), "phu luc"):
			// An appendix ("PHỤ LỤC") stands apart from the sections before.
			stack = stack[:0]
		case heading:
			// A heading closes the list items before it, and follows the
			// heading paragraph before them as a sibling.
			for len(stack) > 0 && stack[len(stack)-1].kind >= dashMarker && !stack[len(stack)-1].para {
				stack = stack[:len(stack)-1]
			}
			if n := len(stack); n > 0 && stack[n-1].para {
				stack = stack[:n-1]
			}
		case m.kind != noMarker:
			for len(stack) > 0 && stack[len(stack)-1].kind >= m.kind {
				stack = stack[:len(stack)-1]
			}
		}
		if len(stack) > 0 {
			b.Parent = stack[len(stack)-1].block
		}
		b.Depth = len(stack) + 1
		switch {
		case heading:
			// At the top, a heading paragraph holds lettered and list
			// items; numbered sections close it.
			below := decimal4Marker
			if len(stack) > 0 {
				below = stack[len(stack)-1].kind
			}
			stack = append(stack, open{kind: below, block: len(out), para: true})
		case m.kind != noMarker:
			stack = append(stack, open{kind: m.kind, block: len(out)})
		}
		out = append(out, b)
	}
	return out
}
