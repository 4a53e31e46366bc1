package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/chitieu/chitieu/extract/targets"
	"github.com/chitieu/chitieu/index"
)

var searchCommand = &command{
	name:    "search",
	summary: "search the index for passages",
	usage: `search [--index DIR] [--json] [--limit N] [--offset N] [--facets] [--targets] QUERY...

Searches the passages (paragraphs and list items) of the indexed documents
and prints the best first, each with its document, locality, page and a
snippet with the matches marked. Diacritics are optional: "nang luc thong
tin" finds "năng lực thông tin"; a query written with diacritics ranks the
exact spelling first.

Query language:

học tập suốt đời        all the words (diacritics optional)
"xã hội học tập"        a phrase
thư*   hoc~             a prefix; a word within one edit
-"mầm non"              must not occur
province:"Bình Dương"   filters: province (name or code), district,
district:"Bến Cát"        year (2030, >=2025, 2021..2025),
year:2030                 indicator (IDs of the index's catalog, see
indicator:life_skills     'chitieu indicators'; comma-separated),
label:"tỷ lệ hộ nghèo"    label (the words of a target no catalog entry
type:KH                   fits, as the label facet lists them), type
value:>=60                (KH, QĐ, CV...), number ("1373/QĐ-TTg"),
                          value (targets only: >=60, <50, 80..90)

year: finds a passage by the years of the targets it states and by its
plan's years: the period its title names ("giai đoạn 2021-2030" is every
year from 2021 to 2030) and the years of all its targets; the year facet
counts the targets' years only. On target records (--targets, value:)
year: is the target's year.

A query with a value filter (or --targets) searches target records rather
than passages. --facets adds counts by province, district, year, indicator,
document type and label. --json prints the result as one JSON object.

A malformed query is an error with exit status 2.
`,
	run: runSearch,
}

var targetsCommand = &command{
	name:    "targets",
	summary: "list the indexed target records",
	usage: `targets [--index DIR] [--indicator ID,...] [--province NAME|CODE] [--district NAME] [--year Y] [--min V] [--max V] [--format jsonl|csv|table] [QUERY...]

Lists the target records in the index that pass the filters, in document
order, in the formats of 'chitieu extract' (jsonl, the public record format;
csv, UTF-8 with a byte-order mark for Excel; table). A QUERY in the language
of 'chitieu search' narrows the list further (words of the target's
sentence, or more filters).
`,
	run: runTargets,
}

func runSearch(x *call) error {
	fs, stdout := x.fs, x.stdout
	dir := indexFlag(fs)
	asJSON := fs.Bool("json", false, "print the result as JSON")
	limit := fs.Int("limit", 10, "hits to print")
	offset := fs.Int("offset", 0, "hits to skip (for paging)")
	facets := fs.Bool("facets", false, "count hits by province, district, year, indicator and type")
	tgts := fs.Bool("targets", false, "search target records instead of passages")
	words, err := x.parse()
	if err != nil {
		return err
	}
	if len(words) == 0 {
		return x.usagef("no query\nRun 'chitieu help search' for usage.")
	}
	if *limit < 1 || *limit > index.MaxLimit || *offset < 0 || *offset > index.MaxLimit {
		return x.usagef("--limit must be 1..%d and --offset 0..%d", index.MaxLimit, index.MaxLimit)
	}
	var res *index.Result
	err = withIndex(*dir, func(ix index.Store) (err error) {
		res, err = ix.Search(context.Background(), index.Request{
			Query: strings.Join(words, " "), Limit: *limit, Offset: *offset, Facets: *facets, Targets: *tgts,
		})
		return err
	})
	if errors.Is(err, index.ErrBadQuery) {
		return x.usagef("%v", err)
	}
	if err != nil {
		return err
	}
	if *asJSON {
		return printJSON(stdout, res)
	}
	printResult(stdout, res, *offset, isTerminal(stdout))
	return nil
}

// printResult writes a search result for reading. Matches are bold on a
// terminal and «between guillemets» elsewhere.
func printResult(w io.Writer, res *index.Result, offset int, tty bool) {
	open, shut := "«", "»"
	if tty {
		open, shut = "\x1b[1;33m", "\x1b[0m"
	}
	what := "passages"
	if res.Kind == "target" {
		what = "targets"
	}
	fmt.Fprintf(w, "%d %s for %s\n", res.Total, what, res.Query)
	for i, h := range res.Hits {
		var head []string
		if h.Locality != "" {
			head = append(head, h.Locality)
		} else {
			head = append(head, "(locality unknown)")
		}
		doc := h.Name
		if h.Number != "" {
			doc = h.Number + " " + doc
		}
		head = append(head, doc, "p. "+strconv.Itoa(h.Page))
		if h.Date != "" {
			head = append(head, h.Date)
		}
		fmt.Fprintf(w, "\n%d. %s  [%.2f]\n", offset+i+1, strings.Join(head, " · "), h.Score)
		if h.Record != nil {
			r := *h.Record
			fmt.Fprintf(w, "   %s %s %s\n", r.Indicator, ValueString(r), yearString(r.Year))
		}
		var b strings.Builder
		b.WriteString("   ")
		if h.Snippet.Cut[0] {
			b.WriteString("…")
		}
		for _, f := range h.Snippet.Fragments() {
			t := strings.NewReplacer("\n", " ", "\f", " ").Replace(f.Text)
			if f.Mark {
				b.WriteString(open + t + shut)
			} else {
				b.WriteString(t)
			}
		}
		if h.Snippet.Cut[1] {
			b.WriteString("…")
		}
		fmt.Fprintln(w, b.String())
		if len(h.Also) > 0 {
			var also []string
			for _, f := range h.Also {
				also = append(also, filepath.Base(f.Path))
			}
			fmt.Fprintf(w, "   also as: %s\n", strings.Join(also, ", "))
		}
	}
	for _, f := range res.Facets {
		if len(f.Terms) == 0 {
			continue
		}
		var parts []string
		for _, t := range f.Terms {
			parts = append(parts, fmt.Sprintf("%s (%d)", t.Term, t.Count))
		}
		fmt.Fprintf(w, "\n%s: %s", f.Name, strings.Join(parts, ", "))
	}
	if len(res.Facets) > 0 {
		fmt.Fprintln(w)
	}
}

func yearString(y int) string {
	if y == 0 {
		return "(year ?)"
	}
	return strconv.Itoa(y)
}

// floatFlag is an optional number flag.
type floatFlag struct{ v *float64 }

func (f *floatFlag) String() string {
	if f.v == nil {
		return ""
	}
	return num(*f.v)
}

func (f *floatFlag) Set(s string) error {
	n, err := strconv.ParseFloat(strings.Replace(strings.TrimSuffix(s, "%"), ",", ".", 1), 64)
	if err != nil {
		return fmt.Errorf("not a number: %q", s)
	}
	f.v = &n
	return nil
}

func runTargets(x *call) error {
	fs, stderr := x.fs, x.stderr
	dir := indexFlag(fs)
	indicator := fs.String("indicator", "", "catalog indicator IDs, comma-separated")
	province := fs.String("province", "", "province name or code")
	district := fs.String("district", "", "district name")
	year := fs.Int("year", 0, "target year")
	var min, max floatFlag
	fs.Var(&min, "min", "smallest value")
	fs.Var(&max, "max", "largest value")
	format := fs.String("format", "table", "output format: jsonl, csv or table")
	words, err := x.parse()
	if err != nil {
		return err
	}
	w, err := newRecordWriter(x, *format)
	if err != nil {
		return err
	}
	f := index.TargetFilter{Province: *province, District: *district, Year: *year, Min: min.v, Max: max.v, Query: strings.Join(words, " ")}
	if *indicator != "" {
		f.Indicators = strings.Split(*indicator, ",")
	}
	var recs []targets.Record
	err = withIndex(*dir, func(ix index.Store) (err error) {
		recs, err = ix.Targets(context.Background(), f)
		return err
	})
	if errors.Is(err, index.ErrBadQuery) {
		return x.usagef("%v", err)
	}
	if err != nil {
		return err
	}
	for _, r := range recs {
		if err := w.write(r); err != nil {
			return err
		}
	}
	if err := w.flush(); err != nil {
		return err
	}
	fmt.Fprintf(stderr, "chitieu targets: %d records\n", len(recs))
	return nil
}
