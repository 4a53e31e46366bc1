package structure

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// abbreviations end with a dot that does not end a sentence.
var abbreviations = map[string]bool{
	"TP": true, "Tp": true, "tp": true, "TT": true, "TS": true, "ThS": true, "PGS": true, "GS": true,
	"BS": true, "KS": true, "CN": true, "Th": true, "UB": true, "TM": true, "KT": true, "TL": true,
	"TUQ": true, "Q": true, "P": true, "H": true, "X": true, "St": true, "v.v": true, "vv": true,
}

// Sentences returns the sentences of text[start:end], trimmed of spaces. A
// sentence ends at ".", "!", "?" or "…" followed by a space and a capital,
// a digit, a quote or a list marker, except after abbreviations ("TP.") and
// initials; a list run into a line (": - + ...", as PDFs join nested
// items) starts a new sentence at each marker.
func Sentences(text string, start, end int) []Span {
	start, end = clampSpan(text, start, end)
	var out []Span
	from := start
	emit := func(a, b int) {
		a, b = trimSpan(text, a, b)
		if b > a {
			out = append(out, Span{a, b})
		}
	}
	for i := start; i < end; {
		r, n := utf8.DecodeRuneInString(text[i:end])
		switch r {
		case '.', '!', '?', '…':
			j := i + n
			for j < end {
				q, m := utf8.DecodeRuneInString(text[j:end])
				if !strings.ContainsRune(".!?…”\")’»/", q) {
					break
				}
				j += m
			}
			if j < end && text[j] != ' ' {
				break
			}
			k := j
			for k < end && text[k] == ' ' {
				k++
			}
			if k < end && !opensSentence(text[k:end]) {
				break
			}
			if r == '.' && j == i+n && endsAbbreviation(text[from:i]) {
				break
			}
			emit(from, j)
			from = k
			i = k
			continue
		case ':', ';':
			// "...giáo dục:- + Phấn đấu" or "; - Duy trì": an inline list.
			j := i + n
			for j < end && text[j] == ' ' {
				j++
			}
			if j < end && (text[j] == '-' || text[j] == '+') && j+1 < end && (text[j+1] == ' ' || text[j+1] == '-' || text[j+1] == '+') {
				m := markerOf(text[j:end])
				if m.kind != noMarker {
					emit(from, i+n)
					from = j + m.end
					i = from
					continue
				}
			}
		}
		i += n
	}
	emit(from, end)
	return out
}

// opensSentence reports whether s can start a sentence.
func opensSentence(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(r) || unicode.IsDigit(r) || strings.ContainsRune("“\"(‘'-+•[", r)
}

// endsAbbreviation reports whether s ends with an abbreviation or an
// initial, so that the dot after it does not end the sentence.
func endsAbbreviation(s string) bool {
	j := len(s)
	i := j
	for i > 0 {
		r, n := utf8.DecodeLastRuneInString(s[:i])
		if !unicode.IsLetter(r) && r != '.' {
			break
		}
		i -= n
	}
	w := strings.TrimLeft(s[i:j], ".")
	if w == "" {
		return false
	}
	if abbreviations[w] {
		return true
	}
	r, n := utf8.DecodeRuneInString(w)
	return n == len(w) && unicode.IsUpper(r) // an initial: "Nguyễn V. A"
}

// Clauses splits a sentence at semicolons outside parentheses.
func Clauses(text string, s Span) []Span {
	a, b := clampSpan(text, s.Start, s.End)
	var out []Span
	depth := 0
	from := a
	for i := a; i < b; i++ {
		switch text[i] {
		case '(':
			depth++
		case ')':
			if depth > 0 {
				depth--
			}
		case ';':
			if depth == 0 {
				if x, y := trimSpan(text, from, i); y > x {
					out = append(out, Span{x, y})
				}
				from = i + 1
			}
		}
	}
	if x, y := trimSpan(text, from, b); y > x {
		out = append(out, Span{x, y})
	}
	return out
}

func trimSpan(text string, a, b int) (int, int) {
	for a < b && (text[a] == ' ' || text[a] == '\n' || text[a] == '\t' || text[a] == '\f') {
		a++
	}
	for b > a && (text[b-1] == ' ' || text[b-1] == '\n' || text[b-1] == '\t' || text[b-1] == '\f') {
		b--
	}
	return a, b
}
