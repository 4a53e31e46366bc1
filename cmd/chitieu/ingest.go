package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"time"

	"github.com/chitieu/chitieu/corpus"
	"github.com/chitieu/chitieu/index"
)

func init() {
	register(&command{
		name:    "ingest",
		summary: "add documents to the search index",
		usage: `ingest [--index DIR] [--prune] [--quiet] [--workers N] [extract flags] [PATH...]

Extracts the text and targets of the documents under each PATH (the
embedded sample corpus without a PATH) and adds them to the index in DIR
(default ./chitieu.index, created when missing): each document, its
passages (paragraphs and list items) and its target records.

Ingest is incremental. A file whose content is already indexed under its
path is skipped; a file whose content changed is replaced; a file that
fails is recorded with its reason and tried again once it changes. With
--prune, files the index holds that are gone from disk are removed.

Files are extracted in parallel on every core (--workers to change). On a
terminal a progress bar shows files done, files/s and the time left; when
stderr is not a terminal, a line every few seconds; --quiet shows neither,
nor the summary. The summary ends the run: files added, updated, skipped,
failed (each with its reason) and pruned.

A walk stays inside the PATHs given: a symbolic link below them whose
target lies outside every PATH is skipped and listed with where it leads
("link leaves the corpus: → /etc/passwd"), unless --follow-links; broken
links, link loops, FIFOs, devices and sockets are listed and never opened;
the index directory is never walked, wherever it is.

Ingest is safe to interrupt, even with kill -9: every file is either fully
in the index or not at all, and running the same ingest again completes
it. One process at a time may have an index open; another gets an error
naming the PID that holds it.

The exit status is 1 when a file failed, 2 for bad flags.
`,
		run: runIngest,
	})
}

// indexFlag registers --index.
func indexFlag(fs *flag.FlagSet) *string {
	return fs.String("index", index.DefaultDir, "index directory")
}

func runIngest(args []string, stdout, stderr io.Writer) error {
	c := commands["ingest"]
	fs := newFlagSet(c)
	dir := indexFlag(fs)
	prune := fs.Bool("prune", false, "remove files that are gone from disk")
	quiet := fs.Bool("quiet", false, "no progress and no summary; failures only")
	workers := fs.Int("workers", 0, "files extracted at once (0: one per core)")
	timeout := fs.Duration("timeout", index.DefaultDocTimeout, "give up on a file after this long")
	batchSize := fs.Int("batch", 5000, "index entries per write (smaller: less lost to a crash, slower)")
	var ef extractFlags
	ef.register(fs)
	paths, err := parseFlags(fs, c, args, stdout, stderr)
	if err != nil {
		return err
	}
	topt, err := ef.options()
	if err != nil {
		fmt.Fprintf(stderr, "chitieu ingest: %v\n", err)
		return errUsage
	}
	x, err := ef.extractor()
	if err != nil {
		fmt.Fprintf(stderr, "chitieu ingest: %v\n", err)
		return errUsage
	}
	var srcs []index.Source
	if len(paths) == 0 {
		docs, err := corpus.Sample()
		if err != nil {
			return fmt.Errorf("sample corpus: %w", err)
		}
		srcs = index.DocumentSources(docs)
	} else {
		srcs, err = index.FileSources(ef.loader(*dir), paths)
		if err != nil {
			return err
		}
	}
	ix, err := index.Open(*dir, index.Options{})
	if err != nil {
		return err
	}
	defer ix.Close()

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	opt := index.IngestOptions{Workers: *workers, Text: topt, Extractor: x, Prune: *prune, DocTimeout: *timeout, BatchEntries: *batchSize}
	var bar *progressBar
	if !*quiet {
		bar = newProgressBar(stderr, isTerminal(stderr))
		opt.Progress = bar.update
	}
	sum, err := ix.Ingest(ctx, srcs, opt)
	if bar != nil {
		bar.finish()
	}
	for _, f := range sum.Skips {
		fmt.Fprintf(stderr, "chitieu: skipped %s: %s\n", f.Path, f.Reason)
	}
	for _, f := range sum.Failures {
		note := ""
		if f.Unchanged {
			note = " (unchanged since it failed before)"
		}
		fmt.Fprintf(stderr, "chitieu: %s: %s%s\n", f.Path, f.Reason, note)
	}
	if !*quiet {
		printSummary(stderr, *dir, sum)
	}
	if err != nil {
		if ctx.Err() != nil {
			fmt.Fprintln(stderr, "chitieu ingest: interrupted; what was written stays, run the same ingest again to complete it")
			return errExitFail
		}
		return err
	}
	if sum.Failed > 0 {
		return errExitFail
	}
	return nil
}

func printSummary(w io.Writer, dir string, s *index.Summary) {
	secs := s.Elapsed.Seconds()
	files := s.Added + s.Updated + s.Skipped + s.Failed + s.Ignored
	rate := ""
	if secs > 0 {
		rate = fmt.Sprintf(" (%.1f files/s, %.1f MB/s)", float64(files)/secs, float64(s.Bytes)/1e6/secs)
	}
	fmt.Fprintf(w, "chitieu ingest: %d files in %s%s into %s\n", files, s.Elapsed.Round(time.Millisecond), rate, dir)
	fmt.Fprintf(w, "  added %d, updated %d, skipped %d, failed %d", s.Added, s.Updated, s.Skipped, s.Failed)
	if s.Ignored > 0 {
		fmt.Fprintf(w, ", ignored %d (not documents)", s.Ignored)
	}
	if s.Pruned > 0 {
		fmt.Fprintf(w, ", pruned %d", s.Pruned)
	}
	fmt.Fprintf(w, "\n  written: %d documents, %d passages, %d targets\n", s.Documents, s.Passages, s.Targets)
}

// isTerminal reports whether w is a terminal.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}

// progressBar shows an ingest's progress: a bar redrawn in place on a
// terminal, a plain line every few seconds elsewhere.
type progressBar struct {
	w     io.Writer
	tty   bool
	last  time.Time
	every time.Duration
	drawn bool
	p     index.Progress
}

func newProgressBar(w io.Writer, tty bool) *progressBar {
	// The first report comes after one period: a short ingest shows only
	// its summary.
	b := &progressBar{w: w, tty: tty, every: 5 * time.Second, last: time.Now()}
	if tty {
		b.every = 100 * time.Millisecond
	}
	return b
}

func (b *progressBar) update(p index.Progress) {
	b.p = p
	if time.Since(b.last) < b.every && (p.Done < p.Total || !b.tty) {
		return
	}
	b.last = time.Now()
	b.draw()
}

func (b *progressBar) draw() {
	p := b.p
	if p.Total == 0 {
		return
	}
	secs := p.Elapsed.Seconds()
	rate, eta := 0.0, "?"
	if secs > 0 && p.Done > 0 {
		rate = float64(p.Done) / secs
		left := time.Duration(float64(p.Total-p.Done) / rate * float64(time.Second))
		eta = left.Round(time.Second).String()
	}
	line := fmt.Sprintf("%d/%d files  %.1f files/s  ETA %s", p.Done, p.Total, rate, eta)
	if !b.tty {
		fmt.Fprintf(b.w, "chitieu ingest: %s\n", line)
		return
	}
	const width = 30
	n := width * p.Done / p.Total
	fmt.Fprintf(b.w, "\r[%s%s] %s\x1b[K", strings.Repeat("#", n), strings.Repeat(".", width-n), line)
	b.drawn = true
}

// finish ends the bar's line.
func (b *progressBar) finish() {
	if b.tty && b.drawn {
		b.draw()
		fmt.Fprintln(b.w)
	}
}

// openIndex opens an existing index for reading commands.
func openIndex(dir string) (*index.Index, error) {
	ix, err := index.Open(dir, index.Options{NoCreate: true})
	if errors.Is(err, index.ErrNoIndex) {
		return nil, fmt.Errorf("no index in %s: run 'chitieu ingest [PATH...]' first, or give --index", dir)
	}
	return ix, err
}
