// Package rules reads what a plan's sentences and tables say of their
// figures: the values ("50%", "từ 70% đến 80%", "101/101 xã", "mức độ 2",
// "một trăm phần trăm"), the measure each counts and the catalog entry that
// fits it, the year, the modality (achieve, maintain, strive) and the cues
// that tell a target from a result or a quotation of another plan. The
// grammar is a set of named passes over one sentence (grammar.go, bind.go),
// each a rule of administrative writing; Sentence and Table return
// Mentions, and what a sentence leaves open (a section's year) is for the
// caller.
//
// The catalog and the cue words are data: a policy domain's catalog.txt
// (extract/domain holds the built-in ones) and cues.txt, embedded here,
// each documented in its own header; ParseCatalog reads a catalog, Join
// puts the catalogs of several domains together. Matching is on the folded text
// (vntext.Fold), so diacritic and tone-placement variants and common typos
// ("công đồng") match; every position reported is a byte offset into the
// document's text.
package rules

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/chitieu/chitieu/extract/vntext"
)

// Unit is what a target's value measures.
type Unit int

// Units. A catalog entry measures one of the first four; a figure no
// entry fits may also be a rate per year or money.
const (
	Percent Unit = iota
	Level
	Status
	Count
	PercentPerYear // "giảm bình quân 1,5%/năm"
	Money          // in đồng: "80 triệu đồng/người/năm" is 80,000,000
)

var unitNames = []string{"percent", "level", "status", "count", "percent_per_year", "money"}

func (u Unit) String() string { return enumName(unitNames, u, "unknown") }

// MarshalText writes the unit's name.
func (u Unit) MarshalText() ([]byte, error) { return []byte(u.String()), nil }

// UnmarshalText reads a unit's name.
func (u *Unit) UnmarshalText(b []byte) error { return enumParse(unitNames, b, u, "unit") }

// An Indicator is one entry of the catalog.
type Indicator struct {
	ID       string
	Unit     Unit
	Label    string // Vietnamese
	English  string
	Terms    [][]Pattern // every group must match, one pattern of each
	Subject  []Pattern   // what the value counts, right after it
	Not      []Pattern
	Priority int
	// Domain names the policy domain whose catalog holds the entry
	// ("hoctap"); set by whoever loads the catalog as part of a domain.
	Domain string
}

// A Pattern is a phrase of the catalog as the keys of its words.
type Pattern struct {
	Text string   // as written in the catalog
	Keys []string // matchKey of each word
}

// A Catalog is a set of indicators with an index of their patterns. It is
// safe for concurrent use.
type Catalog struct {
	Indicators []*Indicator
	byID       map[string]*Indicator
	index      map[string][]patRef // first key → patterns starting with it
	// statusWords are the folded first words of the standards and titles
	// a sentence may state with no figure: a sentence with no figure and
	// none of them has nothing to read.
	statusWords []string
}

// patRef locates a pattern in the catalog.
type patRef struct {
	ind   int
	group int // >= 0: Terms[group]; groupSubject; groupNot
	pat   *Pattern
}

const (
	groupSubject = -1
	groupNot     = -2
)

// Indicator returns the entry with the ID, or nil.
func (c *Catalog) Indicator(id string) *Indicator { return c.byID[id] }

// ErrCatalog is the sentinel of catalog syntax errors.
var ErrCatalog = errors.New("rules: catalog")

// ParseCatalog reads a catalog in the format documented at the top of
// extract/domain/data/hoctap/catalog.txt.
func ParseCatalog(r io.Reader) (*Catalog, error) {
	c := &Catalog{byID: map[string]*Indicator{}, index: map[string][]patRef{}}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	var cur *Indicator
	n := 0
	fail := func(format string, args ...any) error {
		return fmt.Errorf("%w: line %d: %s", ErrCatalog, n, fmt.Sprintf(format, args...))
	}
	finish := func() error {
		if cur == nil {
			return nil
		}
		if len(cur.Terms) == 0 {
			return fail("%s: no terms", cur.ID)
		}
		c.Indicators = append(c.Indicators, cur)
		c.byID[cur.ID] = cur
		return nil
	}
	unitSet := false
	for sc.Scan() {
		n++
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		key, val, ok := strings.Cut(line, ":")
		if !ok {
			return nil, fail("want key: value, got %q", line)
		}
		key, val = strings.TrimSpace(key), strings.TrimSpace(val)
		if key != "id" && cur == nil {
			return nil, fail("%s before any id", key)
		}
		switch key {
		case "id":
			if err := finish(); err != nil {
				return nil, err
			}
			if cur != nil && !unitSet {
				return nil, fail("%s: no unit", cur.ID)
			}
			if val == "" || strings.ContainsAny(val, " \t") {
				return nil, fail("bad id %q", val)
			}
			if c.byID[val] != nil {
				return nil, fail("duplicate id %q", val)
			}
			cur, unitSet = &Indicator{ID: val}, false
		case "unit":
			if err := cur.Unit.UnmarshalText([]byte(val)); err != nil {
				return nil, fail("%v", err)
			}
			unitSet = true
		case "label":
			cur.Label = vntext.Normalize(val)
		case "en":
			cur.English = val
		case "terms", "subject", "not":
			pats, err := parsePatterns(val)
			if err != nil {
				return nil, fail("%v", err)
			}
			switch key {
			case "terms":
				cur.Terms = append(cur.Terms, pats)
			case "subject":
				cur.Subject = append(cur.Subject, pats...)
			case "not":
				cur.Not = append(cur.Not, pats...)
			}
		case "priority":
			p, err := strconv.Atoi(val)
			if err != nil {
				return nil, fail("priority %q is not a number", val)
			}
			cur.Priority = p
		default:
			return nil, fail("unknown key %q", key)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrCatalog, err)
	}
	if cur != nil && !unitSet {
		return nil, fail("%s: no unit", cur.ID)
	}
	if err := finish(); err != nil {
		return nil, err
	}
	if len(c.Indicators) == 0 {
		return nil, fmt.Errorf("%w: no indicators", ErrCatalog)
	}
	c.buildIndex()
	return c, nil
}

// Join returns one catalog of the entries of cs, in their order: the
// catalog of several policy domains. An ID in two of them is an error.
func Join(cs ...*Catalog) (*Catalog, error) {
	if len(cs) == 1 {
		return cs[0], nil
	}
	c := &Catalog{byID: map[string]*Indicator{}, index: map[string][]patRef{}}
	for _, k := range cs {
		for _, ind := range k.Indicators {
			if old := c.byID[ind.ID]; old != nil {
				return nil, fmt.Errorf("%w: indicator %q is in two catalogs (%s and %s)", ErrCatalog, ind.ID, orNone(old.Domain), orNone(ind.Domain))
			}
			c.Indicators = append(c.Indicators, ind)
			c.byID[ind.ID] = ind
		}
	}
	if len(c.Indicators) == 0 {
		return nil, fmt.Errorf("%w: no indicators", ErrCatalog)
	}
	c.buildIndex()
	return c, nil
}

func orNone(s string) string {
	if s == "" {
		return "?"
	}
	return s
}

func parsePatterns(val string) ([]Pattern, error) {
	var out []Pattern
	for _, alt := range strings.Split(val, "|") {
		alt = strings.TrimSpace(alt)
		if alt == "" {
			return nil, errors.New("empty alternative")
		}
		keys := keysOf(alt)
		if len(keys) == 0 {
			return nil, fmt.Errorf("alternative %q has no words", alt)
		}
		out = append(out, Pattern{Text: alt, Keys: keys})
	}
	return out, nil
}

// keysOf returns the match keys of the words of s.
func keysOf(s string) []string {
	f := vntext.Fold(vntext.Normalize(s))
	var out []string
	for _, t := range vntext.Tokens(f) {
		out = append(out, matchKey(f[t.Start:t.End]))
	}
	return out
}

// matchKey is the key a folded word is matched by: a final "y" after a
// consonant is "i", since "kỹ" and "kĩ", "lý" and "lí" are one word.
func matchKey(w string) string {
	if n := len(w); n >= 2 && w[n-1] == 'y' && !strings.ContainsRune("aeiouy", rune(w[n-2])) {
		return w[:n-1] + "i"
	}
	return w
}

func (c *Catalog) buildIndex() {
	seen := map[string]bool{}
	for _, ind := range c.Indicators {
		if ind.Unit != Status && ind.Unit != Level {
			continue
		}
		for _, p := range ind.Terms[0] {
			w := vntext.Fold(strings.Fields(vntext.Normalize(p.Text))[0])
			if !seen[w] {
				seen[w] = true
				c.statusWords = append(c.statusWords, w)
			}
		}
	}
	for i, ind := range c.Indicators {
		add := func(group int, pats []Pattern) {
			for k := range pats {
				p := &pats[k]
				c.index[p.Keys[0]] = append(c.index[p.Keys[0]], patRef{i, group, p})
			}
		}
		for g, grp := range ind.Terms {
			add(g, grp)
		}
		add(groupSubject, ind.Subject)
		add(groupNot, ind.Not)
	}
}
