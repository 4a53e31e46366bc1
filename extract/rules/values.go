package rules

import (
	"sort"
	"strconv"
	"strings"

	"github.com/chitieu/chitieu/extract/gazetteer"
	"github.com/chitieu/chitieu/extract/vntext"
)

// Cmp is how a target's value is qualified.
type Cmp int

// Comparisons.
const (
	Eq     Cmp = iota // "50%"
	Ge                // "50% trở lên", "ít nhất 50%", "tối thiểu", "không dưới"
	Gt                // "trên 99%", "hơn 60%"
	Le                // "không quá 5%", "tối đa"
	Lt                // "dưới 5%"
	Approx            // "khoảng 23%"
	Range             // "80-85%", "từ 70% đến 80%": Value to Max
)

var cmpNames = []string{"eq", "ge", "gt", "le", "lt", "approx", "range"}

func (c Cmp) String() string { return enumName(cmpNames, c, "eq") }

// MarshalText writes the comparison's name.
func (c Cmp) MarshalText() ([]byte, error) { return []byte(c.String()), nil }

// UnmarshalText reads a comparison's name.
func (c *Cmp) UnmarshalText(b []byte) error { return enumParse(cmpNames, b, c, "comparison") }

// A Value is a figure found in a text. Start and End are byte offsets into
// the text given to ParseValues; Raw is the text itself.
type Value struct {
	Start, End int
	Unit       Unit    // Percent, Level or Count
	Num        float64 // the value; the low end of a range
	Max        float64 // the high end of a range
	Cmp        Cmp
	Count      int // "101/101 xã": 101 of ...
	Total      int // ... 101
	Noun       string
	Raw        string
}

// ParseValues returns the figures in s, in order: percentages (with their
// qualifiers and ranges), counts of units ("101/101 xã" as a percentage
// with the count kept, "09 huyện"), and standard levels ("mức độ 2").
// Dates, document numbers and ages are not figures.
func ParseValues(s string) []Value {
	f, offs := vntext.FoldMap(s)
	vs := lexValues(f)
	for i := range vs {
		vs[i].Start, vs[i].End = offs[vs[i].Start], offs[vs[i].End]
		vs[i].Raw = s[vs[i].Start:vs[i].End]
	}
	return vs
}

// unitNouns are what a count can count, folded, longest first: units,
// places and bodies, and the people and things plans count ("600 lao
// động", "150 nhà ở", "32 giường bệnh", "19/19 tiêu chí").
var unitNouns = func() []string {
	var ns []string
	for _, t := range gazetteer.TypeWords {
		ns = append(ns, t.Fold) // "09 huyện", "101/101 xã"
	}
	ns = append(ns,
		"trung tam hoc tap cong dong", "khu dan cu", "to dan pho", "khu pho",
		"khoi pho", "tieu khu", "trung tam", "don vi", "co so", "co quan", "doanh nghiep", "gia dinh", "dong ho",
		"truong", "thon", "ap", "ban", "buon", "bon", "soc", "khom",
		"xom", "lang", "ho", "tthtcd",
		"tieu chi", "nguoi", "lao dong", "hoi vien", "hoc vien", "hoc sinh", "sinh vien", "luot nguoi", "luot",
		"giuong benh", "giuong", "bac si", "nha o", "can nha", "can ho", "nha", "viec lam", "san pham", "hop tac xa",
		"can bo", "mo hinh", "lop", "cuoc", "km", "ha", "tan", "du an", "cong trinh", "diem", "tram",
	)
	sort.SliceStable(ns, func(i, j int) bool { return len(ns[i]) > len(ns[j]) })
	return ns
}()

// magnitudes are the words of a number's order, folded: "1,2 triệu".
var magnitudes = []struct {
	word string
	mul  float64
}{{"nghin", 1e3}, {"ngan", 1e3}, {"trieu", 1e6}, {"ty", 1e9}}

// magnitudeAt reads the order words at f[i:] ("triệu", "nghìn tỷ") and
// returns their product and end; 1 and i when there are none. "tỷ lệ" is
// no order.
func magnitudeAt(f string, i int) (float64, int) {
	mul, end := 1.0, i
	for range 2 {
		j := skipSpaces(f, end)
		found := false
		for _, m := range magnitudes {
			if strings.HasPrefix(f[j:], m.word) && wordEnd(f, j+len(m.word)) && !strings.HasPrefix(f[j+len(m.word):], " le") {
				mul, end, found = mul*m.mul, j+len(m.word), true
				break
			}
		}
		if !found {
			break
		}
	}
	return mul, end
}

// notMoney reports whether the words after "dong" make it another word:
// "đồng bào", "đồng chí", "đồng thời".
func notMoney(rest string) bool {
	for _, w := range []string{" bao", " chi", " thoi", " bang", " deu", " dang", " nghiep", " tinh", " song", " ruong"} {
		if strings.HasPrefix(rest, w) && wordEnd(rest, len(w)) {
			return true
		}
	}
	return false
}

// moneyAt reads a currency and what it is per at f[i:] ("đồng",
// "đồng/người/năm", "USD") and returns its folded words and end.
func moneyAt(f string, i int) (string, int) {
	j := skipSpaces(f, i)
	var e int
	switch {
	case strings.HasPrefix(f[j:], "dong") && wordEnd(f, j+4) && nounAt(f, j) == "" && !notMoney(f[j+4:]):
		e = j + 4
	case strings.HasPrefix(f[j:], "usd") && wordEnd(f, j+3):
		e = j + 3
	default:
		return "", i
	}
	for e+1 < len(f) && f[e] == '/' && isLetter(f[e+1]) {
		k := e + 1
		for k < len(f) && isLetter(f[k]) {
			k++
		}
		e = k
	}
	return f[j:e], e
}

// lexValues finds the values of folded text f, with offsets into f.
func lexValues(f string) []Value {
	var out []Value
	for i := 0; i < len(f); i++ {
		c := f[i]
		if c == 'm' {
			if v, ok := lexLevel(f, i); ok {
				out = append(out, v)
				i = v.End - 1
				continue
			}
		}
		if isLetter(c) && (i == 0 || !isLetter(f[i-1])) {
			if v, ok := lexWords(f, i); ok {
				out = append(out, qualify(f, v))
				i = v.End - 1
				continue
			}
		}
		if !isDigit(c) || i > 0 && (isDigit(f[i-1]) || isLetter(f[i-1]) || f[i-1] == '/' || (f[i-1] == '.' || f[i-1] == ',') && i > 1 && isDigit(f[i-2])) {
			continue
		}
		v, ok := lexNumber(f, i)
		if ok {
			out = append(out, v)
			i = v.End - 1
			continue
		}
		// Skip the rest of this number.
		for i+1 < len(f) && (isDigit(f[i+1]) || f[i+1] == '.' || f[i+1] == ',' || f[i+1] == '/') {
			i++
		}
	}
	return mergeParens(f, out)
}

// mergeParens joins a figure and the same figure written again in
// parentheses after its noun phrase: "32/34 xã, thị trấn (94,1%)" is
// 94,1% (32 of 34), "100% huyện, thị xã, thành phố (15/15 đơn vị)" is 100%
// (15 of 15). A fraction's share said again by its predicate is one
// figure too: "186/230 dòng họ, đạt 80,9%", "28/30 xã, chiếm tỷ lệ
// 93,3%". The value keeps the percentage as written, the count of the
// fraction, and the first one's place.
func mergeParens(f string, vs []Value) []Value {
	out := vs[:0]
	for i := 0; i < len(vs); i++ {
		v := vs[i]
		if i+1 < len(vs) && v.Unit == Percent && vs[i+1].Unit == Percent && (v.Total > 0) != (vs[i+1].Total > 0) {
			w := vs[i+1]
			gap := f[v.End:w.Start]
			open := strings.LastIndexByte(gap, '(')
			closeAfter := strings.HasPrefix(strings.TrimLeft(f[w.End:], " "), ")")
			paren := open >= 0 && strings.TrimSpace(gap[open+1:]) == "" && closeAfter && !strings.ContainsAny(gap[:open], ";:.()") &&
				len(strings.Fields(gap[:open])) <= 12
			if (paren || v.Total > 0 && restates(gap)) && abs(v.Num-w.Num) <= 0.6 {
				frac, pct := v, w
				if w.Total > 0 {
					frac, pct = w, v
				}
				v.Num, v.Count, v.Total, v.Noun = pct.Num, frac.Count, frac.Total, frac.Noun
				if v.Cmp == Eq {
					v.Cmp, v.Max = w.Cmp, w.Max
				}
				out = append(out, v)
				i++
				continue
			}
		}
		out = append(out, v)
	}
	return out
}

// restates reports whether the words between a fraction and a percentage
// are the fraction's noun and a verb that states its share: "dòng họ, đạt",
// "xã chiếm tỷ lệ".
func restates(gap string) bool {
	if strings.ContainsAny(gap, ";:.()") || len(strings.Fields(gap)) > 12 {
		return false
	}
	g := strings.TrimRight(gap, " ")
	g = strings.TrimSuffix(g, " ty le")
	for _, verb := range []string{" dat", " chiem", " bang", " ="} {
		if strings.HasSuffix(g, verb) {
			return !strings.Contains(strings.TrimSuffix(g, verb), " dat ")
		}
	}
	return false
}

func abs(x float64) float64 {
	if x < 0 {
		return -x
	}
	return x
}

// numberWords are the Vietnamese words for numbers, folded.
var numberWords = map[string]int{
	"mot": 1, "hai": 2, "ba": 3, "bon": 4, "tu": 4, "nam": 5, "lam": 5, "sau": 6, "bay": 7, "tam": 8, "chin": 9,
}

// lexWords reads a percentage in words: "một trăm phần trăm", "năm mươi
// phần trăm", "bảy mươi lăm phần trăm", or "một nửa" (50%).
func lexWords(f string, i int) (Value, bool) {
	if strings.HasPrefix(f[i:], "mot nua") && wordEnd(f, i+7) {
		return Value{Start: i, End: i + 7, Unit: Percent, Num: 50}, true
	}
	n, j, ok := wordNumber(f, i)
	if !ok {
		return Value{}, false
	}
	if e, ok := percentAt(f, j); ok && strings.HasPrefix(f[skipSpaces(f, j):], "phan tram") && n <= 100 {
		return Value{Start: i, End: e, Unit: Percent, Num: float64(n)}, true
	}
	return Value{}, false
}

// wordNumber reads a number from 1 to 100 in words at f[i:].
func wordNumber(f string, i int) (int, int, bool) {
	word := func(k int) (string, int) {
		k = skipSpaces(f, k)
		e := k
		for e < len(f) && isLetter(f[e]) {
			e++
		}
		return f[k:e], e
	}
	w, j := word(i)
	if w == "mot" {
		if w2, j2 := word(j); w2 == "tram" {
			return 100, j2, true
		}
	}
	units := func(w string) int {
		return numberWords[w]
	}
	if w == "muoi" {
		if w2, j2 := word(j); units(w2) > 0 {
			return 10 + units(w2), j2, true
		}
		return 10, j, true
	}
	d := units(w)
	if d == 0 || w == "lam" {
		return 0, i, false
	}
	w2, j2 := word(j)
	if w2 != "muoi" {
		return d, j, true
	}
	if w3, j3 := word(j2); units(w3) > 0 {
		return d*10 + units(w3), j3, true
	}
	return d * 10, j2, true
}

func isDigit(c byte) bool  { return '0' <= c && c <= '9' }
func isLetter(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || c >= 0x80 }

// number reads a number at f[i:]: digits with one decimal part after "," or
// "." ("40,0", "93,33", "99.5"). It returns the value, the end, and whether
// the separator could be a thousands separator ("1.000").
func number(f string, i int) (float64, int, bool) {
	j := i
	for j < len(f) && isDigit(f[j]) {
		j++
	}
	if j == i || j-i > 6 {
		return 0, i, false
	}
	intPart := f[i:j]
	frac := ""
	if j+1 < len(f) && (f[j] == ',' || f[j] == '.') && isDigit(f[j+1]) {
		k := j + 1
		for k < len(f) && isDigit(f[k]) {
			k++
		}
		frac = f[j+1 : k]
		j = k
	}
	thousands := len(frac) == 3
	v, err := strconv.ParseFloat(intPart+"."+frac+"0", 64)
	if err != nil {
		return 0, i, false
	}
	return v, j, thousands
}

func skipSpaces(f string, i int) int {
	for i < len(f) && f[i] == ' ' {
		i++
	}
	return i
}

// percentAt reports whether a percent sign (or the words) is at f[i:] and
// returns its end.
func percentAt(f string, i int) (int, bool) {
	i = skipSpaces(f, i)
	if strings.HasPrefix(f[i:], "%") {
		return i + 1, true
	}
	if strings.HasPrefix(f[i:], "phan tram") && wordEnd(f, i+len("phan tram")) {
		return i + len("phan tram"), true
	}
	return i, false
}

func wordEnd(f string, i int) bool { return i >= len(f) || !isLetter(f[i]) && !isDigit(f[i]) }

// rangeSep reads a range separator ("-", "đến", "tới") at f[i:].
func rangeSep(f string, i int) (int, bool) {
	i = skipSpaces(f, i)
	switch {
	case strings.HasPrefix(f[i:], "-"):
		return skipSpaces(f, i+1), true
	case strings.HasPrefix(f[i:], "den ") || strings.HasPrefix(f[i:], "toi "):
		return skipSpaces(f, i+4), true
	}
	return i, false
}

func lexNumber(f string, i int) (Value, bool) {
	n1, j, thousands := number(f, i)
	if j == i {
		return Value{}, false
	}
	// A date or a document number: "16/3/2022", "1144/KH-UBND".
	if j < len(f) && f[j] == '/' {
		k := j + 1
		d := k
		for d < len(f) && isDigit(f[d]) {
			d++
		}
		if d == k || d < len(f) && (f[d] == '/' || isLetter(f[d])) {
			return Value{}, false
		}
		n2, _ := strconv.Atoi(f[k:d])
		e := skipSpaces(f, d)
		noun := nounAt(f, e)
		if noun == "" || n2 == 0 || thousands || n1 > float64(n2) {
			return Value{}, false
		}
		v := Value{Start: i, End: e + len(noun), Unit: Percent, Num: round2(n1 / float64(n2) * 100),
			Count: int(n1), Total: n2, Noun: noun}
		return v, true
	}
	if e, ok := percentAt(f, j); ok {
		v := Value{Start: i, End: e, Unit: Percent, Num: n1}
		// "từ 70% đến 80%", "70% - 80%"
		if k, ok := rangeSep(f, e); ok {
			if n2, k2, _ := number(f, k); k2 > k {
				if e2, ok := percentAt(f, k2); ok && n2 > n1 {
					v.End, v.Max, v.Cmp = e2, n2, Range
				}
			}
		}
		return qualify(f, v), true
	}
	// "80-85%", "từ 70 đến 80%"
	if k, ok := rangeSep(f, j); ok {
		if n2, k2, _ := number(f, k); k2 > k {
			if e2, ok := percentAt(f, k2); ok && n2 > n1 && n1 <= 100 {
				return qualify(f, Value{Start: i, End: e2, Unit: Percent, Num: n1, Max: n2, Cmp: Range}), true
			}
		}
	}
	// Money: "80 triệu đồng/người/năm", "1.200 tỷ đồng".
	mul, me := magnitudeAt(f, j)
	if thousands {
		n1 *= 1000
		thousands = false
	}
	if noun, e := moneyAt(f, me); noun != "" {
		return qualify(f, Value{Start: i, End: e, Unit: Money, Num: n1 * mul, Noun: noun}), true
	}
	// A count: "1,2 triệu người", "38.500 người".
	if mul > 1 {
		if noun := nounAt(f, skipSpaces(f, me)); noun != "" {
			e := skipSpaces(f, me) + len(noun)
			return qualify(f, Value{Start: i, End: e, Unit: Count, Num: n1 * mul, Count: int(n1 * mul), Noun: noun}), true
		}
	}
	// A count of units: "09 huyện", "101 xã"; not a year ("Năm 2023
	// huyện phấn đấu ...").
	if h := strings.TrimRight(f[:i], " "); strings.HasSuffix(h, "nam") && (len(h) == 3 || !isLetter(h[len(h)-4])) {
		return Value{}, false
	}
	// "trên 1 ha", "mỗi 1 km": the unit a figure is per.
	if h := strings.TrimRight(f[:i], " "); n1 == 1 && (strings.HasSuffix(h, "tren") || strings.HasSuffix(h, "moi")) {
		return Value{}, false
	}
	e := skipSpaces(f, j)
	if e > j {
		if noun := nounAt(f, e); noun != "" && n1 == float64(int(n1)) {
			return Value{Start: i, End: e + len(nounAt(f, e)), Unit: Count, Num: n1, Count: int(n1), Noun: nounAt(f, e)}, true
		}
	}
	return Value{}, false
}

func nounAt(f string, i int) string {
	for _, n := range unitNouns {
		if strings.HasPrefix(f[i:], n) && wordEnd(f, i+len(n)) {
			return n
		}
	}
	return ""
}

func round2(x float64) float64 {
	v, _ := strconv.ParseFloat(strconv.FormatFloat(x, 'f', 2, 64), 64)
	return v
}

// qualifiers before a value, folded, with their comparison; longest first
// so that "không dưới" is not read as "dưới".
var before = []struct {
	words string
	cmp   Cmp
}{
	{"dat va vuot chi tieu", Ge}, {"dat va vuot", Ge}, {"va vuot", Ge},
	{"khong thap hon", Ge}, {"khong duoi", Ge}, {"co it nhat", Ge}, {"it nhat", Ge}, {"toi thieu", Ge}, {"tu", Ge},
	{"khong qua", Le}, {"toi da", Le}, {"khong vuot qua", Le},
	{"cao hon", Gt}, {"tren", Gt}, {"hon", Gt}, {"vuot", Gt},
	{"duoi", Lt}, {"thap hon", Lt},
	{"khoang", Approx}, {"xap xi", Approx}, {"gan", Approx}, {"uoc", Approx},
}

// qualify sets the comparison of v from the words around it.
func qualify(f string, v Value) Value {
	if v.Cmp == Range {
		if h := strings.TrimRight(f[:v.Start], " "); strings.HasSuffix(h, " tu") || h == "tu" {
			v.Start = len(h) - 2
		}
		return v
	}
	after := skipSpaces(f, v.End)
	switch {
	case strings.HasPrefix(f[after:], "tro len") && wordEnd(f, after+7):
		v.Cmp, v.End = Ge, after+7
		return v
	case strings.HasPrefix(f[after:], "tro xuong") && wordEnd(f, after+9):
		v.Cmp, v.End = Le, after+9
		return v
	}
	h := strings.TrimRight(f[:v.Start], " ")
	for _, b := range before {
		if b.words == "tu" {
			continue // "từ" qualifies only a range
		}
		if strings.HasSuffix(h, b.words) && (len(h) == len(b.words) || !isLetter(h[len(h)-len(b.words)-1])) {
			v.Cmp = b.cmp
			v.Start = len(h) - len(b.words)
			return v
		}
	}
	return v
}

// lexLevel reads "mức độ 2", "mức 3", "mức độ II" at f[i:].
func lexLevel(f string, i int) (Value, bool) {
	if i > 0 && isLetter(f[i-1]) || !strings.HasPrefix(f[i:], "muc ") {
		return Value{}, false
	}
	j := skipSpaces(f, i+4)
	if strings.HasPrefix(f[j:], "do ") {
		j = skipSpaces(f, j+3)
	}
	for _, r := range []struct {
		s string
		n float64
	}{{"1", 1}, {"2", 2}, {"3", 3}, {"4", 4}, {"iii", 3}, {"ii", 2}, {"iv", 4}, {"i", 1}} {
		if strings.HasPrefix(f[j:], r.s) && wordEnd(f, j+len(r.s)) && !(j+len(r.s) < len(f) && (f[j+len(r.s)] == ',' || f[j+len(r.s)] == '.') && j+len(r.s)+1 < len(f) && isDigit(f[j+len(r.s)+1])) {
			return Value{Start: i, End: j + len(r.s), Unit: Level, Num: r.n}, true
		}
	}
	return Value{}, false
}

func formatNum(x float64) string { return strconv.FormatFloat(x, 'f', -1, 64) }
