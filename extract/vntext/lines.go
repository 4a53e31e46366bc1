package vntext

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// listMarker matches the start of a line that opens a new item even when it
// begins with a small letter: "a)", "đ)", "b.", "-", "+", "•", "i.", "1.".
var listMarker = regexp.MustCompile(`^(?:[a-zđ]{1,2}[).]|[ivx]{1,5}[.)]|[-+•–—*·]|\d+[.)/])`)

// RepairLines tidies whitespace and mends lines broken inside sentences,
// as PDF extraction and hard-wrapped text leave them:
//
//   - runs of spaces become one space; lines lose leading and trailing
//     spaces; runs of blank lines become one blank line (a paragraph break);
//   - a line that does not end a sentence is joined to the next non-blank
//     line when that line starts with a small letter and is not a list item
//     ("a)", "-", "+"): "hệ thống giáo dục mở,\nlinh hoạt" reads as one;
//   - a word hyphenated at a line end ("docu-\nment") is joined without the
//     hyphen when both sides are small letters, and with it when not
//     ("XMC-\nPCGD", "2021-\n2030"); a spaced dash at a line end
//     ("kinh tế -\nxã hội") is a real dash and only the break goes.
func RepairLines(s string) string {
	raw := strings.Split(s, "\n")
	lines := make([]string, 0, len(raw))
	for _, l := range raw {
		lines = append(lines, squeezeSpaces(l))
	}
	out := make([]byte, 0, len(s))
	pendingBlank := false
	wrote := false
	tail := "" // the last line appended: what a join looks at
	for i := 0; i < len(lines); i++ {
		l := lines[i]
		if l == "" {
			pendingBlank = wrote
			continue
		}
		if wrote {
			if pendingBlank {
				out = append(out, "\n\n"...)
			} else {
				out = append(out, '\n')
			}
		}
		pendingBlank = false
		out = append(out, l...)
		tail = l
		// Join following lines into this one while they continue it.
		for {
			j := i + 1
			for j < len(lines) && lines[j] == "" {
				j++
			}
			if j >= len(lines) {
				break
			}
			next := lines[j]
			mode := joinMode(tail, next)
			switch mode {
			case joinSpace:
				out = append(append(out, ' '), next...)
			case joinTight:
				out = append(out, next...)
			case joinDropHyphen:
				out = append(out[:len(out)-1], next...)
			}
			if mode == noJoin {
				break
			}
			tail, i = next, j
		}
		wrote = true
	}
	return string(out)
}

// How a line is joined to the next.
const (
	noJoin         = iota
	joinSpace      // "mở, đa dạng," + " " + "linh hoạt"
	joinTight      // "XMC-" + "PCGD"
	joinDropHyphen // "docu-" → "docu" + "ment"
)

// joinMode says whether and how line a, which ends a paragraph so far, is
// continued by line b.
func joinMode(a, b string) int {
	if listMarker.MatchString(b) {
		return noJoin
	}
	first, _ := utf8.DecodeRuneInString(b)
	last, n := utf8.DecodeLastRuneInString(a)
	if last == '-' && n < len(a) {
		head := a[:len(a)-n]
		prev, _ := utf8.DecodeLastRuneInString(head)
		if isAlnum(prev) && isAlnum(first) {
			// A word broken at a hyphen. Typesetting hyphens split a
			// word into pieces that are not words themselves; a hyphen
			// between two Vietnamese syllables ("tế-xã") is real.
			left, right := lastWord(head), firstWord(b)
			if unicode.IsLower(prev) && unicode.IsLower(first) && !(IsSyllable(left) && IsSyllable(right)) {
				return joinDropHyphen
			}
			return joinTight
		}
	}
	if !unicode.IsLower(first) {
		return noJoin
	}
	switch last {
	case '.', ';', ':', '!', '?', '…':
		return noJoin
	}
	return joinSpace
}

func isAlnum(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

func lastWord(s string) string {
	i := strings.LastIndexFunc(s, func(r rune) bool { return !isWordRune(r) })
	if i < 0 {
		return s
	}
	_, n := utf8.DecodeRuneInString(s[i:])
	return s[i+n:]
}

func firstWord(s string) string {
	i := strings.IndexFunc(s, func(r rune) bool { return !isWordRune(r) })
	if i < 0 {
		return s
	}
	return s[:i]
}

// squeezeSpaces trims l and collapses its runs of spaces and tabs.
func squeezeSpaces(l string) string {
	if !strings.Contains(l, "  ") && !strings.ContainsRune(l, '\t') {
		return strings.TrimSpace(l)
	}
	var b strings.Builder
	b.Grow(len(l))
	space := false
	for _, r := range strings.TrimSpace(l) {
		if r == ' ' || r == '\t' {
			space = true
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(r)
	}
	return b.String()
}
