package index

import (
	"strings"
	"unicode/utf8"
)

// A Snippet is the part of a hit's text to show, with the matches marked.
// Renderers (terminal, HTML) escape Text themselves and wrap each mark.
type Snippet struct {
	Text   string   `json:"text"`
	Offset int      `json:"offset"` // Text is the hit's text[Offset:Offset+len(Text)]
	Marks  [][2]int `json:"marks"`  // byte spans in Text, in order, not overlapping
	Cut    [2]bool  `json:"cut"`    // text left out before, after
}

// Fragments splits the snippet into alternating plain and marked pieces,
// for renderers.
func (s Snippet) Fragments() []Fragment {
	var out []Fragment
	at := 0
	for _, m := range s.Marks {
		if m[0] > at {
			out = append(out, Fragment{Text: s.Text[at:m[0]]})
		}
		out = append(out, Fragment{Text: s.Text[m[0]:m[1]], Mark: true})
		at = m[1]
	}
	if at < len(s.Text) {
		out = append(out, Fragment{Text: s.Text[at:]})
	}
	return out
}

// A Fragment is a piece of a snippet.
type Fragment struct {
	Text string
	Mark bool
}

// MakeSnippet cuts a window of about size bytes from text around the
// densest group of spans (byte spans of matches in text) and marks them.
// Cuts fall between words, never inside a UTF-8 sequence; spans out of
// range or not on character boundaries are dropped.
func MakeSnippet(text string, spans [][2]int, size int) Snippet {
	var ok [][2]int
	for _, s := range spans {
		if s[0] >= 0 && s[0] < s[1] && s[1] <= len(text) && boundary(text, s[0]) && boundary(text, s[1]) {
			ok = append(ok, s)
		}
	}
	spans = joinSpans(text, sortSpans(ok))
	lo, hi := 0, len(text)
	if len(text) > size {
		// The window starting at some span that holds the most spans.
		best, bestN := 0, -1
		if len(spans) > 0 {
			for i := range spans {
				n := 0
				for j := i; j < len(spans) && spans[j][1] <= spans[i][0]+size; j++ {
					n++
				}
				if n > bestN {
					best, bestN = i, n
				}
			}
			lo = spans[best][0] - size/4 // a little context before
		}
		if lo < 0 {
			lo = 0
		}
		hi = lo + size
		if hi > len(text) {
			hi = len(text)
			lo = max(0, hi-size)
		}
		lo, hi = wordStart(text, lo), wordEnd(text, hi)
	}
	sn := Snippet{Text: text[lo:hi], Offset: lo, Cut: [2]bool{lo > 0, hi < len(text)}}
	for _, s := range spans {
		if s[0] >= lo && s[1] <= hi {
			sn.Marks = append(sn.Marks, [2]int{s[0] - lo, s[1] - lo})
		}
	}
	// Trim the spaces a cut left at either end, and all but the last of
	// the bullets a list item starts with ("- + 50% ...": a converter's
	// bullet before the plan's own).
	trimmed := dropBullets(strings.TrimLeft(sn.Text, " \n\t"))
	d := len(sn.Text) - len(trimmed)
	if d > 0 {
		sn.Text, sn.Offset = trimmed, sn.Offset+d
		for i := range sn.Marks {
			sn.Marks[i][0] -= d
			sn.Marks[i][1] -= d
		}
	}
	sn.Text = strings.TrimRight(sn.Text, " \n\t")
	marks := sn.Marks[:0]
	for _, m := range sn.Marks {
		m[0], m[1] = max(m[0], 0), min(m[1], len(sn.Text))
		if m[0] < m[1] {
			marks = append(marks, m)
		}
	}
	sn.Marks = marks
	return sn
}

// dropBullets removes, from the start of s, every bullet followed by
// another: "- + 50%" is "+ 50%", "• - x" is "- x".
func dropBullets(s string) string {
	for {
		r, n := utf8.DecodeRuneInString(s)
		if !strings.ContainsRune("-+•*–·", r) || n >= len(s) || s[n] != ' ' {
			return s
		}
		rest := strings.TrimLeft(s[n:], " ")
		r2, n2 := utf8.DecodeRuneInString(rest)
		if !strings.ContainsRune("-+•*–·", r2) || n2 >= len(rest) || rest[n2] != ' ' {
			return s
		}
		s = rest
	}
}

func boundary(s string, i int) bool { return i == len(s) || utf8.RuneStart(s[i]) }

// wordStart moves i back to the start of its word.
func wordStart(s string, i int) int {
	for i > 0 && !utf8.RuneStart(s[i]) {
		i--
	}
	for j := i; j > 0 && i-j < 40; {
		r, n := utf8.DecodeLastRuneInString(s[:j])
		if r == ' ' || r == '\n' {
			return j
		}
		j -= n
		if j == 0 {
			return 0
		}
	}
	return i
}

// wordEnd moves i forward to the end of its word.
func wordEnd(s string, i int) int {
	for i < len(s) && !utf8.RuneStart(s[i]) {
		i++
	}
	for j := i; j < len(s) && j-i < 40; {
		r, n := utf8.DecodeRuneInString(s[j:])
		if r == ' ' || r == '\n' {
			return j
		}
		j += n
		if j == len(s) {
			return j
		}
	}
	return i
}

// joinSpans joins spans that only spaces separate, so that a phrase is
// marked as one: «năng lực thông tin», not «năng» «lực» «thông» «tin».
func joinSpans(text string, spans [][2]int) [][2]int {
	out := spans[:0]
	for _, s := range spans {
		if n := len(out); n > 0 && strings.Trim(text[out[n-1][1]:s[0]], " ") == "" {
			out[n-1][1] = s[1]
			continue
		}
		out = append(out, s)
	}
	return out
}
