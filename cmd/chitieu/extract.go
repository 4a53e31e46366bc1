package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/chitieu/chitieu/extract/domain"

	"github.com/chitieu/chitieu/corpus"
	"github.com/chitieu/chitieu/extract"
	"github.com/chitieu/chitieu/extract/rules"
	"github.com/chitieu/chitieu/extract/targets"
	"github.com/chitieu/chitieu/index"
)

var extractCommand = &command{
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
	fs.IntVar(&f.maxTargets, "max-targets", targets.DefaultMaxRecords, "refuse files with more targets than this (0: no limit)")
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

// prepare returns the text options and the extractor the flags ask for;
// its errors are of the flags (a catalog file that does not parse).
func (f *extractFlags) prepare() (extract.Options, *targets.Extractor, error) {
	opt, err := f.options()
	if err != nil {
		return opt, nil, err
	}
	x, err := f.extractor()
	return opt, x, err
}

// extractAll runs text extraction and target extraction over the
// documents of paths, calling fn with each document's records. Its error
// is fn's (output that failed) or the walk's; the documents that fail
// are reported and counted in b.
func extractAll(paths []string, ef *extractFlags, opt extract.Options, x *targets.Extractor, stderr io.Writer, b *batch, fn func(*extract.Document, *targets.Result) error) error {
	opt.OCRProgress = ocrProgress(stderr)
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

func runExtract(x *call) error {
	fs, stderr := x.fs, x.stderr
	format := fs.String("format", "jsonl", "output format: jsonl, csv or table")
	kind := fs.String("kind", "all", "records to print: target, result, reference or all")
	var ef extractFlags
	ef.register(fs)
	paths, err := x.parse()
	if err != nil {
		return err
	}
	w, err := newRecordWriter(x, *format)
	if err != nil {
		return err
	}
	switch *kind {
	case "target", "result", "reference", "all":
	default:
		return x.usagef("unknown --kind %q (want target, result, reference or all)", *kind)
	}
	opt, xtr, err := ef.prepare()
	if err != nil {
		return x.usagef("%v", err)
	}
	var b batch
	n, results, refs, uncat, docs := 0, 0, 0, 0, 0
	err = extractAll(paths, &ef, opt, xtr, stderr, &b, func(d *extract.Document, res *targets.Result) error {
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
		// The output failed (a closed pipe, a full disk): no document did.
		fmt.Fprintf(stderr, "chitieu extract: %v\n", err)
		return errExitFail
	}
	fmt.Fprintf(stderr, "chitieu extract: %d files, %d documents, %d records (%d results, %d quotations of other plans, %d with no catalog indicator)", b.ok, docs, n, results, refs, uncat)
	if b.failed > 0 {
		fmt.Fprintf(stderr, ", %d files failed", b.failed)
	}
	fmt.Fprintln(stderr)
	return b.err()
}
