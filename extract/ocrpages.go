package extract

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/chitieu/chitieu/extract/ocr"
	"github.com/chitieu/chitieu/extract/pdftext"
	"github.com/chitieu/chitieu/extract/rows"
	"github.com/chitieu/chitieu/extract/vntext"
)

// OCRMode says which pages of a PDF are read with OCR.
type OCRMode string

// The modes. The zero value is OCRAuto.
const (
	OCRAuto   OCRMode = "auto"   // the pages with no text layer
	OCRAlways OCRMode = "always" // every page, its text layer ignored
	OCRNever  OCRMode = "never"  // none
)

// ParseOCRMode reads a mode's name.
func ParseOCRMode(s string) (OCRMode, error) {
	switch m := OCRMode(s); m {
	case "", OCRAuto:
		return OCRAuto, nil
	case OCRAlways, OCRNever:
		return m, nil
	}
	return "", fmt.Errorf("--ocr %q: want auto, always or never", s)
}

// ErrNeedsOCR is the error of a scanned PDF when OCR is off or missing.
var ErrNeedsOCR = errors.New("no text")

// ocrPages reads with OCR the pages of pdf that mode asks for, in
// parallel; texts[i] is replaced by page i's OCR text (repaired as OCR
// output), and read[i] holds what OCR gave. Without Tesseract, a document
// with no text at all fails with what to install; one with some text
// keeps it, with a warning.
func ocrPages(ctx context.Context, pdf []byte, texts []string, opt Options) (read []*ocr.Page, warnings []string, err error) {
	var want []int
	for i, t := range texts {
		if opt.OCR == OCRAlways || strings.TrimSpace(t) == "" {
			want = append(want, i)
		}
	}
	if opt.OCR == OCRNever || len(want) == 0 {
		if len(want) == len(texts) && len(want) > 0 {
			return nil, nil, fmt.Errorf("%w: %d page(s) without a text layer, and --ocr never", ErrNeedsOCR, len(want))
		}
		return nil, nil, nil
	}
	e := &ocr.Engine{Timeout: opt.OCRTimeout}
	if opt.OCRCache != "" {
		e.Cache = ocr.DirCache(opt.OCRCache)
	}
	if err := e.Check(); err != nil {
		if len(want) == len(texts) {
			return nil, nil, fmt.Errorf("%w: %d scanned page(s), and %v", ErrNeedsOCR, len(want), err)
		}
		return nil, []string{fmt.Sprintf("pages %s not read: scanned, and %v", pageNumbers(want), err)}, nil
	}
	read = make([]*ocr.Page, len(texts))
	errs := make([]error, len(texts))
	workers := opt.OCRWorkers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	sem := make(chan struct{}, workers)
	var wg sync.WaitGroup
	var mu sync.Mutex
	done := 0
	for _, i := range want {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			if ctx.Err() != nil {
				return
			}
			read[i], errs[i] = e.PDFPage(ctx, pdf, i+1)
			mu.Lock()
			done++
			if opt.OCRProgress != nil {
				opt.OCRProgress(done, len(want))
			}
			mu.Unlock()
		}()
	}
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return nil, nil, err
	}
	for _, i := range want {
		if errs[i] != nil {
			if errors.Is(errs[i], ocr.ErrMissing) {
				return nil, nil, fmt.Errorf("%w: %v", ErrNeedsOCR, errs[i])
			}
			warnings = append(warnings, fmt.Sprintf("OCR: %v", errs[i]))
			continue
		}
		texts[i] = splitYears(vntext.RepairOCR(layoutOCR(read[i])))
	}
	return read, warnings, nil
}

func pageNumbers(idx []int) string {
	var s []string
	for _, i := range idx {
		s = append(s, strconv.Itoa(i+1))
	}
	return strings.Join(s, ", ")
}

// What OCR misreads most among the figures that matter: a year far from
// any plan's ("2921" for 2021) and a date that does not exist ("39/7").
var (
	yearLike = regexp.MustCompile(`(?:năm|giai đoạn|đến|[-–])\s*(\d{4})\b`)
	dateLike = regexp.MustCompile(`\b(\d{1,2})/(\d{1,2})/(\d{4})\b|\bngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\b`)
)

// ocrWarnings flags the implausible years and impossible dates of an OCR
// page's normalized text.
func ocrWarnings(page int, text string) []string {
	var ws []string
	for _, m := range yearLike.FindAllStringSubmatch(text, -1) {
		if y, _ := strconv.Atoi(m[1]); y < 1945 || y > 2100 {
			ws = append(ws, fmt.Sprintf("page %d (OCR): %q: %d is not a plausible year; check the scan", page, m[0], y))
		}
	}
	for _, m := range dateLike.FindAllStringSubmatch(text, -1) {
		d, mo := m[1], m[2]
		if d == "" {
			d, mo = m[4], m[5]
		}
		day, _ := strconv.Atoi(d)
		month, _ := strconv.Atoi(mo)
		if day < 1 || day > 31 || month < 1 || month > 12 {
			ws = append(ws, fmt.Sprintf("page %d (OCR): %q is not a date; check the scan", page, m[0]))
		}
	}
	return ws
}

// layoutOCR lays out an OCR'd page as a text page is laid out, from its
// words' boxes: the words inside a ruled table become its rows, cell by
// cell (through package rows, as the tables of every format); the words
// between the tables are laid out as a PDF page's glyphs are. A page read
// without boxes keeps Tesseract's paragraphs.
func layoutOCR(p *ocr.Page) string {
	if p.Height == 0 || len(p.Words) == 0 || p.Words[0].LineBottom == 0 {
		return p.Text
	}
	var words []ocr.Word
	for _, w := range p.Words {
		if borderNoise(w) {
			continue
		}
		// What a removed rule leaves stuck to a word: "2_", "%_", "|64".
		w.Text = strings.Trim(w.Text, "_|")
		words = append(words, w)
	}
	type band struct {
		top, bottom int
		grid        *rows.Grid
	}
	// Bands down the page: text, a table, text, ...
	var bands []band
	y := 0
	for i := range p.Tables {
		g := &p.Tables[i]
		_, t, _, b := g.Bounds()
		top, bottom := int(t), int(b)
		if top < y {
			continue
		}
		bands = append(bands, band{y, top, nil}, band{top, bottom, g})
		y = bottom
	}
	bands = append(bands, band{y, p.Height + 1, nil})
	var out []string
	for _, b := range bands {
		var in []ocr.Word
		for _, w := range words {
			cy := (w.LineTop + w.LineBottom) / 2
			if cy >= b.top && cy < b.bottom {
				in = append(in, w)
			}
		}
		if len(in) == 0 {
			continue
		}
		if b.grid != nil {
			out = append(out, gridTable(*b.grid, in).Lines()...)
			continue
		}
		ws := make([]pdftext.Placed, len(in))
		for i, w := range in {
			ws[i] = pdftext.Placed{Text: w.Text, X0: float64(w.X0), X1: float64(w.X1), Top: float64(w.LineTop), Bottom: float64(w.LineBottom)}
		}
		if t := pdftext.LayoutPlaced(ws, float64(p.Width), float64(p.Height)); t != "" {
			out = append(out, t)
		}
	}
	return strings.Join(out, "\n")
}

// gridTable puts the words of a ruled table in its cells (rows.Grid.Locate
// at the word's middle), in reading order within each cell.
func gridTable(g rows.Grid, words []ocr.Word) rows.Table {
	nr := len(g.Rows) - 1
	cells := make([][][]ocr.Word, nr)
	for r := range nr {
		cells[r] = make([][]ocr.Word, g.Cells(r))
	}
	for _, w := range words {
		cy := float64(w.LineTop+w.LineBottom) / 2
		r, _ := g.Locate(float64(w.X0+w.X1)/2, cy)
		for _, w := range splitAcross(w, g.RowCols(r)) {
			_, c := g.Locate(float64(w.X0+w.X1)/2, cy)
			cells[r][c] = append(cells[r][c], w)
		}
	}
	var t rows.Table
	for r := range cells {
		var row []string
		empty := true
		for _, ws := range cells[r] {
			slices.SortStableFunc(ws, func(a, b ocr.Word) int {
				if d := a.LineTop - b.LineTop; abs(d) > (a.LineBottom-a.LineTop)/2 {
					return d
				}
				return a.X0 - b.X0
			})
			var parts []string
			for _, w := range ws {
				parts = append(parts, w.Text)
			}
			cell := strings.Join(parts, " ")
			empty = empty && cell == ""
			row = append(row, cell)
		}
		if !empty {
			t = append(t, row)
		}
	}
	return t
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// borderNoise is what is left of a table's rules read as text: "|", "_",
// brackets, or a lone I, l or L read with little confidence.
func borderNoise(w ocr.Word) bool {
	if strings.Trim(w.Text, "|_[]{}¦—-") == "" && !strings.ContainsAny(w.Text, "-—") {
		return true
	}
	r := []rune(w.Text)
	return len(r) == 1 && strings.ContainsRune("IlLÌÏÍ", r[0]) && w.Conf < 60
}

// runYears is a run of years read as one word, as a table's header cells
// read when the rules between them are gone: "ĐVT2022202320242025".
var runYears = regexp.MustCompile(`(?:19|20)\d{2}(?:(?:19|20)\d{2})+`)

// splitYears parts the years of such runs, and from the word before them.
func splitYears(s string) string {
	return runYears.ReplaceAllStringFunc(s, func(m string) string {
		var parts []string
		for i := 0; i+4 <= len(m); i += 4 {
			parts = append(parts, m[i:i+4])
		}
		return " " + strings.Join(parts, " ") + " "
	})
}

// wordParts cuts a word where OCR ran the cells of a row together: at
// years and at the change from letters to digits ("ĐVT2022202320242025").
var wordParts = regexp.MustCompile(`(?:19|20)\d{2}|\d+(?:[.,]\d+)?%?|[^\d]+`)

// splitAcross splits a word that crosses column rules into one word per
// column, when its parts are as many as the columns it crosses; the
// parts share its box in proportion to their length.
func splitAcross(w ocr.Word, cols []float64) []ocr.Word {
	crossed := 0
	for _, c := range cols {
		if c > float64(w.X0+4) && c < float64(w.X1-4) {
			crossed++
		}
	}
	if crossed == 0 {
		return []ocr.Word{w}
	}
	parts := wordParts.FindAllString(w.Text, -1)
	if len(parts) != crossed+1 {
		return []ocr.Word{w}
	}
	n := len([]rune(w.Text))
	out := make([]ocr.Word, 0, len(parts))
	x, done := w.X0, 0
	for _, p := range parts {
		done += len([]rune(p))
		x1 := w.X0 + (w.X1-w.X0)*done/n
		piece := w
		piece.Text, piece.X0, piece.X1 = p, x, x1
		out = append(out, piece)
		x = x1
	}
	return out
}
