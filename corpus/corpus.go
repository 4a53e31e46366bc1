// Package corpus finds and loads the documents the pipeline reads: files
// and directory trees on disk, and the sample corpus embedded in the
// binary. It tells each document's format from its content, names it by the
// SHA-256 of its bytes, and turns every problem with a file (too large,
// empty, unreadable, a symlink loop, a format it cannot read) into an error
// that names the file and the reason, so that a batch can go on.
package corpus

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"syscall"
	"time"
)

// DefaultMaxSize is the largest file Load reads unless told otherwise.
const DefaultMaxSize = 100 << 20

// Errors, to be tested with errors.Is. The error a Loader returns is an
// *Error that names the file.
var (
	ErrUnsupported = errors.New("unsupported format")
	ErrTooLarge    = errors.New("file too large")
	ErrEmpty       = errors.New("empty file")
	ErrSymlinkLoop = errors.New("symlink loop")
	ErrNotRegular  = errors.New("not a regular file")
)

// Error is a problem with one file.
type Error struct {
	Path string
	Err  error
}

func (e *Error) Error() string { return e.Path + ": " + e.Err.Error() }
func (e *Error) Unwrap() error { return e.Err }

// Document is one loaded file.
type Document struct {
	Path    string    // as given (or sample:NAME for the embedded corpus)
	Name    string    // base name
	ID      string    // hex SHA-256 of Data
	Format  Format    // from the content
	Data    []byte    // the file's bytes
	ModTime time.Time // zero for embedded documents
}

// NewDocument makes a Document from bytes in memory, sniffing the format.
// It fails, like Load, on empty input and unsupported formats.
func NewDocument(path string, data []byte) (*Document, error) {
	if len(data) == 0 {
		return nil, &Error{path, ErrEmpty}
	}
	f, kind := Sniff(data)
	if f == Unknown {
		return nil, &Error{path, fmt.Errorf("%w (looks like %s)", ErrUnsupported, kind)}
	}
	sum := sha256.Sum256(data)
	return &Document{
		Path:   path,
		Name:   filepath.Base(path),
		ID:     hex.EncodeToString(sum[:]),
		Format: f,
		Data:   data,
	}, nil
}

// Loader loads files with limits. The zero value uses DefaultMaxSize.
type Loader struct {
	MaxSize int64 // largest file read, in bytes; 0 means DefaultMaxSize
}

func (l Loader) maxSize() int64 {
	if l.MaxSize > 0 {
		return l.MaxSize
	}
	return DefaultMaxSize
}

// Load reads the file at path.
func (l Loader) Load(path string) (*Document, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return nil, &Error{path, describe(err)}
	}
	if !fi.Mode().IsRegular() {
		return nil, &Error{path, ErrNotRegular}
	}
	if fi.Size() > l.maxSize() {
		return nil, &Error{path, fmt.Errorf("%w: %s, limit %s (--max-size)", ErrTooLarge, humanSize(fi.Size()), humanSize(l.maxSize()))}
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, &Error{path, describe(err)}
	}
	defer f.Close()
	// The file may grow between Stat and Read: read at most one byte past
	// the limit to notice.
	data, err := io.ReadAll(io.LimitReader(f, l.maxSize()+1))
	if err != nil {
		return nil, &Error{path, fmt.Errorf("read: %w", describe(err))}
	}
	if int64(len(data)) > l.maxSize() {
		return nil, &Error{path, fmt.Errorf("%w: over the limit of %s (--max-size)", ErrTooLarge, humanSize(l.maxSize()))}
	}
	doc, err := NewDocument(path, data)
	if err != nil {
		return nil, err
	}
	doc.ModTime = fi.ModTime()
	return doc, nil
}

// Load reads the file at path with the default limits.
func Load(path string) (*Document, error) { return Loader{}.Load(path) }

// describe turns system errors into short reasons.
func describe(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	switch {
	case errors.Is(err, syscall.ELOOP):
		return ErrSymlinkLoop
	case errors.Is(err, fs.ErrNotExist):
		return errors.New("no such file")
	case errors.Is(err, fs.ErrPermission):
		return errors.New("permission denied")
	}
	return err
}

func humanSize(n int64) string {
	switch {
	case n >= 1<<30:
		return fmt.Sprintf("%.1f GB", float64(n)/(1<<30))
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d bytes", n)
}

// Item is one file met by Walk: a document or the reason it could not be
// loaded.
type Item struct {
	Path    string
	Doc     *Document // nil when Err is set
	Err     error
	FromDir bool // found by walking a directory rather than named
}

// Skippable reports whether the item is a file of another kind met while
// walking a directory (an image next to the plans): worth a note, not a
// failure.
func (it Item) Skippable() bool {
	return it.FromDir && errors.Is(it.Err, ErrUnsupported)
}

// Walk loads each path in turn and calls fn with every file: a named file
// as itself, a directory as every file below it in name order (see List).
// A non-nil error from fn stops the walk and is returned.
func (l Loader) Walk(paths []string, fn func(Item) error) error {
	return l.List(paths, func(it Item) error {
		if it.Err == nil {
			it.Doc, it.Err = l.Load(it.Path)
		}
		return fn(it)
	})
}

// List is Walk without reading the files: fn gets each file's path (or the
// reason it cannot be reached) with Doc nil. It follows symbolic links and
// reports a link back to one of its own ancestor directories as
// ErrSymlinkLoop instead of looping. Hidden files and directories (".name")
// inside directories are passed over, and so are sockets, devices and
// pipes. A non-nil error from fn stops the walk and is returned.
func (l Loader) List(paths []string, fn func(Item) error) error {
	for _, p := range paths {
		fi, err := os.Stat(p)
		if err != nil {
			if err := fn(Item{Path: p, Err: &Error{p, describe(err)}}); err != nil {
				return err
			}
			continue
		}
		if fi.IsDir() {
			if err := l.listDir(p, []os.FileInfo{fi}, fn); err != nil {
				return err
			}
			continue
		}
		if err := fn(Item{Path: p}); err != nil {
			return err
		}
	}
	return nil
}

func (l Loader) listDir(dir string, ancestors []os.FileInfo, fn func(Item) error) error {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return fn(Item{Path: dir, Err: &Error{dir, describe(err)}, FromDir: true})
	}
	sort.Slice(entries, func(i, j int) bool { return entries[i].Name() < entries[j].Name() })
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".") {
			continue
		}
		p := filepath.Join(dir, e.Name())
		fi, err := os.Stat(p) // follows links
		if err != nil {
			if err := fn(Item{Path: p, Err: &Error{p, describe(err)}, FromDir: true}); err != nil {
				return err
			}
			continue
		}
		if fi.IsDir() {
			loop := false
			for _, a := range ancestors {
				if os.SameFile(a, fi) {
					loop = true
					break
				}
			}
			if loop {
				if err := fn(Item{Path: p, Err: &Error{p, ErrSymlinkLoop}, FromDir: true}); err != nil {
					return err
				}
				continue
			}
			if err := l.listDir(p, append(ancestors, fi), fn); err != nil {
				return err
			}
			continue
		}
		if !fi.Mode().IsRegular() {
			continue // sockets, devices, pipes
		}
		if err := fn(Item{Path: p, FromDir: true}); err != nil {
			return err
		}
	}
	return nil
}
