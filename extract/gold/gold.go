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
// indicator are scored: results, quotations of other plans' figures
// (kind "reference") and figures no catalog entry fits are counted apart.
// Documents the gold file does not mention are not scored.
//
// Every error is classified (Report.Errors): a record and a gold entry of
// one document that differ only in the year, the value or the indicator
// are one error of that class; a gold entry the extraction found as a
// result or a quotation was taken as a result; other gold entries are
// missing, other records taken as targets; a match in the wrong place is a
// locality error.
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
	References     int              // records of kind "reference", not scored
	Uncatalogued   int              // target records with no indicator, not scored
	Docs           int              // documents scored
	Errors         []Error          // every miss, false positive and wrong locality, classified
}

// An ErrorClass is why a record and the gold file disagree.
type ErrorClass int

// Error classes, in the order reports list them.
const (
	Missing        ErrorClass = iota // an entry nothing was found for
	WrongYear                        // found with another year
	WrongValue                       // found with another value
	WrongIndicator                   // found with another indicator, or none
	TakenAsResult                    // found, but as a result or a quotation of another plan
	TakenAsTarget                    // a record the gold file holds no target for: a result, a quotation, another figure
	WrongLocality                    // matched, in another place
	numClasses
)

var classNames = [numClasses]string{"missing", "wrong year", "wrong value", "wrong indicator",
	"target taken as result", "result taken as target", "locality"}

func (c ErrorClass) String() string {
	if c < 0 || c >= numClasses {
		return "unknown"
	}
	return classNames[c]
}

// MarshalText writes the class's name.
func (c ErrorClass) MarshalText() ([]byte, error) { return []byte(c.String()), nil }

// Classes returns every error class, in order.
func Classes() []ErrorClass {
	out := make([]ErrorClass, numClasses)
	for i := range out {
		out[i] = ErrorClass(i)
	}
	return out
}

// An Error is one disagreement: the gold entry, the record, or both.
type Error struct {
	Class  ErrorClass      `json:"class"`
	Gold   *Entry          `json:"gold,omitempty"`
	Record *targets.Record `json:"record,omitempty"`
}

// ErrorCounts returns how many errors of each class the report has.
func (r *Report) ErrorCounts() map[ErrorClass]int {
	out := map[ErrorClass]int{}
	for _, e := range r.Errors {
		out[e.Class]++
	}
	return out
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
	var others []targets.Record // results, quotations, figures with no indicator
	for _, r := range recs {
		stem := Stem(r.Doc)
		switch {
		case !goldDocs[stem]:
			rep.Unscored++
			continue
		case r.Kind == rules.Result:
			rep.Results++
			others = append(others, r)
			continue
		case r.Kind == rules.Reference:
			rep.References++
			others = append(others, r)
			continue
		case r.Indicator == "":
			rep.Uncatalogued++
			others = append(others, r)
			continue
		}
		// The first entry that fits, one of the record's place if any.
		matched := -1
		for i, e := range entries {
			if !used[i] && Stem(e.Doc) == stem && e.Indicator == r.Indicator && e.Year == r.Year && math.Abs(e.Value-r.Value) < 0.005 {
				if matched < 0 {
					matched = i
				}
				if (Match{e, r}).LocalityOK() {
					matched = i
					break
				}
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
	rep.classify(others)
	return rep
}

// classify pairs misses with false positives that differ from them in one
// field, and classifies what is left.
func (rep *Report) classify(others []targets.Record) {
	fpUsed := make([]bool, len(rep.FalsePositives))
	same := func(a, b float64) bool { return math.Abs(a-b) < 0.005 }
	pairs := []struct {
		class ErrorClass
		fits  func(e Entry, r targets.Record) bool
	}{
		{WrongYear, func(e Entry, r targets.Record) bool { return e.Indicator == r.Indicator && same(e.Value, r.Value) }},
		{WrongValue, func(e Entry, r targets.Record) bool { return e.Indicator == r.Indicator && e.Year == r.Year }},
		{WrongIndicator, func(e Entry, r targets.Record) bool { return e.Year == r.Year && same(e.Value, r.Value) }},
	}
	missUsed := make([]bool, len(rep.Misses))
	for _, p := range pairs {
		for i := range rep.Misses {
			if missUsed[i] {
				continue
			}
			e := rep.Misses[i]
			for j, r := range rep.FalsePositives {
				if !fpUsed[j] && Stem(e.Doc) == Stem(r.Doc) && p.fits(e, r) {
					missUsed[i], fpUsed[j] = true, true
					rep.Errors = append(rep.Errors, Error{p.class, &rep.Misses[i], &rep.FalsePositives[j]})
					break
				}
			}
		}
	}
	otherUsed := make([]bool, len(others))
	for i := range rep.Misses {
		if missUsed[i] {
			continue
		}
		e := rep.Misses[i]
		class := Missing
		var rec *targets.Record
		for j, r := range others {
			if otherUsed[j] || Stem(e.Doc) != Stem(r.Doc) || e.Year != r.Year || !same(e.Value, r.Value) {
				continue
			}
			switch {
			case r.Indicator == e.Indicator:
				class = TakenAsResult
			case r.Indicator == "" && r.Kind == rules.Target:
				class = WrongIndicator
			default:
				continue
			}
			otherUsed[j], rec = true, &others[j]
			break
		}
		rep.Errors = append(rep.Errors, Error{class, &rep.Misses[i], rec})
	}
	for j := range rep.FalsePositives {
		if !fpUsed[j] {
			rep.Errors = append(rep.Errors, Error{TakenAsTarget, nil, &rep.FalsePositives[j]})
		}
	}
	for i := range rep.Matches {
		if !rep.Matches[i].LocalityOK() {
			rep.Errors = append(rep.Errors, Error{WrongLocality, &rep.Matches[i].Gold, &rep.Matches[i].Record})
		}
	}
	sort.SliceStable(rep.Errors, func(i, j int) bool { return rep.Errors[i].Class < rep.Errors[j].Class })
}
