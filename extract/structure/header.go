package structure

import (
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/chitieu/chitieu/extract/gazetteer"
)

// Kind is what sort of text a document is.
type Kind int

// Kinds of documents.
const (
	Text     Kind = iota // running text with no header
	Official             // an administrative document: number, motto or type title
	News                 // a news article: a date line, a headline
)

func (k Kind) String() string {
	switch k {
	case Official:
		return "official"
	case News:
		return "news"
	}
	return "text"
}

// A Header is what the top of a document says about it. Fields the document
// does not state are empty.
type Header struct {
	Kind     Kind
	Number   string // "68/KH-UBND"
	TypeCode string // KH, QĐ, CV, NQ, ...: from the number, else from the title word
	Date     string // YYYY-MM-DD
	Place    string // the place of the place-date line: "Bến Cát"
	Issuer   string // "Ủy ban nhân dân thị xã Bến Cát"
	Signer   string
	Title    string // the subject: "Triển khai thực hiện Đề án ..."; a news headline

	// Where each came from in the text (zero when absent).
	NumberSpan, DateSpan, IssuerSpan, TitleSpan Span
	// IssuerFromBody is set when the issuer was read from a sentence of the
	// body ("Ủy ban nhân dân thị xã Bến Cát ban hành kế hoạch ...").
	IssuerFromBody bool
	// AttachedTo is the number of the decision a plan is issued with
	// ("Ban hành kèm theo Quyết định số 123/QĐ-UBND ...").
	AttachedTo string
	// End is where the header ends and the body begins.
	End int
}

// typeWords maps a document's type as its title writes it to the code the
// numbers use.
var typeWords = []struct{ fold, code string }{
	{"ke hoach", "KH"}, {"quyet dinh", "QĐ"}, {"nghi quyet", "NQ"}, {"chi thi", "CT"},
	{"thong bao", "TB"}, {"bao cao", "BC"}, {"huong dan", "HD"}, {"cong van", "CV"},
	{"de an", "ĐA"}, {"chuong trinh", "CTr"}, {"to trinh", "TTr"}, {"nghi dinh", "NĐ"},
	{"thong tu", "TT"}, {"ket luan", "KL"}, {"cong dien", "CĐ"},
}

// typeCodes are the type codes a number can carry, in canonical spelling.
var typeCodes = map[string]string{
	"KH": "KH", "QĐ": "QĐ", "QD": "QĐ", "NQ": "NQ", "CT": "CT", "TB": "TB", "BC": "BC",
	"HD": "HD", "HĐ": "HD", "CV": "CV", "ĐA": "ĐA", "CTR": "CTr", "TTR": "TTr", "NĐ": "NĐ",
	"ND": "NĐ", "TT": "TT", "KL": "KL", "CĐ": "CĐ", "TTLT": "TTLT",
}

var (
	numberRe    = regexp.MustCompile(`^(?i:số(?:\s+hiệu)?)\s*:?\s*(\d{1,6}(?:\s*/\s*\d{4})?\s*/\s*[\p{L}\d&.-]+(?:\s*-\s*[\p{L}\d&.]+)*)`)
	dateWordsRe = regexp.MustCompile(`ngay\s+(\d{1,2})\s+thang\s+(\d{1,2})\s+nam\s+(\d{4})`)
	dateNumRe   = regexp.MustCompile(`(?:^|[^\d])(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})(?:[^\d]|$)`)
	placeDateRe = regexp.MustCompile(`^([^,]{2,40}),\s*ngay\s+\d{1,2}\s+thang\s+\d{1,2}\s+nam\s+\d{4}`)
	weekdayRe   = regexp.MustCompile(`^(thu\s+(hai|ba|tu|nam|sau|bay)|chu\s+nhat)\b`)
	attachRe    = regexp.MustCompile(`^\(?\s*(?:ban hanh\s+)?kem theo\s+(?:quyet dinh|nghi quyet|cong van|ke hoach)\s+(?:so\s*)?(\d[^\s,;)]*)`)
	bodyIssuer  = regexp.MustCompile(`(Ủy ban nhân dân|UBND|Hội đồng nhân dân|HĐND)\s*(?:\((?:UBND|HĐND)\)\s*)?((?:tỉnh|thành phố|TP\.?|thị xã|huyện|quận|xã|phường|thị trấn)\s+)?(TPHCM|TP\.\s?HCM|\p{Lu}[\p{L}]*(?:(?:\s+|\s*-\s*)\p{Lu}[\p{L}]*){0,4})\s+(?:\((?:tỉnh|thành phố|TP\.?)\s+[^()]{2,40}\)\s+)?(?:đã\s+|vừa\s+|mới\s+)?(?:ban hành|xây dựng|phê duyệt|triển khai|tổ chức hội nghị|tổ chức triển khai)`)
)

// Classifiers of one line, on its folded text.

func isMotto(l line) bool {
	return strings.Contains(l.fold, "cong hoa xa hoi chu nghia viet nam") || strings.HasPrefix(l.fold, "doc lap - tu do - hanh phuc")
}

func isNumberLine(text string, l line) bool {
	return numberRe.MatchString(unstar(text[l.Start:l.End]))
}

// unstar removes the "**" of Markdown emphasis that converted documents
// carry ("Số: **68** /KH-UBND").
func unstar(s string) string {
	if strings.IndexByte(s, '*') < 0 {
		return s
	}
	return strings.ReplaceAll(s, "*", "")
}

func isPlaceDate(l line) bool {
	m := placeDateRe.FindStringSubmatch(l.fold)
	return m != nil && !weekdayRe.MatchString(m[1])
}

// isNewsDate reports whether a line is a news page's date line: a weekday
// and a date in a short line, alone or after the page's section ("Giáo
// dục | Thứ Sáu, 21/10/2022 - 09:15").
func isNewsDate(l line) bool {
	dated := dateWordsRe.MatchString(l.fold) || dateNumRe.MatchString(l.fold)
	if !dated || l.words > 12 {
		return false
	}
	// A weekday, or a date with little else ("Cập nhật: 08:30 |
	// 25/11/2022", "25/11/2022 08:30").
	return weekdayAnyRe.MatchString(l.fold) || l.letter <= 16
}

var weekdayAnyRe = regexp.MustCompile(`(?:^|[\s|,;-])(thu\s+(hai|ba|tu|nam|sau|bay)|chu\s+nhat)\b`)

// issuerPrefixes start the capitalized lines that name an issuing body.
var issuerPrefixes = []string{
	"uy ban nhan dan", "ubnd", "hoi dong nhan dan", "hdnd", "so ", "phong ", "bo ", "thu tuong",
	"chinh phu", "ban chi dao", "ban chap hanh", "ban thuong vu", "tinh uy", "thanh uy", "huyen uy",
	"thi uy", "quan uy", "dang uy", "tinh ", "thanh pho ", "huyen ", "thi xa ", "quan ", "xa ",
	"phuong ", "thi tran ", "truong ", "hoi ", "cuc ", "chi cuc ", "van phong ", "trung tam ",
	"tp ", "tp. ",
}

func isIssuerCaps(l line) bool {
	if !l.upper || l.words > 12 || isMotto(l) || titleCode(l) != "" {
		return false
	}
	for _, p := range issuerPrefixes {
		if strings.HasPrefix(l.fold, p) || l.fold+" " == p {
			return true
		}
	}
	return false
}

// titleCode returns the type code of a capitalized title-word line ("KẾ
// HOẠCH", "QUYẾT ĐỊNH" or "QUYẾT ĐỊNH:"), or "".
func titleCode(l line) string {
	if !l.upper {
		return ""
	}
	f := strings.TrimRight(l.fold, " :.")
	for _, t := range typeWords {
		if f == t.fold {
			return t.code
		}
	}
	return ""
}

// titleCodeOf returns the code of a type word at the start of s (folded).
func titleCodeOf(fold string) string {
	for _, t := range typeWords {
		if strings.HasPrefix(fold, t.fold+" ") || fold == t.fold {
			return t.code
		}
	}
	return ""
}

// parseDate reads a date in words ("ngày 6 tháng 10 năm 2022") or digits
// ("14/07/2022", "31.03.2022") from folded text, as YYYY-MM-DD.
func parseDate(fold string) string {
	if m := dateWordsRe.FindStringSubmatch(fold); m != nil {
		if d := mkDate(m[1], m[2], m[3]); d != "" {
			return d
		}
	}
	if m := dateNumRe.FindStringSubmatch(fold); m != nil {
		return mkDate(m[1], m[2], m[3])
	}
	return ""
}

func mkDate(d, m, y string) string {
	dd, _ := strconv.Atoi(d)
	mm, _ := strconv.Atoi(m)
	yy, _ := strconv.Atoi(y)
	if dd < 1 || dd > 31 || mm < 1 || mm > 12 || yy < 1945 || yy > 2100 {
		return ""
	}
	days := [...]int{31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31}
	if dd > days[mm-1] || mm == 2 && dd == 29 && !(yy%4 == 0 && (yy%100 != 0 || yy%400 == 0)) {
		return ""
	}
	return strconv.Itoa(yy) + "-" + pad2(mm) + "-" + pad2(dd)
}

func pad2(n int) string {
	if n < 10 {
		return "0" + strconv.Itoa(n)
	}
	return strconv.Itoa(n)
}

// parseNumber reads a document number from the text of a number line:
// "Số: 68 /KH-UBND" → "68/KH-UBND" and its type code.
func parseNumber(s string) (number, code string) {
	m := numberRe.FindStringSubmatch(s)
	if m == nil {
		return "", ""
	}
	number = strings.Join(strings.Fields(m[1]), "")
	number = strings.TrimRight(number, ".-")
	parts := strings.Split(number, "/")
	for _, p := range parts[1:] {
		head, _, _ := strings.Cut(p, "-")
		if c, ok := typeCodes[strings.ToUpper(head)]; ok {
			return number, c
		}
	}
	return number, ""
}

// metaLabels are the labels of the metadata tables that legal-library
// sites print above a document, and of digital signatures.
var metaLabels = []struct{ fold, field string }{
	{"so hieu", "number"}, {"so ky hieu", "number"}, {"ngay ban hanh", "date"},
	{"loai van ban", "type"}, {"co quan ban hanh", "issuer"}, {"noi ban hanh", "issuer"},
	{"nguoi ky", "signer"}, {"co quan", "issuer2"}, {"thoi gian ky", "signed"},
}

// headerLines is how many lines from its top a header may take.
const headerLines = 80

// ParseHeader reads the header of the document in text[start:end]. gaz, if
// not nil, spells the places of a capitalized issuer line ("TỈNH BẮC NINH"
// → "tỉnh Bắc Ninh").
func ParseHeader(text string, start, end int, gaz *gazetteer.Gazetteer) (h Header) {
	return parseHeader(text, nil, start, end, gaz)
}

// ParseHeaderFolded is ParseHeader of the text f holds, reading its fold
// instead of folding lines again.
func ParseHeaderFolded(f *Folded, start, end int, gaz *gazetteer.Gazetteer) Header {
	return parseHeader(f.Text, f, start, end, gaz)
}

func parseHeader(text string, ff *Folded, start, end int, gaz *gazetteer.Gazetteer) (h Header) {
	start, end = clampSpan(text, start, end)
	ls := lines(text, ff, start, end, headerLines, true)
	h.End = start
	// The header lives in the first lines; a metadata table or a news date
	// line may come before it.
	limit := min(len(ls), 40)
	for i, l := range ls[:min(len(ls), 60)] {
		if l.isBody(text) {
			limit = min(limit, i)
			break
		}
	}
	meta := map[string]Span{}
	var newsDate, newsSpan = "", Span{}
	var issuerLines []line
	lastIssuer := -1
	titleLine := -1
	for i := 0; i < limit; i++ {
		l := ls[i]
		s := text[l.Start:l.End]
		// Metadata tables: "Số hiệu 374/KH-UBND" or the label alone with
		// the value on the next line.
		if !l.upper {
			for _, ml := range metaLabels {
				if !strings.HasPrefix(l.fold, ml.fold) {
					continue
				}
				rest := strings.TrimLeft(l.fold[len(ml.fold):], " :")
				if len(l.fold) > len(ml.fold) && l.fold[len(ml.fold)] != ' ' && l.fold[len(ml.fold)] != ':' {
					continue
				}
				if _, seen := meta[ml.field]; seen {
					break
				}
				if rest == "" && i+1 < len(ls) {
					meta[ml.field] = ls[i+1].Span
				} else if rest != "" {
					// The value is the line's end, as long in bytes as
					// rest is in folded bytes only approximately: cut
					// after the label in the original instead.
					meta[ml.field] = afterLabel(text, l, len(strings.Fields(ml.fold)))
				}
				break
			}
		}
		switch {
		case h.Number == "" && isNumberLine(text, l) && !strings.HasPrefix(l.fold, "so hieu"):
			h.Number, h.TypeCode = parseNumber(unstar(s))
			h.NumberSpan = l.Span
			h.End = max(h.End, l.End)
		case h.Date == "" && isPlaceDate(l):
			h.setPlaceDate(text, l)
			h.End = max(h.End, l.End)
		case newsDate == "" && isNewsDate(l):
			newsDate, newsSpan = parseDate(l.fold), l.Span
			h.End = max(h.End, l.End)
		case isIssuerCaps(l) && titleLine < 0 && len(issuerLines) < 4:
			// The issuer's lines stand together.
			if len(issuerLines) == 0 || lastIssuer == i-1 {
				issuerLines = append(issuerLines, l)
				lastIssuer = i
			}
		case titleLine < 0 && titleCode(l) != "":
			titleLine = i
		}
		if m := attachRe.FindStringSubmatch(l.fold); m != nil && h.AttachedTo == "" {
			if sp := numberIn(s); sp != "" {
				h.AttachedTo = sp
			}
		}
	}
	// Title: the lines after the type word.
	if titleLine >= 0 {
		if h.TypeCode == "" {
			h.TypeCode = titleCode(ls[titleLine])
		}
		h.Kind = Official
		h.End = max(h.End, ls[titleLine].End)
		first, last := -1, -1
		for j := titleLine + 1; j < min(len(ls), titleLine+5); j++ {
			l := ls[j]
			// A long title reads like running text, but ends no sentence.
			body := l.isBody(text)
			if body && j == titleLine+1 && l.words < 80 {
				last, _ := utf8.DecodeLastRuneInString(text[l.Start:l.End])
				body = strings.ContainsRune(".;!?…", last)
			}
			if body || isMotto(l) || isNumberLine(text, l) || isPlaceDate(l) || attachRe.MatchString(l.fold) ||
				!l.upper && startsBody(l.fold) || markerOf(text[l.Start:l.End]).kind != noMarker {
				break
			}
			if first < 0 {
				first = j
			}
			last = j
		}
		if first >= 0 {
			h.TitleSpan = Span{ls[first].Start, ls[last].End}
			h.Title = strings.Join(strings.Fields(unstar(text[h.TitleSpan.Start:h.TitleSpan.End])), " ")
			h.End = max(h.End, ls[last].End)
		}
	}
	// A letter's subject: "V/v ...".
	if h.Title == "" {
		for _, l := range ls[:min(len(ls), 12)] {
			if strings.HasPrefix(l.fold, "v/v") {
				h.TitleSpan = l.Span
				h.Title = strings.TrimSpace(strings.TrimLeft(text[l.Start+3:l.End], " :."))
				if h.TypeCode == "" {
					h.TypeCode = "CV"
				}
				h.End = max(h.End, l.End)
				break
			}
		}
	}
	// Metadata tables fill what the header did not say.
	if sp, ok := meta["number"]; ok && h.Number == "" {
		h.Number, h.TypeCode = parseNumber("Số " + text[sp.Start:sp.End])
		if h.Number != "" {
			h.NumberSpan = sp
		}
	}
	if sp, ok := meta["date"]; ok && h.Date == "" {
		if d := parseDate(foldSpan(text, sp)); d != "" {
			h.Date, h.DateSpan = d, sp
		}
	}
	if h.Date == "" && newsDate != "" && h.Number == "" && titleLine < 0 {
		// A news article's date line; a legal library's page date is not
		// the document's.
		h.Date, h.DateSpan, h.Kind = newsDate, newsSpan, News
	}
	if h.Date == "" {
		// A PDF's column order can put the place-date line after the body;
		// a digital signature's time is the last resort.
		rest := ls
		if len(ls) == headerLines {
			rest = lines(text, ff, start, end, -1, true)
		}
		for _, l := range rest {
			if isPlaceDate(l) && !startsWith(l.fold, "can cu") {
				h.setPlaceDate(text, l)
				break
			}
		}
	}
	if sp, ok := meta["signed"]; ok && h.Date == "" {
		if d := parseDate(foldSpan(text, sp)); d != "" {
			h.Date, h.DateSpan = d, sp
		}
	}
	if sp, ok := meta["type"]; ok && h.TypeCode == "" {
		h.TypeCode = titleCodeOf(foldSpan(text, sp))
	}
	if sp, ok := meta["signer"]; ok {
		h.Signer = strings.TrimSpace(text[sp.Start:sp.End])
	}
	switch {
	case len(issuerLines) > 0:
		h.Issuer = composeIssuer(text, issuerLines, gaz)
		h.IssuerSpan = Span{issuerLines[0].Start, issuerLines[len(issuerLines)-1].End}
	case meta["issuer"] != (Span{}):
		sp := meta["issuer"]
		h.Issuer, h.IssuerSpan = strings.TrimSpace(text[sp.Start:sp.End]), sp
	}
	if h.Number != "" || isMottoIn(ls[:limit]) {
		h.Kind = Official
	}
	if h.Issuer == "" {
		// "Ủy ban nhân dân thị xã Bến Cát ban hành kế hoạch ...", in the
		// first paragraphs.
		bodyEnd := end
		if len(ls) > 30 {
			bodyEnd = ls[30].End
		}
		if m := bodyIssuer.FindStringSubmatchIndex(text[start:bodyEnd]); m != nil {
			org := text[start+m[2] : start+m[3]]
			switch org {
			case "UBND":
				org = "Ủy ban nhân dân"
			case "HĐND":
				org = "Hội đồng nhân dân"
			}
			place := text[start+m[6] : start+m[7]]
			if m[4] >= 0 {
				place = strings.TrimSpace(text[start+m[4]:start+m[5]]) + " " + place
			}
			h.Issuer = org + " " + place
			h.IssuerSpan = Span{start + m[2], start + m[7]}
			h.IssuerFromBody = true
		}
	}
	if meta["issuer2"] != (Span{}) && h.Issuer == "" {
		sp := meta["issuer2"]
		h.Issuer, h.IssuerSpan = strings.TrimSpace(text[sp.Start:sp.End]), sp
	}
	// A news headline: the first short line that is not a date and does not
	// end a sentence.
	// A news headline: the first line that is not a date, a section name
	// ("Giáo dục") or a sentence.
	if h.Title == "" && h.Number == "" && titleLine < 0 {
		// A headline follows the date line; a line before it as short as a
		// section's name ("Thời sự - Chính trị") is none.
		dated := -1
		for k, l := range ls[:min(len(ls), 6)] {
			if isNewsDate(l) {
				dated = k
				break
			}
		}
		for k, l := range ls[:min(len(ls), 6)] {
			if l.Span == h.DateSpan || isNewsDate(l) || l.words < 4 || k < dated && l.words < 6 {
				continue
			}
			last, _ := utf8.DecodeLastRuneInString(text[l.Start:l.End])
			if l.words <= 40 && !strings.ContainsRune(".;…", last) && !strings.HasPrefix(text[l.Start:l.End], "(") {
				h.Title, h.TitleSpan = text[l.Start:l.End], l.Span
				if h.Kind == Text {
					h.Kind = News
				}
				h.End = max(h.End, l.End)
			}
			break
		}
	}
	return h
}

// setPlaceDate reads a place-date line ("Bến Cát, ngày 06 tháng 04 năm
// 2022"): the place is the text before the first comma.
func (h *Header) setPlaceDate(text string, l line) {
	h.Date, h.DateSpan = parseDate(l.fold), l.Span
	s := text[l.Start:l.End]
	if c := strings.IndexByte(s, ','); c > 0 {
		h.Place = strings.TrimSpace(unstar(s[:c]))
	}
}

// afterLabel returns the span of line l after its first n words (the
// label) and any colon.
func afterLabel(text string, l line, n int) Span {
	i := l.Start
	for w := 0; w < n && i < l.End; w++ {
		for i < l.End && (text[i] == ' ' || text[i] == ':') {
			i++
		}
		for i < l.End && text[i] != ' ' && text[i] != ':' {
			i++
		}
	}
	for i < l.End && (text[i] == ' ' || text[i] == ':') {
		i++
	}
	return Span{i, l.End}
}

func isMottoIn(ls []line) bool {
	for _, l := range ls {
		if isMotto(l) {
			return true
		}
	}
	return false
}

// startsBody reports whether a folded line opens the body of a document.
func startsBody(fold string) bool {
	for _, p := range []string{"can cu", "xet ", "kinh gui", "nham ", "ngay "} {
		if strings.HasPrefix(fold, p) {
			return true
		}
	}
	return false
}

func foldSpan(text string, sp Span) string {
	return newLine(text, nil, sp.Start, sp.End).fold
}

// numberIn returns the first document number ("123/QĐ-UBND") in s.
var numberInRe = regexp.MustCompile(`\d{1,6}(?:/\d{4})?/[\p{L}\d&.]+(?:-[\p{L}\d&.]+)*`)

func numberIn(s string) string { return numberInRe.FindString(s) }

// composeIssuer makes the issuer's name from its capitalized header lines:
// "ỦY BAN NHÂN DÂN" + "TỈNH BẮC NINH" → "Ủy ban nhân dân tỉnh Bắc Ninh";
// "UBND TỈNH BÌNH DƯƠNG" + "SỞ XÂY DỰNG" → "Sở Xây dựng tỉnh Bình Dương".
func composeIssuer(text string, ls []line, gaz *gazetteer.Gazetteer) string {
	parts := make([]string, len(ls))
	for i, l := range ls {
		parts[i] = text[l.Start:l.End]
	}
	if f0 := ls[0].fold; len(parts) >= 2 && (strings.HasPrefix(f0, "uy ban nhan dan ") || strings.HasPrefix(f0, "ubnd ") ||
		strings.HasPrefix(f0, "hoi dong nhan dan ") || strings.HasPrefix(f0, "hdnd ")) {
		// The council above only places the body below it.
		for _, w := range []string{"tinh ", "thanh pho ", "thi xa ", "huyen ", "quan ", "xa ", "phuong ", "thi tran ", "tp "} {
			if i := strings.Index(f0, " "+w); i > 0 {
				ws := strings.Fields(parts[0])
				place := strings.Join(ws[len(strings.Fields(f0[:i])):], " ")
				return sentenceCase(strings.Join(parts[1:], " ")+" "+place, gaz)
			}
		}
	}
	return sentenceCase(strings.Join(parts, " "), gaz)
}

// sentenceCase turns a capitalized header line into running-text case,
// spelling out UBND and HĐND and keeping place names and the first word of
// an agency's name capitalized.
func sentenceCase(s string, gaz *gazetteer.Gazetteer) string {
	var places []gazetteer.Mention
	if gaz != nil {
		places = gaz.Find(s)
	}
	var b strings.Builder
	pos := 0
	capNext := true
	placeName := false // after a type word, the rest is a place's name
	prev := ""
	for _, f := range wordsWithSpans(s) {
		w := s[f.Start:f.End]
		b.WriteString(s[pos:f.Start])
		pos = f.End
		low := strings.ToLower(w)
		// A type word ends here: "tỉnh", "thành phố", "thị xã"; a lone
		// "xã" after "và" or a dash is a word of a slogan.
		typeWord := false
		for _, t := range gazetteer.TypeWords {
			ws := strings.Fields(t.Word)
			last := ws[len(ws)-1]
			switch {
			case low != last:
			case len(ws) == 2:
				typeWord = typeWord || prev == ws[0]
			case low == "xã":
				typeWord = typeWord || prev != "thị" && prev != "và" && prev != "-" && prev != "–"
			default:
				typeWord = true
			}
		}
		prev = low
		switch low {
		case "ubnd":
			low = "ủy ban nhân dân"
		case "hđnd":
			low = "hội đồng nhân dân"
		}
		inPlace := false
		for _, m := range places {
			if f.Start >= m.NameStart && f.End <= m.End && len(m.Places) > 0 {
				inPlace = true
			}
		}
		if capNext || inPlace || placeName {
			low = capitalize(low)
		}
		b.WriteString(low)
		capNext = false
		if typeWord {
			placeName = true
		}
		switch low {
		case "sở", "phòng", "bộ", "cục", "hội", "trường", "và", "Sở", "Phòng", "Bộ", "Cục", "Hội", "Trường":
			capNext = true
		}
	}
	b.WriteString(s[pos:])
	return b.String()
}

func wordsWithSpans(s string) []Span {
	var out []Span
	start := -1
	for i, r := range s {
		if unicode.IsSpace(r) {
			if start >= 0 {
				out = append(out, Span{start, i})
				start = -1
			}
		} else if start < 0 {
			start = i
		}
	}
	if start >= 0 {
		out = append(out, Span{start, len(s)})
	}
	return out
}

func capitalize(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[n:]
}

func clampSpan(text string, start, end int) (int, int) {
	if start < 0 {
		start = 0
	}
	if end > len(text) || end < 0 {
		end = len(text)
	}
	if start > end {
		start = end
	}
	return start, end
}
