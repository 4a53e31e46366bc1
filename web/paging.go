package web

import (
	"encoding/base64"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/chitieu/chitieu/extract/gazetteer"

	"github.com/chitieu/chitieu/compare"
	"github.com/chitieu/chitieu/index"
)

// Lists the API answers in pages: ?limit=N (bounded) and ?cursor=C, the
// next_cursor of the page before; next_cursor is "" on the last page.
type pageOf[T any] struct {
	Total      int
	Items      []T
	NextCursor string
}

// Bounds of the pages of the API.
const (
	targetsLimit, targetsMax   = 1000, 10000
	findingsLimit, findingsMax = 100, 1000
	auditPageSize              = 50 // findings on an /audit page
)

// pageParams reads limit and cursor.
func pageParams(r *http.Request, def, max int) (limit, offset int, err error) {
	limit, err = intParam(r, "limit", def, 1, max)
	if err != nil {
		return 0, 0, err
	}
	c, err := param(r, "cursor")
	if err != nil || c == "" {
		return limit, 0, err
	}
	b, derr := base64.RawURLEncoding.DecodeString(c)
	n, aerr := strconv.Atoi(strings.TrimPrefix(string(b), "o"))
	if derr != nil || aerr != nil || n < 0 || !strings.HasPrefix(string(b), "o") {
		return 0, 0, fmt.Errorf("%w: cursor %q is not one this server gave", index.ErrBadQuery, c)
	}
	return limit, n, nil
}

func cursorAt(offset int) string {
	return base64.RawURLEncoding.EncodeToString([]byte("o" + strconv.Itoa(offset)))
}

// pageSlice cuts one page out of xs.
func pageSlice[T any](xs []T, limit, offset int) pageOf[T] {
	p := pageOf[T]{Total: len(xs), Items: []T{}}
	if offset < len(xs) {
		end := min(len(xs), offset+limit)
		p.Items = xs[offset:end]
		if end < len(xs) {
			p.NextCursor = cursorAt(end)
		}
	}
	return p
}

// findingFilter selects findings by rule, severity and province.
type findingFilter struct {
	Rule, Severity, Province string
}

func findingFilterOf(r *http.Request) (findingFilter, error) {
	var f findingFilter
	var err error
	for _, p := range []struct {
		name string
		v    *string
	}{{"rule", &f.Rule}, {"severity", &f.Severity}, {"province", &f.Province}} {
		if *p.v, err = param(r, p.name); err != nil {
			return f, err
		}
	}
	if f.Rule != "" && !knownRule(f.Rule) {
		return f, fmt.Errorf("%w: no rule %q", index.ErrBadQuery, f.Rule)
	}
	if f.Severity != "" && f.Severity != "error" && f.Severity != "warning" && f.Severity != "info" {
		return f, fmt.Errorf("%w: severity is error, warning or info", index.ErrBadQuery)
	}
	return f, nil
}

func knownRule(id string) bool {
	for _, r := range compare.Rules {
		if r.ID == id {
			return true
		}
	}
	return false
}

// keep reports whether a finding passes the filter. A province is
// matched by its name, with or without diacritics and "Tỉnh", or its
// code, against the finding's locality and its evidence's provinces.
func (f findingFilter) keep(x compare.Finding) bool {
	if f.Rule != "" && x.Rule != f.Rule || f.Severity != "" && x.Severity.String() != f.Severity {
		return false
	}
	if f.Province == "" {
		return true
	}
	want := placeKey(f.Province)
	if placeKey(x.Locality) == want {
		return true
	}
	for _, e := range x.Evidence {
		if placeKey(e.Province) == want || e.ProvinceCode == f.Province || placeKey(e.Province2025) == want {
			return true
		}
	}
	return false
}

// placeKey folds a place name for matching: no diacritics, no case, no
// "tỉnh"/"thành phố" in front.
func placeKey(s string) string { return gazetteer.BareKey(s) }

func (f findingFilter) apply(fs []compare.Finding) []compare.Finding {
	out := []compare.Finding{}
	for _, x := range fs {
		if f.keep(x) {
			out = append(out, x)
		}
	}
	return out
}
