package index

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/chitieu/chitieu/internal/panics"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/document"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/chitieu/chitieu/corpus"
	"github.com/chitieu/chitieu/extract"
	"github.com/chitieu/chitieu/extract/targets"
)

// A Source is one file to ingest: its path (absolute, or "sample:NAME" for
// the embedded corpus) and how to read it.
type Source struct {
	Path    string
	FromDir bool // met while walking a directory: an unsupported format there is ignored, not a failure
	Err     error
	Load    func() (*corpus.Document, error)
}

// FileSources lists the files under paths (see corpus.Loader.List) as
// sources with absolute paths, without reading them.
func FileSources(l corpus.Loader, paths []string) ([]Source, error) {
	var out []Source
	abs := make([]string, len(paths))
	for i, p := range paths {
		abs[i] = p
		if a, err := filepath.Abs(p); err == nil {
			abs[i] = a
		}
	}
	err := l.List(abs, func(it corpus.Item) error {
		p := it.Path
		if abs, err := filepath.Abs(p); err == nil {
			p = abs
		}
		s := Source{Path: p, FromDir: it.FromDir, Err: it.Err}
		if it.Err == nil {
			s.Load = func() (*corpus.Document, error) {
				doc, err := l.LoadItem(it)
				if doc != nil {
					doc.Path = p
				}
				return doc, err
			}
		}
		out = append(out, s)
		return nil
	})
	return out, err
}

// DocumentSources makes sources of documents already in memory, such as
// the embedded sample corpus.
func DocumentSources(docs []*corpus.Document) []Source {
	out := make([]Source, len(docs))
	for i, d := range docs {
		out[i] = Source{Path: d.Path, Load: func() (*corpus.Document, error) { return d, nil }}
	}
	return out
}

// IngestOptions configure Ingest. The zero value uses every core, the
// default text options and extractor, and no progress reports.
type IngestOptions struct {
	Workers   int // documents extracted at once; 0 means GOMAXPROCS
	Text      extract.Options
	Extractor *targets.Extractor
	// Prune removes the files the index holds that no longer exist on
	// disk (paths of the embedded corpus are never pruned).
	Prune bool
	// Progress, when set, is called after each file, from one goroutine.
	Progress func(Progress)
	// BatchEntries bounds the bleve documents written in one batch; 0
	// means 1000 (with up to two batches per worker being written at
	// once, ingest's heap stays near 0.3 GB at 10,000 plans and 0.6 GB
	// at 100,000). A batch always holds whole files.
	BatchEntries int
	// DocTimeout bounds the reading of one file; 0 means DefaultDocTimeout.
	DocTimeout time.Duration
}

// DefaultDocTimeout is how long ingest works on one file before it gives
// up on it.
const DefaultDocTimeout = 5 * time.Minute

// Progress is the state of an ingest after a file.
type Progress struct {
	Done, Total int
	Bytes       int64 // bytes of the files done
	Elapsed     time.Duration
	Path        string // the file just done
	Outcome     Outcome
}

// Outcome is what ingest did with one file.
type Outcome int

// Outcomes.
const (
	Added   Outcome = iota // new to the index
	Updated                // its path held other content, now replaced
	Skipped                // its content is already indexed under this path
	Failed                 // could not be read or extracted; recorded with the reason
	Ignored                // not a document (an image in a plans folder)
)

var outcomeNames = [...]string{"added", "updated", "skipped", "failed", "ignored"}

func (o Outcome) String() string {
	if int(o) < len(outcomeNames) {
		return outcomeNames[o]
	}
	return fmt.Sprintf("Outcome(%d)", int(o))
}

// Summary reports an ingest.
type Summary struct {
	Added    int       `json:"added"`
	Updated  int       `json:"updated"`
	Skipped  int       `json:"skipped"`
	Failed   int       `json:"failed"`
	Ignored  int       `json:"ignored"`
	Pruned   int       `json:"pruned"`
	Failures []Failure `json:"failures"` // in path order
	// Skips are the files met in directories that were not indexed, and
	// why (a format chitieu does not read, a link out of the corpus, a
	// broken link, a loop, a FIFO or a device), in path order.
	Skips     []Failure     `json:"skips,omitempty"`
	Documents int           `json:"documents"` // entries written
	Passages  int           `json:"passages"`
	Targets   int           `json:"targets"`
	Bytes     int64         `json:"bytes"`      // bytes of the files read
	TextBytes int64         `json:"text_bytes"` // bytes of their normalized text
	Elapsed   time.Duration `json:"elapsed_ns"`
}

// A Failure is a file that could not be ingested, with the reason.
type Failure struct {
	Path   string `json:"path"`
	Reason string `json:"reason"`
	// Unchanged is set for a file that failed before with the same
	// content and was not tried again.
	Unchanged bool `json:"unchanged,omitempty"`
}

// job is one file after extraction, on its way to the writer.
type job struct {
	src      Source
	outcome  Outcome
	manifest Manifest
	entries  []entry
	mapped   []*document.Document // entries mapped to bleve documents, in the worker
	bytes    int64
	text     int64 // bytes of normalized text
	// unchanged marks a file that failed before with the same content:
	// nothing to write.
	unchanged bool
	skip      error // why an Ignored file was not read
}

// Ingest adds srcs to the index: new files are extracted and indexed, a
// file whose content is already indexed under its path is skipped, a path
// whose content changed is replaced, and a file that fails is recorded
// with its reason (and tried again once its content changes). With
// opt.Prune, files gone from disk leave the index. Ingest returns an error
// only when the index itself fails or ctx is cancelled; a bad file is a
// Failure in the summary. Whatever was written before an error stays.
func (ix *Index) Ingest(ctx context.Context, srcs []Source, opt IngestOptions) (sum *Summary, err error) {
	start := time.Now()
	sum = &Summary{}
	if ix.readOnly {
		return sum, ErrReadOnly
	}
	if ix.bleve == nil {
		return sum, fmt.Errorf("index %s: closed", ix.dir)
	}
	ix.wmu.Lock()
	defer ix.wmu.Unlock()
	defer ix.version.Add(1)
	defer func() {
		if p := recover(); p != nil {
			err = panics.New("index: ingest", p)
		}
		sum.Elapsed = time.Since(start)
		sort.Slice(sum.Failures, func(i, j int) bool { return sum.Failures[i].Path < sum.Failures[j].Path })
		sort.Slice(sum.Skips, func(i, j int) bool { return sum.Skips[i].Path < sum.Skips[j].Path })
	}()
	known, err := ix.manifests()
	if err != nil {
		return sum, err
	}
	shaPaths := map[string][]string{} // content hash → paths that hold it
	for p, m := range known {
		if m.Status == statusOK && m.SHA != "" {
			shaPaths[m.SHA] = append(shaPaths[m.SHA], p)
		}
	}
	x := opt.Extractor
	if x == nil {
		stored, err := ix.Domains()
		if err != nil {
			return sum, err
		}
		x = targets.New(targets.Options{Domains: stored})
	}
	// The domains are stored before any target of theirs is written:
	// readers know every indicator they meet.
	if err := ix.setDomains(x.Domains()); err != nil {
		return sum, err
	}
	rulesHash := x.Domains().RulesHash()
	timeout := opt.DocTimeout
	if timeout <= 0 {
		timeout = DefaultDocTimeout
	}
	workers := opt.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()

	in := make(chan Source)
	out := make(chan job, workers)
	go func() {
		defer close(in)
		for _, s := range srcs {
			select {
			case in <- s:
			case <-ctx.Done():
				return
			}
		}
	}()
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for s := range in {
				j := ix.prepare(ctx, s, known, x, rulesHash, opt.Text, timeout)
				select {
				case out <- j:
				case <-ctx.Done():
					return
				}
			}
		}()
	}
	go func() { wg.Wait(); close(out) }()

	// The workers read known as it was at the start; the writer keeps its
	// own copy up to date.
	current := make(map[string]*Manifest, len(known))
	for p, m := range known {
		current[p] = m
	}
	w := writer{ix: ix, max: opt.BatchEntries, shaPaths: shaPaths, known: current, inflight: 2 * workers}
	if w.max <= 0 {
		w.max = 1000
	}
	done := 0
	seen := make(map[string]bool, len(srcs))
	for j := range out {
		seen[j.src.Path] = true
		if err := w.add(j); err != nil {
			cancel()
			w.wait()
			return sum, err
		}
		done++
		sum.Bytes += j.bytes
		sum.TextBytes += j.text
		switch j.outcome {
		case Added:
			sum.Added++
		case Updated:
			sum.Updated++
		case Skipped:
			sum.Skipped++
		case Failed:
			sum.Failed++
			sum.Failures = append(sum.Failures, Failure{Path: j.src.Path, Reason: j.manifest.Reason, Unchanged: j.unchanged})
		case Ignored:
			sum.Ignored++
			sum.Skips = append(sum.Skips, Failure{Path: j.src.Path, Reason: j.manifest.Reason})
		}
		for _, e := range j.entries {
			switch e.doc.(type) {
			case docEntry:
				sum.Documents++
			case passageEntry:
				sum.Passages++
			case targetEntry:
				sum.Targets++
			}
		}
		if opt.Progress != nil {
			opt.Progress(Progress{Done: done, Total: len(srcs), Bytes: sum.Bytes, Elapsed: time.Since(start), Path: j.src.Path, Outcome: j.outcome})
		}
	}
	if err := ctx.Err(); err != nil {
		if w.close() == nil {
			ix.saveFiles()
		}
		return sum, fmt.Errorf("%w: %v", errCancelled, err)
	}
	if opt.Prune {
		for p, m := range current {
			if seen[p] || strings.HasPrefix(p, "sample:") {
				continue
			}
			if _, err := os.Stat(p); !errors.Is(err, os.ErrNotExist) {
				continue
			}
			w.remove(p, m)
			sum.Pruned++
		}
	}
	if err := w.close(); err != nil {
		return sum, err
	}
	sum.Elapsed = time.Since(start)
	if err := ix.saveSummary(sum); err != nil {
		return sum, fmt.Errorf("index: %w", err)
	}
	if err := ix.saveFiles(); err != nil {
		return sum, fmt.Errorf("index: %w", err)
	}
	return sum, nil
}

// prepare reads and extracts one source.
func (ix *Index) prepare(ctx context.Context, s Source, known map[string]*Manifest, x *targets.Extractor, rules string, topt extract.Options, timeout time.Duration) (j job) {
	j = job{src: s}
	defer func() {
		if p := recover(); p != nil {
			j.outcome, j.entries = Failed, nil
			j.manifest.Status, j.manifest.Reason = statusFailed, panics.New("", p).Error()
		}
	}()
	old := known[s.Path]
	j.manifest = Manifest{Path: s.Path, Ingests: time.Now().UTC().Format(time.RFC3339)}
	fail := func(err error) job {
		j.outcome = Failed
		j.manifest.Status, j.manifest.Reason = statusFailed, reason(s.Path, err)
		return j
	}
	err := s.Err
	var doc *corpus.Document
	if err == nil {
		doc, err = s.Load()
	}
	if err != nil {
		if (corpus.Item{FromDir: s.FromDir, Err: err}).Skippable() {
			j.outcome, j.skip = Ignored, err
			j.manifest.Reason = reason(s.Path, err)
			return j
		}
		return fail(err)
	}
	j.bytes = int64(len(doc.Data))
	j.manifest.SHA, j.manifest.Size = doc.ID, int64(len(doc.Data))
	if doc.Real != "" && doc.Real != s.Path {
		j.manifest.Real = doc.Real
	}
	j.manifest.Rules = rules
	if old != nil && old.SHA == doc.ID && (old.Rules == rules || old.Status == statusFailed) {
		j.outcome = Skipped
		if old.Status == statusFailed {
			j.outcome, j.manifest, j.unchanged = Failed, *old, true
		}
		return j
	}
	dctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	d, err := extract.Text(dctx, doc, topt)
	if err != nil {
		if errors.Is(err, context.DeadlineExceeded) && ctx.Err() == nil {
			err = fmt.Errorf("gave up after %s (--timeout)", timeout)
		}
		return fail(err)
	}
	if strings.TrimSpace(strings.ReplaceAll(d.Text, extract.PageSep, "")) == "" {
		// Nothing to search: a failure the user can see in 'chitieu
		// status', rather than an empty document.
		if doc.Format == corpus.PDF {
			return fail(fmt.Errorf("%w: %d page(s), none with text, not even by OCR (blank pages?)", ErrNoText, len(d.Pages)))
		}
		return fail(fmt.Errorf("%w: the document holds no text", ErrNoText))
	}
	j.text = int64(len(d.Text))
	res, err := x.Extract(d)
	if err != nil {
		return fail(err)
	}
	es, infos, err := entries(d, res)
	if err != nil {
		return fail(err)
	}
	// Mapping (bleve's reflection over each entry) is done here, in
	// parallel, rather than in the writer, which is the bottleneck.
	m := ix.bleve.Mapping()
	for _, e := range es {
		doc := document.NewDocument(e.id)
		if err := m.MapDocument(doc, e.doc); err != nil {
			return fail(fmt.Errorf("map %s: %w", e.id, err))
		}
		splitFields(doc)
		j.mapped = append(j.mapped, doc)
	}
	j.entries, j.manifest.Docs, j.manifest.Status = es, infos, statusOK
	j.outcome = Added
	if old != nil {
		j.outcome = Updated
	}
	return j
}

// reason is err's message without the path, which the failure names
// already.
func reason(path string, err error) string {
	msg := err.Error()
	for {
		t := strings.TrimPrefix(msg, path+": ")
		if t == msg {
			return msg
		}
		msg = t
	}
}

// children returns the bleve IDs of a manifest's documents.
func (m *Manifest) children() []string {
	var ids []string
	for _, d := range m.Docs {
		ids = append(ids, d.children()...)
	}
	return ids
}

// writer collects jobs into bleve batches of whole files. A full batch is
// written on its own goroutine while the next one fills, up to inflight
// batches at once (bleve builds each batch's segment on the goroutine that
// calls Batch, so one at a time would leave cores idle). Batches never
// conflict: a path is in one batch of a run, and each batch is atomic.
type writer struct {
	ix       *Index
	b        *bleve.Batch
	n, max   int
	shaPaths map[string][]string
	known    map[string]*Manifest
	inflight int
	pending  []chan error // batches being written, oldest first
}

func (w *writer) batch() *bleve.Batch {
	if w.b == nil {
		w.b = w.ix.bleve.NewBatch()
		w.n = 0
	}
	return w.b
}

func (w *writer) add(j job) error {
	if j.outcome == Ignored || j.outcome == Skipped || j.unchanged {
		return nil
	}
	b := w.batch()
	if old := w.known[j.src.Path]; old != nil && old.Status == statusOK {
		w.drop(j.src.Path, old)
	}
	for _, d := range j.mapped {
		if err := b.IndexAdvanced(d); err != nil {
			return fmt.Errorf("index %s: %w", j.src.Path, err)
		}
	}
	w.n += len(j.entries) + 1
	mj, err := json.Marshal(j.manifest)
	if err != nil {
		return err
	}
	fe := fileEntry{Kind: kindFile, Path: j.src.Path, SHA: j.manifest.SHA, Status: j.manifest.Status, Manifest: string(mj)}
	if err := b.Index(fileID(j.src.Path), fe); err != nil {
		return fmt.Errorf("index %s: %w", j.src.Path, err)
	}
	m := j.manifest
	w.known[j.src.Path] = &m
	if m.Status == statusOK {
		w.shaPaths[m.SHA] = append(w.shaPaths[m.SHA], j.src.Path)
	}
	if w.n >= w.max {
		return w.flush()
	}
	return nil
}

// drop deletes what path held, keeping documents that another path with
// the same content still holds.
func (w *writer) drop(path string, old *Manifest) {
	b := w.batch()
	others := w.shaPaths[old.SHA][:0:0]
	for _, p := range w.shaPaths[old.SHA] {
		if p != path {
			others = append(others, p)
		}
	}
	w.shaPaths[old.SHA] = others
	if len(others) > 0 {
		return
	}
	for _, id := range old.children() {
		b.Delete(id)
		w.n++
	}
}

// remove deletes a path and its documents.
func (w *writer) remove(path string, m *Manifest) {
	w.drop(path, m)
	w.batch().Delete(fileID(path))
	delete(w.known, path)
	w.n++
}

// flush starts writing the current batch, once fewer than inflight are
// being written.
func (w *writer) flush() error {
	for len(w.pending) >= max(w.inflight, 1) {
		if err := w.waitOldest(); err != nil {
			return err
		}
	}
	if w.b == nil || w.b.Size() == 0 {
		return nil
	}
	b := w.b
	w.b = nil
	done := make(chan error, 1)
	w.pending = append(w.pending, done)
	go func() {
		defer func() {
			if p := recover(); p != nil {
				done <- panics.New("index: batch", p)
			}
		}()
		done <- w.ix.bleve.Batch(b)
	}()
	return nil
}

// waitOldest waits for the oldest batch being written.
func (w *writer) waitOldest() error {
	err := <-w.pending[0]
	w.pending = w.pending[1:]
	if err != nil {
		return fmt.Errorf("index: write: %w", err)
	}
	return nil
}

// wait waits for every batch being written.
func (w *writer) wait() error {
	var first error
	for len(w.pending) > 0 {
		if err := w.waitOldest(); err != nil && first == nil {
			first = err
		}
	}
	return first
}

// close writes what is left and waits for it.
func (w *writer) close() error {
	if err := w.flush(); err != nil {
		return err
	}
	return w.wait()
}

// manifests returns what the index knows of every path.
func (ix *Index) manifests() (map[string]*Manifest, error) {
	out := map[string]*Manifest{}
	err := ix.each(kindQuery(kindFile), []string{"manifest"}, func(id string, fields map[string]any) error {
		s, _ := fields["manifest"].(string)
		var m Manifest
		if err := json.Unmarshal([]byte(s), &m); err != nil {
			return fmt.Errorf("index: file entry %s: %w", id, err)
		}
		out[m.Path] = &m
		return nil
	})
	return out, err
}

// File returns what the index recorded of the file at path (as it was
// ingested: absolute, or "sample:NAME"), or an error wrapping ErrNotFound.
func (ix *Index) File(path string) (m *Manifest, err error) {
	err = ix.each(bleve.NewDocIDQuery([]string{fileID(path)}), []string{"manifest"}, func(id string, fields map[string]any) error {
		s, _ := fields["manifest"].(string)
		m = &Manifest{}
		if err := json.Unmarshal([]byte(s), m); err != nil {
			return fmt.Errorf("index: file entry %s: %w", id, err)
		}
		return nil
	})
	if err == nil && m == nil {
		err = fmt.Errorf("%w: file %s", ErrNotFound, path)
	}
	return m, err
}

// Files returns the manifests of every path in the index, sorted by path.
func (ix *Index) Files() ([]Manifest, error) {
	m, err := ix.manifests()
	if err != nil {
		return nil, err
	}
	out := make([]Manifest, 0, len(m))
	for _, v := range m {
		out = append(out, *v)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Path < out[j].Path })
	return out, nil
}

// each calls fn with the stored fields of every hit of q, in pages.
func (ix *Index) each(q query.Query, fields []string, fn func(id string, fields map[string]any) error) error {
	const page = 1000
	var after []string
	for {
		req := bleve.NewSearchRequestOptions(q, page, 0, false)
		req.Fields = fields
		req.SortBy([]string{"_id"})
		if after != nil {
			req.SearchAfter = after
		}
		res, err := ix.bleve.Search(req)
		if err != nil {
			return fmt.Errorf("index: %w", err)
		}
		for _, h := range res.Hits {
			if err := fn(h.ID, h.Fields); err != nil {
				return err
			}
		}
		if len(res.Hits) < page {
			return nil
		}
		after = []string{res.Hits[len(res.Hits)-1].ID}
	}
}
