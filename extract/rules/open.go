package rules

import (
	"slices"
	"strings"

	"github.com/chitieu/chitieu/extract/gazetteer"
	"github.com/chitieu/chitieu/extract/vntext"
)

// This file reads what a figure no catalog entry fits says: its direction,
// whether it is a rate per year or money spent, and the noun phrase of
// what it measures, cut of the verbs and qualifiers around it.

// direction returns which way figure k moves its measure: the nearest
// direction word before it since the figure before it in its clause (or
// the clause's start), else Keep for a figure stated as maintained.
func (s *sent) direction(k int, h *head, mod Modality) Direction {
	from := s.clauses[h.clause][0]
	for j := k - 1; j >= 0; j-- {
		if o := s.heads[j]; o.kind == figureHead && o.clause == h.clause && o.end <= h.start {
			from = o.end
			break
		}
	}
	d, at := DirNone, -1
	for _, c := range s.cues {
		if c.start < from || c.end > h.start || c.start < at {
			continue
		}
		switch c.kind {
		case cueIncrease:
			d, at = Increase, c.start
		case cueDecrease:
			d, at = Decrease, c.start
		case cueKeep:
			d, at = Keep, c.start
		case cueSteady:
			d, at = DirNone, c.start
		}
	}
	if d == DirNone && mod == Maintain {
		d = Keep
	}
	return d
}

// countOfShare reports whether count k is the number behind the share
// that follows it in its clause ("Có 1.236 hộ đạt ..., chiếm tỷ lệ
// 84,1%", "120 trung tâm ... (75%)"): the share says it.
func (s *sent) countOfShare(k int, h *head) bool {
	if h.v.Unit != Count || k+1 >= len(s.heads) {
		return false
	}
	n := s.heads[k+1]
	if n.kind != figureHead || n.v.Unit != Percent || n.clause != h.clause {
		return false
	}
	between := strings.TrimRight(s.f[h.end:n.start], " ")
	if strings.HasSuffix(between, "(") {
		return true
	}
	if strings.ContainsAny(between, ";:") || len(strings.Fields(between)) > 16 {
		return false
	}
	g := strings.TrimSuffix(between, " ty le")
	return strings.HasSuffix(g, " chiem") || strings.HasSuffix(g, ", dat") || strings.HasSuffix(g, " bang")
}

// countStatesNothing reports whether a count names what exists rather
// than a figure to reach: one with nothing said of what it counts ("Toàn
// tỉnh có 101 xã, phường, thị trấn."), or the threshold of a definition
// ("dòng họ có từ 20 hộ trở lên được công nhận ...").
func (s *sent) countStatesNothing(h *head) bool {
	if h.v.Unit != Count || h.level >= 0 {
		return false
	}
	before := strings.TrimRight(s.f[h.bwd[0]:h.start], " ")
	if strings.HasSuffix(before, "co tu") || strings.HasSuffix(s.f[h.bwd[0]:h.v.End], " tu "+s.f[h.v.Start:h.v.End]) && strings.HasSuffix(before, "co") {
		return true
	}
	if h.region != h.fwd {
		return false
	}
	// Words before it other than its subject: "đào tạo nghề cho 40.000
	// người" says what the count is.
	b := vntext.Fold(strings.ToLower(CleanLabel(s.label(h.bwd[0], h.bwd[1]))))
	for _, w := range strings.Fields(b) {
		if w != "toan" && w != "co" && nounAt(w, 0) != w && w != "thanh" && w != "pho" && w != "thi" {
			return false
		}
	}
	rest := s.f[h.v.End:h.fwd[1]]
	for i := 0; i < len(rest); {
		switch c := rest[i]; {
		case c == ' ' || c == ',' || c == '.' || c == ';':
			i++
		case strings.HasPrefix(rest[i:], "va") && wordEnd(rest, i+2):
			i += 2
		default:
			n := nounAt(rest, i)
			if n == "" {
				return false
			}
			i += len(n)
		}
	}
	return true
}

// baselineOfOther reports whether result cue c is another figure's
// baseline: "so với năm 2020" right after the figure before h ("giảm 50%
// số vụ tai nạn so với năm 2020 và xây dựng mới 200 km ...").
func (s *sent) baselineOfOther(h *head, c cue) bool {
	if !strings.HasPrefix(s.f[c.start:], "so voi") {
		return false
	}
	for _, o := range s.heads {
		if o != h && o.kind == figureHead && o.end <= c.start && c.end <= o.fwd[1] && o.end < h.start {
			return true
		}
	}
	return false
}

// startingLevel reports whether figure k is the level a change starts
// from, which stands already: "tăng từ 86% lên 92%", "giảm từ 3,5%
// xuống còn 2%". One with a year of its own is that year's figure ("từ
// 86% năm 2025 lên 92% năm 2030": a milestone, or a result when its year
// is past, as the document's date decides).
func (s *sent) startingLevel(k int, h *head) bool {
	if h.kind != figureHead || k+1 >= len(s.heads) || h.yearFrom == YearBound {
		return false
	}
	before := strings.TrimRight(s.f[s.clauses[h.clause][0]:h.v.Start], " ")
	if !strings.HasSuffix(before, " tu") && before != "tu" || h.v.Cmp == Range {
		return false
	}
	n := s.heads[k+1]
	if n.kind != figureHead || n.clause != h.clause || n.v.Unit != h.v.Unit {
		return false
	}
	gap := s.f[h.v.End:n.start]
	for _, w := range []string{" len", " xuong", " den", " toi"} {
		if i := strings.Index(gap, w); i >= 0 && wordEnd(gap, i+len(w)) && !strings.ContainsAny(gap, ";,") {
			return true
		}
	}
	return false
}

// perYear reports whether a change is stated per year: "1,5%/năm",
// "mỗi năm tăng 2%", "bình quân hằng năm".
func (s *sent) perYear(h *head) bool {
	after := strings.TrimLeft(s.f[h.v.End:], " ")
	if strings.HasPrefix(after, "/nam") || strings.HasPrefix(after, "/ nam") || strings.HasPrefix(after, "moi nam") {
		return true
	}
	before := s.f[s.clauses[h.clause][0]:h.start]
	return strings.Contains(before, "moi nam") || strings.Contains(before, "hang nam") // hằng, hàng: folded alike
}

// funding reports whether money figure k is what a plan spends or raises
// ("Kinh phí thực hiện ... 25 tỷ đồng", "huy động ... 1.200 tỷ đồng"):
// a funding word in its clause before it.
func (s *sent) funding(k int, h *head) bool {
	return len(s.cuesIn(cueFunding, s.clauses[h.clause][0], h.start)) > 0
}

// openLabel returns the plan's words for what a figure no entry fits
// measures: its region cut of the verbs and qualifiers at its ends; for a
// count named by its noun, the verb phrase before the figure joined to
// the noun phrase after it ("hỗ trợ xây dựng … nhà ở cho hộ nghèo").
func (s *sent) openLabel(h *head) string {
	l := CleanLabel(s.label(h.region[0], h.region[1]))
	// "tỷ lệ bao phủ bảo hiểm y tế đạt 92,1% dân số": the words after a
	// share are its base; the rate before the verb is what it measures.
	// "kinh tế số của tỉnh chiếm 12% GRDP": the share of the words before
	// it in the base after it.
	if h.v.Unit == Percent && h.region == h.fwd && h.connector && s.hasContent(h.bwd[0], h.bwd[1]) {
		b := s.f[h.bwd[0]:h.bwd[1]]
		if bl := CleanLabel(s.label(h.bwd[0], h.bwd[1])); bl != "" {
			switch {
			case strings.Contains(b, "ty le") || strings.Contains(b, "ty trong"):
				return bl
			case strings.HasSuffix(strings.TrimRight(b, " "), "chiem") || isBase(l):
				return bl + " … " + l
			}
		}
	}
	if h.v.Unit == Count && h.level < 0 && h.region == h.fwd && h.v.Noun != "" && s.hasContent(h.bwd[0], h.bwd[1]) {
		b := s.label(h.bwd[0], h.bwd[1])
		if h.bwd[0] > s.clauses[h.clause][0] {
			b = lastConjunct(b) // "giảm 50% ... và xây dựng mới 200 km": the verb after "và"
		}
		b = CleanLabel(b)
		if b != "" && !strings.HasSuffix(vntext.Fold(b), "tong so") {
			l = strings.TrimSpace(b + " … " + l)
		}
	}
	return l
}

// bases are the wholes a share is written of after its figure: "đạt 20%
// dân số", "chiếm 45% GRDP", folded.
var bases = []string{"dan so", "tong dan so", "tong so", "tong so ho", "so ho", "grdp", "gdp", "tong san pham", "luc luong lao dong"}

func isBase(l string) bool {
	f := vntext.Fold(strings.ToLower(l))
	return slices.ContainsFunc(bases, func(b string) bool { return f == b || strings.HasPrefix(f, b+" ") })
}

// lastConjunct returns the words after the last "và" or comma of l: the
// verb phrase of the last of coordinated clauses.
func lastConjunct(l string) string {
	if i := strings.LastIndex(l, " và "); i >= 0 {
		l = l[i+len(" và "):]
	}
	if i := strings.LastIndex(l, ", "); i >= 0 {
		l = l[i+2:]
	}
	return l
}

// anaphors are labels that stand for the measure named before: "tỷ lệ
// này đạt 20%", folded.
var anaphors = []string{"ty le nay", "ti le nay", "cac ty le nay", "ty le tren", "chi tieu nay", "chi tieu tren", "con so nay", "muc nay", "ty trong nay"}

// isAnaphor reports whether a label only refers back.
func isAnaphor(l string) bool { return slices.Contains(anaphors, vntext.Fold(strings.ToLower(l))) }

// labelLead and labelTrail are the words cut from the start and the end
// of an open label, folded: modality, direction and connecting verbs,
// qualifiers, list markers, and the year phrases that open a clause.
var (
	labelLead = foldedPhrases(append(subjectLeads(), "phấn đấu đạt", "phấn đấu", "đặt mục tiêu", "đảm bảo", "bảo đảm", "có thêm", "tăng thêm", "giảm thêm",
		"có", "thêm", "giảm", "tăng", "tiếp tục duy trì", "duy trì", "giữ vững", "giữ", "nâng tổng số lên",
		"tiếp tục", "đạt", "cùng với đó", "đồng thời", "trong đó", "và", "là", "mục tiêu", "chỉ tiêu",
		"đến cuối năm", "đến hết năm", "đến năm", "cuối năm", "năm", "giai đoạn", "đến", "theo kế hoạch")...)
	labelTrail = foldedPhrases("đạt và vượt", "đạt trên", "đạt tối thiểu", "đạt khoảng", "đạt mức", "đạt", "là", "chiếm",
		"giữ ở mức", "ở mức", "lên mức", "mức", "giảm bình quân", "tăng bình quân", "bình quân", "giảm còn", "xuống còn",
		"giảm xuống", "còn", "giảm", "tăng thêm", "tăng", "giảm thêm", "thêm", "dưới", "trên", "khoảng", "tối thiểu",
		"tối đa", "ít nhất", "không dưới", "không quá", "từ", "lên", "xuống", "trở lên", "cho", "với", "có", "mỗi năm",
		"hằng năm", "hàng năm", "vào năm", "đến năm", "năm", "phấn đấu", "phấn đấu đạt", "dự kiến", "ước", "được", "của",
		"nâng tổng số lên", "nâng tổng số", "nâng lên", "tăng lên", "trong", "tại", "ở", "vào")
	// labelBreak are the verbs that, after a comma, start another clause
	// of the sentence rather than continue the measure.
	labelBreak = foldedPhrases("nâng", "tăng", "giảm", "đạt", "phấn đấu", "trong đó", "đồng thời", "góp phần", "giữ", "duy trì",
		"xây dựng", "phát triển", "hỗ trợ", "đầu tư", "tổ chức", "thực hiện", "giải quyết", "đưa", "tạo", "hoàn thành", "bảo đảm", "đảm bảo")
)

// A phrase is a few words as written (lower case) and folded: a word of a
// label written with diacritics matches the written form, one without
// any the folded form ("tư" is not "từ").
type phrase struct{ words, keys []string }

// subjectLeads are a plan's subject and its modal verb at the start of a
// label: "tỉnh cũng phấn đấu", "huyện đặt mục tiêu".
func subjectLeads() []string {
	var out []string
	var subjects []string
	for _, t := range gazetteer.TypeWords {
		subjects = append(subjects, t.Word, "toàn "+t.Word)
	}
	for _, subj := range subjects {
		for _, also := range []string{" ", " cũng "} {
			for _, verb := range []string{"phấn đấu", "đặt mục tiêu", "phấn đấu đạt"} {
				out = append(out, subj+also+verb)
			}
		}
	}
	return out
}

func foldedPhrases(ps ...string) []phrase {
	out := make([]phrase, len(ps))
	for i, p := range ps {
		p = strings.ToLower(vntext.Normalize(p))
		out[i] = phrase{strings.Fields(p), strings.Fields(vntext.Fold(p))}
	}
	return out
}

// is reports whether label word w is the phrase's word i.
func (p phrase) is(i int, w string) bool {
	w = strings.ToLower(strings.Trim(w, ",;:.()/\"“”"))
	if vntext.HasDiacritics(w) {
		return w == p.words[i]
	}
	return vntext.Fold(w) == p.keys[i]
}

// CleanLabel cuts a measure's words of the verbs, qualifiers, years and
// punctuation at their ends: "Tỷ lệ dân số tham gia bảo hiểm y tế đạt" is
// "Tỷ lệ dân số tham gia bảo hiểm y tế"; "Giảm tỷ lệ hộ nghèo ... từ" is
// "tỷ lệ hộ nghèo ...".
func CleanLabel(l string) string {
	ws := strings.Fields(l)
	trim := func(w string) string { return strings.Trim(w, ",;:.-–+•*()/\"“”") }
	for changed := true; changed && len(ws) > 0; {
		changed = false
		for len(ws) > 0 && trim(ws[0]) == "" {
			ws, changed = ws[1:], true
		}
		for len(ws) > 0 && trim(ws[len(ws)-1]) == "" {
			ws, changed = ws[:len(ws)-1], true
		}
		if len(ws) == 0 {
			break
		}
		if isYearWord(trim(ws[0])) {
			ws, changed = ws[1:], true
			continue
		}
		if isYearWord(trim(ws[len(ws)-1])) {
			ws, changed = ws[:len(ws)-1], true
			continue
		}
		if n := phraseAt(ws, labelLead, true); n > 0 {
			ws, changed = ws[n:], true
			continue
		}
		if n := phraseAt(ws, labelTrail, false); n > 0 {
			ws, changed = ws[:len(ws)-n], true
		}
	}
	// "... tai nạn giao thông so với năm 2020": the baseline is not the
	// measure.
	for i := 1; i+1 < len(ws); i++ {
		if strings.ToLower(ws[i]) == "so" && strings.ToLower(strings.Trim(ws[i+1], ",;:.")) == "với" {
			return CleanLabel(strings.Join(ws[:i], " "))
		}
	}
	// "xã đạt chuẩn ..., nâng tổng số lên", "... lao động và giữ tỷ lệ
	// thất nghiệp": another clause after a comma or "và".
	for i := 1; i < len(ws); i++ {
		if (strings.HasSuffix(ws[i-1], ",") || strings.ToLower(ws[i-1]) == "và") && phraseAt(ws[i:], labelBreak, true) > 0 {
			ws = ws[:i]
			if strings.ToLower(ws[i-1]) == "và" {
				ws = ws[:i-1]
			}
			return CleanLabel(strings.Join(ws, " "))
		}
	}
	out := strings.Join(ws, " ")
	out = strings.Trim(out, " ,;:.-–")
	if strings.Count(out, "(") > strings.Count(out, ")") {
		out = strings.TrimSpace(out[:strings.LastIndex(out, "(")])
	}
	return out
}

func isYearWord(w string) bool {
	if len(w) != 4 {
		return false
	}
	for i := range 4 {
		if !isDigit(w[i]) {
			return false
		}
	}
	return w >= "1900" && w <= "2100"
}

// phraseAt returns the length in words of the longest phrase of ps at the
// start (or, with lead false, the end) of ws; 0 when none.
func phraseAt(ws []string, ps []phrase, lead bool) int {
	best := 0
	for _, p := range ps {
		n := len(p.keys)
		if n > len(ws) || n <= best {
			continue
		}
		ok := true
		for i := range n {
			k := i
			if !lead {
				k = len(ws) - n + i
			}
			if !p.is(i, ws[k]) {
				ok = false
				break
			}
		}
		if ok {
			best = n
		}
	}
	return best
}
