package main

import (
	"bytes"
	"fmt"
	"io"
	"text/tabwriter"

	"github.com/chitieu/chitieu/corpus"
	"github.com/chitieu/chitieu/extract"
	"github.com/chitieu/chitieu/extract/gold"
	"github.com/chitieu/chitieu/extract/targets"
)

// runDemo is what chitieu does without arguments: the pipeline on the
// embedded sample corpus: each document with its header and locality, the
// targets found, and their score against the sample's gold file.
func runDemo(stdout, stderr io.Writer) error {
	docs, err := corpus.Sample()
	if err != nil {
		return fmt.Errorf("sample corpus: %w", err)
	}
	fmt.Fprintf(stdout, "chitieu %s: the targets of the embedded sample corpus (%d files)\n\n", version, len(docs))
	var ef extractFlags
	ef.maxSize = corpus.DefaultMaxSize
	ef.engine = "go"
	var b batch
	var recs []targets.Record
	docTable := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(docTable, "DOCUMENT\tFORMAT\tTYPE\tNUMBER\tDATE\tLOCALITY (FROM)\tRECORDS")
	err = extractAll(nil, &ef, stderr, &b, func(d *extract.Document, res *targets.Result) error {
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
Next: 'chitieu extract PATH...' for the targets of your own files (JSON Lines,
CSV or a table), 'chitieu eval' for the full score, 'chitieu text PATH...' for
the normalized text. See 'chitieu help'.
`)
	return b.err()
}

func dash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}
