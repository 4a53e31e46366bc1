package index

import (
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/chitieu/chitieu/extract/domain"

	"go.etcd.io/bbolt"
	bberrors "go.etcd.io/bbolt/errors"
)

// ErrDamaged is the error of Open on an index whose own files are
// damaged; the error is a *DamagedError that names them.
var ErrDamaged = errors.New("index: damaged")

// A Damage is one thing wrong with one of an index's own files.
type Damage struct {
	File  string `json:"file"` // relative to the index directory
	What  string `json:"what"`
	Fatal bool   `json:"fatal"` // the index cannot be opened with it
}

func (d Damage) String() string { return d.What }

// DamagedError names what is wrong with an index's files.
type DamagedError struct {
	Dir     string
	Damages []Damage
}

func (e *DamagedError) Error() string {
	var ws []string
	for _, d := range e.Damages {
		ws = append(ws, d.What)
	}
	return fmt.Sprintf("index %s is damaged: %s; run 'chitieu check --repair --index %s' to rebuild it", e.Dir, strings.Join(ws, "; "), e.Dir)
}

func (e *DamagedError) Is(target error) bool { return target == ErrDamaged }

// The files of the bleve (scorch) store that Verify reads.
const (
	storeDir  = "bleve"
	metaFile  = "bleve/index_meta.json"
	boltFile  = "bleve/store/root.bolt"
	segDir    = "bleve/store"
	filesFile = "files.json"
)

// Verify checks the index's own files in dir and returns what is wrong
// with them: chitieu.json, files.json and last-ingest.json that do not
// parse, bleve's index_meta.json, a root.bolt that is empty or not a bolt
// file, segments (.zap) too short for their footer or whose footer points
// past their end. With deep, every segment's checksum is computed too
// (which reads every byte of the index). A missing index is no damage.
func Verify(dir string, deep bool) []Damage {
	var ds []Damage
	add := func(file, what string, fatal bool) {
		ds = append(ds, Damage{File: file, What: what, Fatal: fatal})
	}
	jsonFile := func(name string, fatal bool, check func([]byte) error) {
		b, err := os.ReadFile(filepath.Join(dir, name))
		switch {
		case errors.Is(err, os.ErrNotExist):
		case err != nil:
			add(name, fmt.Sprintf("%s cannot be read: %v", name, err), fatal)
		case !json.Valid(b):
			add(name, name+" is not valid JSON", fatal)
		case check != nil:
			if err := check(b); err != nil {
				add(name, fmt.Sprintf("%s %v", name, err), fatal)
			}
		}
	}
	jsonFile("chitieu.json", true, func(b []byte) error {
		var f formatFile
		if json.Unmarshal(b, &f) != nil || f.Format == 0 {
			return errors.New("does not name a format")
		}
		return nil
	})
	jsonFile(lastIngest, false, func(b []byte) error {
		var r IngestRecord
		if err := json.Unmarshal(b, &r); err != nil {
			return fmt.Errorf("does not hold an ingest summary: %v", err)
		}
		return nil
	})
	jsonFile(domainsFile, false, func(b []byte) error {
		if _, err := domain.Decode(b); err != nil {
			return fmt.Errorf("does not hold the index's policy domains: %v (ingest again with --domain)", err)
		}
		return nil
	})
	jsonFile(filesFile, false, func(b []byte) error {
		var fs []Manifest
		if err := json.Unmarshal(b, &fs); err != nil {
			return fmt.Errorf("does not hold a list of files: %v", err)
		}
		return nil
	})
	if _, err := os.Stat(filepath.Join(dir, storeDir)); err != nil {
		return ds // no store yet: a new index, or one a crash left before its store
	}
	jsonFile(metaFile, true, func(b []byte) error {
		var m struct {
			Storage   string `json:"storage"`
			IndexType string `json:"index_type"`
		}
		if json.Unmarshal(b, &m) != nil || m.IndexType == "" {
			return errors.New("does not name an index type")
		}
		return nil
	})
	if _, err := os.Stat(filepath.Join(dir, metaFile)); errors.Is(err, os.ErrNotExist) {
		if _, err := os.Stat(filepath.Join(dir, segDir)); err == nil {
			add(metaFile, metaFile+" is missing", true)
		}
	}
	if what := verifyBolt(filepath.Join(dir, boltFile)); what != "" {
		add(boltFile, what, true)
	}
	segs, _ := filepath.Glob(filepath.Join(dir, segDir, "*.zap"))
	sort.Strings(segs)
	// Only the segments root.bolt names are the index: a writer killed
	// while it wrote one leaves a partial file that bleve then removes.
	// While a writer has root.bolt, its segments are its own business:
	// some may be half written.
	live, err := liveSegments(filepath.Join(dir, boltFile))
	if err != nil && len(fatal(ds)) == 0 {
		add(boltFile, "root.bolt does not open: "+err.Error(), true)
	}
	for _, p := range segs {
		if live == nil && err == nil || live != nil && !live[filepath.Base(p)] {
			continue
		}
		if what := verifySegment(p, deep); what != "" {
			add(filepath.Join(segDir, filepath.Base(p)), what, true)
		}
	}
	return ds
}

// fatal reports whether ds holds damage that keeps the index from opening.
func fatal(ds []Damage) []Damage {
	var out []Damage
	for _, d := range ds {
		if d.Fatal {
			out = append(out, d)
		}
	}
	return out
}

// boltMagic marks a bolt file's meta pages.
const boltMagic = 0xED0CDAED

// verifyBolt checks that a bolt file has its two meta pages.
func verifyBolt(path string) string {
	f, err := os.Open(path)
	if errors.Is(err, os.ErrNotExist) {
		if _, derr := os.Stat(filepath.Dir(path)); derr == nil {
			return "root.bolt is missing"
		}
		return ""
	}
	if err != nil {
		return fmt.Sprintf("root.bolt cannot be read: %v", err)
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return fmt.Sprintf("root.bolt cannot be read: %v", err)
	}
	if fi.Size() == 0 {
		return "root.bolt is empty"
	}
	// A page header is 16 bytes; the meta that follows starts with the
	// magic, the version and the page size, in the machine's byte order
	// (little-endian on every platform Go builds chitieu for but a few).
	head := make([]byte, 28)
	if _, err := io.ReadFull(f, head); err != nil {
		return "root.bolt is truncated"
	}
	if binary.LittleEndian.Uint32(head[16:]) != boltMagic && binary.BigEndian.Uint32(head[16:]) != boltMagic {
		return "root.bolt is not a bolt database (its first page is damaged)"
	}
	pageSize := int64(binary.LittleEndian.Uint32(head[24:]))
	if binary.LittleEndian.Uint32(head[16:]) != boltMagic {
		pageSize = int64(binary.BigEndian.Uint32(head[24:]))
	}
	if pageSize < 512 || pageSize > 1<<20 || fi.Size() < 4*pageSize {
		return fmt.Sprintf("root.bolt is truncated (%d bytes)", fi.Size())
	}
	return ""
}

// zapTail is the part of a zap segment's footer read to check it: its
// last 12 bytes are the CRC, the version and the chunk mode, before them
// up to four offsets into the file and the number of documents.
const zapTail = 12 + 5*8

// verifySegment checks a zap segment's footer, and with deep its CRC.
func verifySegment(path string, deep bool) string {
	name := "segment " + filepath.Base(path)
	f, err := os.Open(path)
	if err != nil {
		return fmt.Sprintf("%s cannot be read: %v", name, err)
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return fmt.Sprintf("%s cannot be read: %v", name, err)
	}
	size := fi.Size()
	if size < zapTail {
		return fmt.Sprintf("%s is truncated (%d bytes)", name, size)
	}
	foot := make([]byte, zapTail)
	if _, err := f.ReadAt(foot, size-zapTail); err != nil {
		return fmt.Sprintf("%s cannot be read: %v", name, err)
	}
	version := binary.BigEndian.Uint32(foot[zapTail-8:])
	if version < 11 || version > 64 {
		return fmt.Sprintf("%s is truncated or damaged (its footer is not a segment's)", name)
	}
	// The offsets before the chunk mode: v17 and later the sections and
	// stored indexes; v16 the doc values, sections, fields and stored
	// indexes; before, the doc values, fields and stored indexes.
	n := 3
	switch {
	case version >= 17:
		n = 2
	case version == 16:
		n = 4
	}
	for i := range n {
		o := binary.BigEndian.Uint64(foot[zapTail-20-8*i:])
		if o != ^uint64(0) && o > uint64(size) {
			return fmt.Sprintf("%s is truncated (its footer points past its end)", name)
		}
	}
	if deep {
		h := crc32.NewIEEE()
		if _, err := io.Copy(h, io.NewSectionReader(f, 0, size-4)); err != nil {
			return fmt.Sprintf("%s cannot be read: %v", name, err)
		}
		if h.Sum32() != binary.BigEndian.Uint32(foot[zapTail-4:]) {
			return fmt.Sprintf("%s is damaged (its checksum does not match)", name)
		}
	}
	return ""
}

// liveSegments returns the names of the segments that the snapshots in a
// scorch root.bolt hold (bucket "s", a bucket per snapshot, a bucket per
// segment with its file name under "p"). It is nil, with no error, when
// another process has the file locked for writing, or it is missing or
// empty.
func liveSegments(path string) (live map[string]bool, err error) {
	defer func() {
		if p := recover(); p != nil { // bolt panics on some damaged pages
			live, err = nil, fmt.Errorf("damaged: %v", p)
		}
	}()
	if fi, err := os.Stat(path); err != nil || fi.Size() == 0 {
		return nil, nil // missing or empty: told by verifyBolt
	}
	db, err := bbolt.Open(path, 0o600, &bbolt.Options{ReadOnly: true, Timeout: 200 * time.Millisecond})
	if errors.Is(err, bberrors.ErrTimeout) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	defer db.Close()
	live = map[string]bool{}
	err = db.View(func(tx *bbolt.Tx) error {
		snaps := tx.Bucket([]byte{'s'})
		if snaps == nil {
			return nil
		}
		return snaps.ForEachBucket(func(k []byte) error {
			snap := snaps.Bucket(k)
			return snap.ForEachBucket(func(k []byte) error {
				if p := snap.Bucket(k).Get([]byte{'p'}); p != nil {
					live[filepath.Base(string(p))] = true
				}
				return nil
			})
		})
	})
	return live, err
}
