package index

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/chitieu/chitieu/internal/panics"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/chitieu/chitieu/extract"
	"github.com/chitieu/chitieu/extract/gazetteer"
	"github.com/chitieu/chitieu/extract/targets"
	"github.com/chitieu/chitieu/extract/vntext"
)

// Request is a search.
type Request struct {
	Query  string // in the language of ParseQuery
	Limit  int    // hits to return; 0 means 10
	Offset int    // hits to skip, for paging
	Facets bool   // count hits by province, district, year, indicator and type
	// Targets searches target records instead of passages (a query with
	// a value filter always does).
	Targets bool
}

// MaxLimit bounds Request.Limit and Offset.
const MaxLimit = 10000

// Result is the answer to a Request.
type Result struct {
	Query   string        `json:"query"` // as parsed, normalized
	Kind    string        `json:"kind"`  // passage or target
	Total   uint64        `json:"total"`
	Hits    []Hit         `json:"hits"`
	Facets  []Facet       `json:"facets,omitempty"`
	Elapsed time.Duration `json:"elapsed_ns"`
}

// A Hit is a passage (or a target record) that matches, best first.
type Hit struct {
	ID       string  `json:"id"`
	Score    float64 `json:"score"`
	DocID    string  `json:"doc_id"`
	Path     string  `json:"path"`
	Name     string  `json:"name"`
	Number   string  `json:"doc_number"`
	Type     string  `json:"doc_type"`
	Date     string  `json:"doc_date"`
	Title    string  `json:"title"`
	Locality string  `json:"locality"`
	Province string  `json:"province"`
	District string  `json:"district,omitempty"`
	Page     int     `json:"page"`
	Start    int     `json:"start"` // the passage is the document's text[Start:End]
	End      int     `json:"end"`
	Text     string  `json:"text"`
	Snippet  Snippet `json:"snippet"`
	// Record is the target, for target hits.
	Record *targets.Record `json:"record,omitempty"`
	// Also are the other files of the same document (see identity.go),
	// whose passages are not shown.
	Also []File `json:"also,omitempty"`
}

// A Facet counts the hits by the values of one field.
type Facet struct {
	Name  string      `json:"name"` // province, district, year, indicator, type
	Total int         `json:"total"`
	Other int         `json:"other"` // hits with a value beyond those listed
	Terms []FacetTerm `json:"terms"`
}

// FacetTerm is one value of a facet and its count.
type FacetTerm struct {
	Term  string `json:"term"`
	Count int    `json:"count"`
}

// facetFields are the facets, in order, and the prefixes of their values
// in the field "facets".
var facetFields = []struct{ name, prefix string }{
	{"province", facetProvince},
	{"district", facetDistrict},
	{"year", facetYear},
	{"indicator", facetIndicator},
	{"type", facetType},
	{"label", facetLabel},
}

// Prefixes of the values of the field "facets".
const (
	facetProvince  = "p:"
	facetDistrict  = "d:"
	facetYear      = "y:"
	facetIndicator = "i:"
	facetType      = "t:"
	facetLabel     = "l:"
)

// facetTerms is how many values a facet lists.
const facetTerms = 20

var hitFields = []string{"page", "start", "end", fieldText, "record"}

// docFields are the fields of document entries that hits show.
var docFields = append([]string{fieldPath, "name", fieldTitle, fieldProvince, fieldDistrict}, metaFields()...)

// Search runs a search. A malformed query is an error wrapping
// ErrBadQuery (a *QueryError when the syntax is wrong).
func (ix *Index) Search(ctx context.Context, r Request) (res *Result, err error) {
	defer panics.Recover(&err, fmt.Sprintf("index: search %q", r.Query))
	start := time.Now()
	q, err := ParseQuery(r.Query)
	if err != nil {
		return nil, err
	}
	kind := kindPassage
	if r.Targets || q.TargetsOnly() {
		kind = kindTarget
	}
	bq, err := ix.bleveQuery(q, kind)
	if err != nil {
		return nil, err
	}
	cp, err := ix.copies(ctx)
	if err != nil {
		return nil, err
	}
	if bq, err = cp.hide(ctx, ix, bq); err != nil {
		return nil, err
	}
	limit := r.Limit
	if limit <= 0 {
		limit = 10
	}
	if limit > MaxLimit || r.Offset < 0 || r.Offset > MaxLimit {
		return nil, fmt.Errorf("%w: limit and offset must be between 0 and %d", ErrBadQuery, MaxLimit)
	}
	// The words' phrase ranks its passages first among the best
	// phraseWindow (checked on those only, not on every match: a phrase
	// must read positions). Windows are fixed blocks of the ranking, so
	// pages agree with each other.
	phrase := wordsPhrase(q, kind)
	from, size := r.Offset, limit
	if phrase != nil {
		from, size = 0, (r.Offset+limit+phraseWindow-1)/phraseWindow*phraseWindow
	}
	req := bleve.NewSearchRequestOptions(bq, size, from, false)
	if phrase == nil {
		req.Fields = hitFields
	}
	// Ties (equal scores) go in the order of entry IDs, so results are
	// stable. (The document IDs' doc values would do, but reading them
	// for every hit costs more than the IDs.)
	req.SortBy([]string{"-_score", "_id"})
	if r.Facets {
		// Every value of every facet, split by prefix below.
		req.AddFacet(fieldFacets, bleve.NewFacetRequest(fieldFacets, math.MaxInt32))
	}
	sr, err := ix.bleve.SearchInContext(ctx, req)
	if err != nil {
		return nil, fmt.Errorf("index: search: %w", err)
	}
	hits := sr.Hits
	if phrase != nil {
		if hits, err = ix.phraseFirst(ctx, hits, phrase, r.Offset, limit); err != nil {
			return nil, err
		}
	}
	res = &Result{Query: q.String(), Kind: kind, Total: sr.Total}
	hl := newHighlighter(q)
	for _, h := range hits {
		hit := hitOf(h, hl)
		hit.Also = cp.Also(hit.DocID)
		res.Hits = append(res.Hits, hit)
	}
	if err := ix.addDocFields(ctx, res.Hits); err != nil {
		return nil, err
	}
	if r.Facets {
		res.Facets = splitFacets(sr.Facets[fieldFacets])
	}
	res.Elapsed = time.Since(start)
	return res, nil
}

// phraseWindow is the size of the blocks of the ranking in which the
// passages that hold a query's words as a phrase come first.
const phraseWindow = 200

// phraseFirst orders each block of phraseWindow hits with the passages
// that match phrase first (in their order), and returns hits[offset:
// offset+limit] with their stored fields.
func (ix *Index) phraseFirst(ctx context.Context, hits search.DocumentMatchCollection, phrase query.Query, offset, limit int) (search.DocumentMatchCollection, error) {
	ids := make([]string, len(hits))
	for i, h := range hits {
		ids[i] = h.ID
	}
	req := bleve.NewSearchRequestOptions(bleve.NewConjunctionQuery(bleve.NewDocIDQuery(ids), phrase), len(ids), 0, false)
	sr, err := ix.bleve.SearchInContext(ctx, req)
	if err != nil {
		return nil, fmt.Errorf("index: search: %w", err)
	}
	whole := make(map[string]bool, len(sr.Hits))
	for _, h := range sr.Hits {
		whole[h.ID] = true
	}
	for b := 0; b < len(hits); b += phraseWindow {
		block := hits[b:min(b+phraseWindow, len(hits))]
		sort.SliceStable(block, func(i, j int) bool { return whole[block[i].ID] && !whole[block[j].ID] })
	}
	if offset >= len(hits) {
		return nil, nil
	}
	page := hits[offset:min(offset+limit, len(hits))]
	ids = ids[:0]
	for _, h := range page {
		ids = append(ids, h.ID)
	}
	req = bleve.NewSearchRequestOptions(bleve.NewDocIDQuery(ids), len(ids), 0, false)
	req.Fields = hitFields
	sr, err = ix.bleve.SearchInContext(ctx, req)
	if err != nil {
		return nil, fmt.Errorf("index: search: %w", err)
	}
	fields := make(map[string]map[string]any, len(sr.Hits))
	for _, h := range sr.Hits {
		fields[h.ID] = h.Fields
	}
	for _, h := range page {
		h.Fields = fields[h.ID]
	}
	return page, nil
}

// splitFacets makes the facets of the counts of the field "facets": for
// each, its facetTerms commonest values (ties in the order of the values),
// the count of every value as its total, and of the values not listed as
// other. An empty value (a passage of a province's plan has no district)
// counts but is not listed: it is not a choice.
func splitFacets(fr *search.FacetResult) []Facet {
	out := make([]Facet, len(facetFields))
	var terms [][]FacetTerm
	for i, f := range facetFields {
		out[i].Name = f.name
		terms = append(terms, nil)
	}
	if fr != nil && fr.Terms != nil {
		for _, t := range fr.Terms.Terms() {
			for i, f := range facetFields {
				if v, ok := strings.CutPrefix(t.Term, f.prefix); ok {
					out[i].Total += t.Count
					terms[i] = append(terms[i], FacetTerm{v, t.Count})
					break
				}
			}
		}
	}
	for i := range out {
		ts := terms[i] // already by count, then value
		listed := ts[:min(len(ts), facetTerms)]
		out[i].Other = out[i].Total
		for _, t := range listed {
			out[i].Other -= t.Count
			if t.Term != "" {
				out[i].Terms = append(out[i].Terms, t)
			}
		}
	}
	return out
}

func hitOf(h *search.DocumentMatch, hl *highlighter) Hit {
	str := func(k string) string { s, _ := h.Fields[k].(string); return s }
	num := func(k string) int { f, _ := h.Fields[k].(float64); return int(f) }
	hit := Hit{
		ID: h.ID, Score: h.Score, DocID: entryDocID(h.ID),
		Page: num("page"), Start: num("start"), End: num("end"), Text: str(fieldText),
	}
	if rj := str("record"); rj != "" {
		var rec targets.Record
		if json.Unmarshal([]byte(rj), &rec) == nil {
			hit.Record = &rec
			hit.Start, hit.End = rec.Start, rec.End
		}
	}
	hit.Snippet = MakeSnippet(hit.Text, hl.spans(hit.Text), snippetLen)
	return hit
}

const snippetLen = 320

// addDocFields fills the hits' document fields from their document
// entries.
func (ix *Index) addDocFields(ctx context.Context, hits []Hit) error {
	if len(hits) == 0 {
		return nil
	}
	var ids []string
	for _, h := range hits {
		ids = appendUnique(ids, h.DocID)
	}
	req := bleve.NewSearchRequestOptions(bleve.NewDocIDQuery(ids), len(ids), 0, false)
	req.Fields = docFields
	sr, err := ix.bleve.SearchInContext(ctx, req)
	if err != nil {
		return fmt.Errorf("index: search: %w", err)
	}
	docs := make(map[string]map[string]any, len(sr.Hits))
	for _, d := range sr.Hits {
		docs[d.ID] = d.Fields
	}
	for i := range hits {
		f := docs[hits[i].DocID]
		str := func(k string) string { s, _ := f[k].(string); return s }
		h := &hits[i]
		m := metaOf(f)
		h.Path, h.Name, h.Number, h.Type, h.Date = str(fieldPath), str("name"), m.DocNumber, m.DocType, m.DocDate
		h.Title, h.Locality, h.Province, h.District = str(fieldTitle), m.Locality, str(fieldProvince), str(fieldDistrict)
	}
	return nil
}

// bleveQuery turns q into a bleve query over entries of kind. Every word
// must match folded; the exact forms of words typed with diacritics and
// the bigrams of words typed together raise the score.
func (ix *Index) bleveQuery(q *Query, kind string) (query.Query, error) {
	field, extra := fieldTextFold, fieldTextExtra
	if kind == kindTarget {
		field, extra = fieldTargetText, fieldTargetTextExtra
	}
	b := bleve.NewBooleanQuery()
	var words []string
	positive := false
	for _, t := range q.Terms {
		if t.Not {
			b.AddMustNot(textQuery(field, extra, t, true))
			continue
		}
		positive = true
		if !t.Phrase && !t.Prefix && !t.Fuzzy {
			words = append(words, t.Text)
			continue
		}
		b.AddMust(textQuery(field, extra, t, false))
		if t.Phrase {
			if ex := formsOf(t.Text).exact(); len(ex) > 0 {
				b.AddShould(boost(anyOf(extra, ex), 3))
			}
		}
	}
	if len(words) > 0 {
		f := formsOf(strings.Join(words, " "))
		// Each word a clause of its own, beside the filters: bleve
		// advances the rarest first.
		for _, tq := range termQueries(field, f.folded()) {
			b.AddMust(tq)
		}
		if len(f.words) == 0 {
			b.AddMust(bleve.NewMatchNoneQuery())
		}
		// One clause on the extra field ranks the exact spelling first
		// (bắc before bạc and bác) and words together before words
		// apart (and the whole phrase before its pairs: see
		// wordsPhrase).
		var rank []query.Query
		for _, t := range termQueries(extra, f.exact()) {
			rank = append(rank, boost(t, 3))
		}
		for _, t := range termQueries(extra, f.bigrams) {
			rank = append(rank, boost(t, 1.5))
		}
		if len(rank) > 0 {
			b.AddShould(bleve.NewDisjunctionQuery(rank...))
		}
	}
	if !positive && len(q.Filters) == 0 {
		return nil, fmt.Errorf("%w: nothing to search for but exclusions", ErrBadQuery)
	}
	if !positive {
		// Only the kind's entries hold its text field; filters alone
		// need the kind.
		b.AddMust(kindQuery(kind))
	}
	for _, f := range q.Filters {
		fq, err := ix.filterQuery(f, kind)
		if err != nil {
			return nil, err
		}
		if f.Not {
			b.AddMustNot(fq)
		} else {
			b.AddMust(fq)
		}
	}
	return b, nil
}

// wordsPhrase returns the phrase of q's words when there are several, for
// Search to rank the passages that hold them whole first; nil otherwise.
func wordsPhrase(q *Query, kind string) query.Query {
	var words []string
	for _, t := range q.Terms {
		if !t.Not && !t.Phrase && !t.Prefix && !t.Fuzzy {
			words = append(words, t.Text)
		}
	}
	if len(formsOf(strings.Join(words, " ")).bigrams) == 0 {
		return nil
	}
	p := bleve.NewMatchPhraseQuery(strings.Join(words, " "))
	p.SetField(fieldTextFold)
	if kind == kindTarget {
		p.SetField(fieldTargetText)
	}
	return p
}

// textQuery is the query of one term; an excluded word with diacritics
// (not) excludes that spelling only.
func textQuery(field, extra string, t Term, not bool) query.Query {
	switch {
	case t.Phrase:
		q := bleve.NewMatchPhraseQuery(t.Text)
		q.SetField(field)
		return q
	case t.Prefix:
		// Prefix and fuzzy queries are not analyzed: fold the text here.
		q := bleve.NewPrefixQuery(vntext.Fold(strings.ToLower(t.Text)))
		q.SetField(field)
		return q
	case t.Fuzzy:
		q := bleve.NewFuzzyQuery(vntext.Fold(strings.ToLower(t.Text)))
		q.SetField(field)
		q.SetFuzziness(1)
		return q
	}
	f := formsOf(t.Text)
	if not && vntext.HasDiacritics(t.Text) {
		// Each word as written: its exact form where it has one.
		var qs []query.Query
		for _, w := range f.words {
			fd := field
			if w.exact != w.folded {
				fd = extra
			}
			qs = append(qs, allOf(fd, []string{w.exact}))
		}
		return bleve.NewConjunctionQuery(qs...)
	}
	return allOf(field, f.folded())
}

type boostable interface {
	query.Query
	SetBoost(float64)
}

func boost(q query.Query, b float64) query.Query {
	if bq, ok := q.(boostable); ok {
		bq.SetBoost(b)
	}
	return q
}

// filterQuery is the bleve query of one filter.
func (ix *Index) filterQuery(f Filter, kind string) (query.Query, error) {
	bad := func(format string, args ...any) error {
		return fmt.Errorf("%w: %s", ErrBadQuery, fmt.Sprintf(format, args...))
	}
	switch f.Field {
	case "province":
		p := ix.gaz.Lookup(f.Value)
		if p == nil || p.Level != gazetteer.Province {
			return nil, bad("province: no province named %q", f.Value)
		}
		return termQuery(fieldProvCode, p.Code), nil
	case "district":
		qs := []query.Query{termQuery(fieldDistKey, placeKey(f.Value))}
		if p := ix.gaz.Lookup(f.Value); p != nil && p.Level == gazetteer.District {
			qs = append(qs, termQuery(fieldDistCode, p.Code))
		}
		return bleve.NewDisjunctionQuery(qs...), nil
	case "indicator":
		var qs []query.Query
		for _, id := range strings.Split(f.Value, ",") {
			id = strings.TrimSpace(id)
			if ix.domainsOrDefault().Catalog.Indicator(id) == nil {
				return nil, bad("indicator: no indicator %q in the catalog (see 'chitieu indicators')", id)
			}
			qs = append(qs, termQuery(fieldIndicator, id))
		}
		return bleve.NewDisjunctionQuery(qs...), nil
	case "label":
		return termQuery(fieldLabelKey, targets.LabelKey(f.Value)), nil
	case "type":
		return termQuery(fieldDocTypeKey, key(f.Value)), nil
	case "number":
		return termQuery(fieldNumberKey, key(f.Value)), nil
	case "year", "value":
		if f.Field == "value" && kind != kindTarget {
			return nil, bad("value: filters targets only")
		}
		lo, hi := f.Lo, f.Hi
		incLo, incHi := true, true
		switch f.Op {
		case ">":
			hi, incLo = math.Inf(1), false
		case ">=":
			hi = math.Inf(1)
		case "<":
			lo, incHi = math.Inf(-1), false
		case "<=":
			lo = math.Inf(-1)
		}
		if f.Field == "year" && kind == kindPassage {
			// A passage's own targets' years, or its plan's years.
			return bleve.NewDisjunctionQuery(yearRange(fieldYearKey, lo, hi, incLo, incHi), yearRange(fieldPlanYear, lo, hi, incLo, incHi)), nil
		}
		if f.Field == "year" {
			return yearRange(fieldYearKey, lo, hi, incLo, incHi), nil
		}
		var plo, phi *float64
		if !math.IsInf(lo, 0) {
			plo = &lo
		}
		if !math.IsInf(hi, 0) {
			phi = &hi
		}
		q := bleve.NewNumericRangeInclusiveQuery(plo, phi, &incLo, &incHi)
		q.SetField(f.Field)
		return q, nil
	}
	return nil, bad("unknown field %q", f.Field)
}

// yearRange matches the years from lo to hi (inclusive or not) on the
// year keys: years are whole and of four digits, so the order of their
// keys is the order of the years, and a range of terms needs no numeric
// field.
func yearRange(field string, lo, hi float64, incLo, incHi bool) query.Query {
	first, last := 1000.0, 9999.0
	if !math.IsInf(lo, 0) {
		first = math.Ceil(lo)
		if !incLo && first == lo {
			first++
		}
	}
	if !math.IsInf(hi, 0) {
		last = math.Floor(hi)
		if !incHi && last == hi {
			last--
		}
	}
	first, last = max(first, 1000), min(last, 9999)
	if first > last {
		return bleve.NewMatchNoneQuery()
	}
	inc := true
	q := bleve.NewTermRangeInclusiveQuery(strconv.Itoa(int(first)), strconv.Itoa(int(last)), &inc, &inc)
	q.SetField(field)
	return q
}

// TargetFilter selects target records.
type TargetFilter struct {
	DocID      string   // one document's
	Indicators []string // catalog IDs; any of them
	Province   string   // name or code
	District   string
	Year       int
	Min, Max   *float64
	Query      string // more, in the query language
}

// Targets returns the target records that pass f, in the order of
// targets.SortRecords.
func (ix *Index) Targets(ctx context.Context, f TargetFilter) (recs []targets.Record, err error) {
	defer panics.Recover(&err, "index: targets")
	q := &Query{}
	if strings.TrimSpace(f.Query) != "" {
		if q, err = ParseQuery(f.Query); err != nil {
			return nil, err
		}
	}
	if len(f.Indicators) > 0 {
		q.Filters = append(q.Filters, Filter{Field: "indicator", Value: strings.Join(f.Indicators, ",")})
	}
	if f.Province != "" {
		q.Filters = append(q.Filters, Filter{Field: "province", Value: f.Province})
	}
	if f.District != "" {
		q.Filters = append(q.Filters, Filter{Field: "district", Value: f.District})
	}
	if f.Year != 0 {
		q.Filters = append(q.Filters, Filter{Field: "year", Op: "=", Lo: float64(f.Year), Hi: float64(f.Year)})
	}
	if f.Min != nil {
		q.Filters = append(q.Filters, Filter{Field: "value", Op: ">=", Lo: *f.Min, Hi: *f.Min})
	}
	if f.Max != nil {
		q.Filters = append(q.Filters, Filter{Field: "value", Op: "<=", Lo: *f.Max, Hi: *f.Max})
	}
	var bq query.Query = kindQuery(kindTarget)
	if len(q.Terms)+len(q.Filters) > 0 {
		if bq, err = ix.bleveQuery(q, kindTarget); err != nil {
			return nil, err
		}
	}
	if f.DocID != "" {
		bq = bleve.NewConjunctionQuery(bq, termQuery(fieldDocID, f.DocID))
	} else {
		cp, err := ix.copies(ctx)
		if err != nil {
			return nil, err
		}
		if bq, err = cp.hide(ctx, ix, bq); err != nil {
			return nil, err
		}
	}
	err = ix.each(bq, []string{"record"}, func(id string, fields map[string]any) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		s, _ := fields["record"].(string)
		var r targets.Record
		if err := json.Unmarshal([]byte(s), &r); err != nil {
			return fmt.Errorf("index: target %s: %w", id, err)
		}
		recs = append(recs, r)
		return nil
	})
	targets.SortRecords(recs)
	return recs, err
}

// sortSpans sorts spans and merges those that overlap.
func sortSpans(spans [][2]int) [][2]int {
	sort.Slice(spans, func(i, j int) bool {
		if spans[i][0] != spans[j][0] {
			return spans[i][0] < spans[j][0]
		}
		return spans[i][1] > spans[j][1]
	})
	out := spans[:0]
	for _, s := range spans {
		if n := len(out); n > 0 && s[0] <= out[n-1][1] {
			if s[1] > out[n-1][1] {
				out[n-1][1] = s[1]
			}
			continue
		}
		out = append(out, s)
	}
	return out
}

// A DocSummary describes one indexed document: its file, its metadata
// (the same targets.DocMeta its records carry), its title and counts.
type DocSummary struct {
	ID   string `json:"doc_id"`
	Path string `json:"path"`
	Name string `json:"name"`
	targets.DocMeta
	Title      string   `json:"title"`
	Programmes []string `json:"programmes"`
	Format     string   `json:"format"`
	Passages   int      `json:"passages"`
	Targets    int      `json:"targets"`
	// CopyOf is the document shown for this one when they are the same
	// (see identity.go): searches, comparisons and audits leave this one
	// out. Also are the other files of the same document.
	CopyOf string `json:"copy_of,omitempty"`
	Also   []File `json:"also,omitempty"`
}

// Filing returns the province of the 63 the document is filed under:
// its own, or for a commune of 2025 the one whose name its 2025 province
// carries (as the province: filter finds it).
func (d DocSummary) Filing() (name, code string) { return filing(d.Where) }

var summaryFields = append([]string{fieldPath, "name", fieldTitle, "format", "programmes", "passages", "targets"}, metaFields()...)

// summaryOf reads a document entry's stored fields.
func summaryOf(id string, f map[string]any) DocSummary {
	str := func(k string) string { s, _ := f[k].(string); return s }
	d := DocSummary{
		ID: id, Path: str(fieldPath), Name: str("name"), DocMeta: metaOf(f), Title: str(fieldTitle), Format: str("format"),
		Passages: int(num(f, "passages")), Targets: int(num(f, "targets")),
	}
	switch v := f["programmes"].(type) { // one value comes back alone, several as a list
	case string:
		d.Programmes = []string{v}
	case []any:
		for _, x := range v {
			if s, ok := x.(string); ok {
				d.Programmes = append(d.Programmes, s)
			}
		}
	}
	return d
}

// Documents returns a summary of every indexed document, by ID, copies
// included (with CopyOf set).
func (ix *Index) Documents(ctx context.Context) (docs []DocSummary, err error) {
	defer panics.Recover(&err, "index: documents")
	cp, err := ix.copies(ctx)
	if err != nil {
		return nil, err
	}
	err = ix.each(kindQuery(kindDocument), summaryFields, func(id string, f map[string]any) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		d := summaryOf(id, f)
		d.CopyOf, d.Also = cp.CopyOf(id), cp.Also(id)
		docs = append(docs, d)
		return nil
	})
	return docs, err
}

// A Document is one indexed document with its text, for reading.
type Document struct {
	DocSummary
	Text  string         `json:"text"`  // the normalized text of the document (of its part of the file)
	Start int            `json:"start"` // where Text starts in the file's text: records' offsets minus Start index Text
	Pages []extract.Page `json:"pages"` // pages of the file's text, by offset
}

// Document returns a document by ID, or an error wrapping ErrNotFound.
func (ix *Index) Document(ctx context.Context, id string) (doc *Document, err error) {
	defer panics.Recover(&err, fmt.Sprintf("index: document %q", id))
	var found *DocSummary
	var start, end int
	fields := append([]string{"start", "end", "pages"}, summaryFields...)
	err = ix.each(bleve.NewDocIDQuery([]string{id}), fields, func(did string, f map[string]any) error {
		d := summaryOf(did, f)
		found = &d
		start, end = int(num(f, "start")), int(num(f, "end"))
		return nil
	})
	if err != nil {
		return nil, err
	}
	if found == nil || found.Path == "" {
		return nil, fmt.Errorf("%w: document %q", ErrNotFound, id)
	}
	// The text is stored once per file, on its first document.
	textID := id
	if base, _, ok := strings.Cut(id, "#"); ok {
		textID = base + "#1"
	}
	var text, pages string
	err = ix.each(bleve.NewDocIDQuery([]string{textID}), []string{"text", "pages"}, func(_ string, f map[string]any) error {
		text, _ = f["text"].(string)
		pages, _ = f["pages"].(string)
		return nil
	})
	if err != nil {
		return nil, err
	}
	if start < 0 || end > len(text) || start > end {
		return nil, fmt.Errorf("index: document %q: span %d-%d outside its text (%d bytes)", id, start, end, len(text))
	}
	cp, err := ix.copies(ctx)
	if err != nil {
		return nil, err
	}
	found.CopyOf, found.Also = cp.CopyOf(id), cp.Also(id)
	doc = &Document{DocSummary: *found, Text: text[start:end], Start: start}
	if err := json.Unmarshal([]byte(pages), &doc.Pages); err != nil && pages != "" {
		return nil, fmt.Errorf("index: document %q: pages: %w", id, err)
	}
	return doc, nil
}

func num(f map[string]any, k string) float64 { n, _ := f[k].(float64); return n }
