package web

import (
	_ "embed"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/chitieu/chitieu/compare"
	"github.com/chitieu/chitieu/extract/gazetteer"
	"github.com/chitieu/chitieu/extract/rules"
	"github.com/chitieu/chitieu/index"
)

// The map: a choropleth of one indicator and year across the provinces,
// drawn by the server as SVG like the chart. Its shapes (mapdata/
// provinces.txt, made by mapdata/gen.go) are those of the 63 provinces
// and, as the union of the provinces each absorbed, of the 34 units of 1
// July 2025: the map uses the geography of its as_of date, as the
// comparison groups localities.

//go:embed mapdata/provinces.txt
var provincesTxt string

// A shape is one province's outline.
type shape struct {
	Code, Name string
	D          string // SVG path data
}

// geography is the shapes of one list of provinces, by code.
type geography struct {
	Shapes []shape
	byCode map[string]int
}

// mapShapes reads provincesTxt: the geographies "63" and "34", and the
// frame's width and height.
var mapShapes = sync.OnceValues(func() (map[string]*geography, [2]int) {
	geos := map[string]*geography{"63": {byCode: map[string]int{}}, "34": {byCode: map[string]int{}}}
	var frame [2]int
	for line := range strings.Lines(provincesTxt) {
		line = strings.TrimRight(line, "\n")
		if f, ok := strings.CutPrefix(line, "# frame "); ok {
			fmt.Sscan(f, &frame[0], &frame[1])
			continue
		}
		if line == "" || line[0] == '#' {
			continue
		}
		cols := strings.Split(line, "\t")
		if len(cols) != 4 || geos[cols[0]] == nil {
			panic("web: mapdata/provinces.txt: bad line " + strconv.Quote(line[:min(len(line), 40)]))
		}
		g := geos[cols[0]]
		g.byCode[cols[1]] = len(g.Shapes)
		g.Shapes = append(g.Shapes, shape{Code: cols[1], Name: cols[2], D: cols[3]})
	}
	return geos, frame
})

// mapData is the map page.
type mapData struct {
	Indicator  string
	Year       int
	AsOf       string
	Geography  string // "63" or "34"
	Indicators []*rules.Indicator
	Years      []int
	Label      string
	Reference  string // the national reference, "" if none
	Width      int
	Height     int
	Areas      []mapArea
	Missing    []mapArea // localities with a figure but no shape (a place the gazetteer lacks)
	Basis      string    // why nothing is coloured, when the reference counts other units
}

// A mapArea is one province on the map.
type mapArea struct {
	Code, Name string
	D          string
	Class      string // gap-* as in the comparison, "nodata" without a figure, "" for a figure not coloured
	Text       string // the figure, "" if none
	URL        string // its plans
	Value      float64
	HasValue   bool
}

// mapPage is /map?indicator=&year=&as_of=.
func (s *Server) mapPage(w http.ResponseWriter, r *http.Request) {
	d, err := s.mapView(r)
	if err != nil {
		status, key := statusOf(err)
		s.errorPage(w, r, status, key, err.Error())
		return
	}
	s.render(w, r, http.StatusOK, "map", text(lang(r), "map"), d)
}

func (s *Server) mapView(r *http.Request) (*mapData, error) {
	d := &mapData{Years: []int{2025, 2030}, Year: 2025}
	var err error
	if d.Year, err = intParam(r, "year", 2025, 1945, 2100); err != nil {
		return nil, err
	}
	if d.Indicator, err = param(r, "indicator"); err != nil {
		return nil, err
	}
	if d.AsOf, err = param(r, "as_of"); err != nil {
		return nil, err
	}
	for _, ind := range s.catalog().Indicators {
		if ind.Unit == rules.Percent {
			d.Indicators = append(d.Indicators, ind)
		}
	}
	if d.Indicator != "" && !slices.ContainsFunc(d.Indicators, func(i *rules.Indicator) bool { return i.ID == d.Indicator }) {
		return nil, fmt.Errorf("%w: no percentage indicator %q", index.ErrBadQuery, d.Indicator)
	}
	set, err := s.set(r.Context(), d.AsOf)
	if err != nil {
		return nil, err
	}
	opt := compare.TableOptions{Year: d.Year, Level: gazetteer.Province}
	if d.Indicator != "" {
		opt.Indicators = []string{d.Indicator}
	}
	t := set.Table(opt)
	row := percentRow(t, d.Indicator)
	if row != nil {
		d.Indicator, d.Label = row.Indicator, row.Label
	}
	geos, frame := mapShapes()
	d.Geography = "63"
	if t.AsOf >= gazetteer.ReformDate {
		d.Geography = "34"
	}
	geo := geos[d.Geography]
	d.Width, d.Height = frame[0], frame[1]
	d.Areas = make([]mapArea, len(geo.Shapes))
	for i, sh := range geo.Shapes {
		d.Areas[i] = mapArea{Code: sh.Code, Name: sh.Name, D: sh.D, Class: "nodata", URL: provinceURL(sh.Code, d.Geography == "34")}
	}
	if row == nil {
		return d, nil
	}
	var ref *compare.Reference
	for _, c := range row.Cells {
		if c.Reference != nil {
			ref = c.Reference
			d.Reference = percent(c.Text)
		}
	}
	// Each area's figures: a province's own, or under the 34 those of the
	// unit's own plans and of the provinces it absorbed.
	type part struct {
		name, text, class string
		value             float64
		own               bool // the unit's own plan (of the 2025 list)
	}
	parts := map[string][]part{}
	g := gazetteer.Default()
	for i, col := range t.Columns {
		c := row.Cells[i]
		if col.National || c.Value == nil {
			continue
		}
		class, note := gap(c, ref, row.Unit, lang(r))
		if note != "" {
			d.Basis = note
		}
		code := col.Code
		if d.Geography == "34" && !col.Of2025 {
			code = ""
			if u := g.Province2025(g.Place(col.Code)); u != nil {
				code = u.Code
			}
		}
		p := part{name: col.Name, text: percent(c.Text), class: class, value: *c.Value, own: col.Of2025 == (d.Geography == "34")}
		if _, ok := geo.byCode[code]; !ok || col.Of2025 && d.Geography == "63" {
			d.Missing = append(d.Missing, mapArea{Name: col.Name, Class: class, Text: p.text})
			continue
		}
		parts[code] = append(parts[code], p)
	}
	for code, ps := range parts {
		a := &d.Areas[geo.byCode[code]]
		a.HasValue, a.Class = true, ps[0].class
		own := slices.IndexFunc(ps, func(p part) bool { return p.own })
		if own >= 0 {
			a.Text, a.Value, a.Class = ps[own].text, ps[own].value, ps[own].class
			continue
		}
		// A unit of 2025 read through the plans of the provinces it
		// absorbed: coloured only when every one of them has a figure
		// and they fall in the same class.
		var texts []string
		for _, p := range ps {
			_, bare := gazetteer.SplitType(p.name)
			texts = append(texts, bare+": "+p.text)
			if p.class != a.Class {
				a.Class = ""
			}
		}
		a.Text, a.Value = strings.Join(texts, "; "), ps[0].value
		if n := len(g.Predecessors(g.Place2025(code))); len(ps) < n || a.Class == "" {
			a.Class = ""
			a.Text += " (" + fmt.Sprintf(text(lang(r), "map_parts"), len(ps), n) + ")"
		}
	}
	return d, nil
}

// percent writes a percentage cell's figure with its sign: "≥60" → "≥60%".
func percent(text string) string {
	if text == "" || strings.HasSuffix(text, "%") {
		return text
	}
	return text + "%"
}

// provinceURL is the page of a province's plans: of the 63, or of a unit
// of 2025 (the plans of the provinces it absorbed).
func provinceURL(code string, of2025 bool) string {
	u := "/province/" + url.PathEscape(code)
	if of2025 {
		u += "?list=2025"
	}
	return u
}

// percentRow returns the row of indicator, or when indicator is "" the
// percentage row that most localities fill; nil if there is none.
func percentRow(t *compare.Table, indicator string) *compare.Row {
	var row *compare.Row
	best := 0
	for i := range t.Rows {
		r := &t.Rows[i]
		if r.Unit != rules.Percent || (indicator != "" && r.Indicator != indicator) {
			continue
		}
		n := 0
		for _, c := range r.Cells[1:] {
			if c.Value != nil {
				n++
			}
		}
		if n > best || row == nil {
			row, best = r, n
		}
	}
	return row
}
