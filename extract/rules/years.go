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
	yearRe    = regexp.MustCompile(`\b(?:(den|toi|vao|trong|het|cua|la|nam)\s+)?(?:nam\s+)?(19[5-9]\d|20\d\d|2100)\b`)
	periodRe  = regexp.MustCompile(`\b(?:giai doan|thoi ky|nam|tu nam)\s+(20\d\d)\s*-\s*(20\d\d)\b`)
	dateTail  = regexp.MustCompile(`(?:thang\s+\d{1,2}|\d{1,2}\s*/\s*\d{1,2})\s*(?:nam\s*|/\s*)?$`)
	docNoTail = regexp.MustCompile(`\d+/[a-z][^\s]*\s+$`)
)

// lexYears finds the years a text states for its figures: "năm 2025",
// "đến năm 2030", "vào năm 2030", "đến 2030". Dates ("ngày 6 tháng 10 năm
// 2022"), periods ("giai đoạn 2021-2025") and the years of document
// numbers ("Kế hoạch 374/KH-UBND năm 2022") are not.
func lexYears(f string) []yearMention {
	var out []yearMention
	periods := periodRe.FindAllStringIndex(f, -1)
	for _, m := range yearRe.FindAllStringSubmatchIndex(f, -1) {
		yStart := m[4]
		inPeriod := false
		for _, p := range periods {
			if yStart >= p[0] && yStart < p[1] {
				inPeriod = true
			}
		}
		if inPeriod {
			continue
		}
		head := f[:m[0]]
		hasNam := strings.Contains(f[m[0]:yStart], "nam")
		lead := ""
		if m[2] >= 0 {
			lead = f[m[2]:m[3]]
		}
		if lead == "nam" {
			hasNam, lead = true, ""
		}
		// A bare number is a year only after "đến", "vào", ...
		if !hasNam && lead == "" {
			continue
		}
		if hasNam && dateTail.MatchString(head) || docNoTail.MatchString(head) {
			continue
		}
		if m[0] > 0 && (f[m[0]-1] == '/' || f[m[0]-1] == '.' || f[m[0]-1] == '-') {
			continue
		}
		y, _ := strconv.Atoi(f[yStart:m[5]])
		out = append(out, yearMention{start: m[0], end: m[1], year: y, lead: lead})
	}
	return out
}

// Governing returns the year that a sentence or heading sets for the
// targets under it, as "Mục tiêu đến năm 2025", "Phấn đấu đến năm 2030,
// ...", "b) Mục tiêu đến năm 2030", "Đến năm 2025:", "Giai đoạn 2021-2025:"
// do, and whether it says "phấn đấu". A year deep inside a sentence ("Đề
// án ... đến năm 2030; ...", "bảo đảm đến năm 2030 mọi người dân ...")
// governs nothing.
func Governing(s string) (year int, strive, ok bool) {
	f := vntext.Fold(s)
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
	for _, m := range annualRe.FindAllStringSubmatchIndex(f, -1) {
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
