package index

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/chitieu/chitieu/corpus"
	"github.com/chitieu/chitieu/extract"
	"github.com/chitieu/chitieu/extract/gazetteer"
	"github.com/chitieu/chitieu/extract/rules"
	"github.com/chitieu/chitieu/extract/targets"
)

// An IngestJob is an ingest described by value, so that the process that
// writes an index can run it for another (see Store). Paths are walked as
// corpus.Loader.List walks them, never into the index itself.
type IngestJob struct {
	Paths       []string        `json:"paths"` // absolute; none: the embedded sample corpus
	MaxSize     int64           `json:"max_size,omitempty"`
	FollowLinks bool            `json:"follow_links,omitempty"`
	Text        extract.Options `json:"text"`
	Gazetteer   string          `json:"gazetteer,omitempty"` // CSV of more places, added to the built-in ones
	Catalog     string          `json:"catalog,omitempty"`   // catalog file replacing the built-in one
	MaxTargets  int             `json:"max_targets,omitempty"`
	Prune       bool            `json:"prune,omitempty"`
	Workers     int             `json:"workers,omitempty"`
	DocTimeout  time.Duration   `json:"doc_timeout,omitempty"`
	Batch       int             `json:"batch,omitempty"`
}

// Extractor builds the target extractor the job asks for; its errors name
// the file at fault.
func (j IngestJob) Extractor() (*targets.Extractor, error) {
	opt := targets.Options{MaxRecords: j.MaxTargets}
	if j.Gazetteer != "" {
		places, err := parseFile("gazetteer", j.Gazetteer, gazetteer.Parse)
		if err != nil {
			return nil, err
		}
		opt.Gazetteer = gazetteer.Default().With(places)
	}
	if j.Catalog != "" {
		c, err := parseFile("catalog", j.Catalog, rules.ParseCatalog)
		if err != nil {
			return nil, err
		}
		opt.Catalog = c
	}
	return targets.New(opt), nil
}

func parseFile[T any](what, path string, parse func(io.Reader) (T, error)) (T, error) {
	var zero T
	f, err := os.Open(path)
	if err != nil {
		return zero, fmt.Errorf("%s: %w", what, err)
	}
	defer f.Close()
	v, err := parse(f)
	if err != nil {
		return zero, fmt.Errorf("%s %s: %w", what, path, err)
	}
	return v, nil
}

// Loader is the corpus loader of the job, kept out of the index in dir.
func (j IngestJob) Loader(dir string) corpus.Loader {
	return corpus.Loader{MaxSize: j.MaxSize, FollowLinks: j.FollowLinks, Exclude: []string{dir}}
}

// ocrDir is the index's cache of pages read by OCR.
const ocrDir = "ocr"

// Run walks the job's paths and ingests what it finds.
func (ix *Index) Run(ctx context.Context, j IngestJob, progress func(Progress)) (*Summary, error) {
	x, err := j.Extractor()
	if err != nil {
		return &Summary{}, err
	}
	if j.Text.OCRCache == "" {
		// Pages read by OCR are kept with the index: an ingest again
		// reads none twice.
		j.Text.OCRCache = filepath.Join(ix.dir, ocrDir)
	}
	var srcs []Source
	if len(j.Paths) == 0 {
		docs, err := corpus.Sample()
		if err != nil {
			return &Summary{}, fmt.Errorf("sample corpus: %w", err)
		}
		srcs = DocumentSources(docs)
	} else {
		for _, p := range j.Paths {
			if !filepath.IsAbs(p) {
				return &Summary{}, fmt.Errorf("index: ingest: path %q is not absolute", p)
			}
		}
		if srcs, err = FileSources(j.Loader(ix.dir), j.Paths); err != nil {
			return &Summary{}, err
		}
	}
	return ix.Ingest(ctx, srcs, IngestOptions{Workers: j.Workers, Text: j.Text, Extractor: x, Prune: j.Prune,
		DocTimeout: j.DocTimeout, BatchEntries: j.Batch, Progress: progress})
}
