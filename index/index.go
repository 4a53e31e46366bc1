// Package index keeps documents, passages and targets in a bleve index and
// searches them, with or without diacritics.
//
// An index is a directory (by default ./chitieu.index) that holds a lock
// file, a format file and the bleve index itself:
//
//	DIR/lock          flock'ed by the processes that have the index open; names its writer
//	DIR/chitieu.json  {"format": N}: the mapping version
//	DIR/domains.json  the policy domains (bundles) the targets were extracted with
//	DIR/files.json    the files it holds, for Repair when the store is lost
//	DIR/copies.json   the documents that are one plan in several files (identity.go)
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
	"sync"
	"sync/atomic"
	"time"

	"github.com/chitieu/chitieu/internal/panics"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/chitieu/chitieu/extract/domain"
	"github.com/chitieu/chitieu/extract/gazetteer"
)

// FormatVersion is the version of the mapping; an index built with another
// one must be rebuilt.
const FormatVersion = 6

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
	ErrReadOnly  = errors.New("index: opened for reading only")
	ErrOwnerGone = errors.New("index: the process that wrote it has gone")
	errCancelled = errors.New("index: cancelled")
)

// Options configure Open. The zero value opens the index for writing,
// creates it when missing, and uses the built-in gazetteer to read query
// filters.
type Options struct {
	NoCreate  bool // fail with ErrNoIndex instead of creating a missing index
	Gazetteer *gazetteer.Gazetteer
	// ReadOnly opens the index for reading, beside other readers; it
	// fails with an *InUseError while a writer has the index, whose
	// socket OpenStore then reaches instead. It implies NoCreate.
	ReadOnly bool
	// Command names the process in the lock for the others' messages
	// ("ingest", "serve").
	Command string
	// Share serves the index to other processes on a local socket while
	// it is open for writing (see Share): readers reach it, and with
	// AcceptWrites, ingests too.
	Share        bool
	AcceptWrites bool
	// LockWait bounds the wait for readers to finish before a writer
	// gives up (0: 30 seconds).
	LockWait time.Duration
}

// Index is an open index. Its methods are safe for concurrent use. Many
// processes may read an index at once; one at a time writes it, and while
// it does, the others read (and, if it is a server, write) through it.
type Index struct {
	dir      string
	bleve    bleve.Index
	release  func()
	gaz      *gazetteer.Gazetteer
	dmu      sync.Mutex
	dom      *domain.Set // the domains of the targets (domains.json)
	domErr   error       // why domains.json does not load
	readOnly bool
	owner    Owner
	unshare  func()
	ready    func() // lets the socket answer, once Open is done

	wmu     sync.Mutex    // held by whatever writes: Ingest, Check with repair
	version atomic.Uint64 // counts the writes that ended

	cmu sync.Mutex
	cp  *copies // the groups of copies, as of cp.version
}

// Owner names the process that writes an index, in its lock file.
type Owner struct {
	PID     int       `json:"pid"`
	Command string    `json:"command,omitempty"`
	Since   time.Time `json:"since,omitzero"`
	Socket  string    `json:"socket,omitempty"` // where it shares the index, if it does
	Writes  bool      `json:"writes,omitempty"` // whether it takes ingests from others
}

// InUseError is the error of Open when another process writes the index.
// It is ErrInUse.
type InUseError struct {
	Dir   string
	Owner Owner
}

func (e *InUseError) Error() string {
	o := e.Owner
	if o.PID == 0 {
		return "index " + e.Dir + " is in use by " + o.Command + "; try again in a moment"
	}
	who := fmt.Sprintf("PID %d", o.PID)
	if o.Command != "" {
		who = fmt.Sprintf("'chitieu %s' (PID %d, since %s)", o.Command, o.PID, o.Since.Local().Format(time.TimeOnly))
	}
	return "index " + e.Dir + " is being written by " + who + "; run this again when it has finished, or stop it"
}

func (e *InUseError) Is(target error) bool { return target == ErrInUse }

type formatFile struct {
	Format int `json:"format"`
}

// Open opens the index in dir, creating it (and dir) when missing unless
// opt.NoCreate. While another process writes the index, Open fails with
// an *InUseError naming it (see OpenStore to read through it instead).
func Open(dir string, opt Options) (ix *Index, err error) {
	defer panics.Recover(&err, "index "+dir)
	ix = &Index{dir: dir, gaz: opt.Gazetteer}
	if ix.gaz == nil {
		ix.gaz = gazetteer.Default()
	}
	fi, err := os.Stat(dir)
	switch {
	case errors.Is(err, os.ErrNotExist):
		if opt.NoCreate || opt.ReadOnly {
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
		// A chitieu.json that does not parse is damage, named below.
		if json.Unmarshal(b, &f) == nil && f.Format != FormatVersion && f.Format != 0 {
			return nil, fmt.Errorf("%w: format %d, this one reads %d; remove %s and ingest again", ErrFormat, f.Format, FormatVersion, dir)
		}
	} else if ents, _ := os.ReadDir(dir); len(ents) > 0 && !onlyLock(ents) {
		return nil, fmt.Errorf("%w: %s holds other files", ErrNotIndex, dir)
	}
	ix.readOnly = opt.ReadOnly
	ix.owner = Owner{PID: os.Getpid(), Command: opt.Command, Since: time.Now().UTC().Truncate(time.Second), Writes: opt.AcceptWrites}
	var unshare func()
	if opt.Share && !opt.ReadOnly {
		// The socket is ready before the lock names it.
		ix.owner.Socket, unshare, err = ix.share()
		if err != nil {
			return nil, fmt.Errorf("index %s: share: %w", dir, err)
		}
		ready := ix.ready
		defer func() {
			if err != nil {
				ready() // a client that came early gets an error, not a wait
				unshare()
			}
		}()
	}
	wait := opt.LockWait
	if wait <= 0 {
		wait = 30 * time.Second
	}
	release, err := lockDir(dir, opt.ReadOnly, ix.owner, wait)
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
	// The index's own files are checked before bleve reads them: bleve
	// makes an empty index of an empty root.bolt, and tells of a damaged
	// segment in its log.
	if ds := fatal(Verify(dir, false)); len(ds) > 0 {
		return nil, &DamagedError{Dir: dir, Damages: ds}
	}
	store := filepath.Join(dir, "bleve")
	if opt.ReadOnly {
		ix.bleve, err = bleve.OpenUsing(store, map[string]any{"read_only": true})
	} else {
		ix.bleve, err = bleve.Open(store)
	}
	if errors.Is(err, bleve.ErrorIndexPathDoesNotExist) || errors.Is(err, bleve.ErrorIndexMetaMissing) {
		if opt.NoCreate || opt.ReadOnly {
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
		return nil, &DamagedError{Dir: dir, Damages: []Damage{{File: storeDir, What: "the bleve store does not open: " + err.Error(), Fatal: true}}}
	}
	if _, serr := os.Stat(formatPath); serr != nil && !opt.ReadOnly {
		// New, or created by a process killed before it wrote the file.
		b, _ := json.Marshal(formatFile{FormatVersion})
		if err = writeFileAtomic(formatPath, b); err != nil {
			ix.bleve.Close()
			return nil, fmt.Errorf("index %s: %w", dir, err)
		}
	}
	ix.dom, ix.domErr = loadDomains(dir)
	ix.unshare = unshare
	if ix.ready != nil {
		ix.ready()
	}
	return ix, nil
}

func onlyLock(ents []os.DirEntry) bool {
	for _, e := range ents {
		if e.Name() != "lock" && e.Name() != "bleve" && e.Name() != lastIngest && e.Name() != filesFile && e.Name() != domainsFile && e.Name() != ".rebuild" && e.Name() != ocrDir {
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
	if ix.unshare != nil {
		ix.unshare() // no one reaches the index through this process now
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
