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
			trim, sep, ok := continues(tail, next)
			if !ok {
				break
			}
			out = append(append(out[:len(out)-trim], sep...), next...)
			tail, i = next, j
		}
		wrote = true
	}
	return string(out)
}

// continues says whether line b continues the sentence that line a leaves
// open and, if so, how to join them (see WrapJoin).
func continues(a, b string) (trim int, sep string, ok bool) {
	if listMarker.MatchString(b) {
		return 0, "", false
	}
	trim, sep = WrapJoin(a, b)
	if sep == "" {
		return trim, sep, true // a word broken at a hyphen
	}
	last, _ := utf8.DecodeLastRuneInString(a)
	switch last {
	case '.', ';', ':', '!', '?', '…':
		return 0, "", false
	}
	first, _ := utf8.DecodeRuneInString(b)
	if !unicode.IsLower(first) && !(wrapped(a) && runOn(a, b)) {
		return 0, "", false
	}
	return 0, " ", true
}

// wrapped reports whether a line is as long as hard-wrapped text makes
// its lines: headings and titles are shorter.
func wrapped(a string) bool { return utf8.RuneCountInString(a) >= 60 && !strings.Contains(a, "|") }

// runOn reports whether a line that starts with no small letter still
// continues the one before it: it starts with a percentage ("đạt\n65%,
// tiến tới ...") or with an abbreviation and a small word ("đạt chuẩn\nXMC
// mức độ 2").
func runOn(a, b string) bool {
	if percentStart.MatchString(b) {
		return true
	}
	w := firstWord(b)
	rest := strings.TrimLeft(b[len(w):], " ")
	return len(w) >= 2 && len(w) <= 8 && strings.ToUpper(w) == w && !isDigits(w) && rest != "" && unicode.IsLower(firstRune(rest))
}

var percentStart = regexp.MustCompile(`^\(?\d{1,3}(?:[.,]\d{1,2})?\s?%`)

func firstRune(s string) rune {
	r, _ := utf8.DecodeRuneInString(s)
	return r
}

func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// WrapJoin says how line b is appended to line a when both belong to one
// paragraph: cut trim bytes from the end of a, then add sep and b. A word
// broken at a line-end hyphen is joined without a space: without the
// hyphen when it was put there by typesetting (a soft hyphen, or a hyphen
// between small letters whose pieces are not words themselves: "docu-"
// "ment"), with it when it is real (between two Vietnamese syllables,
// "tế-xã", or after a capital or a digit, "XMC-PCGD", "2021-2030"). Any
// other break, a spaced dash ("kinh tế -") included, becomes one space.
func WrapJoin(a, b string) (trim int, sep string) {
	first, _ := utf8.DecodeRuneInString(b)
	last, n := utf8.DecodeLastRuneInString(a)
	if (last == '-' || last == '\u00ad') && n < len(a) {
		head := a[:len(a)-n]
		prev, _ := utf8.DecodeLastRuneInString(head)
		if isAlnum(prev) && isAlnum(first) {
			if last == '\u00ad' || unicode.IsLower(prev) && unicode.IsLower(first) && !(IsSyllable(lastWord(head)) && IsSyllable(firstWord(b))) {
				return n, ""
			}
			return 0, ""
		}
	}
	return 0, " "
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
