package index

import (
	"encoding/json"
	"fmt"
	"math"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/chitieu/chitieu/extract"
	"github.com/chitieu/chitieu/extract/gazetteer"
	"github.com/chitieu/chitieu/extract/rules"
	"github.com/chitieu/chitieu/extract/structure"
	"github.com/chitieu/chitieu/extract/targets"
	"github.com/chitieu/chitieu/extract/vntext"
)

// DocFields are the fields of its document that every passage and target
// carries, for filters and facets without a join. What is only shown
// (path, date, issuer, title) stays on the document entry. Exported only
// because bleve reads embedded structs by reflection.
type DocFields struct {
	Kind       string `json:"kind"`
	DocID      string `json:"doc_id"`
	DocType    string `json:"doc_type"`
	DocTypeKey string `json:"doc_type_key"`
	NumberKey  string `json:"doc_number_key"`
	Province   string `json:"province"`
	ProvCode   string `json:"province_code"`
	District   string `json:"district"`
	DistCode   string `json:"district_code"`
	DistKey    string `json:"district_key"`
	// Facets are the values passages and targets are counted by, each
	// prefixed with its facet's key (see facetFields): one doc-values
	// field read per hit instead of one per facet.
	Facets []string `json:"facets,omitempty"`
}

// withFacets returns m with its facet values: its document's province,
// district and type, and the years, indicators and labels (of targets no
// catalog entry fits) given.
func (m DocFields) withFacets(years, indicators, labels []string) DocFields {
	m.Facets = []string{facetProvince + m.Province, facetDistrict + m.District, facetType + m.DocType}
	for _, y := range years {
		m.Facets = append(m.Facets, facetYear+y)
	}
	for _, i := range indicators {
		m.Facets = append(m.Facets, facetIndicator+i)
	}
	for _, l := range labels {
		m.Facets = append(m.Facets, facetLabel+l)
	}
	return m
}

// openLabel returns the label a record is grouped by when no catalog
// entry fits it (targets.LabelText), "" for others.
func openLabel(r *targets.Record) string {
	if r.Indicator != "" || r.Kind != rules.Target {
		return ""
	}
	return targets.LabelText(r.IndicatorLabel)
}

func (m DocFields) Type() string { return m.Kind }

// fieldsOf returns the filter fields of a document from the document
// fields of a record.
func fieldsOf(kind string, r *targets.Record) DocFields {
	m := DocFields{
		Kind: kind, DocID: r.DocID,
		DocType: r.DocType, DocTypeKey: key(r.DocType), NumberKey: key(r.DocNumber),
	}
	m.Province, m.ProvCode = filing(r.Where)
	if r.LocalityLevel == gazetteer.District.String() {
		m.District, m.DistCode, m.DistKey = r.Locality, r.LocalityCode, placeKey(r.Locality)
	}
	return m
}

// key is the form of a keyword that filters compare: folded, upper case
// and lower case alike.
func key(s string) string { return vntext.Fold(strings.TrimSpace(s)) }

// placeKey is the key of a place name without its type word: "Thị xã Bến
// Cát" → "ben cat".
func placeKey(s string) string { return gazetteer.BareKey(strings.TrimSpace(s)) }

// docEntry is a bleve document of kind "document".
type docEntry struct {
	DocFields
	Meta       targets.DocMeta `json:"meta"` // see meta.go
	Path       string          `json:"path"`
	Name       string          `json:"name"`
	Title      string          `json:"title"`
	Programmes []string        `json:"programmes"`
	Text       string          `json:"text"`
	Pages      string          `json:"pages"` // JSON of []extract.Page without their text
	Format     string          `json:"format"`
	Engine     string          `json:"engine"`
	Warnings   []string        `json:"warnings"`
	FileSHA    string          `json:"file_sha"`
	Sketch     string          `json:"sketch"` // of its text, to find its copies (see identity.go)
	Part       int             `json:"part"`
	Parent     int             `json:"parent"`
	Start      int             `json:"start"`
	End        int             `json:"end"`
	Passages   int             `json:"passages"`
	Targets    int             `json:"targets"`
}

// passageEntry is a bleve document of kind "passage".
type passageEntry struct {
	DocFields
	Text       string   `json:"text"`
	Page       int      `json:"page"`
	Start      int      `json:"start"`
	End        int      `json:"end"`
	Year       []int    `json:"-"` // indexed as YearKey
	YearKey    []string `json:"year_key"`
	PlanYears  []string `json:"plan_year"` // its document's (planYears): year: finds them too
	Indicators []string `json:"indicator"`
	Labels     []string `json:"-"`         // of its targets no catalog entry fits, as LabelText
	LabelKeys  []string `json:"label_key"` // the same, folded
}

// targetEntry is a bleve document of kind "target".
type targetEntry struct {
	DocFields
	Text       string  `json:"text"`
	Indicator  string  `json:"indicator"`
	Value      float64 `json:"value"`
	Year       int     `json:"-"` // indexed as YearKey
	YearKey    string  `json:"year_key"`
	Unit       string  `json:"unit"`
	Cmp        string  `json:"cmp"`
	Modality   string  `json:"modality"`
	TargetKind string  `json:"target_kind"`
	LabelKey   string  `json:"label_key,omitempty"`
	Page       int     `json:"page"`
	Record     string  `json:"record"` // the targets.Record as JSON
}

// fileEntry is a bleve document of kind "file": what ingest knows about a
// path.
type fileEntry struct {
	Kind     string `json:"kind"`
	Path     string `json:"path"`
	SHA      string `json:"sha"`
	Status   string `json:"status"`
	Manifest string `json:"manifest"` // JSON of a Manifest
}

func (f fileEntry) Type() string { return f.Kind }

// File statuses.
const (
	statusOK     = "ok"
	statusFailed = "failed"
)

// A Manifest is what the index records about one ingested path.
type Manifest struct {
	Path    string    `json:"path"`
	Real    string    `json:"real,omitempty"` // where Path led when read, links resolved, if elsewhere
	SHA     string    `json:"sha,omitempty"`  // hex SHA-256 of the content; "" if the file could not be read
	Size    int64     `json:"size"`
	Status  string    `json:"status"`           // ok or failed
	Reason  string    `json:"reason,omitempty"` // why it failed
	Docs    []DocInfo `json:"docs,omitempty"`
	Ingests string    `json:"ingested"` // RFC 3339 time
	// Rules identifies the catalogs and programmes the file's targets
	// were extracted with (domain.Set.RulesHash): a file ingested again
	// under others is extracted again.
	Rules string `json:"rules,omitempty"`
}

// DocInfo names one document of a file and how many entries it has.
type DocInfo struct {
	ID       string `json:"id"`
	Passages int    `json:"passages"`
	Targets  int    `json:"targets"`
}

// children returns the IDs of the bleve documents of d.
func (d DocInfo) children() []string {
	ids := make([]string, 0, 1+d.Passages+d.Targets)
	ids = append(ids, d.ID)
	for i := range d.Passages {
		ids = append(ids, passageID(d.ID, i))
	}
	for i := range d.Targets {
		ids = append(ids, targetID(d.ID, i))
	}
	return ids
}

func passageID(doc string, i int) string { return doc + "/p" + strconv.Itoa(i) }

// entryDocID returns the document ID of an entry's ID: the entry's own
// for a document, the part before "/pN" or "/tN" for a passage or target.
func entryDocID(id string) string {
	if i := strings.LastIndexByte(id, '/'); i >= 0 {
		return id[:i]
	}
	return id
}
func targetID(doc string, i int) string { return doc + "/t" + strconv.Itoa(i) }
func fileID(path string) string         { return "file:" + path }

// entry is one bleve document to index.
type entry struct {
	id  string
	doc any
}

// entries returns the bleve documents of one extracted file, and what the
// manifest records of them.
func entries(d *extract.Document, res *targets.Result) ([]entry, []DocInfo, error) {
	var out []entry
	var infos []DocInfo
	pages := make([]extract.Page, len(d.Pages))
	for i, p := range d.Pages {
		pages[i] = extract.Page{Number: p.Number, Offset: p.Offset, OCR: p.OCR, Confidence: math.Round(10*p.Confidence) / 10}
	}
	pj, err := json.Marshal(pages)
	if err != nil {
		return nil, nil, err
	}
	for _, doc := range res.Docs {
		r := &doc.Meta
		m := fieldsOf(kindDocument, r)
		title := doc.Header.Title
		if title == "" {
			title = d.Title
		}
		ps := passages(doc.View)
		de := docEntry{
			DocFields: m, Meta: r.DocMeta, Path: r.Path, Name: r.Doc,
			Title: title, Programmes: doc.Programmes, Pages: string(pj),
			Format: d.Format.String(), Engine: d.Engine, Warnings: d.Warnings,
			FileSHA: d.DocID, Part: doc.Part, Parent: doc.Parent,
			Start: doc.Span.Start, End: doc.Span.End,
			Passages: len(ps), Targets: len(doc.Records),
			Sketch: sketch(d.Text[doc.Span.Start:doc.Span.End]),
		}
		if doc.Part == 1 {
			// The text is stored once per file, with the first document;
			// the others point into it with Start and End.
			de.Text = d.Text
		}
		out = append(out, entry{doc.ID, de})

		pm := m
		pm.Kind = kindPassage
		planYrs := planYears(title, doc.Records)
		ri := 0 // records are in text order, like passages
		for i, p := range ps {
			pe := passageEntry{DocFields: pm, Text: d.Text[p.Start:p.End], Page: d.PageAt(p.Start), Start: p.Start, End: p.End, PlanYears: planYrs}
			for ri < len(doc.Records) && doc.Records[ri].Start < p.Start {
				ri++
			}
			for j := ri; j < len(doc.Records) && doc.Records[j].Start < p.End; j++ {
				r := &doc.Records[j]
				if r.Year != 0 {
					pe.Year = appendUnique(pe.Year, r.Year)
				}
				if r.Indicator != "" {
					pe.Indicators = appendUnique(pe.Indicators, r.Indicator)
				}
				if l := openLabel(r); l != "" {
					pe.Labels = appendUnique(pe.Labels, l)
				}
			}
			sort.Strings(pe.Labels)
			for _, l := range pe.Labels {
				pe.LabelKeys = appendUnique(pe.LabelKeys, vntext.Fold(l))
			}
			sort.Ints(pe.Year)
			for _, y := range pe.Year {
				pe.YearKey = append(pe.YearKey, strconv.Itoa(y))
			}
			sort.Strings(pe.Indicators)
			pe.DocFields = pm.withFacets(pe.YearKey, pe.Indicators, pe.Labels)
			out = append(out, entry{passageID(doc.ID, i), pe})
		}

		tm := m
		tm.Kind = kindTarget
		for i := range doc.Records {
			r := &doc.Records[i]
			rj, err := json.Marshal(r)
			if err != nil {
				return nil, nil, fmt.Errorf("record %d: %w", i, err)
			}
			te := targetEntry{
				DocFields: tm, Text: r.Text, Indicator: r.Indicator, Value: r.Value, Year: r.Year,
				Unit: r.Unit.String(), Cmp: r.Cmp.String(), Modality: r.Modality.String(),
				TargetKind: r.Kind.String(), Page: r.Page, Record: string(rj),
			}
			var years, inds, labels []string
			if r.Year != 0 {
				te.YearKey = strconv.Itoa(r.Year)
				years = []string{te.YearKey}
			}
			if r.Indicator != "" {
				inds = []string{r.Indicator}
			}
			if l := openLabel(r); l != "" {
				labels, te.LabelKey = []string{l}, vntext.Fold(l)
			}
			te.DocFields = tm.withFacets(years, inds, labels)
			out = append(out, entry{targetID(doc.ID, i), te})
		}
		infos = append(infos, DocInfo{ID: doc.ID, Passages: len(ps), Targets: len(doc.Records)})
	}
	return out, infos, nil
}

func appendUnique[T comparable](s []T, v T) []T {
	for _, x := range s {
		if x == v {
			return s
		}
	}
	return append(s, v)
}

// Passage sizes, in bytes of text.
const (
	minPassage = 160  // shorter blocks join the next ones
	maxPassage = 2000 // longer ones split at sentence ends
)

// passages splits a document into passages: its outline blocks
// (paragraphs, list items, table rows) as the extraction analysed them,
// with short ones (headings, short lines of a PDF) joined to what follows
// until the passage is minPassage long, and long ones split between
// sentences. Passages do not overlap and cover every block.
func passages(v *structure.View) []structure.Span {
	var out []structure.Span
	cur := structure.Span{Start: -1}
	flush := func() {
		if cur.Start >= 0 {
			out = append(out, cur)
		}
		cur = structure.Span{Start: -1}
	}
	for i, b := range v.Blocks {
		if b.End-b.Start > maxPassage {
			flush()
			out = append(out, splitLong(v.Sentences(i), b.Span)...)
			continue
		}
		if cur.Start >= 0 && b.End-cur.Start > maxPassage {
			flush()
		}
		if cur.Start < 0 {
			cur = b.Span
		} else {
			cur.End = b.End
		}
		if cur.End-cur.Start >= minPassage {
			flush()
		}
	}
	flush()
	return out
}

// splitLong splits a long block between its sentences into pieces of at
// most maxPassage bytes (a single longer sentence stays whole).
func splitLong(sents []structure.Span, sp structure.Span) []structure.Span {
	var out []structure.Span
	cur := structure.Span{Start: -1}
	for _, s := range sents {
		if cur.Start >= 0 && s.End-cur.Start > maxPassage {
			out = append(out, cur)
			cur = structure.Span{Start: -1}
		}
		if cur.Start < 0 {
			cur = structure.Span{Start: s.Start, End: s.End}
			if len(out) == 0 {
				cur.Start = sp.Start // the block's marker too
			}
		} else {
			cur.End = s.End
		}
	}
	if cur.Start >= 0 {
		out = append(out, cur)
	}
	if len(out) == 0 {
		out = append(out, sp)
	}
	return out
}

// A Passage is one passage of a document as the index stores it: the unit
// a search returns.
type Passage struct {
	DocID      string
	Text       string
	Page       int
	Start, End int // Text is the file's text[Start:End]
	Years      []int
	Indicators []string // catalog IDs of the targets it holds
	Province   string
	ProvCode   string
	District   string
	DocType    string
}

// Passages returns the passages Ingest indexes for an extracted file and
// its targets, in text order.
func Passages(d *extract.Document, res *targets.Result) ([]Passage, error) {
	es, _, err := entries(d, res)
	if err != nil {
		return nil, err
	}
	var out []Passage
	for _, e := range es {
		if p, ok := e.doc.(passageEntry); ok {
			out = append(out, Passage{
				DocID: p.DocID, Text: p.Text, Page: p.Page, Start: p.Start, End: p.End,
				Years: p.Year, Indicators: p.Indicators,
				Province: p.Province, ProvCode: p.ProvCode, District: p.District, DocType: p.DocType,
			})
		}
	}
	return out, nil
}

// planYears returns the years a plan covers: those of the period its title
// names ("giai đoạn 2021-2030" is 2021 to 2030; "năm 2024" is 2024), and
// those its targets set. A search's year: filter finds a plan's passages
// by them as well as by their own targets' years.
func planYears(title string, recs []targets.Record) []string {
	set := map[int]bool{}
	ys := yearPattern.FindAllStringSubmatchIndex(title, -1)
	for i, m := range ys {
		y, _ := strconv.Atoi(title[m[2]:m[3]])
		set[y] = true
		if i+1 < len(ys) {
			// A period: "2021-2030", "2021 – 2030", "2021 đến 2030".
			gap := strings.TrimSpace(title[m[1]:ys[i+1][0]])
			z, _ := strconv.Atoi(title[ys[i+1][2]:ys[i+1][3]])
			if (gap == "-" || gap == "–" || gap == "đến" || gap == "đến năm") && z > y && z-y <= 20 {
				for k := y; k <= z; k++ {
					set[k] = true
				}
			}
		}
	}
	for _, r := range recs {
		if r.Year != 0 {
			set[r.Year] = true
		}
	}
	out := make([]string, 0, len(set))
	for y := range set {
		out = append(out, strconv.Itoa(y))
	}
	sort.Strings(out)
	return out
}

var yearPattern = regexp.MustCompile(`\b((?:19|20)\d\d)\b`)
