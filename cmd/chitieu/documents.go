package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"sync/atomic"

	"github.com/chitieu/chitieu/corpus"
	"github.com/chitieu/chitieu/extract"
	"github.com/chitieu/chitieu/extract/pdftext"
)

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

func (f *docFlags) register(fs *flag.FlagSet) {
	f.maxSize = corpus.DefaultMaxSize
	fs.StringVar(&f.engine, "pdf-engine", "go", "PDF text engine: go (pure Go) or poppler (pdftotext, if installed)")
	fs.Var(&f.maxSize, "max-size", "largest file to read (e.g. 100MB, 512K)")
	f.maxText = extract.DefaultMaxText
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
