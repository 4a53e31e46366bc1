package main

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"io"
	"net"
	"os"
	"text/tabwriter"

	"github.com/chitieu/chitieu/corpus"
	"github.com/chitieu/chitieu/extract"
	"github.com/chitieu/chitieu/extract/gold"
	"github.com/chitieu/chitieu/extract/targets"
	"github.com/chitieu/chitieu/index"
)

// runDemo is what chitieu does without arguments: the pipeline on the
// embedded sample corpus (each document with its header and locality, the
// targets found, and their score against the sample's gold file), a search
// in an index of it, and then the web server over that index until ctx
// ends. ready, if set, gets the server's URL.
func runDemo(ctx context.Context, stdout, stderr io.Writer, ready func(string)) error {
	docs, err := corpus.Sample()
	if err != nil {
		return fmt.Errorf("sample corpus: %w", err)
	}
	fmt.Fprintf(stdout, "chitieu %s: the targets of the embedded sample corpus (%d files)\n\n", version, len(docs))
	// The commands' defaults, limits included.
	var ef extractFlags
	ef.register(flag.NewFlagSet("demo", flag.ContinueOnError))
	opt, xtr, err := ef.prepare()
	if err != nil {
		return err
	}
	var b batch
	var recs []targets.Record
	docTable := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(docTable, "DOCUMENT\tFORMAT\tTYPE\tNUMBER\tDATE\tLOCALITY (FROM)\tRECORDS")
	err = extractAll(nil, &ef, opt, xtr, stderr, &b, func(d *extract.Document, res *targets.Result) error {
		for _, doc := range res.Docs {
			name := d.Name
			if len(res.Docs) > 1 {
				name += fmt.Sprintf(" #%d", doc.Part)
			}
			h := doc.Header
			typ := h.TypeCode
			if typ == "" {
				typ = h.Kind.String()
			}
			loc := "unknown"
			switch {
			case doc.Locality.National:
				loc = "Việt Nam (" + doc.Locality.Source + ")"
			case doc.Locality.Place != nil:
				loc = doc.Locality.Place.Display(doc.Locality.Type) + " (" + doc.Locality.Source + ")"
			}
			fmt.Fprintf(docTable, "%s\t%s\t%s\t%s\t%s\t%s\t%d\n", name, d.Format, typ, dash(h.Number), dash(h.Date), loc, len(doc.Records))
		}
		recs = append(recs, res.Records()...)
		return nil
	})
	docTable.Flush()
	if err != nil {
		return err
	}
	fmt.Fprintln(stdout)
	w := newTableWriter(stdout)
	for _, r := range recs {
		if err := w.write(r); err != nil {
			return err
		}
	}
	w.flush()
	entries, err := gold.Read(bytes.NewReader(corpus.SampleGold()))
	if err != nil {
		return err
	}
	rep := gold.Score(entries, recs)
	fmt.Fprintf(stdout, "\nAgainst the sample's gold file: precision %.3f, recall %.3f, F1 %.3f (%d expected, %d found, %d false, %d missed); locality right for %d of %d.\n",
		rep.Precision(), rep.Recall(), rep.F1(), rep.TP+rep.FN, rep.TP, rep.FP, rep.FN, len(rep.Matches)-len(rep.LocalityErrors()), len(rep.Matches))
	fmt.Fprint(stdout, `
Next: 'chitieu ingest PATH...' to index your own files, then 'chitieu search
QUERY', 'chitieu compare', 'chitieu audit' or 'chitieu serve'; 'chitieu
extract PATH...' for targets without an index. See 'chitieu help'.
`)
	iopt := index.IngestOptions{Text: opt, Extractor: xtr}
	iopt.Text.OCRCache = "" // the index keeps its own
	if err := demoServe(ctx, stdout, docs, iopt, ready); err != nil {
		return err
	}
	return b.err()
}

// demoServe indexes the sample into a temporary directory, shows a search
// without diacritics, and serves the index on the web until ctx ends (on
// 127.0.0.1:8080, or another free port if that one is taken).
func demoServe(ctx context.Context, stdout io.Writer, docs []*corpus.Document, iopt index.IngestOptions, ready func(string)) error {
	dir, err := os.MkdirTemp("", "chitieu-demo-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	ix, err := index.Open(dir, index.Options{})
	if err != nil {
		return err
	}
	defer ix.Close()
	sum, err := ix.Ingest(ctx, index.DocumentSources(docs), iopt)
	if err != nil {
		return err
	}
	const q = "nang luc thong tin"
	res, err := ix.Search(ctx, index.Request{Query: q, Limit: 3, Facets: true})
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "\nSearch, in an index of the sample (%d passages, %d targets), without diacritics: chitieu search %s\n\n", sum.Passages, sum.Targets, q)
	printResult(stdout, res, 0, false)
	fmt.Fprintln(stdout)
	addr := defaultAddr
	if ln, err := net.Listen("tcp", addr); err != nil {
		addr = "127.0.0.1:0"
	} else {
		ln.Close()
	}
	return serve(ctx, ix, addr, serveOptions{rate: 20}, stdout, nil, ready)
}

func dash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}
