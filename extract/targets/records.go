package targets

import (
	"strconv"
	"strings"

	"github.com/chitieu/chitieu/extract"
	"github.com/chitieu/chitieu/extract/gazetteer"
	"github.com/chitieu/chitieu/extract/rules"
	"github.com/chitieu/chitieu/extract/structure"
	"github.com/chitieu/chitieu/extract/vntext"
)

// A zone is what a section of a plan holds, as its heading says.
type zone int

const (
	zoneNone   zone = iota // nothing said: the document's kind decides
	zoneTarget             // "Mục tiêu", "Chỉ tiêu", "Lộ trình", "Định hướng"
	zoneResult             // "Kết quả", "Thực trạng", "Tình hình thực hiện"
	zoneTask               // "Nhiệm vụ, giải pháp", "Tổ chức thực hiện", "Kinh phí"
)

// scope is what the headings above a block say of the figures under them:
// their year and their zone. The scopes of a document nest: the document
// (its title's year: an annual plan's, a period's end), then each heading
// down to the block. A sentence's own words (rules.Mention.YearFrom,
// rules.Mention.Cue) come before any of them.
type scope struct {
	year int
	zone zone
	lead rules.Modality // how the heading states the targets under it
}

// over returns s with what t says on top.
func (s scope) over(t scope) scope {
	if t.year != 0 {
		s.year = t.year
	}
	if t.lead != rules.Achieve {
		s.lead = t.lead
	}
	if t.zone != zoneNone {
		s.zone = t.zone
	}
	return s
}

// headingWords classify a heading by its first words, folded.
var headingWords = []struct {
	prefix string
	zone   zone
}{
	{"ket qua", zoneResult}, {"thuc trang", zoneResult}, {"tinh hinh", zoneResult}, {"danh gia", zoneResult},
	{"dac diem", zoneResult}, {"nhung ket qua", zoneResult}, {"uu diem", zoneResult}, {"ton tai", zoneResult},
	{"han che", zoneResult}, {"nguyen nhan", zoneResult}, {"bai hoc", zoneResult}, {"so ket", zoneResult},
	{"tong ket", zoneResult}, {"cong tac chi dao", zoneResult},
	{"muc tieu", zoneTarget}, {"chi tieu", zoneTarget}, {"lo trinh", zoneTarget}, {"dinh huong", zoneTarget},
	{"phuong huong", zoneTarget}, {"giai doan", zoneTarget}, {"den nam", zoneTarget}, {"den het nam", zoneTarget},
	{"phan dau", zoneTarget}, {"mot so chi tieu", zoneTarget}, {"cac chi tieu", zoneTarget}, {"mot so muc tieu", zoneTarget},
	{"nhiem vu", zoneTask}, {"giai phap", zoneTask}, {"cac giai phap", zoneTask}, {"cac nhiem vu", zoneTask},
	{"to chuc thuc hien", zoneTask}, {"kinh phi", zoneTask}, {"muc dich", zoneTask}, {"yeu cau", zoneTask},
	{"trach nhiem", zoneTask}, {"che do bao cao", zoneTask}, {"de xuat", zoneTask}, {"kien nghi", zoneTask},
	{"noi nhan", zoneTask}, {"phan cong", zoneTask}, {"de thuc hien", zoneTask}, {"de dat", zoneTask},
}

// headingScope reads what a heading says: its zone from its first words
// ("II. MỤC TIÊU", "1. Tình hình thực hiện năm 2022", a table's caption
// "Bảng 1. Lộ trình thực hiện ..."), its year from rules.Horizon.
func headingScope(body string) scope {
	var sc scope
	f := firstWords(body, 12)
	f = strings.TrimLeft(f, "*-+• ")
	if strings.HasPrefix(f, "bang") {
		// A table's caption: "Bảng 1. Lộ trình ...", "Bảng: Kết quả ...".
		switch {
		case strings.Contains(f, "ket qua") || strings.Contains(f, "thuc hien nam") && !strings.Contains(f, "lo trinh"):
			sc.zone = zoneResult
		case strings.Contains(f, "chi tieu") || strings.Contains(f, "lo trinh") || strings.Contains(f, "muc tieu"):
			sc.zone = zoneTarget
		}
	}
	for _, w := range headingWords {
		if strings.HasPrefix(f, w.prefix) {
			sc.zone = w.zone
			break
		}
	}
	if sc.zone == zoneNone && (strings.Contains(f, "muc tieu") || strings.Contains(f, "chi tieu")) && !strings.Contains(f, "ket qua") {
		sc.zone = zoneTarget
	}
	sc.year, _ = rules.Horizon(body)
	return sc
}

// docScope is the scope a document sets for all its figures: its title's
// year ("Kế hoạch ... năm 2024", "... giai đoạn 2022-2025"), else the year
// of the annual plan its text speaks of ("triển khai thực hiện Kế hoạch
// năm 2023", as a news page on that plan does).
func docScope(h structure.Header, v *structure.View) scope {
	var sc scope
	if y, ok := rules.Horizon(h.Title); ok {
		sc.year = y
	} else {
		f, _, _ := v.Fold.Slice(v.Span.Start, v.Span.End)
		sc.year = rules.AnnualYearFolded(f)
	}
	return sc
}

// catalogued reports whether a figure no entry fits is one a catalog
// entry took elsewhere in the document: the same value, year and place,
// and its words among that record's.
func catalogued(recs []Record, r Record) bool {
	l := vntext.Fold(strings.ToLower(r.IndicatorLabel))
	for _, g := range recs {
		if g.Indicator != "" && g.Kind == rules.Target && g.Value == r.Value && g.Year == r.Year && g.LocalityCode+g.Locality == r.LocalityCode+r.Locality &&
			strings.Contains(vntext.Fold(strings.ToLower(g.IndicatorLabel)), l) {
			return true
		}
	}
	return false
}

// datedElsewhere reports whether a figure no entry fits with no year is
// one the document states elsewhere with its year (a headline, "Tỉnh X
// đặt mục tiêu 96% dân số tham gia bảo hiểm y tế", and the story's "đến
// hết năm 2025, tỷ lệ người dân tham gia bảo hiểm y tế đạt 96% dân số"):
// the same value and place, and labels that end in the same two words.
func datedElsewhere(recs []Record, r Record) bool {
	if r.Year != 0 {
		return false
	}
	tail := func(l string) string {
		ws := strings.Fields(vntext.Fold(strings.ToLower(l)))
		if len(ws) < 2 {
			return ""
		}
		return strings.Join(ws[len(ws)-2:], " ")
	}
	t := tail(r.IndicatorLabel)
	for _, g := range recs {
		if g.Year != 0 && g.Kind == rules.Target && g.Value == r.Value && g.LocalityCode+g.Locality == r.LocalityCode+r.Locality && t != "" && tail(g.IndicatorLabel) == t {
			return true
		}
	}
	return false
}

// datelineYear returns the year of a news page's dateline, for a
// document whose header gives no date: the first date after "ngày",
// "sáng", "chiều", "tối" or "trưa" in its first lines ("Sáng 8/1/2024,
// UBND tỉnh ...", "(Báo Cà Mau) Ngày 2/4/2024, ..."); 0 when none.
func datelineYear(v *structure.View) int {
	f, _, _ := v.Fold.Slice(v.Span.Start, min(v.Span.End, v.Span.Start+800))
	for _, w := range []string{"ngay ", "sang ", "chieu ", "toi ", "trua "} {
		for i := 0; i+len(w) < len(f); {
			k := strings.Index(f[i:], w)
			if k < 0 {
				break
			}
			j := i + k + len(w)
			if y := slashDateYear(f[j:]); y != 0 && (i+k == 0 || f[i+k-1] == ' ' || f[i+k-1] == '(' || f[i+k-1] == '\n' || f[i+k-1] == ')') {
				return y
			}
			i = j
		}
	}
	return 0
}

// slashDateYear reads "D/M/YYYY" (or "D-M-YYYY") at the start of s.
func slashDateYear(s string) int {
	parts := 0
	i := 0
	for parts < 2 {
		j := i
		for j < len(s) && j-i < 2 && s[j] >= '0' && s[j] <= '9' {
			j++
		}
		if j == i || j >= len(s) || s[j] != '/' && s[j] != '-' {
			return 0
		}
		i, parts = j+1, parts+1
	}
	if i+4 > len(s) || i+4 < len(s) && s[i+4] >= '0' && s[i+4] <= '9' {
		return 0
	}
	y, err := strconv.Atoi(s[i : i+4])
	if err != nil || y < 1990 || y > 2100 {
		return 0
	}
	return y
}

// skipBlock reports whether a block cites or addresses rather than states:
// "Căn cứ ...", "Kính gửi", "Nơi nhận".
func skipBlock(f string) bool {
	return startsAny(f, "can cu", "kinh gui", "noi nhan", "xet de nghi", "theo de nghi", "thuc hien cong van", "thuc hien quyet dinh so")
}

// records extracts the targets of one document: the mentions of every
// sentence and table, given their scopes, as records.
func (x *Extractor) records(d *extract.Document, doc *Doc) []Record {
	v := doc.View
	text := d.Text
	h := doc.Header
	docYear := 0
	if len(h.Date) >= 4 {
		docYear, _ = strconv.Atoi(h.Date[:4])
	} else {
		docYear = datelineYear(v)
	}
	report := h.TypeCode == "BC"
	top := docScope(h, v)
	if report && docYear != 0 {
		top.year = docYear // a report states what stands when it is written
	}
	// The scope each heading gives its descendants, and each block's.
	own := make([]scope, len(v.Blocks))
	env := make([]scope, len(v.Blocks))
	for i, b := range v.Blocks {
		body := text[b.Body:b.End]
		if v.Heading(i) {
			own[i] = headingScope(body)
			own[i].lead = x.cat.LeadModality(v.Fold, b.Body, b.End)
		} else if startsAny(foldedWords(v, b.Body, b.End, 3), "muc tieu", "chi tieu") {
			// "Mục tiêu: Duy trì ...": a paragraph of objectives.
			own[i].zone = zoneTarget
		}
		env[i] = top
		if b.Parent >= 0 {
			env[i] = env[b.Parent]
			if v.Heading(b.Parent) {
				env[i] = env[i].over(own[b.Parent])
			}
		}
	}
	var out []Record
	var prevMentions []rules.Mention
	var opener []int
	emit := func(m rules.Mention, sc scope, sp structure.Span) {
		if r, ok := x.resolve(d, doc, m, sc, docYear, report, sp); ok {
			out = append(out, r...)
		}
	}
	for i, b := range v.Blocks {
		sc := env[i].over(own[i])
		if b.Table >= 0 {
			t := &v.Tables[b.Table]
			first := t.Rows[0].Block
			if len(t.Head) > 0 {
				first = t.Head[0].Block
			}
			if i != first {
				continue
			}
			// A table's scope is its caption's: the headings just above it
			// ("PHỤ LỤC", "CHỈ TIÊU ĐẾN NĂM 2025 GIAO CHO CÁC HUYỆN", "(Kèm
			// theo ...)").
			tsc := sc
			from := i
			for from > 0 && i-from < 3 && v.Blocks[from-1].Table < 0 && v.Heading(from-1) {
				from--
			}
			var captions []structure.Span
			for j := from; j < i; j++ {
				tsc = tsc.over(headingScope(text[v.Blocks[j].Body:v.Blocks[j].End]))
				captions = append(captions, structure.Span{Start: v.Blocks[j].Body, End: v.Blocks[j].End})
			}
			for _, m := range x.cat.Table(v.Fold, t, captions, rules.Context{DocYear: docYear, DocDate: h.Date}) {
				emit(m, tsc, m.Clause)
			}
			continue
		}
		if skipBlock(foldedWords(v, b.Body, b.End, 4)) {
			continue
		}
		// The years a sentence opens reach the sentences after it in its
		// block, not the next block.
		opener, prevMentions = nil, nil
		// A lead-in ("Năm 2023, huyện phấn đấu:") states how the items
		// under it are meant, not the paragraphs after them.
		lead := rules.Achieve
		if b.Marker != "" {
			lead = env[i].lead
		}
		for _, s := range bounded(text, v.Sentences(i)) {
			ctx := rules.Context{DocYear: docYear, DocDate: h.Date, Opener: opener, Prev: prevMentions, Lead: lead}
			ms, op := x.cat.Sentence(v.Fold, s.Start, s.End, ctx)
			opener = op
			for _, m := range ms {
				emit(m, sc, s)
			}
			if len(ms) > 0 {
				prevMentions = ms
			}
		}
	}
	return x.finish(doc, out)
}

// finish links parts to their totals and drops a headline's repetition of
// a figure of the body.
func (x *Extractor) finish(doc *Doc, recs []Record) []Record {
	h := doc.Header
	inTitle := func(r Record) bool {
		return h.TitleSpan.End > h.TitleSpan.Start && r.Start >= h.TitleSpan.Start && r.End <= h.TitleSpan.End
	}
	var out []Record
	type openKey struct {
		label, loc string
		value      float64
		year       int
	}
	seenOpen := map[openKey]bool{}
	for k, r := range recs {
		if r.Indicator == "" && r.Kind == rules.Target {
			// The same target no catalog entry fits, stated twice (a
			// headline and its story, a summary and its detail), is one;
			// so is one a catalog entry took where the story states it.
			key := openKey{vntext.Fold(strings.ToLower(r.IndicatorLabel)), r.LocalityCode + r.Locality, r.Value, r.Year}
			if seenOpen[key] || catalogued(recs, r) || datedElsewhere(recs, r) {
				continue
			}
			seenOpen[key] = true
		}
		if inTitle(r) {
			dup := false
			for _, g := range recs {
				if !inTitle(g) && g.Indicator == r.Indicator && g.Value == r.Value && g.Year == r.Year {
					dup = true
					break
				}
			}
			if dup {
				continue
			}
		}
		if r.SubOf == "sub" {
			r.SubOf = ""
			for j := k - 1; j >= 0; j-- {
				if recs[j].Start <= r.Start && recs[j].Indicator != r.Indicator && recs[j].SubOf == "" {
					r.SubOf = recs[j].Indicator
					break
				}
			}
		}
		out = append(out, r)
	}
	return out
}

// resolve turns a mention into records: its year from the sentence, else
// the headings above it, else the document's title; its kind from the
// sentence's cue, else the section, else the document (a report states
// results); its locality from the places it names, else the document's.
// A figure of a section of tasks counts only when the sentence sets it as
// a target; one no catalog entry fits only in a section of objectives.
func (x *Extractor) resolve(d *extract.Document, doc *Doc, m rules.Mention, sc scope, docYear int, report bool, sp structure.Span) ([]Record, bool) {
	r := doc.Meta
	r.Indicator, r.IndicatorLabel = m.ID(), m.Label
	r.Value, r.Unit, r.Cmp, r.Count, r.Total = m.Value.Num, m.Unit, m.Value.Cmp, m.Value.Count, m.Value.Total
	r.Modality, r.ValueText = m.Modality, m.Value.Raw
	r.UnitText, r.Direction, r.Change = m.UnitText, m.Direction, m.Change
	if m.Unit == rules.Status {
		r.ValueText = ""
	}
	if m.Value.Cmp == rules.Range {
		mx := m.Value.Max
		r.ValueMax = &mx
	}
	r.Year = m.Year
	if m.YearFrom == rules.YearNone {
		r.Year = sc.year
	}
	switch {
	case m.Cue == rules.CueReference:
		r.Kind = rules.Reference
		if doc.Locality.National && m.Scope == rules.ScopeNational {
			r.Kind = rules.Target // the country's own plan
		}
	case m.Cue == rules.CueResult:
		r.Kind = rules.Result
	case m.Cue == rules.CueTarget:
		r.Kind = rules.Target
	case sc.zone == zoneResult:
		r.Kind = rules.Result
	case sc.zone == zoneTask:
		return nil, false
	case report && sc.zone != zoneTarget:
		r.Kind = rules.Result
	default:
		r.Kind = rules.Target
	}
	if r.Kind == rules.Target && docYear != 0 && r.Year != 0 && r.Year < docYear {
		r.Kind = rules.Result
	}
	if m.Indicator == nil && !openTarget(r.Kind, sc.zone, m) {
		return nil, false
	}
	if m.Sub {
		r.SubOf = "sub" // finish links it to its total
	}
	r.Text, r.Page, r.Start, r.End = d.Text[sp.Start:sp.End], d.PageAt(sp.Start), sp.Start, sp.End
	if m.Cell != nil {
		r.Cell = &CellEvidence{
			Row: d.Text[m.Cell.Row.Start:m.Cell.Row.End], Header: d.Text[m.Cell.Header.Start:m.Cell.Header.End],
			Value:    d.Text[m.Cell.Value.Start:m.Cell.Value.End],
			RowStart: m.Cell.Row.Start, RowEnd: m.Cell.Row.End, HeaderStart: m.Cell.Header.Start, HeaderEnd: m.Cell.Header.End,
			ValueStart: m.Cell.Value.Start, ValueEnd: m.Cell.Value.End,
		}
	}
	// Whose figure it is.
	if r.Kind == rules.Reference {
		x.referenceLocality(&r, doc, d.Text[m.Clause.Start:m.Clause.End], m.Scope)
		if x.ownLevel(doc, m.Scope) && r.LocalityCode == doc.Locality.Place.Code {
			r.Kind = rules.Target // "mục tiêu của tỉnh" in the province's plan
		} else {
			return []Record{r}, true
		}
	}
	if m.Places.End > m.Places.Start {
		places := x.placesIn(d.Text[m.Places.Start:m.Places.End], doc)
		if len(places) > 0 {
			var out []Record
			for _, p := range places {
				rr := r
				x.setLocality(&rr, doc, p)
				out = append(out, rr)
			}
			return out, true
		}
		if m.Indicator == nil && m.Cell != nil {
			// Not a place after all: the row names what is measured.
			r.IndicatorLabel = strings.Join(strings.Fields(d.Text[m.Cell.Row.Start:m.Cell.Row.End]), " ")
		}
	}
	if m.Subject.End > m.Subject.Start && (m.Unit == rules.Status || m.Unit == rules.Level) {
		if ps := x.placesIn(d.Text[m.Subject.Start:m.Subject.End], doc); len(ps) == 1 && !sameLocality(ps[0], doc.Locality) {
			x.setLocality(&r, doc, ps[0])
		}
	}
	return []Record{r}, true
}

// openTarget reports whether a figure no catalog entry fits is a target:
// a target among a plan's objectives, or, where no heading says what a
// section holds (a news page, a letter), a target with a time of its own
// (its sentence's year, or the year the sentence before it in its
// paragraph opened: "Năm 2025, tỉnh đặt mục tiêu ...").
func openTarget(k rules.Kind, z zone, m rules.Mention) bool {
	if k != rules.Target {
		return false
	}
	return z == zoneTarget || z == zoneNone && m.YearFrom != rules.YearNone
}

// sameLocality reports whether a place is the document's own.
func sameLocality(p Locality, loc Locality) bool {
	if loc.Place == nil || p.Place == nil {
		return false
	}
	if p.Place.Code != "" && loc.Place.Code != "" {
		return p.Place.Code == loc.Place.Code && p.Place.New() == loc.Place.New()
	}
	return vntext.Fold(p.Place.Name) == vntext.Fold(loc.Place.Name)
}

// setLocality gives a record the place p instead of the document's.
func (x *Extractor) setLocality(r *Record, doc *Doc, p Locality) {
	r.Where = x.localityFields(doc, p)
}

// ownLevel reports whether a quotation's scope is the level of the
// document's own place: a province's figure in a province's document.
func (x *Extractor) ownLevel(doc *Doc, sc rules.Scope) bool {
	if doc.Locality.Place == nil {
		return false
	}
	switch doc.Locality.Place.Level {
	case gazetteer.Province:
		return sc == rules.ScopeProvince
	case gazetteer.District:
		return sc == rules.ScopeDistrict
	}
	return false
}

// referenceLocality gives a quoted figure the locality it belongs to: the
// country's, a province's the clause names, else the document's province.
func (x *Extractor) referenceLocality(r *Record, doc *Doc, clause string, sc rules.Scope) {
	switch sc {
	case rules.ScopeNational:
		x.setLocality(r, doc, Locality{National: true})
	case rules.ScopeProvince:
		for _, m := range x.gaz.Find(clause) {
			if p := m.Places[0]; p.Level == gazetteer.Province {
				x.setLocality(r, doc, Locality{Place: p, Type: m.Type})
				return
			}
		}
		if doc.Locality.Place != nil {
			if p := x.gaz.Province(doc.Locality.Place); p != nil && p != doc.Locality.Place {
				x.setLocality(r, doc, Locality{Place: p})
			}
		}
	}
}

// firstWords returns the first n words of s, folded, without a list
// marker.
func firstWords(s string, n int) string {
	if len(s) > 16*n {
		cut := 16 * n
		for cut < len(s) && s[cut]&0xC0 == 0x80 {
			cut++
		}
		s = s[:cut]
	}
	return markerless(vntext.Fold(s), n)
}

// foldedWords is firstWords of text[start:end] read from the view's fold.
func foldedWords(v *structure.View, start, end, n int) string {
	f, _, _ := v.Fold.Slice(start, min(end, start+16*n))
	return markerless(f, n)
}

func markerless(f string, n int) string {
	ws := strings.Fields(f)
	if len(ws) > n {
		ws = ws[:n]
	}
	// The marker of an item: "II.", "2.1.", "a)".
	for len(ws) > 0 && isMarkerWord(ws[0]) {
		ws = ws[1:]
	}
	return strings.Join(ws, " ")
}

// isMarkerWord reports whether a folded word is a list marker: "ii.",
// "2.1.", "a)", "1:".
func isMarkerWord(w string) bool {
	if !strings.HasSuffix(w, ".") && !strings.HasSuffix(w, ")") {
		return false
	}
	w = strings.TrimRight(w, ".)")
	if len(w) == 1 && w[0] >= 'a' && w[0] <= 'z' {
		return true
	}
	for _, c := range w {
		if !(c >= '0' && c <= '9' || c == '.' || strings.ContainsRune("ivx", c)) {
			return false
		}
	}
	return w != ""
}

func startsAny(f string, ps ...string) bool {
	for _, p := range ps {
		if strings.HasPrefix(f, p) {
			return true
		}
	}
	return false
}

func containsAny(f string, ps ...string) bool {
	for _, p := range ps {
		if strings.Contains(f, p) {
			return true
		}
	}
	return false
}
