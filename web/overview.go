package web

import (
	"cmp"
	"context"
	"net/http"
	"net/url"
	"slices"
	"strconv"

	"github.com/chitieu/chitieu/extract/gazetteer"
	"github.com/chitieu/chitieu/extract/targets"
	"github.com/chitieu/chitieu/index"
)

// overview is the corpus at a glance, on the home page under the search
// box: documents by province and year (each cell a link to the province's
// page), by type, the latest added, and the files that failed with their
// reasons.
type overview struct {
	Docs      int
	Years     []int // the columns, by the documents' dates
	Provinces []provinceRow
	Types     []typeCount
	Latest    []index.DocSummary
	Failures  []index.Failure
}

type provinceRow struct {
	Name, Code string
	Cells      []int // documents by Years
	Total      int
	URL        string // the province's page
}

type typeCount struct {
	Type  string
	Count int
	URL   string // a search of that type
}

// latestShown is how many of the latest documents the home page lists.
const latestShown = 8

// overview reads the index's documents and failures.
func (s *Server) overview(ctx context.Context) (*overview, error) {
	docs, err := s.documents(ctx)
	if err != nil {
		return nil, err
	}
	docs = withoutCopies(docs)
	st, err := s.ix.Status()
	if err != nil {
		return nil, err
	}
	o := &overview{Docs: len(docs), Failures: st.Failures}
	years := map[int]bool{}
	rows := map[string]*provinceRow{}
	types := map[string]int{}
	for _, d := range docs {
		y := docYear(d.DocDate)
		if y != 0 {
			years[y] = true
		}
		name, code := d.Filing()
		if code == "" {
			name = ""
		}
		r := rows[code]
		if r == nil {
			r = &provinceRow{Name: name, Code: code}
			if code != "" {
				r.URL = "/province/" + url.PathEscape(code)
			}
			rows[code] = r
		}
		r.Total++
		types[d.DocType]++
	}
	for y := range years {
		o.Years = append(o.Years, y)
	}
	slices.Sort(o.Years)
	for _, r := range rows {
		r.Cells = make([]int, len(o.Years))
		o.Provinces = append(o.Provinces, *r)
	}
	for _, d := range docs {
		if i := slices.Index(o.Years, docYear(d.DocDate)); i >= 0 {
			_, code := d.Filing()
			for j := range o.Provinces {
				if o.Provinces[j].Code == code {
					o.Provinces[j].Cells[i]++
					break
				}
			}
		}
	}
	// Named provinces by name; the documents with none last.
	slices.SortFunc(o.Provinces, func(a, b provinceRow) int {
		if (a.Code == "") != (b.Code == "") {
			if a.Code == "" {
				return 1
			}
			return -1
		}
		return cmp.Compare(a.Name, b.Name)
	})
	for t, n := range types {
		tc := typeCount{Type: t, Count: n}
		if t != "" {
			tc.URL = searchURL("type:"+t, 0)
		}
		o.Types = append(o.Types, tc)
	}
	// The commonest first; documents of no known type last.
	slices.SortFunc(o.Types, func(a, b typeCount) int {
		return cmp.Or(boolCompare(a.Type == "", b.Type == ""), b.Count-a.Count, cmp.Compare(a.Type, b.Type))
	})
	latest := slices.Clone(docs)
	slices.SortStableFunc(latest, func(a, b index.DocSummary) int { return cmp.Compare(b.DocDate, a.DocDate) })
	o.Latest = latest[:min(len(latest), latestShown)]
	return o, nil
}

// withoutCopies returns docs without those that are another file of a
// document listed (index.DocSummary.CopyOf): a plan counts once.
func withoutCopies(docs []index.DocSummary) []index.DocSummary {
	return slices.DeleteFunc(docs, func(d index.DocSummary) bool { return d.CopyOf != "" })
}

// docYear is the year of a YYYY-MM-DD date, 0 if none.
func docYear(date string) int {
	if len(date) < 4 {
		return 0
	}
	y, _ := strconv.Atoi(date[:4])
	return y
}

// provinceData is a province's page: its own plans, then those of its
// districts and communes, each with its targets.
type provinceData struct {
	Name, Code string
	Of2025     bool     // a unit of 1 July 2025
	Absorbed   []string // the provinces of the 63 it holds
	Groups     []planGroup
}

type planGroup struct {
	Level string // message key: province, district, commune
	Plans []planView
}

type planView struct {
	Doc     index.DocSummary
	Targets []targets.Record
}

// provincePage is /province/{code}: a province of the 63, or with
// ?list=2025 a unit of 1 July 2025 with the plans of every province it
// absorbed.
func (s *Server) provincePage(w http.ResponseWriter, r *http.Request) {
	code := r.PathValue("code")
	g := gazetteer.Default()
	codes := []string{code} // the provinces of the 63 whose plans it lists
	name := ""
	var absorbed []string
	if r.URL.Query().Get("list") == "2025" {
		p := g.Place2025(code)
		if p == nil || p.Level != gazetteer.Province {
			s.errorPage(w, r, http.StatusNotFound, "not_found", code)
			return
		}
		name, codes = p.Display(""), nil
		for _, old := range g.Predecessors(p) {
			codes = append(codes, old.Place.Code)
			absorbed = append(absorbed, old.Place.Name)
		}
	}
	docs, err := s.documents(r.Context())
	docs = slices.DeleteFunc(withoutCopies(docs), func(d index.DocSummary) bool {
		_, code := d.Filing()
		return !slices.Contains(codes, code)
	})
	if err == nil && len(docs) == 0 {
		err = index.ErrNotFound
	}
	var recs []targets.Record
	for _, c := range codes {
		if err != nil {
			break
		}
		var rs []targets.Record
		rs, err = s.ix.Targets(r.Context(), index.TargetFilter{Province: c})
		recs = append(recs, rs...)
	}
	if err != nil {
		status, key := statusOf(err)
		s.errorPage(w, r, status, key, err.Error())
		return
	}
	byDoc := map[string][]targets.Record{}
	for _, rec := range recs {
		byDoc[rec.DocID] = append(byDoc[rec.DocID], rec)
	}
	d := provinceData{Code: code, Name: name, Of2025: absorbed != nil, Absorbed: absorbed}
	groups := map[string]*planGroup{}
	for _, doc := range docs {
		if name == "" && (d.Name == "" || doc.LocalityLevel == "province") {
			d.Name, _ = doc.Filing()
		}
		g := groups[doc.LocalityLevel]
		if g == nil {
			g = &planGroup{Level: doc.LocalityLevel}
			groups[doc.LocalityLevel] = g
		}
		g.Plans = append(g.Plans, planView{Doc: doc, Targets: byDoc[doc.ID]})
	}
	for _, l := range []string{"province", "district", "commune", "unknown"} {
		if g := groups[l]; g != nil {
			slices.SortFunc(g.Plans, func(a, b planView) int {
				return cmp.Or(cmp.Compare(a.Doc.Locality, b.Doc.Locality), cmp.Compare(b.Doc.DocDate, a.Doc.DocDate))
			})
			d.Groups = append(d.Groups, *g)
		}
	}
	s.render(w, r, http.StatusOK, "province", d.Name, d)
}

// boolCompare orders false before true.
func boolCompare(a, b bool) int {
	switch {
	case a == b:
		return 0
	case a:
		return 1
	}
	return -1
}
