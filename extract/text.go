// Package extract turns loaded documents into normalized Vietnamese text,
// page by page. It picks the text layer for the document's format (PDF via
// extract/pdftext, HTML via extract/htmltext, Word and OpenDocument via
// extract/wordtext, plain text decoded by extract/vntext) and normalizes each page with extract/vntext.
//
// A Document's Text is its pages joined by form feeds ("\f"); each Page
// records the byte offset where it starts in Text, so that every later
// record (a target, a passage) can point into Text and name its page.
package extract

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/chitieu/chitieu/internal/panics"

	"github.com/chitieu/chitieu/corpus"
	"github.com/chitieu/chitieu/extract/htmltext"
	"github.com/chitieu/chitieu/extract/ocr"
	"github.com/chitieu/chitieu/extract/pdftext"
	"github.com/chitieu/chitieu/extract/vntext"
	"github.com/chitieu/chitieu/extract/wordtext"
)

func mb(n int) string { return fmt.Sprintf("%.1f MB", float64(n)/(1<<20)) }

// PageSep separates pages in Document.Text.
const PageSep = "\f"

// Options configure Text. The zero value normalizes, with the pure-Go PDF
// engine.
type Options struct {
	Raw       bool           // skip normalization (to debug it)
	PDFEngine pdftext.Engine // "" or pdftext.Go, or pdftext.Poppler
	VIQR      bool           // decode VIQR ("Vie^.t Nam")
	MaxPages  int            // refuse PDFs with more pages; 0: no limit
	MaxText   int            // refuse documents whose text is longer, in bytes; 0: no limit (DefaultMaxText is the CLI's)
	// OCR says which pages of a PDF are read with Tesseract ("" is
	// OCRAuto: those without a text layer).
	OCR        OCRMode       `json:"ocr,omitempty"`
	OCRCache   string        `json:"ocr_cache,omitempty"`   // directory of read pages, by image hash; "": none
	OCRWorkers int           `json:"ocr_workers,omitempty"` // pages read at once; 0: one per core
	OCRTimeout time.Duration `json:"ocr_timeout,omitempty"` // per page; 0: two minutes
	// OCRProgress, when set, is called as pages are read.
	OCRProgress func(done, total int) `json:"-"`
}

// DefaultMaxText is the limit of Options.MaxText the commands apply
// unless told otherwise: 20 MB of text, some 8,000 pages; a larger text
// is a malformed or hostile file more often than a plan.
const DefaultMaxText = 20 << 20

// ErrTextTooLong is the error of a document whose text is over
// Options.MaxText.
var ErrTextTooLong = errors.New("text too long")

// Page is the text of one page.
type Page struct {
	Number int    `json:"number"`
	Offset int    `json:"offset"` // byte offset of the page in Document.Text
	Text   string `json:"text"`
	// OCR marks a page read with OCR, Confidence its mean word
	// confidence (0-100), Words its words as OCR read them.
	OCR        bool       `json:"ocr,omitempty"`
	Confidence float64    `json:"confidence,omitempty"`
	Words      []ocr.Word `json:"-"`
}

// Document is the text layer of one document.
type Document struct {
	Path     string        `json:"path"`
	Name     string        `json:"name"`
	DocID    string        `json:"doc_id"`
	Format   corpus.Format `json:"format"`
	Engine   string        `json:"engine"`             // what produced the text: go, poppler, html, text
	Title    string        `json:"title,omitempty"`    // a web page's title, without the site's name
	Charset  string        `json:"charset,omitempty"`  // bytes decoded as (HTML, text)
	Encoding string        `json:"encoding,omitempty"` // legacy encoding decoded (tcvn3, vni), if any
	Pages    []Page        `json:"pages"`
	Text     string        `json:"-"`
	Warnings []string      `json:"warnings"`
}

// PageAt returns the page holding byte offset off of d.Text.
func (d *Document) PageAt(off int) int {
	p := 0
	for i, pg := range d.Pages {
		if pg.Offset <= off {
			p = i
		}
	}
	if len(d.Pages) == 0 {
		return 0
	}
	return d.Pages[p].Number
}

// siteWords mark the part of a page title that names the site rather than
// the page: "Kế hoạch ... - Cổng thông tin điện tử tỉnh".
var siteWords = []string{"cong thong tin", "trang thong tin", "thu vien phap luat", "bao ", "tap chi", "portal", ".vn", ".gov", ".com", "website"}

// pageTitle removes the site's name from a page title.
func pageTitle(t string) string {
	for {
		i := max(strings.LastIndex(t, " - "), strings.LastIndex(t, " | "), strings.LastIndex(t, " – "))
		if i < 0 {
			return strings.TrimSpace(t)
		}
		tail := vntext.Fold(t[i:])
		site := false
		for _, w := range siteWords {
			if strings.Contains(tail, w) {
				site = true
			}
		}
		if !site {
			return strings.TrimSpace(t)
		}
		t = t[:i]
	}
}

// Error is a failure to extract one document's text.
type Error struct {
	Path string
	Err  error
}

func (e *Error) Error() string { return e.Path + ": " + e.Err.Error() }
func (e *Error) Unwrap() error { return e.Err }

// Text extracts and normalizes the text of doc. It never panics: a failure
// inside a parser comes back as an *Error naming the document.
func Text(ctx context.Context, doc *corpus.Document, opt Options) (out *Document, err error) {
	if doc == nil {
		return nil, &Error{"", errors.New("no document")}
	}
	defer func() {
		if p := recover(); p != nil {
			out, err = nil, &Error{doc.Path, panics.New("", p)}
		}
	}()
	out = &Document{Path: doc.Path, Name: doc.Name, DocID: doc.ID, Format: doc.Format, Warnings: []string{}}
	var pages []string
	var read []*ocr.Page // pages read with OCR, by index
	switch doc.Format {
	case corpus.PDF:
		res, err := pdftext.Extract(ctx, doc.Data, pdftext.Options{Engine: opt.PDFEngine, MaxPages: opt.MaxPages})
		if err != nil {
			return nil, &Error{doc.Path, err}
		}
		out.Engine = string(res.Engine)
		if res.Legacy != vntext.Unicode {
			out.Encoding = res.Legacy.String()
		}
		for _, p := range res.Pages {
			pages = append(pages, p.Text)
		}
		var ws []string
		read, ws, err = ocrPages(ctx, doc.Data, pages, opt)
		if err != nil {
			return nil, &Error{doc.Path, err}
		}
		if read == nil {
			out.Warnings = append(out.Warnings, res.Warnings...)
		}
		out.Warnings = append(out.Warnings, ws...)
	case corpus.HTML:
		res, err := htmltext.Extract(doc.Data)
		if err != nil {
			return nil, &Error{doc.Path, err}
		}
		out.Engine, out.Charset = "html", res.Charset
		out.Title = pageTitle(vntext.Normalize(res.Title))
		out.Warnings = append(out.Warnings, res.Warnings...)
		pages = []string{res.Text}
	case corpus.Text:
		text, cs := vntext.DecodeBytes(doc.Data, "")
		out.Engine, out.Charset = "text", cs
		// Form feeds separate pages, as pdftotext writes them.
		pages = strings.Split(strings.TrimSuffix(text, PageSep), PageSep)
	case corpus.DOCX, corpus.DOC, corpus.ODT:
		wopt := wordtext.Options{}
		if opt.MaxText > 0 {
			wopt.MaxBytes = 10 * int64(opt.MaxText) // markup around the text
		}
		read := map[corpus.Format]func([]byte, wordtext.Options) (*wordtext.Result, error){
			corpus.DOCX: wordtext.DOCX, corpus.ODT: wordtext.ODT,
			corpus.DOC: func(b []byte, o wordtext.Options) (*wordtext.Result, error) {
				return wordtext.DOCWithFallback(ctx, b, o)
			},
		}[doc.Format]
		res, err := read(doc.Data, wopt)
		if err != nil {
			return nil, &Error{doc.Path, fmt.Errorf("%s: %w", doc.Format, err)}
		}
		out.Engine = doc.Format.String()
		out.Warnings = append(out.Warnings, res.Warnings...)
		// Footnotes come after the body, as a page of their own.
		pages = []string{res.Text}
		if strings.TrimSpace(res.Notes) != "" {
			pages = append(pages, res.Notes)
		}
	default:
		return nil, &Error{doc.Path, fmt.Errorf("%w (%s)", corpus.ErrUnsupported, doc.Format)}
	}
	if err := ctx.Err(); err != nil {
		return nil, &Error{doc.Path, err}
	}
	if opt.MaxText > 0 {
		n := 0
		for _, p := range pages {
			n += len(p)
		}
		if n > opt.MaxText {
			return nil, &Error{doc.Path, fmt.Errorf("%w: %s of text, over the limit of %s (--max-text)", ErrTextTooLong, mb(n), mb(opt.MaxText))}
		}
	}
	norm := vntext.New()
	if opt.VIQR {
		norm = vntext.New(vntext.WithVIQR())
	}
	var b strings.Builder
	lost := 0
	for i, p := range pages {
		if !opt.Raw {
			var rep vntext.Report
			p, rep = norm.Normalize(p)
			if rep.Legacy != vntext.Unicode && out.Encoding == "" {
				out.Encoding = rep.Legacy.String()
			}
			if rep.Mojibake > 0 {
				out.Warnings = append(out.Warnings, fmt.Sprintf("page %d: %d words repaired from UTF-8 read as Windows-1252", i+1, rep.Mojibake))
			}
			lost += rep.Lost
		}
		if i > 0 {
			b.WriteString(PageSep)
		}
		pg := Page{Number: i + 1, Offset: b.Len(), Text: p}
		if i < len(read) && read[i] != nil {
			pg.OCR, pg.Confidence, pg.Words = true, read[i].Conf, read[i].Words
			out.Warnings = append(out.Warnings, ocrWarnings(i+1, p)...)
		}
		out.Pages = append(out.Pages, pg)
		b.WriteString(p)
	}
	if lost > 0 {
		out.Warnings = append(out.Warnings, fmt.Sprintf("%d characters lost before extraction (U+FFFD in the text)", lost))
	}
	out.Text = b.String()
	return out, nil
}
