package rules

import (
	"regexp"
	"strconv"
	"strings"

	"github.com/chitieu/chitieu/extract/vntext"
)

// A yearMention is "năm 2025" (or "đến 2030") in folded text.
type yearMention struct {
	start, end int // in folded text
	year       int
	lead       string // the word before "năm": "den", "vao", "trong", "het", ...
}

var (
	periodRe  = regexp.MustCompile(`\b(?:giai doan|thoi ky|nam|tu nam)\s+(20\d\d)\s*-\s*(20\d\d)\b`)
	dateTail  = regexp.MustCompile(`(?:thang\s+\d{1,2}|\d{1,2}\s*/\s*\d{1,2})\s*(?:nam\s*|/\s*)?$`)
	docNoTail = regexp.MustCompile(`\d+/[a-z][^\s]*\s+$`)
)

// leads are the words that make a bare number a year ("đến 2030") and
// that stand before "năm" in a year phrase.
var leads = map[string]bool{"den": true, "toi": true, "vao": true, "trong": true, "het": true, "cua": true, "la": true}

// lexYears finds the years a text states for its figures: "năm 2025",
// "đến năm 2030", "vào năm 2030", "đến 2030". Dates ("ngày 6 tháng 10 năm
// 2022"), periods ("giai đoạn 2021-2025", "2021 - 2030") and the years of
// document numbers ("Kế hoạch 374/KH-UBND năm 2022") are not.
func lexYears(f string) []yearMention {
	if !hasYearDigits(f) {
		return nil
	}
	var out []yearMention
	for i := 0; i+4 <= len(f); i++ {
		if !isDigit(f[i]) || i > 0 && (isDigit(f[i-1]) || isLetter(f[i-1])) {
			continue
		}
		j := i
		for j < len(f) && isDigit(f[j]) {
			j++
		}
		if j-i != 4 || j < len(f) && isLetter(f[j]) {
			i = j
			continue
		}
		y, _ := strconv.Atoi(f[i:j])
		if y < 1950 || y > 2100 {
			i = j
			continue
		}
		// Part of a period "2021 - 2025", either end.
		if k := skipSpaces(f, j); k < len(f) && f[k] == '-' && k+1 < len(f) && isDigit(f[skipSpaces(f, k+1)]) ||
			strings.HasSuffix(strings.TrimRight(f[:i], " "), "-") {
			i = j
			continue
		}
		if i > 0 && (f[i-1] == '/' || f[i-1] == '.') {
			i = j
			continue
		}
		h := strings.TrimRight(f[:i], " ")
		m := yearMention{start: i, end: j, year: y}
		hasNam := strings.HasSuffix(h, "nam") && (len(h) == 3 || !isLetter(h[len(h)-4]))
		if hasNam {
			m.start = len(h) - 3
			h = strings.TrimRight(h[:len(h)-3], " ")
		}
		if w := lastWord(h); leads[w] {
			m.lead = w
			m.start = len(h) - len(w)
		}
		switch {
		case !hasNam && m.lead == "":
			// A bare number is a year only after "đến", "vào", ...
		case hasNam && dateTail.MatchString(tail(f[:m.start], 48)+"nam "), docNoTail.MatchString(tail(f[:m.start], 64)):
		default:
			out = append(out, m)
		}
		i = j
	}
	return out
}

// tail returns the last n bytes of s: the tail patterns above look no
// further back, and matching them on the whole prefix at every year made a
// long sentence quadratic (a 100 KB line took seconds).
func tail(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[len(s)-n:]
}

func lastWord(h string) string {
	k := len(h)
	for k > 0 && isLetter(h[k-1]) {
		k--
	}
	return h[k:]
}

// hasYearDigits reports whether f has four digits starting with 19, 20 or
// 21: the cheap test before the regular expressions.
func hasYearDigits(f string) bool {
	for i := 0; i+3 < len(f); i++ {
		if (f[i] == '1' && f[i+1] == '9' || f[i] == '2' && (f[i+1] == '0' || f[i+1] == '1')) && isDigit(f[i+2]) && isDigit(f[i+3]) {
			return true
		}
	}
	return false
}

// Governing returns the year that a sentence or heading sets for the
// targets under it, as "Mục tiêu đến năm 2025", "Phấn đấu đến năm 2030,
// ...", "b) Mục tiêu đến năm 2030", "Đến năm 2025:", "Giai đoạn 2021-2025:"
// do, and whether it says "phấn đấu". A year deep inside a sentence ("Đề
// án ... đến năm 2030; ...", "bảo đảm đến năm 2030 mọi người dân ...")
// governs nothing.
func Governing(s string) (year int, strive, ok bool) {
	// Only the first words count: fold no more than them.
	if len(s) > 160 {
		cut := 160
		for cut < len(s) && s[cut]&0xC0 == 0x80 {
			cut++
		}
		s = s[:cut]
	}
	f := vntext.Fold(s)
	if !hasYearDigits(f) {
		return 0, false, false
	}
	toks := vntext.Tokens(f)
	limit := len(f)
	if len(toks) > 9 {
		limit = toks[9].Start
	}
	// A period heading: "Giai đoạn 2021-2025:".
	if m := periodRe.FindStringSubmatchIndex(f); m != nil && m[0] < limit && closes(f, m[1]) {
		y, _ := strconv.Atoi(f[m[4]:m[5]])
		return y, strings.Contains(f[:m[0]], "phan dau"), true
	}
	for _, y := range lexYears(f) {
		if y.start >= limit {
			break
		}
		head := f[:y.start]
		h := strings.TrimSpace(head)
		lead := y.lead != "" || h == "" || strings.HasSuffix(h, "muc tieu") || strings.HasSuffix(h, "chi tieu")
		framed := h == "" || strings.HasSuffix(h, ",") || strings.Contains(head, "muc tieu") || strings.Contains(head, "chi tieu") || strings.Contains(head, "phan dau")
		if lead && framed && closes(f, y.end) {
			return y.year, strings.Contains(head, "phan dau"), true
		}
	}
	return 0, false, false
}

// closes reports whether f[i:] starts with "," ":" or "." or is the end: a
// year phrase that frames what follows.
func closes(f string, i int) bool {
	for i < len(f) && f[i] == ' ' {
		i++
	}
	return i == len(f) || f[i] == ',' || f[i] == ':' || f[i] == '.' || f[i] == ')' || f[i] == ';'
}

var annualRe = regexp.MustCompile(`\bke hoach\s+((?:[a-z]+\s+){0,8}?)nam\s+(20\d\d)\b`)

// AnnualYear returns the year of an annual plan ("Kế hoạch năm 2023",
// "kế hoạch thực hiện năm 2023"), or 0. A year after a document number
// ("Kế hoạch 374/KH-UBND năm 2022") or ending a period ("đến năm 2030",
// "giai đoạn 2021-2030") does not make a plan annual.
func AnnualYear(s string) int {
	f := vntext.Fold(s)
	for off := 0; ; {
		i := strings.Index(f[off:], "ke hoach")
		if i < 0 {
			return 0
		}
		i += off
		off = i + len("ke hoach")
		// Only the words right after "kế hoạch" count.
		if y := annualAt(f[i:min(len(f), i+120)]); y != 0 {
			return y
		}
	}
}

func annualAt(f string) int {
	for _, m := range annualRe.FindAllStringSubmatchIndex(f, 1) {
		between := f[m[2]:m[3]]
		bad := false
		for _, w := range strings.Fields(between) {
			switch w {
			case "den", "toi", "giai", "doan", "so", "hang", "tung", "moi", "cac":
				bad = true
			}
		}
		if m[5] < len(f) && strings.HasPrefix(strings.TrimLeft(f[m[5]:], " "), "-") {
			bad = true
		}
		if !bad {
			y, _ := strconv.Atoi(f[m[4]:m[5]])
			return y
		}
	}
	return 0
}
