package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/chitieu/chitieu/corpus"
	"github.com/chitieu/chitieu/extract"
	"github.com/chitieu/chitieu/extract/gold"
	"github.com/chitieu/chitieu/extract/targets"
)

var evalCommand = &command{
	name:    "eval",
	summary: "score target extraction against a gold file",
	usage: `eval [--gold GOLD.jsonl] [--json] [--min-f1 F] [PATH...]

Extracts the targets of the documents (as 'chitieu extract' does) and scores
them against a gold file of expected targets, one JSON object per line:

{"doc": "002_c57fbb1e870047eb.txt", "locality": "Bến Cát", "locality_code": "721",
 "indicator": "literacy_level", "value": 2, "unit": "level", "year": 2025, "evidence": "..."}

A record matches a gold entry with the same document, indicator, year and
value; each entry matches one record at most. Documents are the same when
their names agree up to the first dot (002_c57fbb1e870047eb.pdf is scored
against 002_c57fbb1e870047eb.txt). Only targets with a catalog indicator
are scored; results, quotations of other plans' figures, figures no
catalog entry fits, and documents the gold file does not mention are
counted apart.

Every error is classified and the classes counted: missing (nothing was
found for an entry), wrong year, wrong value, wrong indicator (a record that
differs from an entry in that field only), target taken as result (found,
but as a result or a quotation), result taken as target (a record the gold
file holds no target for: a result, a quotation or another figure read as
a target), and locality (matched, in another place).

Prints precision, recall and F1 overall and per indicator, whether each
match has the gold locality, and every miss and false positive with its
evidence. Without a PATH, scores the embedded sample corpus against its
embedded gold file. With --min-f1, the exit status is 1 when F1 is lower.
`,
	run: runEval,
}

func runEval(x *call) error {
	fs, stdout, stderr := x.fs, x.stdout, x.stderr
	goldPath := fs.String("gold", "", "gold file (JSON Lines); default: the sample corpus's, without a PATH")
	asJSON := fs.Bool("json", false, "print the report as JSON")
	minF1 := fs.Float64("min-f1", 0, "exit with status 1 when F1 is below this")
	var ef extractFlags
	ef.register(fs)
	paths, err := x.parse()
	if err != nil {
		return err
	}
	var goldData []byte
	switch {
	case *goldPath != "":
		goldData, err = os.ReadFile(*goldPath)
		if err != nil {
			return x.usagef("--gold: %v", err)
		}
	case len(paths) == 0:
		goldData = corpus.SampleGold()
	default:
		return x.usagef("--gold is required with a PATH\nRun 'chitieu help eval' for usage.")
	}
	entries, err := gold.Read(bytes.NewReader(goldData))
	if err != nil {
		return x.usagef("%s: %v", *goldPath, err)
	}
	opt, xtr, err := ef.prepare()
	if err != nil {
		return x.usagef("%v", err)
	}
	var b batch
	var recs []targets.Record
	err = extractAll(paths, &ef, opt, xtr, stderr, &b, func(_ *extract.Document, res *targets.Result) error {
		recs = append(recs, res.Records()...)
		return nil
	})
	if err != nil {
		fmt.Fprintf(stderr, "chitieu eval: %v\n", err)
		return errExitFail
	}
	rep := gold.Score(entries, recs)
	if *asJSON {
		err = writeReportJSON(stdout, rep)
	} else {
		err = writeReport(stdout, rep)
	}
	if err != nil {
		return err
	}
	if err := b.err(); err != nil {
		return err
	}
	if rep.F1() < *minF1 {
		fmt.Fprintf(stderr, "chitieu eval: F1 %.3f is below --min-f1 %.3f\n", rep.F1(), *minF1)
		return errExitFail
	}
	return nil
}

func writeReport(w io.Writer, rep *gold.Report) error {
	locErr := rep.LocalityErrors()
	fmt.Fprintf(w, "documents %d   gold %d   records scored %d\n", rep.Docs, rep.TP+rep.FN, rep.TP+rep.FP)
	fmt.Fprintf(w, "precision %.3f   recall %.3f   F1 %.3f   (TP %d, FP %d, FN %d)\n",
		rep.Precision(), rep.Recall(), rep.F1(), rep.TP, rep.FP, rep.FN)
	fmt.Fprintf(w, "locality right for %d of %d matches\n", len(rep.Matches)-len(locErr), len(rep.Matches))
	fmt.Fprintf(w, "not scored: %d results, %d quotations of other plans, %d figures with no catalog indicator, %d records of documents not in the gold file\n\n",
		rep.Results, rep.References, rep.Uncatalogued, rep.Unscored)
	counts := rep.ErrorCounts()
	fmt.Fprintf(w, "%-24s %6s\n", "ERROR CLASS", "COUNT")
	for _, c := range gold.Classes() {
		fmt.Fprintf(w, "%-24s %6d\n", c, counts[c])
	}
	fmt.Fprintln(w)
	fmt.Fprintf(w, "%-34s %4s %4s %4s %9s %7s %6s\n", "INDICATOR", "TP", "FP", "FN", "PRECISION", "RECALL", "F1")
	for _, id := range rep.Indicators() {
		c := rep.ByIndicator[id]
		fmt.Fprintf(w, "%-34s %4d %4d %4d %9.3f %7.3f %6.3f\n", id, c.TP, c.FP, c.FN, c.Precision(), c.Recall(), c.F1())
	}
	cur := gold.ErrorClass(-1)
	for _, e := range rep.Errors {
		if e.Class != cur {
			cur = e.Class
			fmt.Fprintf(w, "\n%s (%d)\n", capitalize(cur.String()), counts[cur])
		}
		switch {
		case e.Class == gold.WrongLocality:
			fmt.Fprintf(w, "  %s  %s (%d): want %q (%s), got %q (%s)\n", e.Gold.Doc, e.Gold.Indicator, e.Gold.Year,
				e.Gold.Locality, e.Gold.LocalityCode, e.Record.Locality, e.Record.LocalityCode)
		case e.Gold != nil:
			fmt.Fprintf(w, "  %s  want %s = %v (%d)\n      %s\n", e.Gold.Doc, e.Gold.Indicator, e.Gold.Value, e.Gold.Year, e.Gold.Evidence)
			if r := e.Record; r != nil {
				fmt.Fprintf(w, "      got %s = %v (%d) %s, page %d, bytes %d-%d\n", orNone(r.Indicator), r.Value, r.Year, r.Kind, r.Page, r.Start, r.End)
			}
		default:
			r := e.Record
			fmt.Fprintf(w, "  %s  got %s = %v (%d)  page %d, bytes %d-%d\n      %s\n", r.Doc, r.Indicator, r.Value, r.Year, r.Page, r.Start, r.End, r.Text)
		}
	}
	return nil
}

func orNone(id string) string {
	if id == "" {
		return "(no indicator)"
	}
	return id
}

func capitalize(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// reportJSON is the JSON form of a report.
type reportJSON struct {
	Precision      float64               `json:"precision"`
	Recall         float64               `json:"recall"`
	F1             float64               `json:"f1"`
	TP             int                   `json:"tp"`
	FP             int                   `json:"fp"`
	FN             int                   `json:"fn"`
	LocalityRight  int                   `json:"locality_right"`
	Matches        int                   `json:"matches"`
	ByIndicator    map[string]countsJSON `json:"by_indicator"`
	Misses         []gold.Entry          `json:"misses"`
	FalsePositives []targets.Record      `json:"false_positives"`
	LocalityErrors []map[string]any      `json:"locality_errors"`
	NotScored      map[string]int        `json:"not_scored"`
	ErrorCounts    map[string]int        `json:"error_counts"`
	Errors         []gold.Error          `json:"errors"`
}

type countsJSON struct {
	TP, FP, FN            int
	Precision, Recall, F1 float64
}

func writeReportJSON(w io.Writer, rep *gold.Report) error {
	out := reportJSON{
		Precision: rep.Precision(), Recall: rep.Recall(), F1: rep.F1(), TP: rep.TP, FP: rep.FP, FN: rep.FN,
		Matches: len(rep.Matches), ByIndicator: map[string]countsJSON{},
		Misses: rep.Misses, FalsePositives: rep.FalsePositives, LocalityErrors: []map[string]any{},
		NotScored:   map[string]int{"results": rep.Results, "references": rep.References, "uncatalogued": rep.Uncatalogued, "other_documents": rep.Unscored},
		ErrorCounts: map[string]int{}, Errors: rep.Errors,
	}
	for c, n := range rep.ErrorCounts() {
		out.ErrorCounts[c.String()] = n
	}
	for _, c := range gold.Classes() {
		out.ErrorCounts[c.String()] += 0
	}
	if out.Errors == nil {
		out.Errors = []gold.Error{}
	}
	if out.Misses == nil {
		out.Misses = []gold.Entry{}
	}
	if out.FalsePositives == nil {
		out.FalsePositives = []targets.Record{}
	}
	locErr := rep.LocalityErrors()
	out.LocalityRight = len(rep.Matches) - len(locErr)
	for _, m := range locErr {
		out.LocalityErrors = append(out.LocalityErrors, map[string]any{"gold": m.Gold, "record": m.Record})
	}
	for id, c := range rep.ByIndicator {
		out.ByIndicator[id] = countsJSON{c.TP, c.FP, c.FN, c.Precision(), c.Recall(), c.F1()}
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}
