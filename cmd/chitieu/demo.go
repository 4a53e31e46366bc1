package main

import (
	"context"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"unicode/utf8"

	"github.com/chitieu/chitieu/corpus"
	"github.com/chitieu/chitieu/extract"
)

// runDemo is what chitieu does without arguments: the pipeline on the
// embedded sample corpus, with a summary of each document.
func runDemo(stdout, stderr io.Writer) error {
	docs, err := corpus.Sample()
	if err != nil {
		return fmt.Errorf("sample corpus: %w", err)
	}
	fmt.Fprintf(stdout, "chitieu %s: text layer of the embedded sample corpus (%d documents)\n\n", version, len(docs))
	tw := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "DOCUMENT\tFORMAT\tENGINE\tPAGES\tCHARS\tFIRST LINE")
	var b batch
	for _, doc := range docs {
		d, err := extract.Text(context.Background(), doc, extract.Options{})
		if err != nil {
			b.failed++
			fmt.Fprintf(stderr, "chitieu: %v\n", err)
			continue
		}
		b.ok++
		first, _, _ := strings.Cut(strings.TrimSpace(d.Text), "\n")
		if utf8.RuneCountInString(first) > 60 {
			first = string([]rune(first)[:60]) + "…"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%d\t%d\t%s\n", d.Name, d.Format, d.Engine, len(d.Pages), utf8.RuneCountInString(d.Text), first)
		for _, w := range d.Warnings {
			fmt.Fprintf(tw, "\t\t\t\t\twarning: %s\n", w)
		}
	}
	tw.Flush()
	fmt.Fprint(stdout, `
'chitieu text' prints the normalized text of these documents, or of your
own files: chitieu text PATH... (see 'chitieu help').
`)
	return b.err()
}
