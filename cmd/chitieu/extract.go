package main

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"flag"
	"fmt"
	"github.com/chitieu/chitieu/extract/domain"
	"io"
	"os"
	"strconv"
	"strings"
	"text/tabwriter"
	"unicode/utf8"

	"github.com/chitieu/chitieu/corpus"
	"github.com/chitieu/chitieu/extract"
	"github.com/chitieu/chitieu/extract/rules"
	"github.com/chitieu/chitieu/extract/targets"
	"github.com/chitieu/chitieu/index"
)

func init() {
	register(&command{
		name:    "extract",
		summary: "extract the quantitative targets of documents",
		usage: `extract [--format jsonl|csv|table] [--kind target|result|reference|all] [--domain NAME|DIR]... [--gazetteer FILE] [--catalog FILE] [PATH...]

Prints one record per target found in the documents (the embedded sample
corpus without a PATH): the indicator (an ID of the catalog, or "" when
none fits), indicator_label (the plan's words for what is measured), the
value and its qualifier (eq, ge, gt, le, lt, approx, range), unit (percent,
level, status, count, percent_per_year, money in đồng) with unit_text for
counts and money ("người", "đồng/người/năm"), direction (increase,
decrease, keep) and change (an amount of change, "giảm 1%", rather than a
level), year, modality (achieve,
maintain, strive), kind (target; result for figures a plan reports as
already reached; reference for another plan's figure a plan quotes, such
as "(chỉ tiêu chung của tỉnh là 75%)", with that plan's locality when the
text names it), the document's number, type, date, issuer and locality
(with its GSO code, its province, and the province that holds it since 1
July 2025), and the evidence: the sentence or table row, its page, and its
byte offsets in the document's normalized text (what 'chitieu text'
prints). A figure read from a table also has "cell": the row's label, the
column's header and the cell as written, each with its offsets.

A file that holds several documents (a letter appended to a plan) is split;
the records of its Nth document have doc_id SHA256#N.

Formats: jsonl (default; one JSON object per line, the public record
format), csv (the same fields, UTF-8 with a byte-order mark so that Excel
reads the Vietnamese), table (for reading).

--domain adds a policy domain to the learning society, built in: a
built-in name (chuyendoiso, nongthonmoi) or a bundle directory (see the
README, "Policy domains"); repeatable. --gazetteer loads more places (CSV:
code,name,level,parent_code, such as the official list) on top of the
built-in ones; --catalog replaces the learning society's catalog with a
file in the same format (see extract/domain/data/hoctap/catalog.txt).

Unreadable files are reported on stderr with the reason; the batch goes on
and the exit status is then 1.
`,
		run: runExtract,
	})
}

// extractFlags are the flags of commands that extract targets.
type extractFlags struct {
	docFlags
	gazetteer  string
	catalog    string
	domains    listFlag
	maxTargets int
}

func (f *extractFlags) register(fs *flag.FlagSet) {
	f.docFlags.register(fs)
	fs.StringVar(&f.gazetteer, "gazetteer", "", "CSV of more places (code,name,level,parent_code)")
	fs.StringVar(&f.catalog, "catalog", "", "indicator catalog file replacing the learning society's")
	fs.Var(&f.domains, "domain", "a policy domain to read besides the learning society: a built-in name ("+strings.Join(domain.BuiltinNames(), ", ")+") or a bundle directory; repeatable")
	fs.IntVar(&f.maxTargets, "max-targets", 10000, "refuse files with more targets than this (0: no limit)")
}

// extractor builds the extractor the flags ask for, as an ingest job
// does.
func (f *extractFlags) extractor() (*targets.Extractor, error) {
	return index.IngestJob{Gazetteer: f.gazetteer, Catalog: f.catalog, Domains: f.domains, MaxTargets: f.maxTargets}.Extractor(nil)
}

// listFlag is a repeatable flag; a value may also list several, separated
// by commas.
type listFlag []string

func (l *listFlag) String() string { return strings.Join(*l, ",") }

func (l *listFlag) Set(s string) error {
	for _, v := range strings.Split(s, ",") {
		if v = strings.TrimSpace(v); v != "" {
			*l = append(*l, v)
		}
	}
	return nil
}

// parseFile parses the file a flag names; its errors name the flag and the
// file.
func parseFile[T any](flag, path string, parse func(io.Reader) (T, error)) (T, error) {
	var zero T
	r, err := os.Open(path)
	if err != nil {
		return zero, fmt.Errorf("%s: %w", flag, err)
	}
	defer r.Close()
	v, err := parse(r)
	if err != nil {
		return zero, fmt.Errorf("%s %s: %w", flag, path, err)
	}
	return v, nil
}

// extractAll runs text extraction and target extraction over the
// documents of paths, calling fn with each document's records.
func extractAll(paths []string, ef *extractFlags, stderr io.Writer, b *batch, fn func(*extract.Document, *targets.Result) error) error {
	opt, err := ef.options()
	if err != nil {
		return err
	}
	opt.OCRProgress = ocrProgress(stderr)
	x, err := ef.extractor()
	if err != nil {
		return err
	}
	type done struct {
		d   *extract.Document
		res *targets.Result
	}
	return eachDocument(paths, &ef.docFlags, stderr, b, func(doc *corpus.Document) (done, error) {
		d, err := extract.Text(context.Background(), doc, opt)
		if err != nil {
			return done{}, err
		}
		res, err := x.Extract(d)
		if err != nil {
			// The warnings still tell why a document yields nothing.
			for _, w := range d.Warnings {
				err = fmt.Errorf("%w (warning: %s)", err, w)
			}
			return done{}, err
		}
		return done{d, res}, nil
	}, func(r done) error {
		for _, w := range r.d.Warnings {
			fmt.Fprintf(stderr, "chitieu: %s: warning: %s\n", r.d.Path, w)
		}
		return fn(r.d, r.res)
	})
}

func runExtract(args []string, stdout, stderr io.Writer) error {
	c := commands["extract"]
	fs := newFlagSet(c)
	format := fs.String("format", "jsonl", "output format: jsonl, csv or table")
	kind := fs.String("kind", "all", "records to print: target, result, reference or all")
	var ef extractFlags
	ef.register(fs)
	paths, err := parseFlags(fs, c, args, stdout, stderr)
	if err != nil {
		return err
	}
	w := newRecordWriter(*format, stdout)
	if w == nil {
		fmt.Fprintf(stderr, "chitieu extract: unknown --format %q (want jsonl, csv or table)\n", *format)
		return errUsage
	}
	switch *kind {
	case "target", "result", "reference", "all":
	default:
		fmt.Fprintf(stderr, "chitieu extract: unknown --kind %q (want target, result, reference or all)\n", *kind)
		return errUsage
	}
	var b batch
	n, results, refs, uncat, docs := 0, 0, 0, 0, 0
	err = extractAll(paths, &ef, stderr, &b, func(d *extract.Document, res *targets.Result) error {
		docs += len(res.Docs)
		for _, r := range res.Records() {
			if *kind != "all" && r.Kind.String() != *kind {
				continue
			}
			n++
			switch r.Kind {
			case rules.Result:
				results++
			case rules.Reference:
				refs++
			}
			if r.Indicator == "" {
				uncat++
			}
			if err := w.write(r); err != nil {
				return err
			}
		}
		return nil
	})
	if ferr := w.flush(); err == nil {
		err = ferr
	}
	if err != nil {
		fmt.Fprintf(stderr, "chitieu extract: %v\n", err)
		return errUsage
	}
	fmt.Fprintf(stderr, "chitieu extract: %d files, %d documents, %d records (%d results, %d quotations of other plans, %d with no catalog indicator)", b.ok, docs, n, results, refs, uncat)
	if b.failed > 0 {
		fmt.Fprintf(stderr, ", %d files failed", b.failed)
	}
	fmt.Fprintln(stderr)
	return b.err()
}

// A recordWriter prints records in one format.
type recordWriter interface {
	write(targets.Record) error
	flush() error
}

// newRecordWriter returns the writer of a format name, nil if unknown.
func newRecordWriter(format string, w io.Writer) recordWriter {
	switch format {
	case "jsonl", "json":
		return newJSONLWriter(w)
	case "csv":
		return newCSVWriter(w)
	case "table":
		return newTableWriter(w)
	}
	return nil
}

type jsonlWriter struct{ enc *json.Encoder }

func newJSONLWriter(w io.Writer) *jsonlWriter {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	return &jsonlWriter{enc}
}

func (j *jsonlWriter) write(r targets.Record) error { return j.enc.Encode(r) }
func (j *jsonlWriter) flush() error                 { return nil }

// csvColumns are the record's JSON field names, in order.
var csvColumns = []string{"doc", "path", "doc_id", "doc_number", "doc_type", "doc_date", "issuer",
	"locality", "locality_code", "locality_level", "province", "province_code", "province_2025",
	"province_2025_code", "commune_2025", "commune_2025_code", "indicator", "indicator_label", "value", "value_max", "unit", "cmp",
	"count", "total", "year", "modality", "kind", "sub_of", "value_text", "text", "page", "start", "end",
	"cell_row", "cell_header", "cell_value"}

type csvWriter struct {
	w      *csv.Writer
	header bool
	out    io.Writer
}

func newCSVWriter(w io.Writer) *csvWriter { return &csvWriter{w: csv.NewWriter(w), out: w} }

func num(x float64) string { return strconv.FormatFloat(x, 'f', -1, 64) }

func optInt(n int) string {
	if n == 0 {
		return ""
	}
	return strconv.Itoa(n)
}

func (c *csvWriter) write(r targets.Record) error {
	if !c.header {
		if _, err := io.WriteString(c.out, "\ufeff"); err != nil {
			return err
		}
		c.w.Write(csvColumns)
		c.header = true
	}
	vmax := ""
	if r.ValueMax != nil {
		vmax = num(*r.ValueMax)
	}
	var cell targets.CellEvidence
	if r.Cell != nil {
		cell = *r.Cell
	}
	return c.w.Write([]string{r.Doc, r.Path, r.DocID, r.DocNumber, r.DocType, r.DocDate, r.Issuer,
		r.Locality, r.LocalityCode, r.LocalityLevel, r.Province, r.ProvinceCode, r.Province2025,
		r.Province2025Code, r.Commune2025, r.Commune2025Code, r.Indicator, r.IndicatorLabel, num(r.Value), vmax, r.Unit.String(), r.Cmp.String(),
		optInt(r.Count), optInt(r.Total), optInt(r.Year), r.Modality.String(), r.Kind.String(), r.SubOf,
		r.ValueText, r.Text, strconv.Itoa(r.Page), strconv.Itoa(r.Start), strconv.Itoa(r.End),
		cell.Row, cell.Header, cell.Value})
}

func (c *csvWriter) flush() error {
	c.w.Flush()
	return c.w.Error()
}

type tableWriter struct {
	tw   *tabwriter.Writer
	rows int
}

func newTableWriter(w io.Writer) *tableWriter {
	return &tableWriter{tw: tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)}
}

func (t *tableWriter) write(r targets.Record) error {
	if t.rows == 0 {
		fmt.Fprintln(t.tw, "DOCUMENT\tLOCALITY\tINDICATOR\tVALUE\tYEAR\tMODALITY\tKIND\tWORDS")
	}
	t.rows++
	ind := r.Indicator
	if ind == "" {
		ind = "-"
	}
	year := "?"
	if r.Year != 0 {
		year = strconv.Itoa(r.Year)
	}
	loc := r.Locality
	if loc == "" {
		loc = "?"
	}
	_, err := fmt.Fprintf(t.tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", clip(r.Doc, 28), clip(loc, 24), ind, ValueString(r),
		year, r.Modality, r.Kind, clip(r.IndicatorLabel, 60))
	return err
}

func (t *tableWriter) flush() error { return t.tw.Flush() }

// ValueString writes a record's value with its qualifier, as a table cell:
// "≥60%", "~23%", "80–85%", "mức 2", "đạt".
func ValueString(r targets.Record) string { return r.Qualified(true) }

// clip shortens s to n runes.
func clip(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n-1]) + "…"
}
