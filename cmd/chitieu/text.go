package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync/atomic"

	"github.com/chitieu/chitieu/corpus"
	"github.com/chitieu/chitieu/extract"
	"github.com/chitieu/chitieu/extract/pdftext"
)

func init() {
	register(&command{
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
	})
}

// docFlags are the flags shared by commands that read documents.
type docFlags struct {
	engine   string
	maxSize  byteSize
	maxText  byteSize
	maxPages int
	viqr     bool
	follow   bool
	ocr      string
}

// Default limits of the document flags.
const defaultMaxText = 20 << 20

func (f *docFlags) register(fs *flag.FlagSet) {
	f.maxSize = corpus.DefaultMaxSize
	fs.StringVar(&f.engine, "pdf-engine", "go", "PDF text engine: go (pure Go) or poppler (pdftotext, if installed)")
	fs.Var(&f.maxSize, "max-size", "largest file to read (e.g. 100MB, 512K)")
	f.maxText = defaultMaxText
	fs.Var(&f.maxText, "max-text", "refuse documents with more text than this")
	fs.IntVar(&f.maxPages, "max-pages", 0, "refuse PDFs with more pages than this (0: no limit)")
	fs.BoolVar(&f.viqr, "viqr", false, "decode VIQR text (\"Vie^.t Nam\"); never guessed")
	fs.StringVar(&f.ocr, "ocr", "auto", "read scanned PDF pages with Tesseract: auto (pages without a text layer), always, never")
	fs.BoolVar(&f.follow, "follow-links", false, "follow symbolic links that lead out of the paths given (skipped by default)")
}

// loader is the corpus loader the flags ask for; it never walks into the
// directories in exclude.
func (f *docFlags) loader(exclude ...string) corpus.Loader {
	return corpus.Loader{MaxSize: int64(f.maxSize), FollowLinks: f.follow, Exclude: exclude}
}

func (f *docFlags) options() (extract.Options, error) {
	eng, err := pdftext.ParseEngine(f.engine)
	if err != nil {
		return extract.Options{}, err
	}
	mode, err := extract.ParseOCRMode(f.ocr)
	if err != nil {
		return extract.Options{}, err
	}
	opt := extract.Options{PDFEngine: eng, VIQR: f.viqr, MaxPages: f.maxPages, MaxText: int(f.maxText), OCR: mode}
	// Pages read once are not read again: the user's cache (ingest keeps
	// its own in the index).
	if dir, err := os.UserCacheDir(); err == nil {
		opt.OCRCache = filepath.Join(dir, "chitieu", "ocr")
	}
	return opt, nil
}

// batch counts what happened to the documents of one command.
type batch struct {
	ok, failed, skipped int
}

func (b *batch) err() error {
	if b.failed > 0 {
		return errExitFail
	}
	return nil
}

// eachDocument reads the documents of paths (the embedded sample without
// any) and calls work on each of them on every core, then emit with the
// result in the order of the files, on the caller's goroutine: output is
// as if one file were done at a time. A failure of work is reported with
// the file and counted; a failure of emit stops the walk.
func eachDocument[T any](paths []string, df *docFlags, stderr io.Writer, b *batch, work func(*corpus.Document) (T, error), emit func(T) error) error {
	type slot struct {
		done chan struct{}
		v    T
		err  error // of work, or of the item
		skip bool
	}
	workers := runtime.GOMAXPROCS(0)
	queue := make(chan *slot, 2*workers) // bounds the files in memory
	sem := make(chan struct{}, workers)
	var stop atomic.Bool
	start := func(doc *corpus.Document) *slot {
		sl := &slot{done: make(chan struct{})}
		sem <- struct{}{}
		go func() {
			defer func() { <-sem; close(sl.done) }()
			sl.v, sl.err = work(doc)
		}()
		return sl
	}
	ready := func(err error, skip bool) *slot {
		sl := &slot{done: make(chan struct{}), err: err, skip: skip}
		close(sl.done)
		return sl
	}
	walkErr := make(chan error, 1)
	go func() {
		defer close(queue)
		if len(paths) == 0 {
			docs, err := corpus.Sample()
			if err != nil {
				walkErr <- fmt.Errorf("sample corpus: %w", err)
				return
			}
			for _, d := range docs {
				if stop.Load() {
					break
				}
				queue <- start(d)
			}
			walkErr <- nil
			return
		}
		walkErr <- df.loader().Walk(paths, func(it corpus.Item) error {
			if stop.Load() {
				return errStopped
			}
			switch {
			case it.Skippable():
				queue <- ready(it.Err, true)
			case it.Err != nil:
				queue <- ready(it.Err, false)
			default:
				queue <- start(it.Doc)
			}
			return nil
		})
	}()
	var emitErr error
	for sl := range queue {
		<-sl.done
		if emitErr != nil {
			continue // drain what was started
		}
		switch {
		case sl.skip:
			b.skipped++
			fmt.Fprintf(stderr, "chitieu: skipped %v\n", sl.err)
		case sl.err != nil:
			b.failed++
			fmt.Fprintf(stderr, "chitieu: %v\n", sl.err)
		default:
			if err := emit(sl.v); err != nil {
				emitErr = err
				stop.Store(true)
				continue
			}
			b.ok++
		}
	}
	if err := <-walkErr; err != nil && !errors.Is(err, errStopped) {
		return err
	}
	return emitErr
}

// errStopped ends a walk whose output failed.
var errStopped = errors.New("stopped")

func runText(args []string, stdout, stderr io.Writer) error {
	c := commands["text"]
	fs := newFlagSet(c)
	asJSON := fs.Bool("json", false, "print one JSON object per document")
	raw := fs.Bool("raw", false, "skip normalization (to debug it)")
	var df docFlags
	df.register(fs)
	paths, err := parseFlags(fs, c, args, stdout, stderr)
	if err != nil {
		return err
	}
	opt, err := df.options()
	if err != nil {
		fmt.Fprintf(stderr, "chitieu text: %v\n", err)
		return errUsage
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
