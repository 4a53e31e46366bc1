// Package gold reads files of expected targets (the gold standard, in the
// format of testdata/gold/seeds.jsonl) and scores extracted records against
// them: precision, recall and F1 overall and per indicator, every miss and
// every false positive, and whether the locality of each match is right.
//
// A record matches a gold entry with the same document, indicator, year and
// value; each gold entry matches at most one record. Documents are the same
// when their names agree up to the first dot, so that the seed
// "002_c57fbb1e870047eb.txt" is scored against the records of
// "002_c57fbb1e870047eb.pdf". Only records of kind "target" with a catalog
// indicator are scored: results and figures no catalog entry fits are
// counted apart. Documents the gold file does not mention are not scored.
package gold

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"sort"
	"strings"

	"github.com/chitieu/chitieu/extract/rules"
	"github.com/chitieu/chitieu/extract/targets"
	"github.com/chitieu/chitieu/extract/vntext"
)

// An Entry is one expected target.
type Entry struct {
	Doc          string  `json:"doc"`
	Locality     string  `json:"locality"`
	LocalityCode string  `json:"locality_code"`
	Indicator    string  `json:"indicator"`
	Value        float64 `json:"value"`
	Unit         string  `json:"unit"`
	Year         int     `json:"year"`
	Evidence     string  `json:"evidence"`
}

// Read reads a gold file: one JSON object per line; blank lines are
// skipped. An error names the line.
func Read(r io.Reader) ([]Entry, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), 16<<20)
	var out []Entry
	for n := 1; sc.Scan(); n++ {
		line := bytes.TrimSpace(sc.Bytes())
		if len(line) == 0 {
			continue
		}
		var e Entry
		dec := json.NewDecoder(bytes.NewReader(line))
		if err := dec.Decode(&e); err != nil {
			return nil, fmt.Errorf("gold: line %d: %v", n, err)
		}
		if e.Doc == "" || e.Indicator == "" {
			return nil, fmt.Errorf("gold: line %d: doc and indicator are required", n)
		}
		out = append(out, e)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("gold: %w", err)
	}
	return out, nil
}

// Stem is the name a document is matched by: its base name up to the
// first dot.
func Stem(name string) string {
	if i := strings.LastIndexAny(name, `/\`); i >= 0 {
		name = name[i+1:]
	}
	name = strings.TrimPrefix(name, "sample:")
	if i := strings.IndexByte(name, '.'); i > 0 {
		return name[:i]
	}
	return name
}

// Counts are the scores of a set of records.
type Counts struct {
	TP, FP, FN int
}

// Precision returns TP/(TP+FP), or 0.
func (c Counts) Precision() float64 { return ratio(c.TP, c.TP+c.FP) }

// Recall returns TP/(TP+FN), or 0.
func (c Counts) Recall() float64 { return ratio(c.TP, c.TP+c.FN) }

// F1 returns the harmonic mean of precision and recall.
func (c Counts) F1() float64 { return ratio(2*c.TP, 2*c.TP+c.FP+c.FN) }

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// A Match is a gold entry and the record that matched it.
type Match struct {
	Gold   Entry
	Record targets.Record
}

// LocalityOK reports whether the record's locality is the gold one: the
// same code, or both unknown, or (without a code) the same name.
func (m Match) LocalityOK() bool {
	g, r := m.Gold, m.Record
	switch {
	case g.LocalityCode != "":
		return g.LocalityCode == r.LocalityCode
	case g.Locality == "":
		return r.Locality == "" && r.LocalityCode == ""
	}
	return strings.Contains(vntext.Fold(r.Locality), vntext.Fold(g.Locality))
}

// A Report is the score of records against a gold file.
type Report struct {
	Counts
	ByIndicator    map[string]*Counts
	Matches        []Match
	Misses         []Entry          // gold entries no record matched
	FalsePositives []targets.Record // scored records that match no entry
	Unscored       int              // records of documents the gold file does not mention
	Results        int              // records of kind "result", not scored
	Uncatalogued   int              // target records with no indicator, not scored
	Docs           int              // documents scored
}

// LocalityErrors returns the matches whose locality is wrong.
func (r *Report) LocalityErrors() []Match {
	var out []Match
	for _, m := range r.Matches {
		if !m.LocalityOK() {
			out = append(out, m)
		}
	}
	return out
}

// Indicators returns the IDs of ByIndicator, sorted.
func (r *Report) Indicators() []string {
	ids := make([]string, 0, len(r.ByIndicator))
	for id := range r.ByIndicator {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	return ids
}

// Score scores records against gold entries.
func Score(entries []Entry, recs []targets.Record) *Report {
	rep := &Report{ByIndicator: map[string]*Counts{}}
	by := func(id string) *Counts {
		c := rep.ByIndicator[id]
		if c == nil {
			c = &Counts{}
			rep.ByIndicator[id] = c
		}
		return c
	}
	goldDocs := map[string]bool{}
	for _, e := range entries {
		goldDocs[Stem(e.Doc)] = true
	}
	used := make([]bool, len(entries))
	for _, r := range recs {
		stem := Stem(r.Doc)
		switch {
		case !goldDocs[stem]:
			rep.Unscored++
			continue
		case r.Kind == rules.Result:
			rep.Results++
			continue
		case r.Indicator == "":
			rep.Uncatalogued++
			continue
		}
		matched := -1
		for i, e := range entries {
			if !used[i] && Stem(e.Doc) == stem && e.Indicator == r.Indicator && e.Year == r.Year && math.Abs(e.Value-r.Value) < 0.005 {
				matched = i
				break
			}
		}
		if matched < 0 {
			rep.FP++
			by(r.Indicator).FP++
			rep.FalsePositives = append(rep.FalsePositives, r)
			continue
		}
		used[matched] = true
		rep.TP++
		by(r.Indicator).TP++
		rep.Matches = append(rep.Matches, Match{entries[matched], r})
	}
	for i, e := range entries {
		if !used[i] {
			rep.FN++
			by(e.Indicator).FN++
			rep.Misses = append(rep.Misses, e)
		}
	}
	rep.Docs = len(goldDocs)
	return rep
}
