package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"time"

	"github.com/chitieu/chitieu/extract/domain"

	"github.com/chitieu/chitieu/index"
)

var ingestCommand = &command{
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

Policy domains: --domain NAME|DIR (repeatable) extracts with the learning
society and those domains, and stores the bundles in the index, where
search, targets, compare, audit, serve and 'chitieu indicators' read them.
Without --domain (or --catalog), the index's bundles are kept. A file
extracted with other catalogs or programmes than this ingest's is
extracted again.

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
it. While 'chitieu serve' has the index open, ingest runs in the server
(which shows the new documents as soon as it is done); while another
ingest writes it, ingest stops with a message naming that process.

The exit status is 1 when a file failed, 2 for bad flags.
`,
	run: runIngest,
}

func runIngest(x *call) error {
	fs, stderr := x.fs, x.stderr
	dir := indexFlag(fs)
	prune := fs.Bool("prune", false, "remove files that are gone from disk")
	quiet := fs.Bool("quiet", false, "no progress and no summary; failures only")
	workers := fs.Int("workers", 0, "files extracted at once (0: one per core)")
	timeout := fs.Duration("timeout", index.DefaultDocTimeout, "give up on a file after this long")
	batchSize := fs.Int("batch", 1000, "index entries per write (larger: more memory)")
	var ef extractFlags
	ef.register(fs)
	paths, err := x.parse()
	if err != nil {
		return err
	}
	topt, err := ef.options()
	if err != nil {
		return x.usagef("%v", err)
	}
	topt.OCRCache = "" // the index keeps its own
	if _, err := ef.extractor(); err != nil {
		return x.usagef("%v", err)
	}
	job := index.IngestJob{MaxSize: int64(ef.maxSize), FollowLinks: ef.follow, Text: topt, MaxTargets: ef.maxTargets,
		Prune: *prune, Workers: *workers, DocTimeout: *timeout, Batch: *batchSize}
	if job.Gazetteer, err = absFlag(ef.gazetteer); err == nil {
		job.Catalog, err = absFlag(ef.catalog)
	}
	for _, d := range ef.domains {
		if domain.Builtin(d) == nil && err == nil {
			d, err = absFlag(d)
		}
		job.Domains = append(job.Domains, d)
	}
	for _, p := range paths {
		a, aerr := filepath.Abs(p)
		if aerr != nil {
			err = aerr
		}
		job.Paths = append(job.Paths, a)
	}
	if err != nil {
		return err
	}
	st, err := openWriter(*dir, "ingest", stderr)
	if err != nil {
		return err
	}
	defer st.Close()

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	var bar *progressBar
	var progress func(index.Progress)
	if !*quiet {
		bar = newProgressBar(stderr, isTerminal(stderr))
		progress = bar.update
	}
	sum, err := st.Run(ctx, job, progress)
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
		fmt.Fprintf(w, ", not indexed %d (listed above)", s.Ignored)
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

// absFlag makes a file flag's path absolute, for the process that may
// read it in another directory.
func absFlag(p string) (string, error) {
	if p == "" {
		return "", nil
	}
	return filepath.Abs(p)
}
