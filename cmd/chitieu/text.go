package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/chitieu/chitieu/corpus"
	"github.com/chitieu/chitieu/extract"
)

var textCommand = &command{
	name:    "text",
	summary: "print the normalized text of documents",
	usage: `text [--json] [--raw] [--pdf-engine go|poppler] [--max-size SIZE] [--viqr] [PATH...]

Prints the text of each document, normalized: NFC, legacy TCVN3/VNI text
converted, one tone-mark convention, spaces and broken lines repaired. Pages
are separated by form feeds. With several documents, each starts with a
"==> PATH <==" line.

With --json, prints one JSON object per document (JSON Lines) with path,
doc_id (SHA-256 of the bytes), format (pdf, html, txt), engine, pages (each
with its number, text, and the byte offset where it starts in the whole
text, pages being joined by "\f"), and warnings.

A file that cannot be read is reported on stderr with the reason and the
batch goes on; the exit status is then 1. In a directory, files of other
kinds (images, archives) are skipped with a note.
`,
	run: runText,
}

func runText(x *call) error {
	fs, stdout, stderr := x.fs, x.stdout, x.stderr
	asJSON := fs.Bool("json", false, "print one JSON object per document")
	raw := fs.Bool("raw", false, "skip normalization (to debug it)")
	var df docFlags
	df.register(fs)
	paths, err := x.parse()
	if err != nil {
		return err
	}
	opt, err := df.options()
	if err != nil {
		return x.usagef("%v", err)
	}
	opt.Raw = *raw
	opt.OCRProgress = ocrProgress(stderr)
	enc := json.NewEncoder(stdout)
	enc.SetEscapeHTML(false)
	var b batch
	n := 0
	multi := len(paths) != 1 || isDir(paths[0])
	err = eachDocument(paths, &df, stderr, &b, func(doc *corpus.Document) (*extract.Document, error) {
		return extract.Text(context.Background(), doc, opt)
	}, func(d *extract.Document) error {
		if *asJSON {
			return enc.Encode(d)
		}
		for _, w := range d.Warnings {
			fmt.Fprintf(stderr, "chitieu: %s: warning: %s\n", d.Path, w)
		}
		if multi {
			if n > 0 {
				fmt.Fprintln(stdout)
			}
			fmt.Fprintf(stdout, "==> %s <==\n", d.Path)
		}
		n++
		text := d.Text
		if !strings.HasSuffix(text, "\n") {
			text += "\n"
		}
		_, err = io.WriteString(stdout, text)
		return err
	})
	if err != nil {
		return err
	}
	return b.err()
}

func isDir(p string) bool {
	fi, err := os.Stat(p)
	return err == nil && fi.IsDir()
}

// ocrProgress reports the pages OCR has read on a terminal, a line
// redrawn in place; elsewhere nothing (the files are done on every core at
// once, and a log of pages would interleave).
func ocrProgress(w io.Writer) func(done, total int) {
	f, ok := w.(*os.File) // safe for concurrent writes
	if !ok || !isTerminal(w) {
		return nil
	}
	return func(done, total int) {
		fmt.Fprintf(f, "\rchitieu: OCR: page %d of %d\x1b[K", done, total)
		if done == total {
			fmt.Fprint(f, "\r\x1b[K")
		}
	}
}
