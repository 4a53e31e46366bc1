// Package pdftext extracts the text layer of PDF files, page by page, in
// reading order.
//
// The default engine is pure Go. It parses files with
// github.com/ledongthuc/pdf but interprets each page's content stream itself,
// because the library's own text functions go wrong on Vietnamese PDFs:
// GetPlainText puts letters drawn from a fallback font at the end of the
// line ("Mc tiêu đn ... ụếố") and decodes every page with the fonts of the
// first one; Content() adds a stray letter after each run and uses one-byte
// widths for two-byte fonts; GetTextByRow returns Chromium pages bottom to
// top. Here every glyph gets its position from the text and graphics state
// and its width from its own font (simple or CID), lines are rebuilt by
// baseline then x, columns are split at gutters, and paragraphs are rebuilt
// from line spacing (see layout.go). Any panic inside the library becomes an
// error or a page warning, never a crash.
//
// The second engine runs poppler's pdftotext, when asked and when installed.
package pdftext

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"math"
	"os"
	"os/exec"
	"regexp"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/chitieu/chitieu/internal/panics"

	"github.com/ledongthuc/pdf"

	"github.com/chitieu/chitieu/extract/vntext"
)

// Engine names a PDF text engine.
type Engine string

// The engines.
const (
	Go      Engine = "go"      // pure Go, the default
	Poppler Engine = "poppler" // poppler's pdftotext
)

// ParseEngine checks an engine name given by a user.
func ParseEngine(s string) (Engine, error) {
	switch Engine(s) {
	case "", Go:
		return Go, nil
	case Poppler:
		return Poppler, nil
	}
	return "", fmt.Errorf("unknown PDF engine %q (want go or poppler)", s)
}

// Errors returned by Extract, to be tested with errors.Is.
var (
	ErrEncrypted  = errors.New("encrypted PDF: not supported")
	ErrMalformed  = errors.New("malformed PDF")
	ErrNoPoppler  = errors.New("the poppler engine needs pdftotext, which is not installed (Debian: apt-get install poppler-utils)")
	ErrTooManyPgs = errors.New("too many pages")
)

// Warnings Extract gives.
const (
	WarnNoText      = "no text layer: scanned document?"
	WarnPermissions = "encrypted PDF with an empty user password (permissions only): read without a password"
	WarnTrailerSize = "the trailer's /Size is below the highest object number: read with it raised"
)

// Options configure Extract. The zero value uses the Go engine with no page
// limit.
type Options struct {
	Engine   Engine
	MaxPages int // stop with ErrTooManyPgs beyond this many pages; 0: no limit
}

// Page is the text of one page.
type Page struct {
	Number int // 1-based
	Text   string
}

// Result is the text layer of one PDF.
type Result struct {
	Engine   Engine
	Pages    []Page
	Warnings []string
	Legacy   vntext.Encoding // legacy font encoding decoded (TCVN3, VNI), if any
}

// Extract returns the text of the PDF in data.
func Extract(ctx context.Context, data []byte, opt Options) (*Result, error) {
	if opt.Engine == Poppler {
		return extractPoppler(ctx, data, opt)
	}
	return extractGo(ctx, data, opt)
}

func extractGo(ctx context.Context, data []byte, opt Options) (*Result, error) {
	res, err := extractGoOnce(ctx, data, opt)
	if errors.Is(err, ErrMalformed) {
		// Some writers (poppler's pdfunite among them) give the trailer a
		// /Size below their highest object number; ledongthuc/pdf then cuts
		// its cross-reference table short and loses the catalog. Read the
		// file again with the /Size raised.
		if fixed, ok := raiseTrailerSize(data); ok {
			if res2, err2 := extractGoOnce(ctx, fixed, opt); err2 == nil {
				res2.Warnings = append(res2.Warnings, WarnTrailerSize)
				return res2, nil
			}
		}
	}
	return res, err
}

// raiseTrailerSize returns a copy of data whose last trailer's /Size is
// large. The trailer follows the cross-reference table, so no offset the
// table holds moves.
func raiseTrailerSize(data []byte) ([]byte, bool) {
	t := bytes.LastIndex(data, []byte("trailer"))
	if t < 0 {
		return nil, false
	}
	m := trailerSize.FindSubmatchIndex(data[t:min(len(data), t+4096)])
	if m == nil {
		return nil, false
	}
	out := make([]byte, 0, len(data)+16)
	out = append(out, data[:t+m[2]]...)
	out = append(out, "8388607"...)
	out = append(out, data[t+m[3]:]...)
	return out, true
}

var trailerSize = regexp.MustCompile(`/Size\s+(\d+)`)

// malformed wraps the PDF library's message, which often starts with the
// same words, in ErrMalformed.
func malformed(msg string) error {
	return fmt.Errorf("%w: %s", ErrMalformed, strings.TrimPrefix(msg, "malformed PDF: "))
}

func extractGoOnce(ctx context.Context, data []byte, opt Options) (res *Result, err error) {
	defer func() {
		if r := recover(); r != nil {
			res, err = nil, malformed(fmt.Sprint(r))
		}
	}()
	rd, err := pdf.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		if isEncrypted(data) {
			return nil, ErrEncrypted
		}
		return nil, malformed(err.Error())
	}
	res = &Result{Engine: Go}
	if rd.Trailer().Key("Encrypt").Kind() == pdf.Dict {
		// Encrypted with an empty user password: the owner restricted
		// copying or printing, but anyone may read it.
		res.Warnings = append(res.Warnings, WarnPermissions)
	}
	pages, err := collectPages(rd, opt.MaxPages)
	if err != nil {
		return nil, err
	}
	outs := pagesText(ctx, pages)
	empty := 0
	var imagePages []int
	for i, o := range outs {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		text, imgs, unmapped, legacy, perr := o.text, o.imgs, o.unmapped, o.legacy, o.err
		if legacy != vntext.Unicode && res.Legacy == vntext.Unicode {
			res.Legacy = legacy
		}
		if unmapped > 0 {
			res.Warnings = append(res.Warnings, fmt.Sprintf("page %d: %d glyphs have no Unicode mapping in their font: text may be incomplete", i+1, unmapped))
		}
		if perr != nil {
			if ctx.Err() != nil {
				return nil, ctx.Err()
			}
			res.Warnings = append(res.Warnings, fmt.Sprintf("page %d: unreadable content: %v", i+1, perr))
		}
		if strings.TrimSpace(text) == "" {
			empty++
			if imgs {
				imagePages = append(imagePages, i+1)
			}
		}
		res.Pages = append(res.Pages, Page{Number: i + 1, Text: text})
	}
	switch {
	case empty == len(pages):
		res.Warnings = append(res.Warnings, WarnNoText)
	case len(imagePages) > 0:
		res.Warnings = append(res.Warnings, fmt.Sprintf("pages %s: images only, no text layer", pageList(imagePages)))
	}
	return res, nil
}

// pageList writes page numbers compactly: "3", "3, 5", "3-7, 9".
func pageList(ps []int) string {
	var parts []string
	for i := 0; i < len(ps); {
		j := i
		for j+1 < len(ps) && ps[j+1] == ps[j]+1 {
			j++
		}
		if j > i {
			parts = append(parts, fmt.Sprintf("%d-%d", ps[i], ps[j]))
		} else {
			parts = append(parts, fmt.Sprint(ps[i]))
		}
		i = j + 1
	}
	return strings.Join(parts, ", ")
}

func isEncrypted(data []byte) bool {
	// The trailer (or the xref stream dictionary) names an /Encrypt entry.
	tail := data
	if len(tail) > 1<<16 {
		tail = tail[len(tail)-1<<16:]
	}
	return bytes.Contains(tail, []byte("/Encrypt")) || bytes.Contains(data[:min(len(data), 1<<16)], []byte("/Encrypt"))
}

// pageInfo is a page dictionary with its inherited attributes.
type pageInfo struct {
	v    pdf.Value
	res  pdf.Value
	box  [4]float64
	hasB bool
}

// collectPages walks the page tree once (Reader.Page walks it from the root
// for every page), carrying inherited resources and boxes, with bounds on
// depth and size so that a cyclic or enormous tree cannot hang.
func collectPages(rd *pdf.Reader, maxPages int) ([]pageInfo, error) {
	const maxDepth = 64
	var pages []pageInfo
	visits := 0
	var walk func(node, res pdf.Value, box [4]float64, hasB bool, depth int) error
	walk = func(node, res pdf.Value, box [4]float64, hasB bool, depth int) error {
		visits++
		if depth > maxDepth || visits > 4*(len(pages)+1000) {
			return fmt.Errorf("%w: page tree too deep or cyclic", ErrMalformed)
		}
		if r := node.Key("Resources"); !r.IsNull() {
			res = r
		}
		if b, ok := readBox(node.Key("CropBox")); ok {
			box, hasB = b, true
		} else if b, ok := readBox(node.Key("MediaBox")); ok && !hasB {
			box, hasB = b, true
		}
		kids := node.Key("Kids")
		if node.Key("Type").Name() == "Pages" || kids.Kind() == pdf.Array && node.Key("Type").Name() != "Page" {
			for i := 0; i < kids.Len(); i++ {
				if err := walk(kids.Index(i), res, box, hasB, depth+1); err != nil {
					return err
				}
			}
			return nil
		}
		if node.Kind() != pdf.Dict {
			return nil
		}
		if maxPages > 0 && len(pages) >= maxPages {
			return fmt.Errorf("%w: more than %d pages", ErrTooManyPgs, maxPages)
		}
		pages = append(pages, pageInfo{v: node, res: res, box: box, hasB: hasB})
		return nil
	}
	root := rd.Trailer().Key("Root").Key("Pages")
	if root.IsNull() {
		return nil, fmt.Errorf("%w: no page tree", ErrMalformed)
	}
	if err := walk(root, pdf.Value{}, [4]float64{}, false, 0); err != nil {
		return nil, err
	}
	return pages, nil
}

func readBox(v pdf.Value) ([4]float64, bool) {
	var b [4]float64
	if v.Kind() != pdf.Array || v.Len() != 4 {
		return b, false
	}
	for i := range b {
		b[i] = v.Index(i).Float64()
	}
	if b[0] > b[2] {
		b[0], b[2] = b[2], b[0]
	}
	if b[1] > b[3] {
		b[1], b[3] = b[3], b[1]
	}
	return b, b[2]-b[0] > 1 && b[3]-b[1] > 1
}

var errCanceled = errors.New("canceled")

// pageOut is what pageText returns for one page.
type pageOut struct {
	text     string
	imgs     bool
	unmapped int
	legacy   vntext.Encoding
	err      error
}

// pagesText interprets the pages on all cores: pages share nothing but the
// parser, whose reads are safe for concurrent use. The results are in page
// order.
func pagesText(ctx context.Context, pages []pageInfo) []pageOut {
	outs := make([]pageOut, len(pages))
	one := func(i int) {
		o := &outs[i]
		// pageText recovers its panics: this goroutine's boundary.
		o.text, o.imgs, o.unmapped, o.legacy, o.err = pageText(ctx, pages[i])
	}
	workers := min(runtime.GOMAXPROCS(0), len(pages))
	if workers <= 1 || len(pages) < 4 {
		for i := range pages {
			if ctx.Err() != nil {
				break
			}
			one(i)
		}
		return outs
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1) - 1)
				if i >= len(pages) || ctx.Err() != nil {
					return
				}
				one(i)
			}
		}()
	}
	wg.Wait()
	return outs
}

// pageText interprets one page and lays its glyphs out as text. imgs
// reports whether the page draws images (for the scanned-page warning).
func pageText(ctx context.Context, p pageInfo) (text string, imgs bool, unmapped int, legacy vntext.Encoding, err error) {
	defer func() {
		if r := recover(); r != nil {
			if r == errCanceled {
				err = ctx.Err()
				return
			}
			err = panics.New("", r)
		}
	}()
	contents := p.v.Key("Contents")
	if contents.IsNull() {
		return "", false, 0, 0, nil
	}
	in := &interpreter{ctx: ctx}
	in.run(contents, p.res, identity)
	imgs = in.images > 0
	gs := in.glyphs
	for _, g := range gs {
		if g.text == "\uFFFD" {
			unmapped++
		}
		if g.font != nil && legacy == vntext.Unicode {
			legacy = g.font.legacy
		}
	}
	if p.hasB {
		gs = onPage(gs, p.box)
	}
	return layoutTables(gs, in.rules, p.box), imgs, unmapped, legacy, nil
}

// onPage drops glyphs drawn outside the page box: printers' marks, and the
// top of a tall accent Chromium paints at the foot of the page before the
// one where its letter is.
func onPage(gs []glyph, box [4]float64) []glyph {
	out := gs[:0]
	for _, g := range gs {
		m := 0.1 * g.size
		if g.x < box[0]-m || g.x > box[2]+m || g.y < box[1]-m || g.y > box[3]+m {
			continue
		}
		out = append(out, g)
	}
	return out
}

// layoutPage turns glyphs into text: lines, columns, paragraphs.
func layoutPage(gs []glyph, box [4]float64) string {
	gs = dropStrays(gs)
	lines := buildLines(gs)
	var segs []segment
	for _, l := range lines {
		segs = append(segs, l.segments()...)
	}
	var paras []string
	for _, b := range order(segs, 0, false) {
		paras = append(paras, paragraphs(b, box)...)
	}
	return strings.Join(paras, "\n")
}

// dropStrays removes lone combining marks that sit far from any letter on
// their baseline, such as the part of an accent that Chromium paints on the
// page before its letter.
func dropStrays(gs []glyph) []glyph {
	out := gs[:0]
	for i, g := range gs {
		if !isMark(g.text) {
			out = append(out, g)
			continue
		}
		near := false
		for j, h := range gs {
			if j == i || isMark(h.text) || h.space {
				continue
			}
			if math.Abs(h.x-g.x) < 1.5*g.size && math.Abs(h.y-g.y) < 1.5*g.size {
				near = true
				break
			}
		}
		if near {
			out = append(out, g)
		}
	}
	return out
}

func isMark(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if !isCombining(r) {
			return false
		}
	}
	return true
}

func extractPoppler(ctx context.Context, data []byte, opt Options) (*Result, error) {
	bin, err := exec.LookPath("pdftotext")
	if err != nil {
		return nil, ErrNoPoppler
	}
	f, err := os.CreateTemp("", "chitieu-*.pdf")
	if err != nil {
		return nil, err
	}
	defer os.Remove(f.Name())
	if _, err := f.Write(data); err != nil {
		f.Close()
		return nil, err
	}
	if err := f.Close(); err != nil {
		return nil, err
	}
	var stdout, stderr bytes.Buffer
	cmd := exec.CommandContext(ctx, bin, "-enc", "UTF-8", f.Name(), "-")
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		msg := lastLine(stderr.String())
		if strings.Contains(msg, "ncrypt") || strings.Contains(msg, "password") {
			return nil, ErrEncrypted
		}
		if msg == "" {
			msg = err.Error()
		}
		return nil, fmt.Errorf("%w: pdftotext: %s", ErrMalformed, msg)
	}
	texts := strings.Split(stdout.String(), "\f")
	if n := len(texts); n > 1 && strings.TrimSpace(texts[n-1]) == "" {
		texts = texts[:n-1]
	}
	if opt.MaxPages > 0 && len(texts) > opt.MaxPages {
		return nil, fmt.Errorf("%w: more than %d pages", ErrTooManyPgs, opt.MaxPages)
	}
	res := &Result{Engine: Poppler}
	empty := 0
	for i, t := range texts {
		if strings.TrimSpace(t) == "" {
			empty++
		}
		res.Pages = append(res.Pages, Page{Number: i + 1, Text: t})
	}
	if empty == len(texts) {
		res.Warnings = append(res.Warnings, WarnNoText)
	}
	return res, nil
}

func lastLine(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.LastIndexByte(s, '\n'); i >= 0 {
		s = s[i+1:]
	}
	return s
}
