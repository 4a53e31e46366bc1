// Package wordtext reads the text of word-processor files: Word's DOCX
// (Office Open XML) and DOC (Word 97-2003 binary), and OpenDocument's
// ODT. Each gives its body as lines (paragraphs, list items with their
// numbers, table rows as package rows renders them) and its footnotes
// apart. Reading never follows anything outside the file, and what a
// file unpacks to is bounded.
package wordtext

import (
	"fmt"

	"github.com/chitieu/chitieu/internal/panics"
)

// Options configure the readers. The zero value bounds unpacked XML to
// DefaultMaxBytes.
type Options struct {
	// MaxBytes bounds what a file's parts unpack to (zip bombs); 0
	// means DefaultMaxBytes.
	MaxBytes int64
}

// DefaultMaxBytes bounds what a file unpacks to unless told otherwise.
const DefaultMaxBytes = 200 << 20

func (o Options) maxBytes() int64 {
	if o.MaxBytes > 0 {
		return o.MaxBytes
	}
	return DefaultMaxBytes
}

// Result is a file's text.
type Result struct {
	Text     string   // the body, a line per paragraph or table row
	Notes    string   // footnotes and endnotes, a line per paragraph
	Warnings []string // what could not be read, and was left out
}

func errNoPart(name string) error { return fmt.Errorf("no %s in the package", name) }

// DOCX reads a Word 2007 and later file; see readDOCX.
func DOCX(b []byte, opt Options) (*Result, error) { return safe(readDOCX, b, opt) }

// DOC reads a Word 97-2003 file; see readDOC.
func DOC(b []byte, opt Options) (*Result, error) { return safe(readDOC, b, opt) }

// ODT reads an OpenDocument text file; see readODT.
func ODT(b []byte, opt Options) (*Result, error) { return safe(readODT, b, opt) }

// safe runs a reader, turning a panic on a malformed file into an error.
func safe(read func([]byte, Options) (*Result, error), b []byte, opt Options) (res *Result, err error) {
	defer func() {
		if p := recover(); p != nil {
			res, err = nil, panics.New("malformed file", p)
		}
	}()
	return read(b, opt)
}
