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
	"github.com/chitieu/chitieu/extract/domain"
	"github.com/chitieu/chitieu/extract/gazetteer"
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
	Catalog     string          `json:"catalog,omitempty"`   // catalog file replacing the learning society's
	// Domains are the policy domains to extract with, besides the
	// learning society: built-in names or absolute directories. None (and
	// no Catalog): those the index has.
	Domains    []string      `json:"domains,omitempty"`
	MaxTargets int           `json:"max_targets,omitempty"`
	Prune      bool          `json:"prune,omitempty"`
	Workers    int           `json:"workers,omitempty"`
	DocTimeout time.Duration `json:"doc_timeout,omitempty"`
	Batch      int           `json:"batch,omitempty"`
}

// Places returns the built-in gazetteer with the places of the job's
// Gazetteer file added; its errors name the file.
func (j IngestJob) Places() (*gazetteer.Gazetteer, error) {
	if j.Gazetteer == "" {
		return gazetteer.Default(), nil
	}
	places, err := parseFile("gazetteer", j.Gazetteer, gazetteer.Parse)
	if err != nil {
		return nil, err
	}
	return gazetteer.Default().With(places), nil
}

// Extractor builds the target extractor the job asks for, with the
// domains it names or, when it names none, the domains stored (nil: the
// built-in one); its errors name the file at fault.
func (j IngestJob) Extractor(stored *domain.Set) (*targets.Extractor, error) {
	opt := targets.Options{MaxRecords: j.MaxTargets, Domains: stored}
	if j.Gazetteer != "" {
		g, err := j.Places()
		if err != nil {
			return nil, err
		}
		opt.Gazetteer = g
	}
	if j.Catalog != "" || len(j.Domains) > 0 {
		s, err := j.DomainSet()
		if err != nil {
			return nil, err
		}
		opt.Domains = s
	}
	return targets.New(opt), nil
}

// DomainSet returns the set of domains the job names: the learning
// society (with the job's catalog, if any) and its Domains.
func (j IngestJob) DomainSet() (*domain.Set, error) {
	base := domain.Builtin(domain.Default)
	if j.Catalog != "" {
		b, err := os.ReadFile(j.Catalog)
		if err != nil {
			return nil, fmt.Errorf("catalog: %w", err)
		}
		if base, err = base.WithCatalog(string(b)); err != nil {
			return nil, fmt.Errorf("catalog %s: %w", j.Catalog, err)
		}
	}
	bs := []*domain.Bundle{base}
	for _, d := range j.Domains {
		b, err := domain.Open(d)
		if err != nil {
			return nil, err
		}
		if b.Name == domain.Default {
			if j.Catalog == "" {
				bs[0] = b // the learning society from a directory
			}
			continue
		}
		bs = append(bs, b)
	}
	return domain.NewSet(bs...)
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
	stored, err := ix.Domains()
	if err != nil && j.Catalog == "" && len(j.Domains) == 0 {
		return &Summary{}, err
	}
	x, err := j.Extractor(stored)
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
