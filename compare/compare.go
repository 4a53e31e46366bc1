// Package compare puts the targets of plans side by side across
// administrative levels: comparison tables of indicators by locality
// (Table) and an audit of inconsistencies between levels, years and
// sentences of one plan (Audit).
//
// Its input is target records (targets.Record, as extraction or the index
// gives them). Only targets (not reported results) with a catalog
// indicator count. Where a locality has several documents, the latest one
// (by document date) gives its figure; the others stay reachable beside it.
// The national reference targets of the policy domains (their
// references.csv) stand for the national level.
//
// Localities are grouped by the provinces in force on a date (Options.AsOf):
// before 1 July 2025 by the 63 provinces, from then by the 34 units of the
// 2025 merger, the province that kept its name standing for its unit (Bến
// Cát's parent is Bình Dương until then, Thành phố Hồ Chí Minh after).
// Figures never change with the date, only the grouping.
//
// Communes are compared too, across the reform: a commune of the 3,321 of
// 2025 belongs to its 2025 province whatever the date; grouped as of 1
// July 2025 or later, an old commune whose territory is exactly a new
// commune's (the same area, renamed or not) shares that commune's column,
// and every other old unit says what became of its territory (Locality's
// Note) so that its figures are not read as the new commune's.
package compare

import (
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/chitieu/chitieu/extract/domain"
	"github.com/chitieu/chitieu/extract/gazetteer"
	"github.com/chitieu/chitieu/extract/rules"
	"github.com/chitieu/chitieu/extract/targets"
	"github.com/chitieu/chitieu/extract/vntext"
)

// MergerDate is when the 34 provincial units replaced the 63 provinces.
var MergerDate = time.Date(2025, 7, 1, 0, 0, 0, 0, time.UTC)

// Options configure a Set. The zero value groups by the 63 provinces, with
// the built-in gazetteer and the built-in learning-society domain.
type Options struct {
	AsOf      time.Time // group by the provinces in force on this date; zero: as the plans were written
	Gazetteer *gazetteer.Gazetteer
	// Domains give the catalog (labels, units, order) and the national
	// references: those the records were extracted with.
	Domains *domain.Set
	// Programmes maps a document ID to the programmes it implements
	// ("1373/QĐ-TTg"); documents not in it match any programme.
	Programmes map[string][]string
	// Labels adds the targets no catalog entry fits, grouped by their
	// label (targets.LabelKey) under the indicator LabelID(label), so that
	// "tỷ lệ bao phủ bảo hiểm y tế" lines up across provinces. The audit
	// holds only catalog indicators.
	Labels bool
}

// A Set is the targets of a corpus, ready to compare.
type Set struct {
	opt    Options
	gaz    *gazetteer.Gazetteer
	dom    *domain.Set
	cat    *rules.Catalog
	refs   map[figureKey]*Reference
	recs   []targets.Record // targets with an indicator, in document order
	past   []targets.Record // "phấn đấu" for a year before the plan: the extractor calls it a result
	locs   map[string]*Locality
	latest map[figureKey]*Figure // by locality, indicator and year
	docs   map[string][]int      // records by document ID
	labels map[string]string     // LabelID → the label as the latest record writes it
	merged bool
}

// A Locality is a place that has plans in the set.
type Locality struct {
	Key      string // GSO code, or "name:" and the folded name for a place the gazetteer lacks, or "VN"
	Name     string // as records write it: "Thị xã Bến Cát"
	Code     string
	Level    gazetteer.Level
	Province string // the province code of a district or commune (of the 63); "" for a unit of 2025
	Group    string // the province (or 2025 unit, after MergerDate) it belongs to, for display
	GroupKey string
	Of2025   bool // a unit of the list of 1 July 2025 (its Code is of that list)
	// Note says, in English and Vietnamese, how the locality's area
	// relates to the units on the other side of 1 July 2025 where that
	// matters for reading its figures: a new commune formed from several,
	// an old unit split or merged into a larger one. "" otherwise.
	Note, NoteVI string
	// Former are the names of the old units whose plans share this
	// locality's figures (the same area under the 2025 grouping).
	Former []string
}

// A Figure is one locality's target for an indicator and year: the record
// of its latest document, with the other documents' records beside it.
type Figure struct {
	Record targets.Record
	Others []targets.Record // other documents of the locality, latest first
}

type figureKey struct {
	loc, indicator string
	year           int
}

const nationalKey = "VN"

// New prepares records for comparison.
func New(recs []targets.Record, opt Options) *Set {
	s := &Set{opt: opt, gaz: opt.Gazetteer, dom: opt.Domains, locs: map[string]*Locality{},
		latest: map[figureKey]*Figure{}, docs: map[string][]int{}, refs: map[figureKey]*Reference{}, labels: map[string]string{}}
	if s.gaz == nil {
		s.gaz = gazetteer.Default()
	}
	if s.dom == nil {
		s.dom = domain.DefaultSet()
	}
	s.cat = s.dom.Catalog
	refs := s.dom.References()
	for i := range refs {
		r := &refs[i]
		s.refs[figureKey{nationalKey, r.Indicator, r.Year}] = r
	}
	s.merged = !opt.AsOf.IsZero() && !opt.AsOf.Before(MergerDate)
	for _, r := range recs {
		if r.Kind == rules.Result && r.Modality == rules.Strive && r.Year != 0 && len(r.DocDate) >= 4 && r.Year < atoi(r.DocDate[:4]) {
			s.past = append(s.past, r)
		}
		if r.Kind == rules.Target && r.Indicator == "" && opt.Labels && r.IndicatorLabel != "" {
			r.Indicator = LabelID(r.IndicatorLabel, r.Unit)
			if _, ok := s.labels[r.Indicator]; !ok {
				s.labels[r.Indicator] = targets.LabelText(r.IndicatorLabel)
			}
		}
		if r.Kind != rules.Target || r.Indicator == "" {
			continue
		}
		s.recs = append(s.recs, r)
	}
	targets.SortRecords(s.past)
	targets.SortRecords(s.recs)
	var byFigure = map[figureKey][]targets.Record{}
	for i, r := range s.recs {
		s.docs[r.DocID] = append(s.docs[r.DocID], i)
		l := s.locality(&r)
		if l == nil || r.Year == 0 {
			continue
		}
		k := figureKey{l.Key, r.Indicator, r.Year}
		byFigure[k] = append(byFigure[k], r)
	}
	for k, rs := range byFigure {
		// The latest document first; within one document, the first
		// sentence.
		sort.SliceStable(rs, func(i, j int) bool { return rs[i].DocDate > rs[j].DocDate })
		f := &Figure{Record: rs[0]}
		for _, r := range rs[1:] {
			if r.DocID != rs[0].DocID {
				f.Others = append(f.Others, r)
			}
		}
		s.latest[k] = f
	}
	return s
}

// locality returns (and remembers) the locality of a record, nil when the
// record's document names none.
func (s *Set) locality(r *targets.Record) *Locality {
	if r.Locality == "" {
		return nil
	}
	key := r.LocalityCode
	switch {
	case r.LocalityLevel == gazetteer.National.String():
		key = nationalKey
	case r.Of2025():
		key = key2025 + key
	case key == "":
		key = "name:" + vntext.Fold(r.Locality)
	}
	if l := s.locs[key]; l != nil {
		return l
	}
	var level gazetteer.Level
	level.UnmarshalText([]byte(r.LocalityLevel))
	if l := s.sameArea(r, key, level); l != nil {
		return l
	}
	l := &Locality{Key: key, Name: r.Locality, Code: r.LocalityCode, Level: level, Province: r.ProvinceCode, Of2025: r.Of2025()}
	if level == gazetteer.Province {
		l.Province = r.LocalityCode
	}
	l.GroupKey, l.Group = l.Province, r.Province
	if p := s.gaz.Place(l.Province); p != nil {
		l.Group = p.Display("")
		if s.merged {
			if u := s.gaz.Province2025(p); u != nil {
				l.GroupKey, l.Group = key2025+u.Code, u.Display("")
			}
		}
	}
	if l.Of2025 {
		l.GroupKey, l.Group = key2025+r.Province2025Code, r.Province2025
	}
	l.Note, l.NoteVI = s.areaNote(l)
	s.locs[key] = l
	return l
}

// key2025 prefixes the keys of units of the 2025 list, whose codes reuse
// the old list's numbers.
const key2025 = "2025:"

// place returns the gazetteer's unit of a locality, nil if it has none.
func (s *Set) place(l *Locality) *gazetteer.Place {
	if l.Of2025 {
		return s.gaz.Place2025(l.Code)
	}
	if l.Code == "" {
		return nil
	}
	return s.gaz.Place(l.Code)
}

// sameArea returns, under a 2025 grouping, the locality of the new
// commune whose territory is exactly that of r's old commune (formed from
// it alone, whole), so that their plans share a column; nil otherwise.
func (s *Set) sameArea(r *targets.Record, key string, level gazetteer.Level) *Locality {
	if !s.merged || level != gazetteer.Commune || r.Of2025() || r.LocalityCode == "" {
		return nil
	}
	old := s.gaz.Place(r.LocalityCode)
	c := s.gaz.Commune2025(old)
	if c == nil {
		return nil
	}
	if pred := s.gaz.Predecessors(c); len(pred) != 1 || pred[0].Place != old || pred[0].Part {
		return nil
	}
	nk := key2025 + c.Code
	l := s.locs[nk]
	if l == nil {
		u := s.gaz.Province2025(c)
		l = &Locality{Key: nk, Name: c.Display(""), Code: c.Code, Level: gazetteer.Commune, Of2025: true,
			GroupKey: key2025 + u.Code, Group: u.Display("")}
		l.Note, l.NoteVI = s.areaNote(l)
		s.locs[nk] = l
	}
	if !slices.Contains(l.Former, r.Locality) {
		l.Former = append(l.Former, r.Locality)
	}
	s.locs[key] = l
	return l
}

// areaNote says how a locality's territory relates to the units across
// the reform, where its figures could be misread: a 2025 commune formed
// from several units; under a 2025 grouping, an old commune merged into a
// larger one or split, and an old district (whose territory is now
// several communes).
func (s *Set) areaNote(l *Locality) (en, vi string) {
	p := s.place(l)
	if p == nil || p.Level < gazetteer.District {
		return "", ""
	}
	if l.Of2025 {
		pred := s.gaz.Predecessors(p)
		if len(pred) < 2 {
			return "", ""
		}
		return "formed on 1 July 2025 from " + shareNames(pred, "part") + ": no earlier plan covers the same area",
			"thành lập ngày 01/07/2025 từ " + shareNames(pred, "một phần") + ": không trùng địa bàn với kế hoạch nào trước đó"
	}
	if !s.merged {
		return "", ""
	}
	succ := s.gaz.Successors(p)
	switch {
	case len(succ) == 0:
		return "", ""
	case p.Level == gazetteer.District:
		return fmt.Sprintf("a district until 30 June 2025; its territory is now %d communes: %s", len(succ), shareNames(succ, "part")),
			fmt.Sprintf("cấp huyện đến 30/06/2025; địa bàn nay thuộc %d xã, phường: %s", len(succ), shareNames(succ, "một phần"))
	case len(succ) > 1:
		return "split on 1 July 2025 between " + shareNames(succ, "part") + ": not comparable with either",
			"chia tách ngày 01/07/2025 vào " + shareNames(succ, "một phần") + ": không so sánh được với đơn vị nào"
	}
	c := succ[0].Place
	return "part of " + c.Display("") + " since 1 July 2025, which is larger: not comparable",
		"nay là một phần của " + c.Display("") + " (từ 01/07/2025), địa bàn rộng hơn: không so sánh được"
}

// shareNames lists units as "Xã A, Xã B (một phần)", at most six.
func shareNames(ss []gazetteer.Share, part string) string {
	var parts []string
	for i, sh := range ss {
		if i == 6 {
			parts = append(parts, fmt.Sprintf("… (+%d)", len(ss)-i))
			break
		}
		n := sh.Place.Display("")
		if sh.Part {
			n += " (" + part + ")"
		}
		parts = append(parts, n)
	}
	return strings.Join(parts, ", ")
}

// Localities returns the localities of the set at a level, ordered by
// group, then code and name.
func (s *Set) Localities(level gazetteer.Level) []*Locality {
	var out []*Locality
	for k, l := range s.locs {
		if l.Level == level && k == l.Key { // not an old commune's key for its 2025 commune
			out = append(out, l)
		}
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.GroupKey != b.GroupKey {
			return a.GroupKey < b.GroupKey
		}
		if a.Code != b.Code {
			return a.Code < b.Code
		}
		return a.Name < b.Name
	})
	return out
}

// Figure returns a locality's figure for an indicator and year, nil if its
// plans set none.
func (s *Set) Figure(l *Locality, indicator string, year int) *Figure {
	return s.latest[figureKey{l.Key, indicator, year}]
}

// Domains returns the policy domains of the set.
func (s *Set) Domains() *domain.Set { return s.dom }

// Reference returns the national reference for an indicator and year.
func (s *Set) Reference(indicator string, year int) *Reference {
	return s.refs[figureKey{nationalKey, indicator, year}]
}

// Parent returns the locality whose plan a locality's plan implements: a
// district's province, a province's 2025 unit when it was absorbed into
// another (after MergerDate), an old commune's district (its province
// when the set has no plan of the district, or after MergerDate), a 2025
// commune's province, else nil for the national level. The parent is
// returned even when the set holds no plan of it (its Key is set).
func (s *Set) Parent(l *Locality) *Locality {
	switch l.Level {
	case gazetteer.Commune:
		p := s.place(l)
		if p == nil {
			if prov := s.gaz.Place(l.Province); prov != nil {
				return s.placeLocality(prov)
			}
			return nil
		}
		if !l.Of2025 && !s.merged {
			if d := s.locs[p.Parent]; d != nil {
				return d
			}
			return s.placeLocality(s.gaz.Province(p))
		}
		if sv := s.survivor(p); sv != nil {
			return s.placeLocality(sv)
		}
		return nil
	case gazetteer.District:
		prov := s.gaz.Place(l.Province)
		if prov == nil {
			return nil
		}
		if s.merged {
			if sv := s.survivor(prov); sv != nil {
				prov = sv
			}
		}
		return s.placeLocality(prov)
	case gazetteer.Province:
		if !s.merged {
			return nil
		}
		if p := s.gaz.Place(l.Code); p != nil {
			if sv := s.survivor(p); sv != nil && sv.Code != p.Code {
				return s.placeLocality(sv)
			}
		}
	}
	return nil
}

// survivor returns the province of the 63 that gave its name to the 2025
// unit holding p: the unit's plans are its plans.
func (s *Set) survivor(p *gazetteer.Place) *gazetteer.Place { return s.gaz.Namesake(p) }

// placeLocality returns the locality of a gazetteer place, from the set
// when it has plans there.
func (s *Set) placeLocality(p *gazetteer.Place) *Locality {
	if l := s.locs[p.Code]; l != nil {
		return l
	}
	return &Locality{Key: p.Code, Name: p.Display(""), Code: p.Code, Level: p.Level, Province: p.Code}
}

// children returns the localities of the set whose parent is l.
func (s *Set) children(l *Locality) []*Locality {
	var out []*Locality
	for _, lv := range []gazetteer.Level{gazetteer.Province, gazetteer.District, gazetteer.Commune} {
		for _, c := range s.Localities(lv) {
			if p := s.Parent(c); p != nil && p.Key == l.Key {
				out = append(out, c)
			}
		}
	}
	return out
}

// sameProgramme reports whether two documents implement a programme in
// common; a document whose programmes are unknown matches any.
func (s *Set) sameProgramme(a, b string) bool {
	pa, pb := s.opt.Programmes[a], s.opt.Programmes[b]
	if len(pa) == 0 || len(pb) == 0 {
		return true
	}
	for _, x := range pa {
		for _, y := range pb {
			if x == y {
				return true
			}
		}
	}
	return false
}

// indicatorOrder is the catalog's order of indicators, then labels in
// alphabetical order.
func (s *Set) indicatorOrder() map[string]int {
	m := map[string]int{}
	for i, ind := range s.cat.Indicators {
		m[ind.ID] = i
	}
	ids := make([]string, 0, len(s.labels))
	for id := range s.labels {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for i, id := range ids {
		m[id] = len(s.cat.Indicators) + i
	}
	return m
}

// Label returns an indicator's Vietnamese label, or a label's words.
func (s *Set) Label(id string) string {
	if ind := s.cat.Indicator(id); ind != nil {
		return ind.Label
	}
	if l, ok := s.labels[id]; ok {
		return l
	}
	return id
}

// labelPrefix starts the indicator of targets grouped by label.
const labelPrefix = "label:"

// LabelID is the indicator a comparison with Options.Labels gives targets
// no catalog entry fits: "label:", their folded label and, after "@", their
// unit (a rate per year is not a level): "label:ty le ho ngheo@percent".
func LabelID(label string, u rules.Unit) string {
	return labelPrefix + targets.LabelKey(label) + "@" + u.String()
}

// LabelIDs returns the label indicators of the set whose label is l
// (folded, any unit), sorted.
func (s *Set) LabelIDs(l string) []string {
	if _, ok := s.labels[l]; ok {
		return []string{l} // a LabelID with its unit
	}
	k := labelPrefix + targets.LabelKey(strings.TrimPrefix(l, labelPrefix)) + "@"
	var out []string
	for id := range s.labels {
		if strings.HasPrefix(id, k) {
			out = append(out, id)
		}
	}
	sort.Strings(out)
	return out
}

// IsLabelID reports whether an indicator is a LabelID.
func IsLabelID(id string) bool { return strings.HasPrefix(id, labelPrefix) }

func num(x float64) string { return strconv.FormatFloat(x, 'f', -1, 64) }
