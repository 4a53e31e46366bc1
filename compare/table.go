package compare

import (
	"sort"
	"strings"

	"github.com/chitieu/chitieu/extract/gazetteer"
	"github.com/chitieu/chitieu/extract/rules"
	"github.com/chitieu/chitieu/extract/targets"
)

// TableOptions choose a table's rows and columns. The zero value has every
// indicator and year, provinces as columns.
type TableOptions struct {
	Year       int      // 0: every year, a row per indicator and year
	Indicators []string // catalog IDs (rows even where only the nation sets one); nil: every indicator some locality sets
	Level      gazetteer.Level
	Domain     string // only the indicators of this policy domain; "": every domain's
	// Labels includes the rows of targets grouped by label (a Set made
	// with Options.Labels); Indicators may name them by LabelID.
	Labels bool
}

// A Table has a row per indicator (and year) and a column per locality,
// the national reference first.
type Table struct {
	Columns []Column `json:"columns"`
	Rows    []Row    `json:"rows"`
	AsOf    string   `json:"as_of,omitempty"` // YYYY-MM-DD of the grouping, "" for as written
}

// A Column is a locality, or the national reference.
type Column struct {
	Name     string `json:"name"`
	Code     string `json:"code,omitempty"`
	Level    string `json:"level"`
	Group    string `json:"group,omitempty"` // the province (or 2025 unit) it belongs to
	National bool   `json:"national,omitempty"`
	Of2025   bool   `json:"of_2025,omitempty"` // Code is of the list of 1 July 2025
	// Note says when the column's area differs across 1 July 2025 (see
	// Locality.Note); Former names the old units of the same area whose
	// plans share the column.
	Note   string   `json:"note,omitempty"`
	NoteVI string   `json:"note_vi,omitempty"`
	Former []string `json:"former,omitempty"`
}

// A Row is one indicator in one year.
type Row struct {
	Indicator string     `json:"indicator"`
	Label     string     `json:"label"`
	Year      int        `json:"year"`
	Unit      rules.Unit `json:"unit"`
	Cells     []Cell     `json:"cells"` // one per column
}

// A Cell is one figure: empty when the locality sets none.
type Cell struct {
	Text      string           `json:"text"`            // "≥60", "~23", "80–85", "mức 2", "đạt"; "" if none
	Value     *float64         `json:"value,omitempty"` // the number, for sorting and colouring
	Record    *targets.Record  `json:"record,omitempty"`
	Reference *Reference       `json:"reference,omitempty"`
	Others    []targets.Record `json:"others,omitempty"` // the locality's other documents
}

// Table builds a comparison table.
func (s *Set) Table(opt TableOptions) *Table {
	level := opt.Level
	if level == gazetteer.Unknown {
		level = gazetteer.Province
	}
	t := &Table{}
	if s.merged {
		t.AsOf = s.opt.AsOf.Format("2006-01-02")
	}
	national := len(t.Columns)
	t.Columns = append(t.Columns, Column{Level: gazetteer.National.String(), National: true})
	locs := s.Localities(level)
	for _, l := range locs {
		t.Columns = append(t.Columns, Column{Name: l.Name, Code: l.Code, Level: l.Level.String(), Group: l.Group,
			Of2025: l.Of2025, Note: l.Note, NoteVI: l.NoteVI, Former: l.Former})
	}
	want := map[string]bool{}
	for _, id := range opt.Indicators {
		want[id] = true
	}
	// The rows: every (indicator, year) some column has.
	type rowKey struct {
		ind  string
		year int
	}
	rows := map[rowKey]bool{}
	for k := range s.latest {
		if l := s.locs[k.loc]; l != nil && l.Level == level {
			rows[rowKey{k.indicator, k.year}] = true
		}
	}
	if len(want) > 0 {
		// Asked for: the national reference alone makes a row.
		for k := range s.refs {
			rows[rowKey{k.indicator, k.year}] = true
		}
	}
	order := s.indicatorOrder()
	var keys []rowKey
	for k := range rows {
		if (opt.Year != 0 && k.year != opt.Year) || (len(want) > 0 && !want[k.ind]) {
			continue
		}
		if IsLabelID(k.ind) && !opt.Labels && !want[k.ind] {
			continue
		}
		if opt.Domain != "" {
			if ind := s.cat.Indicator(k.ind); ind == nil || ind.Domain != opt.Domain {
				continue
			}
		}
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		if oi, oj := order[keys[i].ind], order[keys[j].ind]; oi != oj {
			return oi < oj
		}
		return keys[i].year < keys[j].year
	})
	domains := map[string]bool{}
	for _, k := range keys {
		if ind := s.cat.Indicator(k.ind); ind != nil {
			domains[ind.Domain] = true
		}
	}
	if len(keys) == 0 {
		for _, b := range s.dom.Bundles {
			domains[b.Name] = opt.Domain == "" || opt.Domain == b.Name
		}
	}
	t.Columns[national].Name = "Việt Nam" + s.decisions(domains)
	for _, k := range keys {
		row := Row{Indicator: k.ind, Label: s.Label(k.ind), Year: k.year}
		if ind := s.cat.Indicator(k.ind); ind != nil {
			row.Unit = ind.Unit
		}
		if IsLabelID(k.ind) {
			row.Unit = rules.Unit(-1)
			for _, l := range locs {
				if f := s.Figure(l, k.ind, k.year); f != nil {
					row.Unit = f.Record.Unit
					break
				}
			}
		}
		var ref Cell
		if r := s.Reference(k.ind, k.year); r != nil {
			v := r.Value
			ref = Cell{Text: num(v), Value: &v, Reference: r}
		}
		row.Cells = append(row.Cells, ref)
		for _, l := range locs {
			var c Cell
			if f := s.Figure(l, k.ind, k.year); f != nil {
				rec := f.Record
				c = Cell{Text: rec.Qualified(false), Record: &rec, Others: f.Others}
				if rec.Unit != rules.Status {
					v := rec.Value
					c.Value = &v
				}
			}
			row.Cells = append(row.Cells, c)
		}
		t.Rows = append(t.Rows, row)
	}
	return t
}

// name is how a text table names a row: its indicator's ID, or, for
// targets grouped by label, the label.
func (r Row) name() string {
	if IsLabelID(r.Indicator) {
		return r.Label + " (" + r.Unit.String() + ")"
	}
	return r.Indicator
}

// decisions names the decisions of the references of the domains, as the
// national column's title: " (QĐ 1373, 387, 677)"; "" when none.
func (s *Set) decisions(domains map[string]bool) string {
	var nums []string
	seen := map[string]bool{}
	for _, b := range s.dom.Bundles {
		if !domains[b.Name] {
			continue
		}
		for _, r := range b.References {
			n, _, _ := strings.Cut(r.Decision, "/")
			if !seen[n] {
				seen[n] = true
				nums = append(nums, n)
			}
		}
	}
	if len(nums) == 0 {
		return ""
	}
	return " (QĐ " + strings.Join(nums, ", ") + ")"
}
