package web

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/chitieu/chitieu/compare"
	"github.com/chitieu/chitieu/extract/targets"
	"github.com/chitieu/chitieu/index"
)

// The JSON API mirrors the CLI: search results as 'chitieu search --json',
// target records in the public record format, tables and findings as
// 'chitieu compare/audit --format json'.

func (s *Server) apiSearch(w http.ResponseWriter, r *http.Request) {
	q, err := param(r, "q")
	var limit, offset int
	if err == nil {
		limit, err = intParam(r, "limit", 10, 1, 100)
	}
	if err == nil {
		offset, err = intParam(r, "offset", 0, 0, maxOffset)
	}
	if err != nil {
		apiFail(w, err)
		return
	}
	res, err := s.ix.Search(r.Context(), index.Request{Query: q, Limit: limit, Offset: offset,
		Facets: r.URL.Query().Get("facets") != "", Targets: r.URL.Query().Get("targets") != ""})
	if err != nil {
		apiFail(w, err)
		return
	}
	writeJSON(w, http.StatusOK, res)
}

// docView is a document with its records, for the API.
type docView struct {
	*index.Document
	Records []targets.Record `json:"records"`
}

func (s *Server) apiDoc(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	doc, err := s.ix.Document(r.Context(), id)
	if err != nil {
		apiFail(w, err)
		return
	}
	recs, err := s.ix.Targets(r.Context(), index.TargetFilter{DocID: id})
	if err != nil {
		apiFail(w, err)
		return
	}
	if recs == nil {
		recs = []targets.Record{}
	}
	writeJSON(w, http.StatusOK, docView{doc, recs})
}

func (s *Server) apiTargets(w http.ResponseWriter, r *http.Request) {
	var f index.TargetFilter
	var err error
	get := func(name string) string {
		v, e := param(r, name)
		if e != nil && err == nil {
			err = e
		}
		return v
	}
	if ind := get("indicator"); ind != "" {
		f.Indicators = strings.Split(ind, ",")
	}
	f.Province, f.District, f.DocID = get("province"), get("district"), get("doc")
	f.Query, _ = param(r, "q")
	if err == nil {
		f.Year, err = intParam(r, "year", 0, 0, 2100)
	}
	for _, b := range []struct {
		name string
		v    **float64
	}{{"min", &f.Min}, {"max", &f.Max}} {
		if v := get(b.name); v != "" && err == nil {
			n, perr := strconv.ParseFloat(v, 64)
			if perr != nil {
				err = &badParam{b.name}
			}
			*b.v = &n
		}
	}
	var limit, offset int
	if err == nil {
		limit, offset, err = pageParams(r, targetsLimit, targetsMax)
	}
	if err != nil {
		apiFail(w, err)
		return
	}
	recs, err := s.ix.Targets(r.Context(), f)
	if err != nil {
		apiFail(w, err)
		return
	}
	p := pageSlice(recs, limit, offset)
	writeJSON(w, http.StatusOK, struct {
		Total   int              `json:"total"`
		Records []targets.Record `json:"records"`
		Next    string           `json:"next_cursor"`
	}{p.Total, p.Items, p.NextCursor})
}

type badParam struct{ name string }

func (e *badParam) Error() string { return "bad query: " + e.name + " must be a number" }
func (e *badParam) Unwrap() error { return index.ErrBadQuery }

func (s *Server) apiCompare(w http.ResponseWriter, r *http.Request) {
	_, t, err := s.compareTable(r)
	if err != nil {
		apiFail(w, err)
		return
	}
	writeJSON(w, http.StatusOK, t)
}

func (s *Server) apiAudit(w http.ResponseWriter, r *http.Request) {
	asOf, err := param(r, "as_of")
	var set *compare.Set
	if err == nil {
		set, err = s.set(r.Context(), asOf)
	}
	if err != nil {
		apiFail(w, err)
		return
	}
	ff, err := findingFilterOf(r)
	var limit, offset int
	if err == nil {
		limit, offset, err = pageParams(r, findingsLimit, findingsMax)
	}
	if err != nil {
		apiFail(w, err)
		return
	}
	p := pageSlice(ff.apply(set.Audit()), limit, offset)
	writeJSON(w, http.StatusOK, struct {
		Total    int               `json:"total"`
		Findings []compare.Finding `json:"findings"`
		Next     string            `json:"next_cursor"`
	}{p.Total, p.Items, p.NextCursor})
}
