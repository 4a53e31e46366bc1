package main

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/chitieu/chitieu/extract/gazetteer"
	"github.com/chitieu/chitieu/index"
)

var placesCommand = &command{
	name:    "places",
	summary: "what a place name resolves to, before and after 1 July 2025",
	usage: `places [--as-of DATE] [--province NAME] [--gazetteer FILE] [--format table|json] QUERY...

Prints every administrative unit QUERY can name: its code, level, type and
name, the units above it, the dates it was in force, and how the
arrangement of 1 July 2025 links it to the units of the other side (the new
commune(s) an old commune or district went to, the old units a new commune
was formed from; "part" where a unit was split). The words of QUERY are
joined: 'chitieu places xã Tân Phú, tỉnh Đồng Nai' needs no quotes. Case
and diacritics do not matter; abbreviations (TP., TX., Q.1, H., P.) are
read. A name with no type word is looked up at every level.

Units of the 2025 list are marked "+" before their code: their codes are
of that list (Decision 19/2025/QĐ-TTg) and reuse numbers of the old one.

--as-of keeps the units in force on that date (YYYY-MM-DD): a commune of a
plan of 2023 is one of the 10,035 communes, of a plan of 2026 one of the
3,321. --province keeps the units in that province (old or new), as a
document's issuer would. --gazetteer adds places from a CSV file, as for
'chitieu extract'.

Exits 1 when nothing is known by that name.
`,
	run: runPlaces,
}

// placeJSON is one unit as 'places --format json' prints it.
type placeJSON struct {
	Code         string      `json:"code"`
	List         string      `json:"list"` // "2025-06-30" or "2025-07-01": which list the code is of
	Name         string      `json:"name"`
	Type         string      `json:"type"`
	Level        string      `json:"level"`
	District     *unitJSON   `json:"district,omitempty"`
	Province     *unitJSON   `json:"province,omitempty"`
	Province2025 *unitJSON   `json:"province_2025,omitempty"`
	Since        string      `json:"since,omitempty"`
	Until        string      `json:"until,omitempty"`
	Successors   []shareJSON `json:"successors,omitempty"`
	Predecessors []shareJSON `json:"predecessors,omitempty"`
}

type unitJSON struct {
	Code string `json:"code"`
	Name string `json:"name"`
}

type shareJSON struct {
	unitJSON
	Part bool `json:"part,omitempty"`
}

func runPlaces(x *call) error {
	fs, stdout, stderr := x.fs, x.stdout, x.stderr
	asOf := fs.String("as-of", "", "keep the units in force on this date (YYYY-MM-DD)")
	prov := fs.String("province", "", "keep the units in this province")
	gazFile := fs.String("gazetteer", "", "CSV of more places (code,name,level,parent_code)")
	format := fs.String("format", "table", "table or json")
	rest, err := x.parse()
	if err != nil {
		return err
	}
	query := strings.TrimSpace(strings.Join(rest, " "))
	if query == "" {
		return x.usagef("no QUERY (a place name, such as 'xã Cần Giuộc')")
	}
	if _, err := pickFormat(x, *format, tableOrJSON...); err != nil {
		return err
	}
	if *asOf != "" {
		if _, err := time.Parse("2006-01-02", *asOf); err != nil {
			return x.usagef("--as-of %q is not a date like 2025-07-01", *asOf)
		}
	}
	g, err := index.IngestJob{Gazetteer: *gazFile}.Places()
	if err != nil {
		return err
	}
	var within []*gazetteer.Place
	if *prov != "" {
		for _, p := range g.Query(*prov, "", nil) {
			if p.Level == gazetteer.Province {
				within = append(within, p)
			}
		}
		if len(within) == 0 {
			return x.usagef("--province %q is no province", *prov)
		}
	}
	found := g.Query(query, *asOf, within)
	if len(found) == 0 {
		fmt.Fprintf(stderr, "chitieu places: no place known as %q\n", query)
		return exitError(exitFailed)
	}
	out := make([]placeJSON, len(found))
	for i, p := range found {
		out[i] = describePlace(g, p)
	}
	if *format == "json" {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(out)
	}
	return printPlaces(stdout, query, *asOf, out)
}

// describePlace returns p with its parents and its links across the
// reform.
func describePlace(g *gazetteer.Gazetteer, p *gazetteer.Place) placeJSON {
	unit := func(q *gazetteer.Place) *unitJSON {
		if q == nil {
			return nil
		}
		return &unitJSON{Code: q.Code, Name: q.Display("")}
	}
	shares := func(ss []gazetteer.Share) []shareJSON {
		out := make([]shareJSON, 0, len(ss))
		for _, s := range ss {
			out = append(out, shareJSON{unitJSON: *unit(s.Place), Part: s.Part})
		}
		return out
	}
	j := placeJSON{Code: p.Code, List: "2025-06-30", Name: p.Name, Type: p.Type, Level: p.Level.String(), Since: p.Since, Until: p.Until}
	if p.New() {
		j.List = gazetteer.ReformDate
		j.Predecessors = shares(g.Predecessors(p))
	} else {
		j.Province = unit(g.Province(p))
		if p.Level == gazetteer.Commune {
			j.District = unit(g.Place(p.Parent))
		}
		if p.Level > gazetteer.Province {
			j.Successors = shares(g.Successors(p))
		}
	}
	if u := g.Province2025(p); u != nil && u != p {
		j.Province2025 = unit(u)
	}
	return j
}

// printPlaces writes the units as a table.
func printPlaces(w io.Writer, query, asOf string, ps []placeJSON) error {
	head := fmt.Sprintf("%q: %d units", query, len(ps))
	if len(ps) == 1 {
		head = fmt.Sprintf("%q: 1 unit", query)
	}
	if asOf != "" {
		head += " in force on " + asOf
	}
	fmt.Fprintln(w, head)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "CODE\tLEVEL\tNAME\tIN\tIN FORCE\t1 JULY 2025")
	for _, p := range ps {
		code := p.Code
		if p.List == gazetteer.ReformDate {
			code = "+" + code
		}
		var in []string
		for _, u := range []*unitJSON{p.District, p.Province} {
			if u != nil {
				in = append(in, u.Name)
			}
		}
		if p.List == gazetteer.ReformDate && p.Province2025 != nil {
			in = append(in, p.Province2025.Name)
		}
		valid := "until " + dmy(p.Until)
		switch {
		case p.Since != "":
			valid = "from " + dmy(p.Since)
		case p.Until == "":
			valid = "merged before 2025"
		}
		link := ""
		switch {
		case p.Predecessors != nil:
			link = "formed from " + shareList(p.Predecessors, false)
		case p.Successors != nil:
			link = "→ " + shareList(p.Successors, true)
		case p.Province2025 != nil:
			link = "→ +" + p.Province2025.Code + " " + p.Province2025.Name
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", code, p.Level, displayName(p), strings.Join(in, ", "), valid, link)
	}
	return tw.Flush()
}

// displayName writes a unit's type and name: "Xã Tân Phú".
func displayName(p placeJSON) string {
	return (&gazetteer.Place{Name: p.Name, Type: p.Type}).Display("")
}

// shareList writes links as "+00004 Phường Ba Đình (part), ...", at most
// eight of them.
func shareList(ss []shareJSON, plus bool) string {
	var parts []string
	for i, s := range ss {
		if i == 8 {
			parts = append(parts, fmt.Sprintf("and %d more", len(ss)-i))
			break
		}
		c := s.Code
		if plus {
			c = "+" + c
		}
		t := c + " " + s.Name
		if s.Part {
			t += " (part)"
		}
		parts = append(parts, t)
	}
	return strings.Join(parts, ", ")
}

// dmy writes a YYYY-MM-DD date as dd/mm/yyyy.
func dmy(d string) string {
	t, err := time.Parse("2006-01-02", d)
	if err != nil {
		return d
	}
	return t.Format("02/01/2006")
}
