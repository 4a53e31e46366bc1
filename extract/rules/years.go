package rules

import (
	"regexp"
	"strconv"
	"strings"

	"github.com/chitieu/chitieu/extract/vntext"
)

// A yearMention is a year a text states for its figures, in folded text:
// "năm 2025", "đến năm 2030", "vào năm 2030", "đến 2030", "2025:" before
// a figure, or a list "năm 2025 và 2030". A date to the month ("tháng
// 6/2025", "hết tháng 6 năm 2025") is a mention with its month: it dates a
// result, it is no horizon.
type yearMention struct {
	start, end int // in folded text
	years      []int
	lead       string // the word before "năm" or a bare year: "den", "vao", "trong", "het", "cuoi", ...
	colon      bool   // a colon follows: "2025: 70%", "Năm 2023: ..."
	month      int    // 1-12 for a date to the month
}

func (y yearMention) year() int { return y.years[0] }

// A period is "giai đoạn 2021 - 2025", "2021-2025": a span of years that
// frames a section or a plan.
type period struct {
	start, end int
	from, to   int
}

var (
	dateTail  = regexp.MustCompile(`ngay\s+\d{1,2}\s+thang\s+\d{1,2}\s+$|\d{1,2}\s*/\s*\d{1,2}\s*/\s*$`)
	docNoTail = regexp.MustCompile(`\d+/[a-z][^\s]*\s+$`)
)

// leads are the words that make a bare number a year ("đến 2030") and that
// stand before "năm" in a year phrase.
var leads = map[string]bool{"den": true, "toi": true, "vao": true, "trong": true, "het": true, "cuoi": true, "cua": true, "la": true, "tu": true, "sau": true}

// lexYears finds the year phrases and periods of folded text f. Dates of
// documents ("ngày 6 tháng 10 năm 2022", "16/3/2022") and the years of
// document numbers ("Kế hoạch 374/KH-UBND năm 2022") are neither.
func lexYears(f string) ([]yearMention, []period) {
	if !hasYearDigits(f) {
		return nil, nil
	}
	var out []yearMention
	var pers []period
	for i := 0; i+4 <= len(f); i++ {
		if !isDigit(f[i]) || i > 0 && (isDigit(f[i-1]) || isLetter(f[i-1])) {
			continue
		}
		y, j, ok := yearAt(f, i)
		if !ok {
			for i < len(f) && isDigit(f[i]) {
				i++
			}
			continue
		}
		// A period "2021 - 2025": either end.
		if k := skipSpaces(f, j); k < len(f) && f[k] == '-' {
			if y2, j2, ok := yearAt(f, skipSpaces(f, k+1)); ok && y2 > y {
				p := period{start: i, end: j2, from: y, to: y2}
				h := strings.TrimRight(f[:i], " ")
				for _, w := range []string{"giai doan", "thoi ky", "nhiem ky", "nam", "tu nam", "tu"} {
					if strings.HasSuffix(h, w) && (len(h) == len(w) || !isLetter(h[len(h)-len(w)-1])) {
						p.start = len(h) - len(w)
						break
					}
				}
				pers = append(pers, p)
				i = j2 - 1
				continue
			}
		}
		// "tháng 6/2025": a date to the month.
		if i > 0 && f[i-1] == '/' {
			if m, s, ok := monthBefore(f, i-1); ok {
				out = append(out, yearMention{start: s, end: j, years: []int{y}, month: m, lead: leadBefore(f, s)})
			}
			i = j - 1
			continue
		}
		if i > 0 && f[i-1] == '.' {
			i = j - 1
			continue
		}
		h := strings.TrimRight(f[:i], " ")
		m := yearMention{start: i, end: j, years: []int{y}}
		hasNam := strings.HasSuffix(h, "nam") && (len(h) == 3 || !isLetter(h[len(h)-4]))
		if hasNam {
			m.start = len(h) - 3
			h = strings.TrimRight(h[:len(h)-3], " ")
		}
		tail48 := tail(f[:m.start], 48)
		if mo, s, ok := monthWords(tail48); ok && hasNam && !dateTail.MatchString(tail48) {
			// "hết tháng 6 năm 2025".
			m.month = mo
			m.start -= len(tail48) - s
			m.lead = leadBefore(f, m.start)
			out = append(out, m)
			i = j - 1
			continue
		}
		if w := lastWord(h); leads[w] {
			m.lead = w
			m.start = len(h) - len(w)
		}
		m.colon = colonAfter(f, j)
		switch {
		case !hasNam && m.lead == "" && !m.colon:
			// A bare number is a year only after "đến", "vào", ... or
			// before a colon ("2025: 70%").
		case hasNam && dateTail.MatchString(tail48), docNoTail.MatchString(tail(f[:m.start], 64)):
		default:
			// A list: "năm 2025 và 2030", "năm 2025 và năm 2030".
			for {
				k := skipSpaces(f, m.end)
				rest := f[k:]
				var sep int
				switch {
				case strings.HasPrefix(rest, "va "):
					sep = 3
				case strings.HasPrefix(rest, ", "):
					sep = 2
				default:
					sep = -1
				}
				if sep < 0 {
					break
				}
				k = skipSpaces(f, k+sep)
				if strings.HasPrefix(f[k:], "nam ") {
					k = skipSpaces(f, k+4)
				}
				y2, j2, ok := yearAt(f, k)
				if !ok || y2 <= m.years[len(m.years)-1] {
					break
				}
				if k2 := skipSpaces(f, j2); k2 < len(f) && f[k2] == '-' {
					break // the start of a period
				}
				m.years = append(m.years, y2)
				m.end = j2
				m.colon = colonAfter(f, j2)
			}
			out = append(out, m)
			j = m.end
		}
		i = j - 1
	}
	return out, pers
}

// colonAfter reports whether a year at f[:j] is paired with the figure
// after it, by a colon ("2025: 70%") or a dash before a percentage ("2024
// - 56%"; a dash before a year is a period).
func colonAfter(f string, j int) bool {
	k := skipSpaces(f, j)
	if strings.HasPrefix(f[k:], ":") {
		return true
	}
	if !strings.HasPrefix(f[k:], "-") {
		return false
	}
	k = skipSpaces(f, k+1)
	e := k
	for e < len(f) && (isDigit(f[e]) || (f[e] == ',' || f[e] == '.') && e > k && e+1 < len(f) && isDigit(f[e+1])) {
		e++
	}
	_, ok := percentAt(f, e)
	return e > k && ok
}

// yearAt reads a year (1950-2100) of four digits at f[i:].
func yearAt(f string, i int) (int, int, bool) {
	j := i
	for j < len(f) && isDigit(f[j]) {
		j++
	}
	if j-i != 4 || j < len(f) && (isLetter(f[j]) || f[j] == '/' || (f[j] == ',' || f[j] == '.') && j+1 < len(f) && isDigit(f[j+1])) {
		return 0, j, false
	}
	y, _ := strconv.Atoi(f[i:j])
	if y < 1950 || y > 2100 {
		return 0, j, false
	}
	return y, j, true
}

// monthBefore reads "tháng 6" before the slash at f[slash]: "tháng 6/2025".
func monthBefore(f string, slash int) (month, start int, ok bool) {
	k := slash
	for k > 0 && isDigit(f[k-1]) {
		k--
	}
	if k == slash || slash-k > 2 {
		return 0, 0, false
	}
	m, _ := strconv.Atoi(f[k:slash])
	h := strings.TrimRight(f[:k], " ")
	if m < 1 || m > 12 || !strings.HasSuffix(h, "thang") {
		return 0, 0, false
	}
	if dd := strings.TrimRight(h[:len(h)-5], " "); strings.HasSuffix(dd, "ngay") {
		return 0, 0, false
	}
	return m, len(h) - 5, true
}

var monthWordsRe = regexp.MustCompile(`thang\s+(\d{1,2})\s+$`)

// monthWords finds "tháng 6 " ending s: the month of "tháng 6 năm 2025".
func monthWords(s string) (month, start int, ok bool) {
	m := monthWordsRe.FindStringSubmatchIndex(s)
	if m == nil {
		return 0, 0, false
	}
	mo, _ := strconv.Atoi(s[m[2]:m[3]])
	if mo < 1 || mo > 12 {
		return 0, 0, false
	}
	return mo, m[0], true
}

func leadBefore(f string, i int) string {
	w := lastWord(strings.TrimRight(f[:i], " "))
	if leads[w] {
		return w
	}
	return ""
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

// Horizon returns the year a heading, a caption or a document's title sets
// for the figures under it: the first year it names as one ("Mục tiêu đến
// năm 2025", "II. MỤC TIÊU, CHỈ TIÊU NĂM 2024", "2.1. Đến hết năm 2025",
// "Kế hoạch ... năm 2023"), or the end of the first period it names ("a)
// Giai đoạn 2021 - 2025:", "giai đoạn 2022-2025, định hướng đến năm 2030").
// Years inside quotation marks name another document ("Đề án “Xây dựng xã
// hội học tập giai đoạn 2021-2030”") and count for nothing; so do dates,
// document numbers and dates to the month. ok is false when it names none.
func Horizon(s string) (year int, ok bool) {
	if len(s) > 400 {
		cut := 400
		for cut < len(s) && s[cut]&0xC0 == 0x80 {
			cut++
		}
		s = s[:cut]
	}
	f := maskQuotes(vntext.Fold(s))
	ys, ps := lexYears(f)
	best, at := 0, len(f)+1
	for _, y := range ys {
		if y.month == 0 && y.start < at {
			best, at = y.year(), y.start
			if len(y.years) > 1 {
				best = y.years[len(y.years)-1]
			}
		}
	}
	for _, p := range ps {
		if p.start < at {
			best, at = p.to, p.start
		}
	}
	return best, best != 0
}

// maskQuotes replaces what stands between quotation marks in folded text
// with spaces, keeping offsets.
func maskQuotes(f string) string {
	if strings.IndexByte(f, '"') < 0 {
		return f
	}
	b := []byte(f)
	in := false
	for i, c := range b {
		switch {
		case c == '"':
			in = !in
		case in:
			b[i] = ' '
		}
	}
	if in {
		return f // unbalanced: mask nothing
	}
	return string(b)
}

var annualRe = regexp.MustCompile(`\bke hoach\s+((?:[a-z]+\s+){0,8}?)nam\s+(20\d\d)\b`)

// AnnualYear returns the year of an annual plan ("Kế hoạch năm 2023",
// "kế hoạch thực hiện năm 2023"), or 0. A year after a document number
// ("Kế hoạch 374/KH-UBND năm 2022") or ending a period ("đến năm 2030",
// "giai đoạn 2021-2030") does not make a plan annual.
func AnnualYear(s string) int { return AnnualYearFolded(vntext.Fold(s)) }

// AnnualYearFolded is AnnualYear of text already folded (vntext.Fold).
func AnnualYearFolded(f string) int {
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
