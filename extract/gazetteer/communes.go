package gazetteer

import (
	"compress/gzip"
	"fmt"
	"sort"
	"strings"
)

// ReformDate is the first day of the two-level local government: from 1
// July 2025 Vietnam has 34 provinces and 3,321 communes, and no district
// level. Dates are compared as "YYYY-MM-DD" strings.
const ReformDate = "2025-07-01"

// lastDay is the last day of the units before the reform.
const lastDay = "2025-06-30"

// A Share is one link of the 2025 arrangement: a unit, and whether only
// part of the other side's territory is concerned.
type Share struct {
	Place *Place
	Part  bool // only part of the old unit went to (or came from) this one
}

// communes is the commune level of both eras, read from the embedded
// files on first use: ten thousand names that most commands never need.
type communes struct {
	old   map[string]*Place // 30 June 2025, by GSO code
	new   map[string]*Place // 1 July 2025, by 2025 code
	succ  map[string][]Share
	pred  map[string][]Share
	index map[string][]name
	fold  map[string][]name
	err   error
}

// loadCommunes reads the commune files; g supplies the districts and the
// 2025 provinces they hang from.
func loadCommunes(g *Gazetteer) *communes {
	c := &communes{old: map[string]*Place{}, new: map[string]*Place{}, succ: map[string][]Share{}, pred: map[string][]Share{}}
	rows, err := readGz("data/communes.csv.gz", 4)
	if err != nil {
		c.err = err
		return c
	}
	for _, r := range rows {
		if d := g.places[r[3]]; d == nil || d.Level != District {
			c.err = fmt.Errorf("communes.csv.gz: %s has unknown district %q", r[0], r[3])
			return c
		}
		c.old[r[0]] = &Place{Code: r[0], Name: r[1], Type: r[2], Level: Commune, Parent: r[3], Typed: true, Until: lastDay}
	}
	rows, err = readGz("data/communes2025.csv.gz", 5)
	if err != nil {
		c.err = err
		return c
	}
	for _, r := range rows {
		if g.new[r[3]] == nil {
			c.err = fmt.Errorf("communes2025.csv.gz: %s has unknown province %q", r[0], r[3])
			return c
		}
		p := &Place{Code: r[0], Name: r[1], Type: r[2], Level: Commune, Parent: r[3], Typed: true, Since: ReformDate}
		c.new[p.Code] = p
		for _, f := range strings.Split(r[4], "|") {
			code, part := strings.CutSuffix(f, "*")
			old := c.old[code]
			if old == nil {
				old = g.places[code]
			}
			if old == nil {
				c.err = fmt.Errorf("communes2025.csv.gz: %s is formed from unknown unit %q", p.Code, f)
				return c
			}
			c.pred[p.Code] = append(c.pred[p.Code], Share{Place: old, Part: part})
			c.succ[code] = append(c.succ[code], Share{Place: p, Part: part})
		}
	}
	c.index, c.fold = map[string][]name{}, map[string][]name{}
	for _, m := range []map[string]*Place{c.old, c.new} {
		for _, p := range byCode(m) {
			for _, s := range append([]string{p.Name}, spellings(p.Name)...) {
				addName(c.index, c.fold, s, p, false)
			}
		}
	}
	return c
}

// spellings returns the other ways a name is commonly written: the
// Central Highlands' "Đắk" is also written "Đăk" (and "Đak"), by the state
// itself from one document to the next.
func spellings(name string) []string {
	var out []string
	for _, v := range [][2]string{{"Đắk", "Đăk"}, {"Đăk", "Đắk"}, {"Đắk", "Đak"}} {
		if strings.Contains(name, v[0]) {
			out = append(out, strings.ReplaceAll(name, v[0], v[1]))
		}
	}
	return out
}

// readGz reads an embedded gzip-compressed CSV file of n fields a row.
func readGz(path string, n int) ([][]string, error) {
	f, err := data.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	rows, err := readCSV(zr, n, false)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return rows, nil
}

// communes returns the commune level, loading it on first use.
func (g *Gazetteer) communes() *communes {
	if g.com == nil {
		return &communes{}
	}
	return g.com()
}

// Err reports whether the embedded commune lists could not be read (a
// broken build); the gazetteer then knows provinces and districts only.
func (g *Gazetteer) Err() error { return g.communes().err }

// Commune returns the commune of 30 June 2025 with the GSO code, or nil.
func (g *Gazetteer) Commune(code string) *Place { return g.communes().old[code] }

// Place2025 returns the unit of 1 July 2025 with the 2025 code: a province
// (2 digits) or a commune (5 digits), or nil.
func (g *Gazetteer) Place2025(code string) *Place {
	if p := g.new[code]; p != nil {
		return p
	}
	return g.communes().new[code]
}

// Communes returns every commune of 30 June 2025, by code.
func (g *Gazetteer) Communes() []*Place { return byCode(g.communes().old) }

// Communes2025 returns every commune of 1 July 2025, by code.
func (g *Gazetteer) Communes2025() []*Place { return byCode(g.communes().new) }

// Predecessors returns the units of 30 June 2025 whose territory the 2025
// unit p holds: communes (or a district with no communes) for a commune,
// provinces for a province. nil for a unit that is not of 2025.
func (g *Gazetteer) Predecessors(p *Place) []Share {
	if p == nil || p.Since == "" {
		return nil
	}
	if p.Level == Province {
		var out []Share
		for _, old := range g.Places() {
			if old.Level == Province && g.to2025[old.Code] == p.Code {
				out = append(out, Share{Place: old})
			}
		}
		return out
	}
	return g.communes().pred[p.Code]
}

// Successors returns the 2025 units that hold the territory of p, a unit
// of 30 June 2025: the new commune(s) of a commune (several where it was
// split, each marked Part), of a district (those of all its communes), and
// the new province of a province. A 2025 unit is its own successor.
func (g *Gazetteer) Successors(p *Place) []Share {
	switch {
	case p == nil:
		return nil
	case p.Since != "":
		return []Share{{Place: p}}
	case p.Level <= Province:
		if u := g.Province2025(p); u != nil {
			return []Share{{Place: u}}
		}
		return nil
	case p.Level == Commune:
		return g.communes().succ[p.Code]
	}
	// A district: the new communes of its communes, each once; a new
	// commune that also took land from outside the district is still
	// whole only if every share from inside was whole.
	c := g.communes()
	seen := map[*Place]int{}
	var out []Share
	add := func(s Share) {
		if i, ok := seen[s.Place]; ok {
			out[i].Part = out[i].Part && s.Part
			return
		}
		seen[s.Place] = len(out)
		out = append(out, s)
	}
	for _, s := range c.succ[p.Code] { // an island district with no communes
		add(s)
	}
	for _, cm := range c.byDistrict(p.Code) {
		for _, s := range c.succ[cm.Code] {
			add(s)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Place.Code < out[j].Place.Code })
	return out
}

// byDistrict returns the communes of a district.
func (c *communes) byDistrict(code string) []*Place {
	var out []*Place
	for _, p := range c.old {
		if p.Parent == code {
			out = append(out, p)
		}
	}
	return out
}

// Commune2025 returns the one commune of 1 July 2025 that holds all of p's
// territory, or nil when p went to several (or is a province): the old
// commune of a one-to-one arrangement, an island district that became a
// special zone, or p itself for a 2025 commune.
func (g *Gazetteer) Commune2025(p *Place) *Place {
	if p == nil || p.Level < District {
		return nil
	}
	s := g.Successors(p)
	if len(s) != 1 || s[0].Place.Level != Commune {
		return nil
	}
	if p.Level == Commune && s[0].Part {
		return nil
	}
	return s[0].Place
}

// Namesake returns the province of the 63 whose name the 2025 province
// that holds p carries (Tây Ninh of the 63 for the Tây Ninh of 2025, which
// also holds Long An): the old province whose plans the new one's are, and
// under which a 2025 unit is filed where only the old list has codes. nil
// when p's 2025 province is unknown.
func (g *Gazetteer) Namesake(p *Place) *Place {
	u := g.Province2025(p)
	if u == nil {
		return nil
	}
	return g.places[g.namesake[u.Code]]
}

// Valid reports whether p was in force on date ("YYYY-MM-DD"; "" means
// any date).
func (p *Place) Valid(date string) bool {
	if date == "" {
		return true
	}
	return (p.Since == "" || date >= p.Since) && (p.Until == "" || date <= p.Until)
}

// AtDate keeps the places in force on date, and all of them if none is.
func AtDate(places []*Place, date string) []*Place {
	var out []*Place
	for _, p := range places {
		if p.Valid(date) {
			out = append(out, p)
		}
	}
	if len(out) == 0 {
		return places
	}
	return out
}
