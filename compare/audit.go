package compare

import (
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/chitieu/chitieu/extract/gazetteer"
	"github.com/chitieu/chitieu/extract/rules"
	"github.com/chitieu/chitieu/extract/targets"
)

// Severity ranks findings.
type Severity int

// Severities, least first.
const (
	Info Severity = iota
	Warning
	Error
)

var severityNames = [...]string{"info", "warning", "error"}

func (s Severity) String() string {
	if s >= 0 && int(s) < len(severityNames) {
		return severityNames[s]
	}
	return "Severity(" + strconv.Itoa(int(s)) + ")"
}

// MarshalText writes the severity's name.
func (s Severity) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// UnmarshalText reads a severity's name.
func (s *Severity) UnmarshalText(b []byte) error {
	for i, n := range severityNames {
		if n == string(b) {
			*s = Severity(i)
			return nil
		}
	}
	return fmt.Errorf("compare: unknown severity %q", b)
}

// The audit's rules.
const (
	RuleBelowParent       = "below-parent"       // a target below the parent's (or the national reference)
	RuleMissingFromChild  = "missing-from-child" // an indicator the parent sets that a child plan leaves out
	RuleRegression        = "regression"         // a later year's target below an earlier one's
	RuleSelfContradiction = "self-contradiction" // one document, two values or two modalities for one target
	RuleCopyDown          = "copy-down"          // a child whose shared figures all equal its parent's
	RuleImpossible        = "impossible"         // over 100%, a year before the plan, a part above its total
	RuleUnknownLocality   = "unknown-locality"   // targets of a document that names no locality
	RuleAcrossReform      = "across-reform"      // a 2025 commune below the plan of the old units its territory came from
)

// A Rule is one check of the audit: everything that names or describes
// it (the CLI's help, the web's headings) reads this table, and Audit
// runs its checks in this order.
type Rule struct {
	ID       string
	Severity Severity // of its findings, unless one sets its own
	Title    string   // a heading, in English
	TitleVI  string   // the same in Vietnamese
	// Help says what it finds, for 'chitieu help audit': a line, or
	// several for a rule whose severity depends on the case.
	Help  string
	check func(s *Set, add func(Finding))
}

// Rules are the audit's rules, in the order findings are reported.
var Rules = []Rule{
	{RuleImpossible, Error, "Impossible", "Không thể đúng",
		"over 100%, a target year before the plan, a part above its total", (*Set).impossible},
	{RuleBelowParent, Warning, "Below the parent", "Thấp hơn cấp trên",
		"a district below its province, a province below the national reference", (*Set).belowParent},
	{RuleRegression, Warning, "Regression", "Năm sau thấp hơn năm trước",
		"a later year's target below an earlier one's", (*Set).regression},
	{RuleSelfContradiction, Warning, "Self-contradiction", "Tự mâu thuẫn",
		`one document, two values for one target, or "phấn đấu đạt" and "duy trì"`, (*Set).selfContradiction},
	{RuleMissingFromChild, Warning, "Missing from a child plan", "Cấp dưới bỏ sót",
		"an indicator the province sets that a district plan of the same programme leaves out", (*Set).missingFromChild},
	{RuleUnknownLocality, Warning, "Unknown locality", "Không rõ địa phương",
		"targets of a document that names no locality", (*Set).unknownLocality},
	{RuleAcrossReform, Warning, "Below the plan before the reform", "Thấp hơn trước sắp xếp",
		`with --as-of 2025-07-01 or later, a 2025 commune below the plan of
the same area before the reform; (info) below the plan of a
larger or smaller old unit (its district, a commune merged into
it), saying why the figures are not comparable`, (*Set).acrossReform},
	{RuleCopyDown, Info, "Copied from the parent", "Sao chép cấp trên",
		"a plan whose figures shared with its parent are all the same", (*Set).copyDown},
}

// RuleByID returns the rule of an ID, nil if there is none.
func RuleByID(id string) *Rule {
	for i := range Rules {
		if Rules[i].ID == id {
			return &Rules[i]
		}
	}
	return nil
}

// RulesHelp describes the rules, a line each (the lines of a longer
// description indented under it): their ID, severity and what they find.
func RulesHelp() string {
	var b strings.Builder
	for _, r := range Rules {
		lines := strings.Split(r.Help, "\n")
		fmt.Fprintf(&b, "%-19s %-9s %s\n", r.ID, "("+r.Severity.String()+")", lines[0])
		for _, l := range lines[1:] {
			fmt.Fprintf(&b, "%30s%s\n", "", l)
		}
	}
	return b.String()
}

func severityOf(rule string) Severity {
	if r := RuleByID(rule); r != nil {
		return r.Severity
	}
	return Info
}

// A Finding is one inconsistency, with its evidence: the records involved
// (subject first), each holding its sentence, document, page and byte
// offsets.
type Finding struct {
	Rule      string           `json:"rule"`
	Severity  Severity         `json:"severity"`
	Message   string           `json:"message"`    // in English
	MessageVI string           `json:"message_vi"` // in Vietnamese
	Locality  string           `json:"locality"`
	Indicator string           `json:"indicator,omitempty"`
	Year      int              `json:"year,omitempty"`
	Evidence  []targets.Record `json:"evidence"`
	Reference *Reference       `json:"reference,omitempty"`
	// Plans are the documents the finding concerns, each once: those of
	// its evidence, then any that states nothing to quote (the child plan
	// that leaves an indicator out).
	Plans []Plan `json:"plans"`

	ownSeverity bool // Severity is the finding's own, not its rule's
}

// Audit runs every rule and returns the findings, by rule (Rules order),
// then locality, indicator and year.
func (s *Set) Audit() []Finding {
	var fs []Finding
	add := func(f Finding) {
		if !f.ownSeverity {
			f.Severity = severityOf(f.Rule)
		}
		plans := make([]Plan, 0, len(f.Evidence)+len(f.Plans))
		for _, r := range f.Evidence {
			plans = addPlan(plans, planOf(r))
		}
		for _, p := range f.Plans {
			plans = addPlan(plans, p)
		}
		f.Plans = plans
		fs = append(fs, f)
	}
	for _, r := range Rules {
		r.check(s, add)
	}
	fs = slices.DeleteFunc(fs, func(f Finding) bool { return IsLabelID(f.Indicator) })
	rank := map[string]int{}
	for i, r := range Rules {
		rank[r.ID] = i
	}
	sort.SliceStable(fs, func(i, j int) bool {
		a, b := fs[i], fs[j]
		if a.Rule != b.Rule {
			return rank[a.Rule] < rank[b.Rule]
		}
		if a.Locality != b.Locality {
			return a.Locality < b.Locality
		}
		if a.Indicator != b.Indicator {
			return a.Indicator < b.Indicator
		}
		return a.Year < b.Year
	})
	return fs
}

// comparable reports whether two records' values can be ordered: the same
// unit, not a status, and targets that set a floor (not "không quá").
func comparable(a, b *targets.Record) bool {
	return a.Unit == b.Unit && a.Unit != rules.Status && floor(a) && floor(b)
}

func floor(r *targets.Record) bool { return r.Cmp != rules.Le && r.Cmp != rules.Lt }

// figures returns the figure keys of a locality, sorted.
func (s *Set) figures(l *Locality) []figureKey {
	var out []figureKey
	for k := range s.latest {
		if k.loc == l.Key {
			out = append(out, k)
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].indicator != out[j].indicator {
			return out[i].indicator < out[j].indicator
		}
		return out[i].year < out[j].year
	})
	return out
}

func (s *Set) allLocalities() []*Locality {
	return slices.Concat(s.Localities(gazetteer.Province), s.Localities(gazetteer.District), s.Localities(gazetteer.Commune))
}

func (s *Set) belowParent(add func(Finding)) {
	for _, l := range s.allLocalities() {
		parent := s.Parent(l)
		for _, k := range s.figures(l) {
			f := s.latest[k]
			r := f.Record
			if parent != nil {
				pf := s.latest[figureKey{parent.Key, k.indicator, k.year}]
				if pf == nil || !comparable(&r, &pf.Record) || !s.sameProgramme(r.DocID, pf.Record.DocID) || r.Value >= pf.Record.Value {
					continue
				}
				add(Finding{Rule: RuleBelowParent, Locality: l.Name, Indicator: k.indicator, Year: k.year,
					Message: fmt.Sprintf("%s sets %s for %d, below %s's %s", l.Name, r.Qualified(true), k.year,
						parent.Name, pf.Record.Qualified(true)),
					MessageVI: fmt.Sprintf("%s đặt %s cho năm %d, thấp hơn mức %s của %s", l.Name, r.Qualified(true), k.year,
						pf.Record.Qualified(true), parent.Name),
					Evidence: []targets.Record{r, pf.Record}})
				continue
			}
			if l.Level != gazetteer.Province {
				continue
			}
			ref := s.Reference(k.indicator, k.year)
			if ref == nil || ref.Basis == "provinces" || ref.Unit != r.Unit || !floor(&r) || r.Value >= ref.Value {
				continue
			}
			add(Finding{Rule: RuleBelowParent, Locality: l.Name, Indicator: k.indicator, Year: k.year,
				Message: fmt.Sprintf("%s sets %s for %d, below the national %s%% of %s", l.Name, r.Qualified(true), k.year,
					num(ref.Value), ref.Decision),
				MessageVI: fmt.Sprintf("%s đặt %s cho năm %d, thấp hơn mức %s%% của cả nước theo Quyết định %s", l.Name,
					r.Qualified(true), k.year, num(ref.Value), ref.Decision),
				Evidence: []targets.Record{r}, Reference: ref})
		}
	}
}

func (s *Set) regression(add func(Finding)) {
	for _, l := range s.allLocalities() {
		keys := s.figures(l)
		for i := 0; i+1 < len(keys); i++ {
			a, b := keys[i], keys[i+1] // same indicator, consecutive years
			if a.indicator != b.indicator {
				continue
			}
			ra, rb := s.latest[a].Record, s.latest[b].Record
			if !comparable(&ra, &rb) || rb.Value >= ra.Value {
				continue
			}
			add(Finding{Rule: RuleRegression, Locality: l.Name, Indicator: b.indicator, Year: b.year,
				Message: fmt.Sprintf("%s sets %s for %d, below its %s for %d", l.Name, rb.Qualified(true), b.year,
					ra.Qualified(true), a.year),
				MessageVI: fmt.Sprintf("%s đặt %s cho năm %d, thấp hơn mức %s của năm %d", l.Name, rb.Qualified(true), b.year,
					ra.Qualified(true), a.year),
				Evidence: []targets.Record{rb, ra}})
		}
	}
}

// docOrder returns the document IDs of the set in order.
func (s *Set) docOrder() []string {
	ids := make([]string, 0, len(s.docs))
	for id := range s.docs {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	return ids
}

func (s *Set) selfContradiction(add func(Finding)) {
	type key struct {
		ind  string
		year int
	}
	for _, id := range s.docOrder() {
		groups := map[key][]targets.Record{}
		var order []key
		for _, i := range s.docs[id] {
			r := s.recs[i]
			if r.Year == 0 || r.SubOf != "" {
				continue
			}
			k := key{r.Indicator, r.Year}
			if groups[k] == nil {
				order = append(order, k)
			}
			groups[k] = append(groups[k], r)
		}
		for _, k := range order {
			rs := groups[k]
			if len(rs) < 2 {
				continue
			}
			first := rs[0]
			loc := first.Locality
			if loc == "" {
				loc = first.Doc
			}
			values, maintain, reach := map[string]bool{}, false, false
			for _, r := range rs {
				values[r.Qualified(true)] = true
				switch r.Modality {
				case rules.Maintain:
					maintain = true
				case rules.Achieve, rules.Strive:
					reach = true
				}
			}
			switch {
			case len(values) > 1:
				add(Finding{Rule: RuleSelfContradiction, Locality: loc, Indicator: k.ind, Year: k.year,
					Message:   fmt.Sprintf("%s gives %d different values for %s in %d", docName(first), len(values), s.en(k.ind), k.year),
					MessageVI: fmt.Sprintf("%s đưa ra %d giá trị khác nhau cho %s năm %d", docName(first), len(values), s.vi(k.ind), k.year),
					Evidence:  rs})
			case maintain && reach && first.Unit != rules.Percent:
				add(Finding{Rule: RuleSelfContradiction, Locality: loc, Indicator: k.ind, Year: k.year,
					Message: fmt.Sprintf("%s both strives to reach and maintains %s %s in %d",
						docName(first), s.en(k.ind), first.Qualified(true), k.year),
					MessageVI: fmt.Sprintf("%s vừa phấn đấu đạt vừa duy trì %s %s năm %d",
						docName(first), s.vi(k.ind), first.Qualified(true), k.year),
					Evidence: rs})
			}
		}
	}
}

func docName(r targets.Record) string {
	if r.DocNumber != "" {
		return r.DocNumber
	}
	return r.Doc
}

// A Plan is a document a finding concerns: enough to open it.
type Plan struct {
	DocID    string `json:"doc_id"`
	Doc      string `json:"doc"` // file name
	Path     string `json:"path"`
	Number   string `json:"doc_number,omitempty"`
	Date     string `json:"doc_date,omitempty"`
	Locality string `json:"locality,omitempty"`
}

func planOf(r targets.Record) Plan {
	return Plan{DocID: r.DocID, Doc: r.Doc, Path: r.Path, Number: r.DocNumber, Date: r.DocDate, Locality: r.Locality}
}

func addPlan(ps []Plan, p Plan) []Plan {
	for _, q := range ps {
		if q.DocID == p.DocID {
			return ps
		}
	}
	return append(ps, p)
}

// Cite names a plan as a reader finds it: its number and its file
// ("52/KH-UBND, ke-hoach.pdf"), the file alone when it has no number.
func (p Plan) Cite() string {
	if p.Number == "" {
		return p.Doc
	}
	return p.Number + ", " + p.Doc
}

func (s *Set) missingFromChild(add func(Finding)) {
	for _, p := range s.allLocalities() {
		pkeys := s.figures(p)
		if len(pkeys) == 0 {
			continue
		}
		for _, c := range s.children(p) {
			has := map[string]bool{} // indicators the child sets, any year
			var childDocs []string
			for _, k := range s.figures(c) {
				has[k.indicator] = true
			}
			for id, idx := range s.docs {
				if len(idx) > 0 && s.recs[idx[0]].Locality == c.Name {
					childDocs = append(childDocs, id)
				}
			}
			sort.Strings(childDocs)
			for _, k := range pkeys {
				pr := s.latest[k].Record
				if has[k.indicator] {
					continue
				}
				var child []Plan
				for _, d := range childDocs {
					if s.sameProgramme(d, pr.DocID) {
						child = append(child, planOf(s.recs[s.docs[d][0]]))
					}
				}
				if len(child) == 0 {
					continue
				}
				add(Finding{Rule: RuleMissingFromChild, Locality: c.Name, Indicator: k.indicator, Year: k.year,
					Message: fmt.Sprintf("%s sets %s %s for %d; the plan of %s (%s) has no %s target",
						p.Name, s.en(k.indicator), pr.Qualified(true), k.year, c.Name, child[0].Cite(), s.en(k.indicator)),
					MessageVI: fmt.Sprintf("%s đặt %s %s cho năm %d; kế hoạch của %s (%s) không có chỉ tiêu %s",
						p.Name, s.vi(k.indicator), pr.Qualified(true), k.year, c.Name, child[0].Cite(), s.vi(k.indicator)),
					Evidence: []targets.Record{pr}, Plans: child})
			}
		}
	}
}

func (s *Set) copyDown(add func(Finding)) {
	for _, c := range s.allLocalities() {
		parent := s.Parent(c)
		var same []targets.Record
		n := 0
		for _, k := range s.figures(c) {
			r := s.latest[k].Record
			var pv float64
			var pvText string
			switch {
			case parent != nil:
				pf := s.latest[figureKey{parent.Key, k.indicator, k.year}]
				if pf == nil || pf.Record.Unit != r.Unit {
					continue
				}
				pv, pvText = pf.Record.Value, pf.Record.Qualified(true)
			case c.Level == gazetteer.Province:
				ref := s.Reference(k.indicator, k.year)
				if ref == nil || ref.Basis == "provinces" || ref.Unit != r.Unit {
					continue
				}
				pv, pvText = ref.Value, num(ref.Value)+"%"
			default:
				continue
			}
			n++
			if r.Value == pv && (r.Cmp == rules.Eq || r.Qualified(true) == pvText) {
				same = append(same, r)
			}
		}
		if n < 3 || len(same) != n {
			continue
		}
		of, ofVI := "the national references", "chỉ tiêu cả nước"
		if parent != nil {
			of, ofVI = parent.Name, parent.Name
		}
		add(Finding{Rule: RuleCopyDown, Locality: c.Name,
			Message:   fmt.Sprintf("%s repeats all %d figures it shares with %s unchanged", c.Name, n, of),
			MessageVI: fmt.Sprintf("%s giữ nguyên cả %d chỉ tiêu trùng với %s", c.Name, n, ofVI),
			Evidence:  same})
	}
}

func (s *Set) impossible(add func(Finding)) {
	for _, r := range s.past {
		add(Finding{Rule: RuleImpossible, Locality: r.Locality, Indicator: r.Indicator, Year: r.Year,
			Message:   fmt.Sprintf("%s, dated %s, strives for %d", docName(r), r.DocDate, r.Year),
			MessageVI: fmt.Sprintf("%s, ban hành ngày %s, phấn đấu cho năm %d", docName(r), r.DocDate, r.Year),
			Evidence:  []targets.Record{r}})
	}
	for _, id := range s.docOrder() {
		idx := s.docs[id]
		for n, i := range idx {
			r := s.recs[i]
			loc := r.Locality
			if loc == "" {
				loc = r.Doc
			}
			f := Finding{Rule: RuleImpossible, Locality: loc, Indicator: r.Indicator, Year: r.Year, Evidence: []targets.Record{r}}
			switch {
			case r.Unit == rules.Percent && (r.Value > 100 || r.ValueMax != nil && *r.ValueMax > 100):
				f.Message = fmt.Sprintf("%s: %s is over 100%%", docName(r), r.Qualified(true))
				f.MessageVI = fmt.Sprintf("%s: %s vượt quá 100%%", docName(r), r.Qualified(true))
				add(f)
			case r.Year != 0 && len(r.DocDate) >= 4 && r.Year < atoi(r.DocDate[:4]):
				f.Message = fmt.Sprintf("%s, dated %s, sets a target for %d", docName(r), r.DocDate, r.Year)
				f.MessageVI = fmt.Sprintf("%s, ban hành ngày %s, đặt chỉ tiêu cho năm %d", docName(r), r.DocDate, r.Year)
				add(f)
			}
			if r.SubOf == "" {
				continue
			}
			// The total is the nearest record before it of the indicator
			// it is part of, in the same year.
			for j := n - 1; j >= 0; j-- {
				t := s.recs[idx[j]]
				if t.Indicator != r.SubOf || t.Year != r.Year || t.SubOf != "" {
					continue
				}
				if t.Unit == r.Unit && r.Unit == rules.Percent && r.Value > t.Value {
					f.Message = fmt.Sprintf("%s: the part %s (%s) is larger than its total %s (%s)",
						docName(r), r.Qualified(true), s.en(r.Indicator), t.Qualified(true), s.en(t.Indicator))
					f.MessageVI = fmt.Sprintf("%s: phần %s (%s) lớn hơn tổng %s (%s)",
						docName(r), r.Qualified(true), s.vi(r.Indicator), t.Qualified(true), s.vi(t.Indicator))
					f.Evidence = []targets.Record{r, t}
					add(f)
				}
				break
			}
		}
	}
}

func atoi(s string) int {
	n, _ := strconv.Atoi(s)
	return n
}

func (s *Set) unknownLocality(add func(Finding)) {
	for _, id := range s.docOrder() {
		var rs []targets.Record
		for _, i := range s.docs[id] {
			if s.recs[i].Locality == "" {
				rs = append(rs, s.recs[i])
			}
		}
		if len(rs) == 0 {
			continue
		}
		add(Finding{Rule: RuleUnknownLocality, Locality: rs[0].Doc,
			Message:   fmt.Sprintf("%s sets %d targets but names no locality", docName(rs[0]), len(rs)),
			MessageVI: fmt.Sprintf("%s đặt %d chỉ tiêu nhưng không nêu địa phương", docName(rs[0]), len(rs)),
			Evidence:  rs})
	}
}

// acrossReform compares, under a grouping of 1 July 2025 or later, each
// 2025 commune's targets with the plans of the old units its territory
// came from. An earlier plan of the same area (an old commune it was
// formed from alone, whose plans share its column) with a higher figure
// for the same indicator and year is a warning. A higher figure of a
// larger or smaller old unit (the district it lay in, one of several
// communes merged into it) is reported as information only, saying why
// the figures are not comparable.
func (s *Set) acrossReform(add func(Finding)) {
	if !s.merged {
		return
	}
	for _, l := range s.Localities(gazetteer.Commune) {
		c := s.place(l)
		if !l.Of2025 || c == nil {
			continue
		}
		for _, k := range s.figures(l) {
			f := s.latest[k]
			r := f.Record
			for _, o := range f.Others {
				if o.Of2025() || !comparable(&r, &o) || o.Value <= r.Value || !s.sameProgramme(r.DocID, o.DocID) {
					continue
				}
				add(Finding{Rule: RuleAcrossReform, Locality: l.Name, Indicator: k.indicator, Year: k.year,
					Message: fmt.Sprintf("%s sets %s for %d, below the %s of %s's plan %s (the same area before 1 July 2025)",
						l.Name, r.Qualified(true), k.year, o.Qualified(true), o.Locality, docName(o)),
					MessageVI: fmt.Sprintf("%s đặt %s cho năm %d, thấp hơn mức %s trong kế hoạch %s của %s (cùng địa bàn, trước 01/07/2025)",
						l.Name, r.Qualified(true), k.year, o.Qualified(true), docName(o), o.Locality),
					Evidence: []targets.Record{r, o}})
				break
			}
			for _, old := range s.formerUnits(c, l) {
				of := s.latest[figureKey{old.Key, k.indicator, k.year}]
				if of == nil || !comparable(&r, &of.Record) || of.Record.Value <= r.Value || !s.sameProgramme(r.DocID, of.Record.DocID) {
					continue
				}
				o := of.Record
				add(Finding{Rule: RuleAcrossReform, Severity: Info, ownSeverity: true, Locality: l.Name, Indicator: k.indicator, Year: k.year,
					Message: fmt.Sprintf("%s sets %s for %d, below the %s of %s's plan %s; not comparable: %s",
						l.Name, r.Qualified(true), k.year, o.Qualified(true), old.Name, docName(o), old.Note),
					MessageVI: fmt.Sprintf("%s đặt %s cho năm %d, thấp hơn mức %s trong kế hoạch %s của %s; không so sánh được: %s",
						l.Name, r.Qualified(true), k.year, o.Qualified(true), docName(o), old.Name, old.NoteVI),
					Evidence: []targets.Record{r, o}})
			}
		}
	}
}

// formerUnits returns the old localities of the set whose territory went
// (in whole or part) to the 2025 commune c, other than l, c's own
// locality: the communes it was formed from and their districts.
func (s *Set) formerUnits(c *gazetteer.Place, l *Locality) []*Locality {
	var out []*Locality
	add := func(key string) {
		if o := s.locs[key]; o != nil && o != l && o.Key == key && !slices.Contains(out, o) {
			out = append(out, o)
		}
	}
	for _, sh := range s.gaz.Predecessors(c) {
		add(sh.Place.Code)
		if sh.Place.Level == gazetteer.Commune {
			add(sh.Place.Parent)
		}
	}
	return out
}

// vi and en name an indicator in a finding's message, in Vietnamese and
// English (the catalog's label and its en; a label of open extraction is
// its words): IDs stay in the finding's Indicator field.
func (s *Set) vi(id string) string { return s.Label(id) }

func (s *Set) en(id string) string {
	if ind := s.cat.Indicator(id); ind != nil && ind.English != "" {
		return ind.English
	}
	return s.Label(id)
}
