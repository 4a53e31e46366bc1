// Package targets extracts every quantitative target of a plan as a
// record: the indicator, value, year and locality, with the document's
// metadata and the evidence (the sentence or table row, its page and byte
// offsets in the document's normalized text).
//
// It joins the stages below it: the analysed document (extract/structure:
// documents in a file, header, a View with the fold, outline, tables and
// sentences, computed once), the gazetteer (extract/gazetteer: where a
// document and the places it names are from) and the grammar
// (extract/rules: what each sentence or table row says of its figures).
//
// What a sentence leaves open, scopes decide, most specific first: the
// year of a figure is its sentence's (rules.Mention.YearFrom), else the
// nearest heading above it that names one ("b) Mục tiêu đến năm 2030",
// "* Giai đoạn 2026 - 2030:"), else the document's title (an annual plan's
// year, a period's end); its kind is its sentence's cue, else the section
// ("Kết quả", "Thực trạng" hold results; "Nhiệm vụ, giải pháp" no targets
// unless a sentence sets one), else the document (a report states
// results); a figure for a year before the document's is a result. The
// locality is the places a figure is set for ("riêng các huyện ..."), a
// table row's place, the place a standard is reached by, else the
// document's: its issuer and header, then the title, then the body, never a
// guess. A figure quoted from another plan is a reference, with that
// plan's locality when the text names it.
package targets

import (
	"errors"
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/chitieu/chitieu/internal/panics"

	"github.com/chitieu/chitieu/extract"
	"github.com/chitieu/chitieu/extract/domain"
	"github.com/chitieu/chitieu/extract/gazetteer"
	"github.com/chitieu/chitieu/extract/rules"
	"github.com/chitieu/chitieu/extract/structure"
	"github.com/chitieu/chitieu/extract/vntext"
)

// DocMeta describes a document: the act it is (number, type code, date,
// issuer) and the place it belongs to. It is declared once: a Record
// carries its document's (with the place of the record itself where that
// differs, as a table row of provinces gives), and the index's document
// summaries embed it. Its JSON field names are part of the public format;
// a field added here is in every record and summary (and needs its line
// in the index's mapping).
type DocMeta struct {
	DocNumber string `json:"doc_number"`
	DocType   string `json:"doc_type"`
	DocDate   string `json:"doc_date"`
	Issuer    string `json:"issuer"`
	Where
}

// Where is a locality with its codes and the units that hold it.
type Where struct {
	Locality      string `json:"locality"`
	LocalityCode  string `json:"locality_code"`
	LocalityLevel string `json:"locality_level"`
	Province      string `json:"province"`
	ProvinceCode  string `json:"province_code"`
	// The provincial unit that holds the locality since 1 July 2025: a
	// lookup, the record keeps the locality as written then.
	Province2025     string `json:"province_2025"`
	Province2025Code string `json:"province_2025_code"`
	// The commune of 1 July 2025 that holds all of the locality's
	// territory, where one does: an old commune merged whole, a 2025
	// commune itself, an island district made a special zone.
	Commune2025     string `json:"commune_2025"`
	Commune2025Code string `json:"commune_2025_code"`
}

// A Record is one target (or reported result) found in a document. The
// JSON field names are part of the public format.
type Record struct {
	Doc   string `json:"doc"` // file name
	Path  string `json:"path"`
	DocID string `json:"doc_id"` // SHA-256 of the file; "#N" added for the Nth document of a file that holds several
	DocMeta

	Indicator      string     `json:"indicator"` // catalog ID, "" when none fits
	IndicatorLabel string     `json:"indicator_label"`
	Value          float64    `json:"value"`
	ValueMax       *float64   `json:"value_max,omitempty"`
	Unit           rules.Unit `json:"unit"`
	Cmp            rules.Cmp  `json:"cmp"`
	Count          int        `json:"count,omitempty"` // "101/101 xã": the count ...
	Total          int        `json:"total,omitempty"` // ... of the total
	// UnitText is what a count counts, or money's currency and what it is
	// per, as written: "người", "nhà ở", "đồng/người/năm" (money's value
	// is in đồng: "80 triệu" is 80000000).
	UnitText string `json:"unit_text,omitempty"`
	// Direction is which way the target moves its measure ("giảm",
	// "tăng", "duy trì"); Change marks a value that is an amount of change
	// ("giảm 1%", "tăng thêm 5.000 người"), not a level to reach.
	Direction rules.Direction `json:"direction,omitempty"`
	Change    bool            `json:"change,omitempty"`
	Year      int             `json:"year"` // 0 when nothing says
	Modality  rules.Modality  `json:"modality"`
	Kind      rules.Kind      `json:"kind"`
	SubOf     string          `json:"sub_of,omitempty"` // "Trong đó, 12% ...": the indicator of the total
	ValueText string          `json:"value_text"`       // the value as written: "60% trở lên"
	Text      string          `json:"text"`             // the sentence, or the table row, normalized
	Page      int             `json:"page"`
	Start     int             `json:"start"` // Text is the document's text[Start:End]
	End       int             `json:"end"`
	// Cell is the evidence of a figure read from a table: the row's
	// label, the column's header and the cell, with their offsets.
	Cell *CellEvidence `json:"cell,omitempty"`
	// OCR marks a record read from a scanned page; Confidence is then
	// the mean confidence (0-100) OCR gave the words of its evidence.
	OCR        bool    `json:"ocr,omitempty"`
	Confidence float64 `json:"confidence,omitempty"`
}

// CellEvidence is a table cell's evidence: text[RowStart:RowEnd] is Row,
// and so on.
type CellEvidence struct {
	Row         string `json:"row"`
	Header      string `json:"header"`
	Value       string `json:"value"`
	RowStart    int    `json:"row_start"`
	RowEnd      int    `json:"row_end"`
	HeaderStart int    `json:"header_start"`
	HeaderEnd   int    `json:"header_end"`
	ValueStart  int    `json:"value_start"`
	ValueEnd    int    `json:"value_end"`
}

// Options configure an Extractor. The zero value uses the built-in
// gazetteer and the built-in learning-society domain.
type Options struct {
	Gazetteer *gazetteer.Gazetteer
	// Domains are the policy domains whose catalogs and programmes the
	// extractor reads.
	Domains *domain.Set
	// MaxRecords makes Extract fail with ErrTooManyRecords for a file with
	// more records; 0: no limit.
	MaxRecords int
}

// DefaultMaxRecords is the limit of Options.MaxRecords the commands
// apply unless told otherwise: a plan sets tens of targets, a statistical
// yearbook thousands.
const DefaultMaxRecords = 10000

// ErrTooManyRecords is the error of a file with more records than
// Options.MaxRecords.
var ErrTooManyRecords = errors.New("too many targets")

// An Extractor turns documents into records. It is safe for concurrent use.
type Extractor struct {
	gaz *gazetteer.Gazetteer
	dom *domain.Set
	cat *rules.Catalog
	max int
}

// New returns an Extractor.
func New(opt Options) *Extractor {
	x := &Extractor{gaz: opt.Gazetteer, dom: opt.Domains, max: opt.MaxRecords}
	if x.gaz == nil {
		x.gaz = gazetteer.Default()
	}
	if x.dom == nil {
		x.dom = domain.DefaultSet()
	}
	x.cat = x.dom.Catalog
	return x
}

// Domains returns the policy domains the extractor reads.
func (x *Extractor) Domains() *domain.Set { return x.dom }

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
	// Programmes are the national programmes of the extractor's domains
	// the document implements, by the decision it cites or the words of
	// its title: "1373/QĐ-TTg", "387/QĐ-TTg", "677/QĐ-TTg".
	Programmes []string
	// View is the document analysed once: its fold, outline, tables and
	// sentences, for the stages after extraction (the index's passages).
	View    *structure.View
	Records []Record

	evidence *evidence // the provinces its text names, read on first use
}

// provinces returns what the document's text says of its provinces,
// reading it the first time.
func (d *Doc) provinces(x *Extractor, text string) func() *evidence {
	return func() *evidence {
		if d.evidence == nil {
			d.evidence = x.provincesInText(text, d.Span)
		}
		return d.evidence
	}
}

// A Locality is where a document is from.
type Locality struct {
	Place    *gazetteer.Place // nil when unknown; Code "" for a place the gazetteer lacks
	Type     string           // the type word as written ("thị xã")
	Province *gazetteer.Place // the province the text names, when the gazetteer does not know Place's
	National bool             // a national body (the Prime Minister, a ministry)
	Source   string           // issuer, title, page title, place-date line, body
	// Candidates is, for a place left without a code, how many units of
	// its name the text could not choose between.
	Candidates int
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
// a failure inside comes back as an error naming the document. What it
// could not settle (a place name several units share) is added to
// d.Warnings.
func (x *Extractor) Extract(d *extract.Document) (res *Result, err error) {
	defer func() {
		if p := recover(); p != nil {
			res, err = nil, &extract.Error{Path: d.Path, Err: panics.New("targets", p)}
		}
	}()
	text := d.Text
	fold := structure.NewFolded(text)
	parts := structure.SplitFolded(fold)
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
		doc.Header = structure.ParseHeaderFolded(fold, p.Start, p.End, x.gaz)
		extTitle := ""
		if i == 0 {
			extTitle = d.Title
		}
		doc.Locality = x.locality(text, p.Span, doc.Header, extTitle, doc.provinces(x, text))
		if l := doc.Locality; l.Candidates > 1 {
			d.Warnings = append(d.Warnings, fmt.Sprintf("locality: %q is the name of %d units and the text does not say which; it has no code", l.Place.Display(l.Type), l.Candidates))
		}
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
		f, _, _ := fold.Slice(p.Start, p.End)
		doc.Programmes = x.dom.Cited(f)
		doc.View = structure.Analyze(fold, p.Span)
		doc.Records = x.records(d, &doc)
		markOCR(d, doc.Records)
		res.Docs = append(res.Docs, doc)
		if n += len(doc.Records); x.max > 0 && n > x.max {
			return nil, &extract.Error{Path: d.Path, Err: fmt.Errorf("%w: more than %d (--max-targets)", ErrTooManyRecords, x.max)}
		}
	}
	return res, nil
}

// meta fills the document fields of a record.
func (x *Extractor) meta(d *extract.Document, doc *Doc) Record {
	h := doc.Header
	return Record{
		Doc: d.Name, Path: d.Path, DocID: doc.ID,
		DocMeta: DocMeta{DocNumber: h.Number, DocType: h.TypeCode, DocDate: h.Date, Issuer: h.Issuer,
			Where: x.localityFields(doc, doc.Locality)},
	}
}

// localityFields returns the locality fields of a record for place loc in
// document doc: its name, code and level, its province and the province
// (and commune) that holds it since 1 July 2025. A commune of 2025 has
// only the latter: its code is of the 2025 list. A commune the gazetteer
// lacks, in a document dated from 1 July 2025 on, is a commune of one of
// the 34 provinces: the province its text names.
func (x *Extractor) localityFields(doc *Doc, loc Locality) Where {
	r := Where{LocalityLevel: gazetteer.Unknown.String()}
	switch {
	case loc.National:
		r.Locality, r.LocalityLevel = "Việt Nam", gazetteer.National.String()
	case loc.Place != nil:
		p := loc.Place
		r.Locality, r.LocalityCode, r.LocalityLevel = p.Display(loc.Type), p.Code, p.Level.String()
		if c := x.gaz.Commune2025(p); c != nil {
			r.Commune2025, r.Commune2025Code = c.Display(""), c.Code
		}
		if p.New() {
			if u := x.gaz.Province2025(p); u != nil {
				r.Province2025, r.Province2025Code = u.Display(""), u.Code
			}
			break
		}
		prov := x.gaz.Province(p)
		if prov == nil {
			prov = loc.Province
		}
		if prov == nil && loc.Place != doc.Locality.Place {
			prov = doc.Locality.Province
			if doc.Locality.Place != nil {
				prov = x.gaz.Province(doc.Locality.Place)
			}
		}
		if prov != nil {
			r.Province, r.ProvinceCode = prov.Name, prov.Code
			if p2 := x.gaz.Province2025(prov); p2 != nil {
				r.Province2025, r.Province2025Code = p2.Display(""), p2.Code
			}
			if p.Level == gazetteer.Commune && p.Code == "" && doc.Header.Date >= "2025-07-01" {
				r.Province, r.ProvinceCode = "", ""
			}
		}
	}
	return r
}

// Of2025 reports whether the locality is a unit of the list of 1
// July 2025 (a commune of the 3,321), whose code is of that list: such a
// locality has a 2025 province and no province of the 63.
func (w Where) Of2025() bool {
	return w.LocalityCode != "" && w.ProvinceCode == "" && w.Province2025Code != ""
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

// markOCR marks the records of pages read by OCR, with the mean
// confidence of their evidence's words: the words of the page OCR read,
// matched in order, folded, against the evidence's.
func markOCR(d *extract.Document, recs []Record) {
	for i := range recs {
		r := &recs[i]
		var page *extract.Page
		for j := range d.Pages {
			if d.Pages[j].Number == r.Page {
				page = &d.Pages[j]
			}
		}
		if page == nil || !page.OCR {
			continue
		}
		r.OCR, r.Confidence = true, page.Confidence
		confs := map[string][]float64{}
		for _, w := range page.Words {
			k := vntext.Fold(strings.ToLower(strings.Trim(w.Text, ".,;:()\"“”'")))
			confs[k] = append(confs[k], w.Conf)
		}
		sum, n := 0.0, 0
		for _, w := range strings.Fields(r.Text) {
			k := vntext.Fold(strings.ToLower(strings.Trim(w, ".,;:()\"“”'")))
			if c := confs[k]; len(c) > 0 {
				sum += c[0]
				n++
			}
		}
		if n > 0 {
			r.Confidence = math.Round(10*sum/float64(n)) / 10
		}
	}
}
