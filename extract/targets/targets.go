// Package targets extracts every quantitative target of a plan as a
// record: the indicator, value, year and locality, with the document's
// metadata and the evidence (the sentence, its page and byte offsets in the
// document's normalized text).
//
// It joins the stages below it: the document structure (extract/structure:
// documents in a file, header, outline, sentences), the gazetteer
// (extract/gazetteer: where a document is from) and the rules
// (extract/rules: values, indicators, years, modality). The year of a
// target comes from its own sentence, then from the heading or paragraph
// that sets one ("b) Mục tiêu đến năm 2030"), then from an annual plan's
// year; the locality from the issuer and header, then the title, then the
// body, never from a guess.
package targets

import (
	"errors"
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/chitieu/chitieu/extract"
	"github.com/chitieu/chitieu/extract/gazetteer"
	"github.com/chitieu/chitieu/extract/rules"
	"github.com/chitieu/chitieu/extract/structure"
	"github.com/chitieu/chitieu/extract/vntext"
)

// A Record is one target (or reported result) found in a document. The
// JSON field names are part of the public format.
type Record struct {
	Doc           string `json:"doc"` // file name
	Path          string `json:"path"`
	DocID         string `json:"doc_id"` // SHA-256 of the file; "#N" added for the Nth document of a file that holds several
	DocNumber     string `json:"doc_number"`
	DocType       string `json:"doc_type"`
	DocDate       string `json:"doc_date"`
	Issuer        string `json:"issuer"`
	Locality      string `json:"locality"`
	LocalityCode  string `json:"locality_code"`
	LocalityLevel string `json:"locality_level"`
	Province      string `json:"province"`
	ProvinceCode  string `json:"province_code"`
	// The provincial unit that holds the locality since 1 July 2025: a
	// lookup, the record keeps the locality as written then.
	Province2025     string `json:"province_2025"`
	Province2025Code string `json:"province_2025_code"`

	Indicator      string         `json:"indicator"` // catalog ID, "" when none fits
	IndicatorLabel string         `json:"indicator_label"`
	Value          float64        `json:"value"`
	ValueMax       *float64       `json:"value_max,omitempty"`
	Unit           rules.Unit     `json:"unit"`
	Cmp            rules.Cmp      `json:"cmp"`
	Count          int            `json:"count,omitempty"` // "101/101 xã": the count ...
	Total          int            `json:"total,omitempty"` // ... of the total
	Year           int            `json:"year"`            // 0 when nothing says
	Modality       rules.Modality `json:"modality"`
	Kind           rules.Kind     `json:"kind"`
	SubOf          string         `json:"sub_of,omitempty"` // "Trong đó, 12% ...": the indicator of the total
	ValueText      string         `json:"value_text"`       // the value as written: "60% trở lên"
	Text           string         `json:"text"`             // the sentence, normalized
	Page           int            `json:"page"`
	Start          int            `json:"start"` // Text is the document's text[Start:End]
	End            int            `json:"end"`
}

// Options configure an Extractor. The zero value uses the built-in
// gazetteer and catalog.
type Options struct {
	Gazetteer *gazetteer.Gazetteer
	Catalog   *rules.Catalog
	// MaxRecords makes Extract fail with ErrTooManyRecords for a file with
	// more records; 0: no limit.
	MaxRecords int
}

// ErrTooManyRecords is the error of a file with more records than
// Options.MaxRecords.
var ErrTooManyRecords = errors.New("too many targets")

// An Extractor turns documents into records. It is safe for concurrent use.
type Extractor struct {
	gaz *gazetteer.Gazetteer
	cat *rules.Catalog
	max int
}

// New returns an Extractor.
func New(opt Options) *Extractor {
	x := &Extractor{gaz: opt.Gazetteer, cat: opt.Catalog, max: opt.MaxRecords}
	if x.gaz == nil {
		x.gaz = gazetteer.Default()
	}
	if x.cat == nil {
		x.cat = rules.DefaultCatalog()
	}
	return x
}

// A Doc is one document of a file, with what its header and the gazetteer
// say about it.
type Doc struct {
	ID       string
	Part     int // 1-based, within the file
	Parent   int // the part it is attached to, 0 if none
	Span     structure.Span
	Header   structure.Header
	Locality Locality
	// Meta is the part of a Record that describes the document: its file,
	// number, type, date, issuer and locality; the target fields are zero.
	Meta Record
	// Programmes are the national programmes the document implements, by
	// the decision it cites: "1373/QĐ-TTg", "387/QĐ-TTg", "677/QĐ-TTg".
	Programmes []string
	Records    []Record
}

// A Locality is where a document is from.
type Locality struct {
	Place    *gazetteer.Place // nil when unknown; Code "" for a place the gazetteer lacks
	Type     string           // the type word as written ("thị xã")
	Province *gazetteer.Place // the province the text names, when the gazetteer does not know Place's
	National bool             // a national body (the Prime Minister, a ministry)
	Source   string           // issuer, title, page title, place-date line, body
}

// Result is the extraction of one file.
type Result struct {
	Docs []Doc
}

// Records returns the records of every document, in text order.
func (r *Result) Records() []Record {
	var out []Record
	for _, d := range r.Docs {
		out = append(out, d.Records...)
	}
	return out
}

// Extract returns the documents of d and their targets. It never panics:
// a failure inside comes back as an error naming the document.
func (x *Extractor) Extract(d *extract.Document) (res *Result, err error) {
	defer func() {
		if r := recover(); r != nil {
			res, err = nil, &extract.Error{Path: d.Path, Err: fmt.Errorf("targets: internal error: %v", r)}
		}
	}()
	text := d.Text
	parts := structure.Split(text)
	res = &Result{}
	n := 0
	for i, p := range parts {
		doc := Doc{ID: d.DocID, Part: i + 1, Span: p.Span}
		if len(parts) > 1 {
			doc.ID = fmt.Sprintf("%s#%d", d.DocID, i+1)
		}
		if p.Parent >= 0 {
			doc.Parent = p.Parent + 1
		}
		doc.Header = structure.ParseHeader(text, p.Start, p.End, x.gaz)
		extTitle := ""
		if i == 0 {
			extTitle = d.Title
		}
		doc.Locality = x.locality(text, p.Span, doc.Header, extTitle)
		if p.Parent >= 0 {
			// An attached plan belongs to its decision's issuer.
			parent := res.Docs[p.Parent]
			if doc.Locality.Place == nil && !doc.Locality.National {
				doc.Locality = parent.Locality
			}
			if doc.Header.Issuer == "" {
				doc.Header.Issuer = parent.Header.Issuer
			}
			if doc.Header.Number == "" {
				doc.Header.Number = parent.Header.Number
			}
			if doc.Header.Date == "" {
				doc.Header.Date = parent.Header.Date
			}
		}
		doc.Meta = x.meta(d, &doc)
		doc.Programmes = Programmes(text[p.Start:p.End])
		doc.Records = x.records(d, &doc)
		res.Docs = append(res.Docs, doc)
		if n += len(doc.Records); x.max > 0 && n > x.max {
			return nil, &extract.Error{Path: d.Path, Err: fmt.Errorf("%w: more than %d (--max-targets)", ErrTooManyRecords, x.max)}
		}
	}
	return res, nil
}

// records extracts the targets of one document.
func (x *Extractor) records(d *extract.Document, doc *Doc) []Record {
	text := d.Text
	h := doc.Header
	docYear := 0
	if len(h.Date) >= 4 {
		docYear, _ = strconv.Atoi(h.Date[:4])
	}
	annual := rules.AnnualYear(h.Title)
	if annual == 0 {
		annual = rules.AnnualYear(text[doc.Span.Start:doc.Span.End])
	}
	blocks := structure.Outline(text, doc.Span.Start, doc.Span.End)
	type state struct {
		year   int
		strive bool
		zone   bool
		result bool
	}
	states := make([]state, len(blocks))
	lastPara := map[int]int{} // parent → the last paragraph under it
	var found []rules.Found
	var sents []structure.Span
	for i, b := range blocks {
		// What the block inherits: a list item from the block above it, a
		// paragraph from the paragraph before it under the same heading.
		var st state
		if b.Parent >= 0 {
			st = states[b.Parent]
		}
		body := text[b.Body:b.End]
		bf := firstWords(body, 8)
		if b.Marker == "" {
			if j, ok := lastPara[b.Parent]; ok && (b.Parent < 0 || j > b.Parent) {
				prev := states[j]
				st.year, st.strive = prev.year, prev.strive
				st.zone = st.zone || prev.zone && !startsAny(bf, taskWords...)
			}
			lastPara[b.Parent] = i
		}
		if isHeading(body) {
			// A heading opens or closes the objectives and the reports.
			switch {
			case startsAny(bf, taskWords...) || containsAny(bf, "nhiem vu", "giai phap", "to chuc thuc hien", "kinh phi"):
				st.zone, st.result = false, false
			case containsAny(bf, "muc tieu", "chi tieu"):
				st.zone, st.result = true, false
			case startsAny(bf, "ket qua", "thuc trang", "danh gia", "tinh hinh"):
				st.result, st.zone = true, false
			}
		}
		if startsAny(bf, "muc tieu", "chi tieu", "phan dau") {
			st.zone = true
		}
		if startsAny(bf, "can cu") {
			states[i] = st
			continue
		}
		for _, s := range bounded(text, structure.Sentences(text, b.Body, b.End)) {
			// A sentence that sets a year sets it for itself and what follows.
			if y, strive, ok := rules.Governing(text[s.Start:s.End]); ok {
				st.year, st.strive = y, strive
			}
			ctx := rules.Context{Year: st.year, Strive: st.strive, Annual: annual, DocYear: docYear, Zone: st.zone, Result: st.result}
			for _, f := range x.cat.Sentence(text, s.Start, s.End, ctx) {
				x.checkSubject(text, &f, doc.Locality)
				found = append(found, f)
				sents = append(sents, s)
			}
		}
		states[i] = st
	}
	// A news headline restates a figure of the body: keep the body's.
	inTitle := func(f rules.Found) bool {
		return h.TitleSpan.End > h.TitleSpan.Start && f.Start >= h.TitleSpan.Start && f.End <= h.TitleSpan.End
	}
	var out []Record
	var prev *rules.Found
	for k, f := range found {
		subOf := ""
		if f.Sub && prev != nil {
			// "Trong đó, 12% dân số ...": a part of the figure before.
			subOf = prev.ID()
		}
		prev = &found[k]
		if inTitle(f) {
			dup := false
			for _, g := range found {
				if !inTitle(g) && g.ID() == f.ID() && g.Value.Num == f.Value.Num && g.Year == f.Year {
					dup = true
					break
				}
			}
			if dup {
				continue
			}
		}
		r := x.record(d, doc, f, sents[k])
		r.SubOf = subOf
		out = append(out, r)
	}
	return out
}

// isHeading reports whether a block's text reads as a heading: short, and
// not ending a sentence or a list item.
func isHeading(body string) bool {
	body = strings.TrimSpace(body)
	if len(body) == 0 || len(body) > 160 {
		return false
	}
	switch body[len(body)-1] {
	case ';', '.', ',':
		return false
	}
	return true
}

// checkSubject keeps a locality's own standard or title ("đạt chuẩn xóa
// mù chữ mức độ 2", "được công nhận thành phố học tập") for the document's
// locality: when the words before it name another place ("Thành phố Thủ
// Dầu Một được công nhận ..." in a province's plan), the figure is that
// place's, and no catalog entry of the locality's own fits it.
func (x *Extractor) checkSubject(text string, f *rules.Found, loc Locality) {
	if f.Indicator == nil || f.Unit != rules.Status && f.Unit != rules.Level {
		return
	}
	before := text[f.Clause[0]:f.Start]
	other := ""
	for _, m := range x.gaz.Find(before) {
		p := m.Places[0]
		if loc.Place == nil || p.Code != loc.Place.Code && !(loc.Place.Code == "" && p.Name == loc.Place.Name) {
			other = before[m.Start:m.End]
			break
		}
	}
	if other == "" {
		if l, ok := unlisted(before, ""); ok && (loc.Place == nil || l.Place.Name != loc.Place.Name) {
			other = l.Place.Display(l.Type)
		}
	}
	if other != "" {
		f.Indicator = nil
		f.Label = other + ": " + f.Label
	}
}

// taskWords open the parts of a plan that are not its objectives.
var taskWords = []string{"nhiem vu", "giai phap", "cac giai phap", "to chuc thuc hien", "kinh phi", "de thuc hien", "de dat", "trach nhiem"}

func firstWords(s string, n int) string {
	if len(s) > 16*n {
		cut := 16 * n
		for cut < len(s) && s[cut]&0xC0 == 0x80 {
			cut++
		}
		s = s[:cut]
	}
	f := vntext.Fold(s)
	ws := strings.Fields(f)
	if len(ws) > n {
		ws = ws[:n]
	}
	return strings.Join(ws, " ")
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

func (x *Extractor) record(d *extract.Document, doc *Doc, f rules.Found, s structure.Span) Record {
	r := doc.Meta
	r.Indicator, r.IndicatorLabel = f.ID(), f.Label
	r.Value, r.Unit, r.Cmp, r.Count, r.Total = f.Value.Num, f.Unit, f.Value.Cmp, f.Value.Count, f.Value.Total
	r.Year, r.Modality, r.Kind, r.ValueText = f.Year, f.Modality, f.Kind, f.Value.Raw
	r.Text, r.Page, r.Start, r.End = d.Text[s.Start:s.End], d.PageAt(s.Start), s.Start, s.End
	if f.Unit == rules.Status {
		r.ValueText = ""
	}
	if f.Value.Cmp == rules.Range {
		m := f.Value.Max
		r.ValueMax = &m
	}
	return r
}

// meta fills the document fields of a record.
func (x *Extractor) meta(d *extract.Document, doc *Doc) Record {
	h := doc.Header
	r := Record{
		Doc: d.Name, Path: d.Path, DocID: doc.ID,
		DocNumber: h.Number, DocType: h.TypeCode, DocDate: h.Date, Issuer: h.Issuer,
		LocalityLevel: gazetteer.Unknown.String(),
	}
	loc := doc.Locality
	switch {
	case loc.National:
		r.Locality, r.LocalityLevel = "Việt Nam", gazetteer.National.String()
	case loc.Place != nil:
		p := loc.Place
		r.Locality, r.LocalityCode, r.LocalityLevel = p.Display(loc.Type), p.Code, p.Level.String()
		prov := x.gaz.Province(p)
		if prov == nil {
			prov = loc.Province
		}
		if prov != nil {
			r.Province, r.ProvinceCode = prov.Name, prov.Code
			if p2 := x.gaz.Province2025(prov); p2 != nil {
				r.Province2025, r.Province2025Code = p2.Display(""), p2.Code
			}
		}
	}
	return r
}

// locality finds where a document is from: its issuer, its title (the
// header's, then the web page's), the place of its place-date line, then
// its body. The body counts only when it names one province and speaks of
// itself as "tỉnh" or "thành phố"; otherwise the locality stays unknown.
func (x *Extractor) locality(text string, sp structure.Span, h structure.Header, pageTitle string) Locality {
	var ev *evidence
	pick := func(s, source string) (Locality, bool) {
		ms := x.gaz.Find(s)
		// "trên địa bàn thị xã Bến Cát" is the strongest mention in a title.
		for i, m := range ms {
			if strings.HasSuffix(strings.TrimSpace(vntext.Fold(s[:m.Start])), "tren dia ban") {
				ms[0], ms[i] = ms[i], ms[0]
				break
			}
		}
		if len(ms) == 0 {
			return Locality{}, false
		}
		m := ms[0]
		if ev == nil {
			ev = x.provincesInText(text, sp)
		}
		if p := ev.choose(x.gaz, m.Places); p != nil {
			return Locality{Place: p, Type: m.Type, Source: source}, true
		}
		// A name several districts share, and nothing in the text to tell
		// which (or the text places it in a province where the gazetteer
		// has no such district): the name without a code.
		top := m.Places[0]
		typ := m.Type
		if typ == "" {
			typ = top.Type
		}
		return Locality{Place: &gazetteer.Place{Name: top.Name, Type: typ, Level: top.Level}, Type: m.Type, Source: source}, true
	}
	l := x.namedLocality(text, sp, h, pageTitle, pick)
	if l.Place != nil && l.Place.Level > gazetteer.Province && x.gaz.Province(l.Place) == nil {
		if ev == nil {
			ev = x.provincesInText(text, sp)
		}
		l.Province = ev.one()
	}
	return l
}

// evidence is the provinces a document names: those of the plans it
// implements ("Căn cứ ... của Ủy ban nhân dân tỉnh Bình Dương") and all it
// names with their type ("tỉnh Đồng Nai").
type evidence struct {
	cited, named []*gazetteer.Place
}

// one returns the province the evidence points to, if only one.
func (e *evidence) one() *gazetteer.Place {
	switch {
	case len(e.cited) == 1:
		return e.cited[0]
	case len(e.named) == 1:
		return e.named[0]
	}
	return nil
}

// choose picks among the places a name can be: a province stands alone; a
// district or commune must be the only one of its name, or the only one in
// a province the document names. nil means the text cannot tell.
func (e *evidence) choose(gaz *gazetteer.Gazetteer, cands []*gazetteer.Place) *gazetteer.Place {
	if cands[0].Level <= gazetteer.Province {
		return cands[0]
	}
	var same []*gazetteer.Place
	for _, c := range cands {
		if c.Level == cands[0].Level {
			same = append(same, c)
		}
	}
	for _, provs := range [][]*gazetteer.Place{e.cited, e.named} {
		if len(provs) == 0 {
			continue
		}
		var in []*gazetteer.Place
		for _, c := range same {
			for _, p := range provs {
				if gaz.Province(c) == p {
					in = append(in, c)
					break
				}
			}
		}
		switch {
		case len(in) == 1:
			return in[0]
		case len(in) == 0 && len(provs) == 1:
			return nil // the text places it elsewhere
		}
	}
	if len(same) == 1 {
		return same[0]
	}
	return nil
}

// namedLocality is locality without the province of a place the gazetteer
// does not place.
func (x *Extractor) namedLocality(text string, sp structure.Span, h structure.Header, pageTitle string, pick func(string, string) (Locality, bool)) Locality {
	if h.Issuer != "" {
		if l, ok := pick(h.Issuer, "issuer"); ok {
			return l
		}
		if l, ok := unlisted(h.Issuer, "issuer"); ok {
			return l
		}
		f := vntext.Fold(h.Issuer)
		if containsAny(f, "thu tuong", "chinh phu", "quoc hoi") || strings.HasPrefix(f, "bo ") && !containsAny(f, "tinh", "thanh pho") {
			return Locality{National: true, Source: "issuer"}
		}
	}
	if h.Title != "" {
		if l, ok := pick(h.Title, "title"); ok {
			return l
		}
		if l, ok := unlisted(h.Title, "title"); ok {
			return l
		}
	}
	if pageTitle != "" {
		if l, ok := pick(pageTitle, "page title"); ok {
			return l
		}
	}
	if h.Place != "" {
		if l, ok := pick(h.Place, "place-date line"); ok {
			return l
		}
	}
	// The body: one province named, and the document speaks of "the
	// province" (or city) as itself.
	body := text[sp.Start:sp.End]
	var provinces []*gazetteer.Place
	seen := map[string]bool{}
	for _, ln := range strings.Split(body, "\n") {
		if strings.HasPrefix(vntext.Fold(strings.TrimSpace(ln)), "can cu") {
			continue
		}
		for _, m := range x.gaz.Find(ln) {
			p := x.gaz.Province(m.Places[0])
			if p != nil && !seen[p.Code] {
				seen[p.Code] = true
				provinces = append(provinces, p)
			}
		}
	}
	if len(provinces) == 1 {
		f := vntext.Fold(body)
		self := "tinh"
		if provinces[0].Type == "thành phố" {
			self = "thanh pho"
		}
		for _, w := range []string{"ubnd " + self, "uy ban nhan dan " + self, "dia ban " + self, "cua " + self, "toan " + self} {
			if strings.Contains(f, w) {
				return Locality{Place: provinces[0], Source: "body"}
			}
		}
	}
	return Locality{}
}

// unlistedRe is a place the gazetteer does not list, named with its type:
// "huyện Tân Phú", "xã An Bình".
var unlistedRe = regexp.MustCompile(`(?i:\b(tỉnh|thành phố|thị xã|huyện|quận|thị trấn|xã|phường))\s+(\p{Lu}[\p{L}]*(?:\s+\p{Lu}[\p{L}]*){0,3})`)

// unlisted reads a place the gazetteer lacks from an issuer or a title: a
// type word and a capitalized name. It has no code.
func unlisted(s, source string) (Locality, bool) {
	m := unlistedRe.FindStringSubmatch(s)
	if m == nil {
		return Locality{}, false
	}
	typ := strings.ToLower(m[1])
	lvl := gazetteer.District
	switch typ {
	case "tỉnh":
		lvl = gazetteer.Province
	case "xã", "phường", "thị trấn":
		lvl = gazetteer.Commune
	}
	return Locality{Place: &gazetteer.Place{Name: m[2], Type: typ, Level: lvl}, Type: typ, Source: source}, true
}

// provincesInText collects the provinces a document names with their
// type: those of its citations ("Căn cứ Kế hoạch số 1144/KH-UBND ... của Ủy
// ban nhân dân tỉnh Bình Dương"), and all.
func (x *Extractor) provincesInText(text string, sp structure.Span) *evidence {
	e := &evidence{}
	add := func(list []*gazetteer.Place, p *gazetteer.Place) []*gazetteer.Place {
		for _, q := range list {
			if q == p {
				return list
			}
		}
		return append(list, p)
	}
	for _, ln := range strings.Split(text[sp.Start:sp.End], "\n") {
		citation := strings.HasPrefix(vntext.Fold(strings.TrimLeft(ln, " -+")), "can cu")
		for _, m := range x.gaz.Find(ln) {
			p := m.Places[0]
			if p.Level != gazetteer.Province || m.Type == "" {
				continue
			}
			if citation {
				e.cited = add(e.cited, p)
			}
			e.named = add(e.named, p)
		}
	}
	return e
}

// programmes are the decisions a plan of the corpus implements, with
// folded words of their schemes' titles and aims for plans that name the
// programme but not the decision.
var programmes = []struct {
	number string
	words  []string
}{
	{"1373/QĐ-TTg", []string{"xay dung xa hoi hoc tap giai doan 2021", "tao chuyen bien co ban trong xay dung xa hoi hoc tap"}},
	{"387/QĐ-TTg", []string{"hoc tap suot doi trong gia dinh, dong ho"}},
	{"677/QĐ-TTg", []string{"mo hinh cong dan hoc tap"}},
}

// Programmes returns the programmes a document's text cites, in the order
// of the list above: by decision number ("1373/QĐ-TTg", written with or
// without diacritics) or by the words of the scheme's title.
func Programmes(text string) []string {
	f := vntext.Fold(text)
	var out []string
	for _, p := range programmes {
		if strings.Contains(f, vntext.Fold(p.number)) || containsAny(f, p.words...) {
			out = append(out, p.number)
		}
	}
	return out
}

// Qualified writes the record's value with its qualifier, as a table cell
// shows it: "≥60", "~23", "80–85", "mức 2", "đạt", "100 (101/101)";
// percent adds "%" to percentages.
func (r Record) Qualified(percent bool) string {
	switch r.Unit {
	case rules.Status:
		return "đạt"
	case rules.Level:
		return "mức " + num(r.Value)
	}
	v := num(r.Value)
	suffix := ""
	if percent && r.Unit == rules.Percent {
		suffix = "%"
	}
	switch r.Cmp {
	case rules.Range:
		if r.ValueMax != nil {
			return v + "–" + num(*r.ValueMax) + suffix
		}
	case rules.Ge:
		return "≥" + v + suffix
	case rules.Gt:
		return ">" + v + suffix
	case rules.Le:
		return "≤" + v + suffix
	case rules.Lt:
		return "<" + v + suffix
	case rules.Approx:
		return "~" + v + suffix
	}
	if r.Total > 0 {
		return fmt.Sprintf("%s%s (%d/%d)", v, suffix, r.Count, r.Total)
	}
	return v + suffix
}

func num(x float64) string { return strconv.FormatFloat(x, 'f', -1, 64) }

// maxSentence bounds the sentences the rules read, in bytes. The rules
// look back and around within a sentence, which costs its length at every
// clause: a line of megabytes with no full stop (a list run together, a
// damaged file) would take hours. Real sentences, lists of targets
// included, stay far below.
const maxSentence = 4096

// bounded cuts sentences longer than maxSentence between clauses ("; "),
// else between words.
func bounded(text string, sents []structure.Span) []structure.Span {
	var out []structure.Span
	for _, s := range sents {
		for s.End-s.Start > maxSentence {
			cut := s.Start + maxSentence
			window := text[s.Start:cut]
			k := strings.LastIndex(window, "; ")
			if k < maxSentence/4 {
				k = strings.LastIndexByte(window, ' ')
			}
			if k <= 0 {
				for k = maxSentence; k > 0 && !utf8.RuneStart(text[s.Start+k]); k-- {
				}
				if k == 0 {
					break
				}
			} else {
				k++ // keep the separator with the first part
			}
			out = append(out, structure.Span{Start: s.Start, End: s.Start + k})
			s.Start += k
			for s.Start < s.End && text[s.Start] == ' ' {
				s.Start++
			}
		}
		if s.End > s.Start {
			out = append(out, s)
		}
	}
	return out
}

// SortRecords orders records by document, then position.
func SortRecords(rs []Record) {
	sort.SliceStable(rs, func(i, j int) bool {
		if rs[i].Path != rs[j].Path {
			return rs[i].Path < rs[j].Path
		}
		return rs[i].Start < rs[j].Start
	})
}
