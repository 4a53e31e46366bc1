package pdftext

import (
	"cmp"
	"math"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/chitieu/chitieu/extract/vntext"
)

// The layout stage turns a page's glyphs, in the order the producer drew
// them, into reading-order text:
//
//  1. glyphs are grouped into lines by baseline, and each line is ordered by
//     x, which puts the letters a producer drew from a fallback font (in a
//     separate run, after the rest of the line) back inside their words;
//  2. a line is cut into segments where the gap between glyphs is wider
//     than a column gutter;
//  3. the page is split into columns where a vertical gutter runs between
//     segments (lines that cross it, such as a title over two columns,
//     separate bands that are split on their own);
//  4. inside a column, lines become paragraphs: a wider gap than the usual
//     line spacing, a line ending short of the column's right edge, or a
//     list marker starts a new one.

// line is a run of glyphs on one baseline, ordered by x.
type line struct {
	glyphs []glyph
	y      float64
	size   float64
}

// segment is a part of a line between wide gaps.
type segment struct {
	glyphs []glyph
	x0, x1 float64
	y      float64
	size   float64
}

// buildLines groups glyphs into lines by baseline; it reorders gs, and the
// lines share its array.
func buildLines(gs []glyph) []line {
	if len(gs) == 0 {
		return nil
	}
	slices.SortStableFunc(gs, func(a, b glyph) int { return cmp.Compare(b.y, a.y) })
	// A line is a run of gs (sorted by baseline): its glyphs are a
	// slice of gs, capped so that nothing appended to one line reaches
	// the next. gs is the caller's to give up.
	var lines []line
	cur := line{y: gs[0].y, size: gs[0].size}
	first := 0
	for i, g := range gs {
		tol := 0.4 * math.Max(math.Min(g.size, cur.size), 1)
		if i > first && math.Abs(g.y-cur.y) > tol {
			cur.glyphs = gs[first:i:i]
			lines = append(lines, cur)
			cur = line{y: g.y, size: g.size}
			first = i
		}
		if g.size > cur.size && !g.combin {
			cur.size = g.size
		}
	}
	cur.glyphs = gs[first:len(gs):len(gs)]
	lines = append(lines, cur)
	for i := range lines {
		l := &lines[i]
		slices.SortStableFunc(l.glyphs, func(a, b glyph) int { return cmp.Compare(a.x, b.x) })
		l.glyphs = dedupe(l.glyphs)
		l.glyphs = dropUnmappedMarks(l.glyphs)
		l.glyphs = attachMarks(l.glyphs)
		// The baseline most glyphs share.
		l.y = medianY(l.glyphs)
	}
	return lines
}

func medianY(gs []glyph) float64 {
	ys := make([]float64, len(gs))
	for i, g := range gs {
		ys[i] = g.y
	}
	slices.Sort(ys)
	return ys[len(ys)/2]
}

// dedupe drops glyphs drawn twice at (almost) the same place, as producers
// do to fake bold or shadows.
func dedupe(gs []glyph) []glyph {
	out := gs[:0]
	for _, g := range gs {
		dup := false
		for j := len(out) - 1; j >= 0 && j >= len(out)-3; j-- {
			p := out[j]
			if p.text == g.text && math.Abs(p.x-g.x) < 0.15*g.size && math.Abs(p.y-g.y) < 0.15*g.size {
				dup = true
				break
			}
		}
		if !dup {
			out = append(out, g)
		}
	}
	return out
}

// dropUnmappedMarks removes glyphs without a Unicode mapping that are drawn
// over another glyph. LibreOffice, drawing a letter its font lacks as a base
// letter plus a mark from a fallback font, leaves the mark out of the
// ToUnicode map; the mark then shows as U+FFFD over the next letter.
func dropUnmappedMarks(gs []glyph) []glyph {
	out := gs[:0]
	for i, g := range gs {
		if g.text == "\uFFFD" {
			over := false
			for _, j := range []int{i - 1, i + 1} {
				if j >= 0 && j < len(gs) && gs[j].text != "\uFFFD" && math.Abs(gs[j].x-g.x) < 0.3*math.Max(g.size, 1) {
					over = true
				}
			}
			if over {
				continue
			}
		}
		out = append(out, g)
	}
	return out
}

// attachMarks moves lone combining marks right after the letter they sit
// on, whichever order x gives them in.
func attachMarks(gs []glyph) []glyph {
	for i := range gs {
		r, _ := utf8.DecodeRuneInString(gs[i].text)
		gs[i].combin = unicode.Is(unicode.Mn, r)
	}
	for i := 0; i < len(gs); i++ {
		if !gs[i].combin {
			continue
		}
		// A mark drawn before its base (x just left of the base's origin).
		if i+1 < len(gs) && !gs[i+1].combin && (i == 0 || gs[i-1].space) && gs[i+1].x-gs[i].x < 0.6*gs[i+1].size {
			gs[i], gs[i+1] = gs[i+1], gs[i]
			i++
		}
	}
	return gs
}

// lineText renders glyphs as text: spaces where the producer drew one or
// left a gap wider than a space would be, and legacy-font runs decoded.
func glyphText(gs []glyph) string {
	var b strings.Builder
	var run strings.Builder
	var runFont *font
	flush := func() {
		if run.Len() == 0 {
			return
		}
		s := run.String()
		if runFont != nil {
			s = vntext.DecodeFontRun(s, runFont.name)
		}
		b.WriteString(s)
		run.Reset()
	}
	for i, g := range gs {
		if i > 0 && !g.combin {
			p := gs[i-1]
			gap := g.x - (p.x + p.w)
			if !p.space && !g.space && gap > 0.18*math.Max(g.size, 1) {
				flush()
				b.WriteByte(' ')
			}
		}
		if g.space {
			flush()
			b.WriteByte(' ')
			continue
		}
		legacy := g.font != nil && g.font.legacy != vntext.Unicode
		if legacy && g.font != runFont || !legacy && runFont != nil {
			flush()
		}
		if legacy {
			runFont = g.font
		} else {
			runFont = nil
		}
		run.WriteString(g.text)
	}
	flush()
	return b.String()
}

// segments cuts a line where the gap between two glyphs is wider than a
// gutter (about two ems).
func (l line) segments() []segment {
	var out []segment
	start := 0
	for i := 1; i <= len(l.glyphs); i++ {
		if i < len(l.glyphs) {
			p, g := l.glyphs[i-1], l.glyphs[i]
			if g.x-(p.x+p.w) < 1.8*math.Max(l.size, 1) {
				continue
			}
		}
		gs := l.glyphs[start:i]
		// Leading and trailing spaces do not count for the extent.
		a, z := 0, len(gs)
		for a < z && gs[a].space {
			a++
		}
		for z > a && gs[z-1].space {
			z--
		}
		if a < z {
			out = append(out, segment{glyphs: gs, x0: gs[a].x, x1: gs[z-1].x + gs[z-1].w, y: l.y, size: l.size})
		}
		start = i
	}
	return out
}

// block is a run of segments read top to bottom; column is set when it is
// one column of a multi-column band.
type block struct {
	segs   []segment
	column bool
}

// order returns the page's segments in reading order, splitting columns.
func order(segs []segment, depth int, column bool) []block {
	if len(segs) == 0 {
		return nil
	}
	if depth < 3 {
		if lo, hi, ok := gutter(segs); ok {
			return splitColumns(segs, lo, hi, depth)
		}
	}
	return []block{{segs, column}}
}

// gutter finds a vertical strip, in the middle part of the segments' extent,
// that at least two lines on each side leave empty while having text on both
// sides of it.
func gutter(segs []segment) (lo, hi float64, ok bool) {
	minX, maxX := math.Inf(1), math.Inf(-1)
	size := 0.0
	for _, s := range segs {
		minX = math.Min(minX, s.x0)
		maxX = math.Max(maxX, s.x1)
		size += s.size
	}
	size /= float64(len(segs))
	width := maxX - minX
	if width < 10*size || width > 5000 {
		return 0, 0, false
	}
	n := int(width) + 1
	cover := make([]int, n)
	for _, s := range segs {
		a := max(int(s.x0-minX), 0)
		z := min(int(s.x1-minX), n-1)
		for x := a; x <= z; x++ {
			cover[x]++
		}
	}
	// Least-covered strip at least one em wide in the middle 60%.
	from, to := int(0.2*width), int(0.8*width)
	minW := max(int(size), 4)
	best, bestCover := -1, math.MaxInt
	for x := from; x+minW <= to; x++ {
		c := 0
		for k := x; k < x+minW; k++ {
			c = max(c, cover[k])
		}
		if c < bestCover {
			best, bestCover = x, c
		}
	}
	if best < 0 {
		return 0, 0, false
	}
	// Widen the strip over its equally covered neighbours.
	a, z := best, best+minW
	for a > 0 && cover[a-1] <= bestCover {
		a--
	}
	for z < n && cover[z] <= bestCover {
		z++
	}
	lo, hi = minX+float64(a), minX+float64(z)
	// Columns need lines on both sides that do not cross the strip.
	left, right := 0, 0
	for _, s := range segs {
		switch {
		case s.x1 <= lo:
			left++
		case s.x0 >= hi:
			right++
		}
	}
	if left < 2 || right < 2 || bestCover*3 > left+right {
		return 0, 0, false
	}
	return lo, hi, true
}

// splitColumns reads the segments that cross [lo, hi] in place, and between
// them the left side of the band before its right side.
func splitColumns(segs []segment, lo, hi float64, depth int) []block {
	slices.SortStableFunc(segs, func(a, b segment) int {
		if a.y != b.y {
			return cmp.Compare(b.y, a.y)
		}
		return cmp.Compare(a.x0, b.x0)
	})
	var out []block
	var left, right []segment
	flush := func() {
		out = append(out, order(left, depth+1, true)...)
		out = append(out, order(right, depth+1, true)...)
		left, right = nil, nil
	}
	for _, s := range segs {
		switch {
		case s.x1 <= lo:
			left = append(left, s)
		case s.x0 >= hi:
			right = append(right, s)
		default:
			flush()
			out = append(out, block{segs: []segment{s}})
		}
	}
	flush()
	return out
}

// paragraphs renders a block's segments (top to bottom) as paragraphs, one
// per output line. box is the page box (zero if unknown).
func paragraphs(b block, box [4]float64) []string {
	segs := b.segs
	if len(segs) == 0 {
		return nil
	}
	// Merge segments that share a baseline back into lines (table cells
	// in one column block), left to right.
	type row struct {
		text   string
		x0, x1 float64
		y      float64
		size   float64
		charW  float64 // average advance of a character
	}
	var rows []row
	for i := 0; i < len(segs); {
		j := i + 1
		for j < len(segs) && math.Abs(segs[j].y-segs[i].y) < 0.4*segs[i].size {
			j++
		}
		group := segs[i:j]
		slices.SortStableFunc(group, func(a, b segment) int { return cmp.Compare(a.x0, b.x0) })
		var parts []string
		r := row{x0: group[0].x0, x1: group[len(group)-1].x1, y: group[0].y, size: group[0].size}
		for _, s := range group {
			if t := strings.TrimSpace(glyphText(s.glyphs)); t != "" {
				parts = append(parts, t)
			}
			r.size = math.Max(r.size, s.size)
		}
		r.text = strings.Join(parts, " ")
		if n := utf8.RuneCountInString(r.text); n > 0 {
			r.charW = (r.x1 - r.x0) / float64(n)
		}
		if r.text != "" {
			rows = append(rows, r)
		}
		i = j
	}
	if len(rows) == 0 {
		return nil
	}
	// Usual line spacing and right edge of the block.
	var gaps []float64
	right := 0.0
	left := math.Inf(1)
	for i, r := range rows {
		right = math.Max(right, r.x1)
		left = math.Min(left, r.x0)
		if i > 0 {
			if d := rows[i-1].y - r.y; d > 0 {
				gaps = append(gaps, d)
			}
		}
	}
	// A block that is not a column is measured against the page's text
	// width, guessed from its left margin, not only against its own longest
	// line: a page of short lines is a page of short paragraphs.
	if pw := box[2] - box[0]; pw > 0 && !b.column && left > box[0] {
		right = math.Max(right, box[2]-(left-box[0])-0.05*pw)
	}
	usual := lineSpacing(gaps)
	var out []string
	var cur []byte // the paragraph so far
	tail := ""     // its last line
	for i, r := range rows {
		if i > 0 {
			p := rows[i-1]
			gap := p.y - r.y
			// The previous line stopped short: the next line's first
			// word would have fitted on it.
			room := right - p.x1
			firstW := float64(utf8.RuneCountInString(firstField(r.text))) * r.charW
			short := room > 1.3*firstW+2*r.charW
			newPara := gap <= 0 || usual > 0 && gap > 1.2*usual+0.5 || gap > 2.2*p.size || short ||
				math.Abs(r.size-p.size) > 0.15*p.size ||
				startsItem(r.text)
			if newPara {
				out = append(out, string(cur))
				cur = cur[:0]
			} else {
				trim, sep := vntext.WrapJoin(tail, r.text)
				cur = append(append(cur[:len(cur)-trim], sep...), r.text...)
				tail = r.text
				continue
			}
		}
		cur = append(cur, r.text...)
		tail = r.text
	}
	out = append(out, string(cur))
	return out
}

// startsItem reports whether a line opens a list item or a numbered
// heading: "-", "+", "•", "a)", "1.", "2.1.", "I.", "II.".
func startsItem(s string) bool {
	if s == "" {
		return false
	}
	r, _ := utf8.DecodeRuneInString(s)
	switch r {
	case '-', '+', '•', '–', '*', '·':
		return true
	}
	i := 0
	for i < len(s) && i < 8 && (s[i] >= '0' && s[i] <= '9' || s[i] == '.') {
		i++
	}
	if i > 0 && i < len(s) && (s[i-1] == '.' || s[i] == ')') {
		return true
	}
	j := 0
	for j < len(s) && j < 5 && strings.IndexByte("IVXLC", s[j]) >= 0 {
		j++
	}
	if j > 0 && j < len(s) && s[j] == '.' {
		return true
	}
	if len(s) > 2 && s[1] == ')' && s[0] >= 'a' && s[0] <= 'z' {
		return true
	}
	if strings.HasPrefix(s, "đ)") {
		return true
	}
	return false
}

// lineSpacing returns the usual distance between the lines of a paragraph:
// the smallest gap seen at least twice (paragraph spacing only ever adds to
// it), or the smallest gap.
func lineSpacing(gaps []float64) float64 {
	if len(gaps) == 0 {
		return 0
	}
	slices.Sort(gaps)
	for i := 0; i+1 < len(gaps); i++ {
		if gaps[i+1]-gaps[i] < 0.5 {
			return gaps[i]
		}
	}
	return gaps[0]
}

// firstField is the first word of s, without trailing punctuation.
func firstField(s string) string {
	if i := strings.IndexByte(s, ' '); i >= 0 {
		s = s[:i]
	}
	return strings.TrimRight(s, ",.;:")
}

// A Placed is a word read from an image of a page (by OCR): its text,
// its left and right edges, and the top and bottom of its line, in pixels
// from the image's top left.
type Placed struct {
	Text        string
	X0, X1      float64
	Top, Bottom float64
}

// LayoutPlaced lays out the words of a page image of the given height as
// the glyphs of a text page are: lines, columns (a header's issuer and
// motto), paragraphs, and the cells of a table's row on one line, so that
// a scanned page reads as the same page printed to PDF would.
func LayoutPlaced(ws []Placed, width, height float64) string {
	gs := make([]glyph, 0, len(ws))
	for _, w := range ws {
		if strings.TrimSpace(w.Text) == "" {
			continue
		}
		// The line's height is about a font size and a third (accents
		// above, descenders below).
		size := math.Max((w.Bottom-w.Top)/1.35, 1)
		// Each glyph is a whole word: a space after it keeps words apart
		// however tight the line.
		gs = append(gs, glyph{x: w.X0, y: height - w.Bottom, w: math.Max(w.X1-w.X0, 1), size: size, text: w.Text + " "})
	}
	return layoutPage(gs, [4]float64{0, 0, width, height})
}
