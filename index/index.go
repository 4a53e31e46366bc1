// Package index keeps documents, passages and targets in a bleve index and
// searches them, with or without diacritics.
//
// An index is a directory (by default ./chitieu.index) that holds a lock
// file, a format file and the bleve index itself:
//
//	DIR/lock          flock'ed by the process that has the index open, with its PID
//	DIR/chitieu.json  {"format": N}: the mapping version
//	DIR/bleve/        the bleve (scorch) index
//
// Ingest (Index.Ingest) is incremental and crash-safe: each bleve batch
// holds whole files (their documents, passages, targets and the file's
// manifest), so an ingest killed at any moment leaves every file either
// fully indexed or not at all, and running it again completes it. Search
// (Index.Search) takes the query language of ParseQuery and returns
// passages (or targets) with highlighted snippets and facets; Targets lists
// target records by filter.
package index

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/chitieu/chitieu/extract/gazetteer"
	"github.com/chitieu/chitieu/extract/rules"
)

// FormatVersion is the version of the mapping; an index built with another
// one must be rebuilt.
const FormatVersion = 2

// DefaultDir is where commands keep the index when not told otherwise.
const DefaultDir = "chitieu.index"

// Errors.
var (
	ErrInUse     = errors.New("index: in use by another process")
	ErrNotIndex  = errors.New("index: not a chitieu index")
	ErrFormat    = errors.New("index: built by another version of chitieu")
	ErrNoIndex   = errors.New("index: no index")
	ErrBadQuery  = errors.New("index: bad query")
	ErrNotFound  = errors.New("index: not found")
	ErrNoText    = errors.New("no text")
	errCancelled = errors.New("index: cancelled")
)

// Options configure Open. The zero value creates the index when missing
// and uses the built-in gazetteer and catalog to read query filters.
type Options struct {
	NoCreate  bool // fail with ErrNoIndex instead of creating a missing index
	Gazetteer *gazetteer.Gazetteer
	Catalog   *rules.Catalog
}

// Index is an open index. Its methods are safe for concurrent use; one
// process at a time may have an index open.
type Index struct {
	dir     string
	bleve   bleve.Index
	release func()
	gaz     *gazetteer.Gazetteer
	cat     *rules.Catalog
}

// InUseError is the error of Open when another process has the index
// open. It is ErrInUse.
type InUseError struct {
	Dir string
	PID string // "unknown" if the lock file does not say
}

func (e *InUseError) Error() string {
	return "index " + e.Dir + " is in use by PID " + e.PID + " (another chitieu has it open)"
}

func (e *InUseError) Is(target error) bool { return target == ErrInUse }

type formatFile struct {
	Format int `json:"format"`
}

// Open opens the index in dir, creating it (and dir) when missing unless
// opt.NoCreate. A second process gets ErrInUse with the owner's PID.
func Open(dir string, opt Options) (ix *Index, err error) {
	defer func() {
		if r := recover(); r != nil {
			ix, err = nil, fmt.Errorf("index %s: internal error: %v", dir, r)
		}
	}()
	ix = &Index{dir: dir, gaz: opt.Gazetteer, cat: opt.Catalog}
	if ix.gaz == nil {
		ix.gaz = gazetteer.Default()
	}
	if ix.cat == nil {
		ix.cat = rules.DefaultCatalog()
	}
	fi, err := os.Stat(dir)
	switch {
	case errors.Is(err, os.ErrNotExist):
		if opt.NoCreate {
			return nil, fmt.Errorf("%w in %s (run 'chitieu ingest' first)", ErrNoIndex, dir)
		}
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return nil, fmt.Errorf("index: %w", err)
		}
	case err != nil:
		return nil, fmt.Errorf("index: %w", err)
	case !fi.IsDir():
		return nil, fmt.Errorf("%w: %s is a file", ErrNotIndex, dir)
	}
	formatPath := filepath.Join(dir, "chitieu.json")
	if b, err := os.ReadFile(formatPath); err == nil {
		var f formatFile
		if err := json.Unmarshal(b, &f); err != nil {
			return nil, fmt.Errorf("%w: %s: %v", ErrNotIndex, formatPath, err)
		}
		if f.Format != FormatVersion {
			return nil, fmt.Errorf("%w: format %d, this one reads %d; remove %s and ingest again", ErrFormat, f.Format, FormatVersion, dir)
		}
	} else if ents, _ := os.ReadDir(dir); len(ents) > 0 && !onlyLock(ents) {
		return nil, fmt.Errorf("%w: %s holds other files", ErrNotIndex, dir)
	}
	release, err := lockDir(dir)
	if err != nil {
		var iu *InUseError
		if errors.As(err, &iu) {
			return nil, err
		}
		return nil, fmt.Errorf("index %s: %w", dir, err)
	}
	defer func() {
		if err != nil {
			release()
		}
	}()
	ix.release = release
	store := filepath.Join(dir, "bleve")
	ix.bleve, err = bleve.Open(store)
	if errors.Is(err, bleve.ErrorIndexPathDoesNotExist) || errors.Is(err, bleve.ErrorIndexMetaMissing) {
		if opt.NoCreate {
			return nil, fmt.Errorf("%w in %s (run 'chitieu ingest' first)", ErrNoIndex, dir)
		}
		// A crash while creating leaves a partial store: start it over.
		if err := os.RemoveAll(store); err != nil {
			return nil, fmt.Errorf("index: %w", err)
		}
		m, merr := newMapping()
		if merr != nil {
			return nil, fmt.Errorf("index: mapping: %w", merr)
		}
		ix.bleve, err = bleve.New(store, m)
	}
	if err != nil {
		return nil, fmt.Errorf("index %s: %w", dir, err)
	}
	if _, serr := os.Stat(formatPath); serr != nil {
		// New, or created by a process killed before it wrote the file.
		b, _ := json.Marshal(formatFile{FormatVersion})
		if err = writeFileAtomic(formatPath, b); err != nil {
			ix.bleve.Close()
			return nil, fmt.Errorf("index %s: %w", dir, err)
		}
	}
	return ix, nil
}

func onlyLock(ents []os.DirEntry) bool {
	for _, e := range ents {
		if e.Name() != "lock" && e.Name() != "bleve" && e.Name() != lastIngest {
			return false
		}
	}
	return true
}

// writeFileAtomic writes a file by renaming a complete temporary one.
func writeFileAtomic(path string, b []byte) error {
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, b, 0o644); err != nil {
		return err
	}
	return os.Rename(tmp, path)
}

// Dir returns the index's directory.
func (ix *Index) Dir() string { return ix.dir }

// Close closes the index and releases its lock.
func (ix *Index) Close() error {
	if ix == nil || ix.bleve == nil {
		return nil
	}
	err := ix.bleve.Close()
	ix.bleve = nil
	ix.release()
	return err
}

// Stats are counts of what an index holds.
type Stats struct {
	Files     uint64 `json:"files"`
	Failed    uint64 `json:"failed"`
	Documents uint64 `json:"documents"`
	Passages  uint64 `json:"passages"`
	Targets   uint64 `json:"targets"`
}

// Stats counts the index's entries by kind.
func (ix *Index) Stats() (Stats, error) {
	var s Stats
	for kind, n := range map[string]*uint64{kindFile: &s.Files, kindDocument: &s.Documents, kindPassage: &s.Passages, kindTarget: &s.Targets} {
		c, err := ix.count(kindQuery(kind))
		if err != nil {
			return s, err
		}
		*n = c
	}
	q := bleve.NewConjunctionQuery(kindQuery(kindFile), termQuery("status", statusFailed))
	c, err := ix.count(q)
	s.Failed = c
	return s, err
}

func (ix *Index) count(q query.Query) (uint64, error) {
	req := bleve.NewSearchRequestOptions(q, 0, 0, false)
	res, err := ix.bleve.Search(req)
	if err != nil {
		return 0, err
	}
	return res.Total, nil
}

func kindQuery(kind string) query.Query { return termQuery(fieldKind, kind) }

func termQuery(field, term string) *query.TermQuery {
	q := bleve.NewTermQuery(term)
	q.SetField(field)
	return q
}
