package web

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/chitieu/chitieu/extract/domain"

	"github.com/chitieu/chitieu/compare"
	"github.com/chitieu/chitieu/extract/gazetteer"
	"github.com/chitieu/chitieu/extract/rules"
	"github.com/chitieu/chitieu/extract/targets"
	"github.com/chitieu/chitieu/index"
)

// searchData is the search page.
type searchData struct {
	Query      string
	Result     *index.Result
	Error      string
	Offset     int
	Prev, Next string     // URLs, "" if none
	Pages      []pageLink // numbered pages around this one
	CSV        string     // the results as CSV
	Facets     []facetView
	Overview   *overview // the corpus at a glance, on the page with no query
}

// A pageLink is one numbered page of results: Gap stands for the pages
// left out between two links.
type pageLink struct {
	N       int
	URL     string
	Current bool
	Gap     bool
}

// pageLinks numbers the pages of total results, pageSize a page: the
// first, the last, and three either side of the current one, "…" for the
// others; none for a single page.
func pageLinks(q string, offset int, total uint64) []pageLink {
	last := int(min(total, uint64(maxOffset)+pageSize)+pageSize-1) / pageSize
	if last < 2 {
		return nil
	}
	cur := offset/pageSize + 1
	var out []pageLink
	for n := 1; n <= last; n++ {
		if n != 1 && n != last && (n < cur-3 || n > cur+3) {
			if len(out) > 0 && !out[len(out)-1].Gap {
				out = append(out, pageLink{Gap: true})
			}
			continue
		}
		out = append(out, pageLink{N: n, URL: searchURL(q, (n-1)*pageSize), Current: n == cur})
	}
	return out
}

// searchCSVLimit is how many results /search.csv writes at most.
const searchCSVLimit = 1000

// searchDownload is /search.csv: the query's first 1,000 results, a row
// each, UTF-8 with a byte-order mark so that Excel reads the Vietnamese.
func (s *Server) searchDownload(w http.ResponseWriter, r *http.Request) {
	q, err := param(r, "q")
	var res *index.Result
	if err == nil && strings.TrimSpace(q) == "" {
		err = fmt.Errorf("%w: no query", index.ErrBadQuery)
	}
	if err == nil {
		res, err = s.ix.Search(r.Context(), index.Request{Query: q, Limit: searchCSVLimit})
	}
	s.download(w, r, err, "tim-kiem.csv", func(w io.Writer) error {
		return writeHitsCSV(w, res.Hits)
	})
}

// download answers a request for a CSV file: the error page if err is
// set, else the file named name as write writes it.
func (s *Server) download(w http.ResponseWriter, r *http.Request, err error, name string, write func(io.Writer) error) {
	if err != nil {
		status, key := statusOf(err)
		s.errorPage(w, r, status, key, err.Error())
		return
	}
	w.Header().Set("Content-Type", "text/csv; charset=utf-8") // the only kind of download so far
	w.Header().Set("Content-Disposition", `attachment; filename="`+name+`"`)
	write(w)
}

// writeHitsCSV writes search hits as CSV, UTF-8 with a byte-order mark.
func writeHitsCSV(w io.Writer, hits []index.Hit) error {
	io.WriteString(w, "\ufeff")
	cw := csv.NewWriter(w)
	cw.Write([]string{"rank", "doc", "doc_number", "doc_type", "doc_date", "locality", "province", "district", "page", "start", "end", "indicator", "value", "year", "text", "path"})
	for i, h := range hits {
		ind, val, year := "", "", ""
		if rec := h.Record; rec != nil {
			ind, val = rec.Indicator, rec.Qualified(true)
			if rec.Year != 0 {
				year = strconv.Itoa(rec.Year)
			}
		}
		cw.Write([]string{strconv.Itoa(i + 1), h.Name, h.Number, h.Type, h.Date, h.Locality, h.Province, h.District,
			strconv.Itoa(h.Page), strconv.Itoa(h.Start), strconv.Itoa(h.End), ind, val, year, h.Text, h.Path})
	}
	cw.Flush()
	return cw.Error()
}

type facetView struct {
	Name  string // message key
	Terms []facetLink
}

type facetLink struct {
	Term  string
	Label string // an indicator's name, in the page's language
	Count int
	URL   string
}

// facetFilter writes a facet value as a filter of the query language.
func facetFilter(name, term string) string {
	switch name {
	case "province", "district":
		_, bare := gazetteer.SplitType(term)
		return name + `:"` + bare + `"`
	case "label":
		return name + `:"` + strings.ReplaceAll(term, `"`, "") + `"`
	}
	return name + ":" + term
}

func searchURL(q string, offset int) string {
	v := url.Values{"q": {q}}
	if offset > 0 {
		v.Set("offset", strconv.Itoa(offset))
	}
	return "/?" + v.Encode()
}

func (s *Server) searchPage(w http.ResponseWriter, r *http.Request) {
	d := searchData{}
	q, err := param(r, "q")
	if err == nil {
		d.Offset, err = intParam(r, "offset", 0, 0, maxOffset)
	}
	if err != nil {
		d.Error = err.Error()
		s.render(w, r, http.StatusBadRequest, "search", text(lang(r), "bad_query"), d)
		return
	}
	d.Query = q
	if strings.TrimSpace(q) == "" {
		if d.Overview, err = s.overview(r.Context()); err != nil {
			status, key := statusOf(err)
			s.errorPage(w, r, status, key, err.Error())
			return
		}
		s.render(w, r, http.StatusOK, "search", text(lang(r), "search"), d)
		return
	}
	res, err := s.ix.Search(r.Context(), index.Request{Query: q, Limit: pageSize, Offset: d.Offset, Facets: true})
	if err != nil {
		status, key := statusOf(err)
		d.Error = err.Error()
		if status == http.StatusInternalServerError {
			d.Error = text(lang(r), key)
		}
		s.render(w, r, status, "search", text(lang(r), key), d)
		return
	}
	d.Result = res
	// A document's other files are named at its first hit on the page.
	named := map[string]bool{}
	for i := range res.Hits {
		if h := &res.Hits[i]; named[h.DocID] {
			h.Also = nil
		} else {
			named[h.DocID] = true
		}
	}
	if d.Offset > 0 {
		d.Prev = searchURL(q, max(0, d.Offset-pageSize))
	}
	if uint64(d.Offset+pageSize) < res.Total && d.Offset+pageSize <= maxOffset {
		d.Next = searchURL(q, d.Offset+pageSize)
	}
	d.Pages = pageLinks(q, d.Offset, res.Total)
	if res.Total > 0 {
		d.CSV = "/search.csv?" + url.Values{"q": {q}}.Encode()
	}
	for _, f := range res.Facets {
		fv := facetView{Name: f.Name}
		for _, t := range f.Terms {
			filter := facetFilter(f.Name, t.Term)
			if strings.Contains(q, filter) {
				continue // already chosen
			}
			link := facetLink{Term: t.Term, Label: t.Term, Count: t.Count, URL: searchURL(q+" "+filter, 0)}
			if ind := s.catalog().Indicator(t.Term); f.Name == "indicator" && ind != nil {
				link.Label = ind.Label
				if lang(r) == 1 && ind.English != "" {
					link.Label = ind.English
				}
			}
			if _, ok := messages["type_"+t.Term]; f.Name == "type" && ok {
				link.Label = text(lang(r), "type_"+t.Term)
			}
			fv.Terms = append(fv.Terms, link)
		}
		if len(fv.Terms) > 0 {
			d.Facets = append(d.Facets, fv)
		}
	}
	s.render(w, r, http.StatusOK, "search", q, d)
}

// docData is the document page.
type docData struct {
	Doc      *index.Document
	Records  []targets.Record
	Segments []segment
	OCR      []string // the pages read by OCR, with their confidence: "3 (95.6)"
	Pages    []int    // the numbers of the pages the document spans, for the page index, when more than one
}

// A segment is a piece of a document's text: plain, or a sentence that
// holds targets (Recs are indices into Records).
type segment struct {
	Text   string
	Mark   bool
	Anchor string
	Recs   []int
	Point  bool // the place a search hit links to (id "at") comes first
	// Page, for a page marker, is the number of the page that starts
	// there; Inline, that it starts inside a line (a sentence runs on
	// from the page before): the marker then sits in the line, with no
	// gap in the words around it.
	Page   int
	Inline bool
}

// segments cuts text (which starts at offset base of the file's text) at
// the records' sentences, and puts a point at file offset at (the start of
// a search hit; -1 for none).
func segments(text string, base int, recs []targets.Record, at, firstPage int) []segment {
	type span struct {
		start, end int
		recs       []int
	}
	var spans []span
	for i, r := range recs {
		a, b := r.Start-base, r.End-base
		if a < 0 || b > len(text) || a >= b {
			continue
		}
		if n := len(spans); n > 0 && a < spans[n-1].end {
			// The same sentence (or an overlapping one): one mark.
			spans[n-1].end = max(spans[n-1].end, b)
			spans[n-1].recs = append(spans[n-1].recs, i)
			continue
		}
		spans = append(spans, span{a, b, []int{i}})
	}
	var out []segment
	pos := 0
	for _, sp := range spans {
		if sp.start > pos {
			out = append(out, segment{Text: text[pos:sp.start]})
		}
		out = append(out, segment{Text: text[sp.start:sp.end], Mark: true, Anchor: "t-" + strconv.Itoa(sp.start+base), Recs: sp.recs})
		pos = sp.end
	}
	if pos < len(text) {
		out = append(out, segment{Text: text[pos:]})
	}
	if at >= 0 {
		out = point(out, at-base)
	}
	return pageMarks(out, firstPage)
}

// pageMarks replaces the page breaks ("\f") of plain segments with page
// markers numbered from first+1; a sentence marked as a target that runs
// across a break keeps it as a space.
func pageMarks(segs []segment, first int) []segment {
	var out []segment
	page := first
	for _, s := range segs {
		if s.Mark || !strings.Contains(s.Text, "\f") {
			page += strings.Count(s.Text, "\f")
			s.Text = strings.ReplaceAll(s.Text, "\f", " ")
			out = append(out, s)
			continue
		}
		parts := strings.Split(s.Text, "\f")
		for i, p := range parts {
			if i > 0 {
				page++
				before := ""
				if len(out) > 0 {
					before = out[len(out)-1].Text
				}
				inline := before != "" && !strings.HasSuffix(before, "\n") && p != "" && !strings.HasPrefix(p, "\n")
				out = append(out, segment{Page: page, Inline: inline})
			}
			if p != "" || i == 0 && s.Point {
				q := s
				q.Text, q.Point = p, s.Point && i == 0
				out = append(out, q)
			}
		}
	}
	return out
}

// point marks the segment where offset off of the text falls, splitting a
// plain segment there (on a character boundary).
func point(segs []segment, off int) []segment {
	if off < 0 {
		return segs
	}
	pos := 0
	for i, s := range segs {
		end := pos + len(s.Text)
		if off < end || i == len(segs)-1 {
			k := off - pos
			if s.Mark || k <= 0 || !utf8.RuneStart(s.Text[min(k, len(s.Text)-1)]) || k >= len(s.Text) {
				segs[i].Point = true
				return segs
			}
			before, after := s, s
			before.Text, after.Text, after.Point = s.Text[:k], s.Text[k:], true
			return append(segs[:i], append([]segment{before, after}, segs[i+1:]...)...)
		}
		pos = end
	}
	return segs
}

func (s *Server) docPage(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	doc, err := s.ix.Document(r.Context(), id)
	if err == nil {
		var recs []targets.Record
		recs, err = s.ix.Targets(r.Context(), index.TargetFilter{DocID: id})
		if err == nil {
			title := doc.Title
			if title == "" {
				title = doc.Name
			}
			at := -1
			if v := r.URL.Query().Get("at"); v != "" {
				if n, err := strconv.Atoi(v); err == nil && n >= doc.Start && n <= doc.Start+len(doc.Text) {
					at = n
				}
			}
			first := 1 // the page the document starts on
			for _, pg := range doc.Pages {
				if pg.Offset <= doc.Start {
					first = max(pg.Number, 1)
				}
			}
			d := docData{Doc: doc, Records: recs, Segments: segments(doc.Text, doc.Start, recs, at, first)}
			for _, pg := range doc.Pages {
				if pg.OCR {
					d.OCR = append(d.OCR, fmt.Sprintf("%d (%.0f%%)", pg.Number, pg.Confidence))
				}
			}
			if n := strings.Count(doc.Text, "\f"); n > 0 {
				d.Pages = append(d.Pages, first)
				for _, s := range d.Segments {
					if s.Page > 0 {
						d.Pages = append(d.Pages, s.Page)
					}
				}
			}
			s.render(w, r, http.StatusOK, "doc", title, d)
			return
		}
	}
	status, key := statusOf(err)
	s.errorPage(w, r, status, key, id)
}

// compareQuery is the parameters of the compare page and downloads.
type compareQuery struct {
	Year       int
	Indicators []string
	Level      string // province, district or commune
	Domain     string // a policy domain of the index, "" for all
	Labels     bool   // with rows for targets outside the catalog, by label
	AsOf       string
	Chart      string // the indicator of the bar chart
}

func (s *Server) readCompare(r *http.Request) (compareQuery, compare.TableOptions, error) {
	var q compareQuery
	var opt compare.TableOptions
	var err error
	if q.Year, err = intParam(r, "year", 0, 0, 2100); err != nil {
		return q, opt, err
	}
	opt.Year = q.Year
	// indicator=a,b or indicator=a&indicator=b (a multiple select).
	ind := strings.Join(r.URL.Query()["indicator"], ",")
	if len(ind) > 40*maxParam {
		return q, opt, fmt.Errorf("%w: too many indicators", index.ErrBadQuery)
	}
	for _, id := range strings.Split(ind, ",") {
		if id = strings.TrimSpace(id); id != "" {
			q.Indicators = append(q.Indicators, id) // checked by compareTable, as the CLI checks them
		}
	}
	opt.Indicators = q.Indicators
	if q.Domain, err = param(r, "domain"); err != nil {
		return q, opt, err
	}
	if q.Domain != "" && s.domains().Bundle(q.Domain) == nil {
		return q, opt, fmt.Errorf("%w: no domain %q in the index", index.ErrBadQuery, q.Domain)
	}
	opt.Domain = q.Domain
	labels, err := param(r, "labels")
	if err != nil {
		return q, opt, err
	}
	q.Labels = labels == "1" || labels == "on"
	opt.Labels = q.Labels
	if q.Level, err = param(r, "level"); err != nil {
		return q, opt, err
	}
	var ok bool
	if opt.Level, ok = compare.ParseLevel(q.Level); !ok {
		return q, opt, fmt.Errorf("%w: level must be province, district or commune", index.ErrBadQuery)
	}
	if q.Level == "" {
		q.Level = "province"
	}
	if q.AsOf, err = param(r, "as_of"); err != nil {
		return q, opt, err
	}
	if q.Chart, err = param(r, "chart"); err != nil {
		return q, opt, err
	}
	return q, opt, nil
}

// compareData is the compare page.
type compareData struct {
	Query      compareQuery
	Selected   map[string]bool // the indicators chosen
	Table      *compare.Table
	Cells      [][]cellView // by row, then column
	Chart      *chart
	ChartRows  []compare.Row // rows the chart can draw
	Indicators []*rules.Indicator
	Domains    []*domain.Bundle // the index's, for the picker (when more than one)
	Years      []int
	CSV, XLSX  string // download URLs
	BasisNote  string // why a cell marked "†" is not coloured, if one is
}

type cellView struct {
	Text  string
	Link  string // the evidence
	Class string // colour by the gap to the national reference (see gap)
	Title string
}

// gap returns a cell's colour class: how far it lies from the national
// reference of its row, on a diverging scale (gap-m2 more than 10 points
// below, gap-m1 below, gap-0 equal, gap-p1 above, gap-p2 more than 10
// above), and a note when it cannot be compared. Never a colour for a raw
// value, a level or a status, a ceiling ("không quá"), a row without a
// reference, or a figure that counts other units than the reference (a
// province's share of its communes beside the nation's share of
// provinces): that one gets the class "basis" and the note. Classes, not
// inline styles: the pages' content security policy allows only the
// stylesheet.
func gap(c compare.Cell, ref *compare.Reference, unit rules.Unit, lang int) (class, note string) {
	if c.Value == nil || c.Record == nil || ref == nil || unit != rules.Percent || ref.Unit != rules.Percent {
		return "", ""
	}
	if ref.Basis == "provinces" || ref.Basis == "districts" {
		return "basis", fmt.Sprintf(text(lang, "basis_note"), text(lang, "basis_"+ref.Basis))
	}
	if c.Record.Cmp == rules.Le || c.Record.Cmp == rules.Lt {
		return "", ""
	}
	d := *c.Value - ref.Value
	switch {
	case d < -10:
		return "gap-m2", ""
	case d < 0:
		return "gap-m1", ""
	case d == 0:
		return "gap-0", ""
	case d <= 10:
		return "gap-p1", ""
	}
	return "gap-p2", ""
}

// compareTable reads a request's parameters and builds its table.
func (s *Server) compareTable(r *http.Request) (compareQuery, *compare.Table, error) {
	q, opt, err := s.readCompare(r)
	if err != nil {
		return q, nil, err
	}
	set, err := s.set(r.Context(), q.AsOf)
	if err != nil {
		return q, nil, err
	}
	// A label no target has selects no row.
	var ids []string
	for _, id := range opt.Indicators {
		l, err := set.Indicators([]string{id})
		var ie *compare.IndicatorError
		if errors.As(err, &ie) && ie.Label {
			continue
		}
		if err != nil {
			return q, nil, fmt.Errorf("%w: %v", index.ErrBadQuery, err)
		}
		ids = append(ids, l...)
	}
	opt.Indicators = ids
	return q, set.Table(opt), nil
}

func (s *Server) comparePage(w http.ResponseWriter, r *http.Request) {
	q, t, err := s.compareTable(r)
	if err != nil {
		status, key := statusOf(err)
		s.errorPage(w, r, status, key, err.Error())
		return
	}
	d := compareData{Query: q, Table: t, Selected: map[string]bool{}}
	if dom := s.domains(); len(dom.Bundles) > 1 {
		d.Domains = dom.Bundles
	}
	for _, ind := range s.catalog().Indicators {
		if q.Domain == "" || ind.Domain == q.Domain {
			d.Indicators = append(d.Indicators, ind)
		}
	}
	for _, id := range q.Indicators {
		d.Selected[id] = true
	}
	d.Years = []int{2025, 2030}
	for _, row := range t.Rows {
		var cells []cellView
		var ref *compare.Reference
		for _, c := range row.Cells {
			if c.Reference != nil {
				ref = c.Reference
			}
		}
		for _, c := range row.Cells {
			class, note := gap(c, ref, row.Unit, lang(r))
			cv := cellView{Text: c.Text, Class: class}
			switch {
			case c.Record != nil:
				cv.Link = docURL(c.Record.DocID, c.Record.Start)
				cv.Title = c.Record.Text
				if note != "" {
					cv.Text += " †"
					cv.Title = note + " — " + cv.Title
					d.BasisNote = note
				}
			case c.Reference != nil:
				cv.Title = "Quyết định " + c.Reference.Decision
			}
			cells = append(cells, cv)
		}
		d.Cells = append(d.Cells, cells)
	}
	d.Chart = makeChart(t, q.Chart, text(lang(r), "national"))
	seen := map[string]bool{}
	for _, row := range t.Rows {
		if row.Unit == rules.Percent && !seen[row.Indicator] {
			seen[row.Indicator] = true
			d.ChartRows = append(d.ChartRows, row)
		}
	}
	v := r.URL.Query()
	d.CSV = "/compare.csv?" + v.Encode()
	d.XLSX = "/compare.xlsx?" + v.Encode()
	s.render(w, r, http.StatusOK, "compare", text(lang(r), "compare"), d)
}

func (s *Server) compareDownload(w http.ResponseWriter, r *http.Request) {
	q, t, err := s.compareTable(r)
	if err != nil {
		status, key := statusOf(err)
		s.errorPage(w, r, status, key, err.Error())
		return
	}
	name := "so-sanh"
	if q.Year != 0 {
		name += "-" + strconv.Itoa(q.Year)
	}
	if strings.HasSuffix(r.URL.Path, ".xlsx") {
		w.Header().Set("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
		w.Header().Set("Content-Disposition", `attachment; filename="`+name+`.xlsx"`)
		t.WriteXLSX(w)
		return
	}
	w.Header().Set("Content-Type", "text/csv; charset=utf-8")
	w.Header().Set("Content-Disposition", `attachment; filename="`+name+`.csv"`)
	t.WriteCSV(w)
}

// auditData is the audit page.
type auditData struct {
	AsOf       string
	Filter     findingFilter
	Rules      []string // to choose from
	Groups     []ruleGroup
	Total      int // findings of the whole audit
	Shown      int // findings that pass the filter
	From, To   int // the findings on this page, 1-based
	Prev, Next string
	CSV        string // the filtered findings as CSV
}

type ruleGroup struct {
	Rule     string
	Severity string
	Findings []compare.Finding
}

// findings returns the audit's findings and those that pass the request's
// filter (as_of, rule, severity, province).
func (s *Server) findings(r *http.Request) (asOf string, ff findingFilter, all, fs []compare.Finding, err error) {
	if asOf, err = param(r, "as_of"); err != nil {
		return
	}
	if ff, err = findingFilterOf(r); err != nil {
		return
	}
	set, err := s.set(r.Context(), asOf)
	if err != nil {
		return
	}
	all = set.Audit()
	return asOf, ff, all, ff.apply(all), nil
}

// auditDownload is /audit.csv: every finding that passes the filter.
func (s *Server) auditDownload(w http.ResponseWriter, r *http.Request) {
	_, _, _, fs, err := s.findings(r)
	s.download(w, r, err, "kiem-tra.csv", func(w io.Writer) error { return compare.WriteFindingsCSV(w, fs) })
}

// auditPage shows the findings that pass the filter (rule, severity,
// province), a page at a time, grouped by rule, errors first.
func (s *Server) auditPage(w http.ResponseWriter, r *http.Request) {
	asOf, ff, all, fs, err := s.findings(r)
	var offset int
	if err == nil {
		offset, err = intParam(r, "offset", 0, 0, 1<<30)
	}
	if err != nil {
		status, key := statusOf(err)
		s.errorPage(w, r, status, key, err.Error())
		return
	}
	// Errors first, then the rules in their order, as the groups show.
	rank := map[string]int{}
	for i, rule := range compare.Rules {
		rank[rule.ID] = i
		if rule.Severity != compare.Error {
			rank[rule.ID] += len(compare.Rules)
		}
	}
	sort.SliceStable(fs, func(i, j int) bool { return rank[fs[i].Rule] < rank[fs[j].Rule] })
	d := auditData{AsOf: asOf, Filter: ff, Total: len(all), Shown: len(fs)}
	for _, rule := range compare.Rules {
		d.Rules = append(d.Rules, rule.ID)
	}
	page := pageSlice(fs, auditPageSize, offset)
	if len(page.Items) > 0 {
		d.From, d.To = offset+1, offset+len(page.Items)
	}
	for _, f := range page.Items {
		if n := len(d.Groups); n == 0 || d.Groups[n-1].Rule != f.Rule {
			d.Groups = append(d.Groups, ruleGroup{Rule: f.Rule, Severity: f.Severity.String()})
		}
		g := &d.Groups[len(d.Groups)-1]
		g.Findings = append(g.Findings, f)
	}
	link := func(off int) string {
		v := url.Values{}
		for k, x := range map[string]string{"as_of": asOf, "rule": ff.Rule, "severity": ff.Severity, "province": ff.Province} {
			if x != "" {
				v.Set(k, x)
			}
		}
		if off > 0 {
			v.Set("offset", strconv.Itoa(off))
		}
		if len(v) == 0 {
			return "/audit"
		}
		return "/audit?" + v.Encode()
	}
	d.CSV = strings.Replace(link(0), "/audit", "/audit.csv", 1)
	if offset > 0 {
		d.Prev = link(max(0, offset-auditPageSize))
	}
	if page.NextCursor != "" {
		d.Next = link(offset + auditPageSize)
	}
	s.render(w, r, http.StatusOK, "audit", text(lang(r), "audit"), d)
}
