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
	ErrOutside     = errors.New("link leaves the corpus")
	ErrBrokenLink  = errors.New("broken link")
	ErrExcluded    = errors.New("excluded")
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
	// Real is the path the bytes were read from, links resolved, when the
	// walk resolved it; "" otherwise.
	Real string
}

// NewDocument makes a Document from bytes in memory, sniffing the format.
// It fails, like Load, on empty input and unsupported formats.
func NewDocument(path string, data []byte) (*Document, error) {
	if len(data) == 0 {
		return nil, &Error{path, ErrEmpty}
	}
	f, kind := Sniff(data)
	if f == Unknown {
		return nil, &Error{path, fmt.Errorf("%w (looks like %s%s)", ErrUnsupported, kind, convertHint(kind))}
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

// convertHint says how to turn a format chitieu does not read into one it
// does, where there is a way.
func convertHint(kind string) string {
	switch {
	case kind == "RTF" || strings.HasPrefix(kind, "ODF"):
		return "; convert it: libreoffice --headless --convert-to docx FILE"
	case strings.HasSuffix(kind, " image"):
		return "; a scanned page? put it in a PDF to have it read: img2pdf FILE -o FILE.pdf"
	case kind == "XLSX" || strings.HasPrefix(kind, "XLS"):
		return "; a spreadsheet: save its tables as CSV or in a document"
	}
	return ""
}

// Loader loads files with limits. The zero value uses DefaultMaxSize and
// keeps walks inside the paths they are given.
type Loader struct {
	MaxSize int64 // largest file read, in bytes; 0 means DefaultMaxSize
	// FollowLinks makes List follow symbolic links whose targets lie
	// outside every path it was given; by default they are skipped with
	// ErrOutside.
	FollowLinks bool
	// Exclude lists directories (the index, say) that List never enters,
	// wherever they are met; a path named inside one is skipped with
	// ErrExcluded.
	Exclude []string
}

func (l Loader) maxSize() int64 {
	if l.MaxSize > 0 {
		return l.MaxSize
	}
	return DefaultMaxSize
}

// Load reads the file at path, following symbolic links. Only regular
// files are read: a FIFO, a device or a socket is ErrNotRegular and is
// never opened.
func (l Loader) Load(path string) (*Document, error) {
	return l.load(path, path, 0)
}

// load reads the file at real (path resolved) and names it path. flags
// are added to the open flags (O_NOFOLLOW for a resolved path, so that a
// link put in its place after the walk is not followed).
func (l Loader) load(path, real string, flags int) (*Document, error) {
	fi, err := os.Stat(real)
	if err != nil {
		return nil, &Error{path, describe(err)}
	}
	if !fi.Mode().IsRegular() {
		return nil, &Error{path, notRegular(fi.Mode())}
	}
	if fi.Size() > l.maxSize() {
		return nil, &Error{path, fmt.Errorf("%w: %s, limit %s (--max-size)", ErrTooLarge, humanSize(fi.Size()), humanSize(l.maxSize()))}
	}
	// O_NONBLOCK: a file swapped for a FIFO after the Stat does not block
	// the open; the Stat of the open file then refuses it.
	f, err := os.OpenFile(real, os.O_RDONLY|oNonBlock|flags, 0)
	if err != nil {
		if oNoFollow != 0 && flags&oNoFollow != 0 && errors.Is(err, syscall.ELOOP) {
			return nil, &Error{path, errors.New("replaced by a symbolic link since the walk; not followed")}
		}
		return nil, &Error{path, describe(err)}
	}
	defer f.Close()
	if fi, err = f.Stat(); err != nil {
		return nil, &Error{path, describe(err)}
	}
	if !fi.Mode().IsRegular() {
		return nil, &Error{path, notRegular(fi.Mode())}
	}
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

// notRegular names the kind of a file that is not a regular one.
func notRegular(m fs.FileMode) error {
	kind := ""
	switch {
	case m.IsDir():
		return ErrNotRegular
	case m&fs.ModeNamedPipe != 0:
		kind = "named pipe"
	case m&fs.ModeSocket != 0:
		kind = "socket"
	case m&fs.ModeCharDevice != 0:
		kind = "character device"
	case m&fs.ModeDevice != 0:
		kind = "device"
	default:
		kind = m.Type().String()
	}
	return fmt.Errorf("%w (%s)", ErrNotRegular, kind)
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
	case errors.Is(err, syscall.ENXIO):
		return fmt.Errorf("%w (no device or reader behind it)", ErrNotRegular)
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

	real string // Path with its links resolved, when List resolved them
}

// Skippable reports whether the item is something met while walking a
// directory that is not a document to read: a file of another format (an
// image next to the plans), a link that leaves the corpus, a broken link
// or a loop, a FIFO, device or socket, or an excluded directory. It is
// worth a note, not a failure.
func (it Item) Skippable() bool {
	if !it.FromDir {
		return false
	}
	for _, e := range []error{ErrUnsupported, ErrOutside, ErrBrokenLink, ErrSymlinkLoop, ErrNotRegular, ErrExcluded} {
		if errors.Is(it.Err, e) {
			return true
		}
	}
	return false
}

// LoadItem reads the item's file as List found it: through the path its links
// resolved to then, without following a link put in its place since.
func (l Loader) LoadItem(it Item) (*Document, error) {
	if it.Err != nil {
		return nil, it.Err
	}
	if it.real == "" {
		return l.Load(it.Path)
	}
	doc, err := l.load(it.Path, it.real, oNoFollow)
	if doc != nil {
		doc.Real = it.real
	}
	return doc, err
}

// ErrChanged is the error of ReadVerified when a file is not what it was.
var ErrChanged = errors.New("the file changed since it was indexed")

// ReadVerified reads the file at path, which must be a regular file and
// not a symbolic link, and returns its bytes only when they are size
// bytes long with the hex SHA-256 sum; otherwise the error is ErrChanged
// (or the reason it could not be read). Nothing is read past size+1
// bytes.
func ReadVerified(path string, size int64, sum string) ([]byte, error) {
	f, err := os.OpenFile(path, os.O_RDONLY|oNonBlock|oNoFollow, 0)
	if err != nil {
		if errors.Is(err, syscall.ELOOP) {
			return nil, &Error{path, fmt.Errorf("%w: it is a symbolic link now", ErrChanged)}
		}
		if errors.Is(err, fs.ErrNotExist) {
			return nil, &Error{path, fmt.Errorf("%w: it is gone", ErrChanged)}
		}
		return nil, &Error{path, describe(err)}
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, &Error{path, describe(err)}
	}
	if !fi.Mode().IsRegular() {
		return nil, &Error{path, fmt.Errorf("%w: %v", ErrChanged, notRegular(fi.Mode()))}
	}
	if fi.Size() != size {
		return nil, &Error{path, fmt.Errorf("%w: %d bytes, indexed %d", ErrChanged, fi.Size(), size)}
	}
	data, err := io.ReadAll(io.LimitReader(f, size+1))
	if err != nil {
		return nil, &Error{path, fmt.Errorf("read: %w", describe(err))}
	}
	got := sha256.Sum256(data)
	if int64(len(data)) != size || hex.EncodeToString(got[:]) != sum {
		return nil, &Error{path, fmt.Errorf("%w: its content differs", ErrChanged)}
	}
	return data, nil
}

// Walk loads each path in turn and calls fn with every file: a named file
// as itself, a directory as every file below it in name order (see List).
// A non-nil error from fn stops the walk and is returned.
func (l Loader) Walk(paths []string, fn func(Item) error) error {
	return l.List(paths, func(it Item) error {
		if it.Err == nil {
			it.Doc, it.Err = l.LoadItem(it)
		}
		return fn(it)
	})
}

// List is Walk without reading the files: fn gets each file's path (or the
// reason it cannot be reached) with Doc nil.
//
// A walk stays inside the paths it is given (its roots). A path named
// among them is taken as given, links and all; below a directory, a
// symbolic link is followed only when its target lies inside some root
// (or with FollowLinks), else it is reported with ErrOutside and the
// target it points to. A broken link is ErrBrokenLink, a link back to one
// of its own ancestor directories ErrSymlinkLoop, and a FIFO, device or
// socket ErrNotRegular: reported, never opened. The directories in Exclude
// are never entered, and hidden files and directories (".name") inside
// directories are passed over. A non-nil error from fn stops the walk and
// is returned.
func (l Loader) List(paths []string, fn func(Item) error) error {
	w := walker{l: l, fn: fn}
	for _, p := range paths {
		if abs, err := filepath.Abs(p); err == nil {
			if real, err := filepath.EvalSymlinks(abs); err == nil {
				w.roots = append(w.roots, real)
			}
		}
	}
	for _, x := range l.Exclude {
		if fi, err := os.Stat(x); err == nil && fi.IsDir() {
			w.exclude = append(w.exclude, fi)
		}
	}
	for _, p := range paths {
		fi, err := os.Stat(p)
		if err != nil {
			err = describe(err)
			if li, lerr := os.Lstat(p); lerr == nil && li.Mode()&fs.ModeSymlink != 0 && !errors.Is(err, ErrSymlinkLoop) {
				target, _ := os.Readlink(p)
				err = fmt.Errorf("%w: → %s", ErrBrokenLink, target)
			}
			if err := fn(Item{Path: p, Err: &Error{p, err}}); err != nil {
				return err
			}
			continue
		}
		if w.excluded(p) {
			if err := fn(Item{Path: p, Err: &Error{p, fmt.Errorf("%w: inside the index directory", ErrExcluded)}}); err != nil {
				return err
			}
			continue
		}
		if fi.IsDir() {
			if err := w.dir(p, []os.FileInfo{fi}); err != nil {
				return err
			}
			continue
		}
		if !fi.Mode().IsRegular() {
			if err := fn(Item{Path: p, Err: &Error{p, notRegular(fi.Mode())}}); err != nil {
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

type walker struct {
	l       Loader
	fn      func(Item) error
	roots   []string      // the roots, links resolved
	exclude []os.FileInfo // directories never entered
}

// inside reports whether real (a resolved path) lies in some root.
func (w *walker) inside(real string) bool {
	for _, r := range w.roots {
		if real == r || strings.HasPrefix(real, r+string(filepath.Separator)) || r == string(filepath.Separator) {
			return true
		}
	}
	return false
}

// excluded reports whether p is, or lies below, an excluded directory.
func (w *walker) excluded(p string) bool {
	if len(w.exclude) == 0 {
		return false
	}
	for d := p; ; {
		if fi, err := os.Stat(d); err == nil {
			for _, x := range w.exclude {
				if os.SameFile(fi, x) {
					return true
				}
			}
		}
		parent := filepath.Dir(d)
		if parent == d {
			return false
		}
		d = parent
	}
}

func (w *walker) skip(p string, err error) error {
	return w.fn(Item{Path: p, Err: &Error{p, err}, FromDir: true})
}

func (w *walker) dir(dir string, ancestors []os.FileInfo) error {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return w.fn(Item{Path: dir, Err: &Error{dir, describe(err)}, FromDir: true})
	}
	sort.Slice(entries, func(i, j int) bool { return entries[i].Name() < entries[j].Name() })
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".") {
			continue
		}
		p := filepath.Join(dir, e.Name())
		real := ""
		if e.Type()&fs.ModeSymlink != 0 {
			target, _ := os.Readlink(p)
			r, err := filepath.EvalSymlinks(p)
			switch {
			case errors.Is(err, syscall.ELOOP):
				if err := w.skip(p, ErrSymlinkLoop); err != nil {
					return err
				}
				continue
			case err != nil:
				if err := w.skip(p, fmt.Errorf("%w: → %s", ErrBrokenLink, target)); err != nil {
					return err
				}
				continue
			case !w.l.FollowLinks && !w.inside(r):
				if err := w.skip(p, fmt.Errorf("%w: → %s (--follow-links to follow it)", ErrOutside, r)); err != nil {
					return err
				}
				continue
			}
			real = r
		}
		fi, err := os.Stat(p) // follows links
		if err != nil {
			if err := w.fn(Item{Path: p, Err: &Error{p, describe(err)}, FromDir: true}); err != nil {
				return err
			}
			continue
		}
		if fi.IsDir() {
			excluded := false
			for _, x := range w.exclude {
				excluded = excluded || os.SameFile(fi, x)
			}
			if excluded {
				continue // the index: never walked, and no news to anyone
			}
			loop := false
			for _, a := range ancestors {
				loop = loop || os.SameFile(a, fi)
			}
			if loop {
				if err := w.skip(p, ErrSymlinkLoop); err != nil {
					return err
				}
				continue
			}
			if err := w.dir(p, append(ancestors, fi)); err != nil {
				return err
			}
			continue
		}
		if !fi.Mode().IsRegular() {
			if err := w.skip(p, notRegular(fi.Mode())); err != nil {
				return err
			}
			continue
		}
		if real == "" {
			if r, err := filepath.EvalSymlinks(p); err == nil {
				real = r
			}
		}
		if err := w.fn(Item{Path: p, FromDir: true, real: real}); err != nil {
			return err
		}
	}
	return nil
}
