package wordtext

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"
)

// A node is an element of a part's XML, or a run of its text ("#text").
type node struct {
	space, name string // the element's namespace URI and local name
	attr        []xml.Attr
	kids        []*node
	text        string
}

// attr returns the value of the attribute with local name name.
func (n *node) attr1(name string) string {
	for _, a := range n.attr {
		if a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}

// kid returns the first child element named name.
func (n *node) kid(name string) *node {
	for _, k := range n.kids {
		if k.name == name {
			return k
		}
	}
	return nil
}

// find returns the first element named name at or below n, depth first.
func (n *node) find(name string) *node {
	if n.name == name {
		return n
	}
	for _, k := range n.kids {
		if f := k.find(name); f != nil {
			return f
		}
	}
	return nil
}

// Bounds of a part's XML: deeper nesting, or more elements, is refused,
// so that a crafted file cannot exhaust the stack or the memory.
const (
	maxDepth = 256
	maxNodes = 4 << 20
)

// ErrTooLarge is the error of a file whose parts unpack to more than the
// limit (a zip bomb, or a document too large to read).
var ErrTooLarge = errors.New("unpacks to too much")

// parseXML reads a part into a tree.
func parseXML(r io.Reader) (*node, error) {
	d := xml.NewDecoder(r)
	d.Strict = false
	d.CharsetReader = func(label string, in io.Reader) (io.Reader, error) {
		if l := strings.ToLower(label); l == "utf-8" || l == "utf8" {
			return in, nil
		}
		return nil, fmt.Errorf("XML in %s, not UTF-8", label)
	}
	root := &node{name: "#root"}
	stack := []*node{root}
	count := 0
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("XML: %w", err)
		}
		top := stack[len(stack)-1]
		switch t := tok.(type) {
		case xml.StartElement:
			if count++; count > maxNodes {
				return nil, fmt.Errorf("XML with more than %d elements", maxNodes)
			}
			if len(stack) > maxDepth {
				return nil, fmt.Errorf("XML nested deeper than %d", maxDepth)
			}
			n := &node{space: t.Name.Space, name: t.Name.Local, attr: t.Attr}
			top.kids = append(top.kids, n)
			stack = append(stack, n)
		case xml.EndElement:
			if len(stack) > 1 {
				stack = stack[:len(stack)-1]
			}
		case xml.CharData:
			if len(t) > 0 {
				top.kids = append(top.kids, &node{name: "#text", text: string(t)})
			}
		}
	}
	return root, nil
}

// archive is a zip package (DOCX, ODT) whose parts are read with a bound
// on what they unpack to.
type archive struct {
	files map[string]*zip.File
	left  int64 // bytes that may still be unpacked
	limit int64
}

func openArchive(b []byte, limit int64) (*archive, error) {
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		return nil, fmt.Errorf("not a readable zip package: %w", err)
	}
	a := &archive{files: map[string]*zip.File{}, left: limit, limit: limit}
	for _, f := range zr.File {
		a.files[strings.TrimPrefix(f.Name, "/")] = f
	}
	return a, nil
}

// has reports whether the package holds a part.
func (a *archive) has(name string) bool { return a.files[name] != nil }

// part parses a part's XML; a missing part is nil, with no error.
func (a *archive) part(name string) (*node, error) {
	f := a.files[name]
	if f == nil {
		return nil, nil
	}
	rc, err := f.Open()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	defer rc.Close()
	lr := &io.LimitedReader{R: rc, N: a.left + 1}
	n, err := parseXML(lr)
	a.left -= (a.left + 1) - lr.N
	if a.left < 0 {
		return nil, fmt.Errorf("%w: its parts unpack to more than %.1f MB (--max-text)", ErrTooLarge, float64(a.limit)/(1<<20))
	}
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return n, nil
}
