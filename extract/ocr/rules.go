package ocr

import (
	"bytes"
	"image"
	"image/draw"
	"image/png"
	"slices"
)

// Table rules (the drawn lines of a ruled table) make Tesseract read
// borders as "|", "I" or "l" and cut rows apart. removeRules paints them
// white before the page is read: a dark pixel on a horizontal run of at
// least minRun pixels, or on a vertical one, belongs to a rule, not to a
// letter (at 300 dpi, a letter of body text is under 60 pixels each
// way). Runs are measured in bands a few pixels tall or wide, so that a
// page scanned a little askew still has its rules found.
const minRun = 90

func removeRules(img []byte) ([]byte, []Grid, bool) {
	src, err := png.Decode(bytes.NewReader(img))
	if err != nil {
		return img, nil, false
	}
	b := src.Bounds()
	g, ok := src.(*image.Gray)
	if !ok {
		g = image.NewGray(b)
		draw.Draw(g, b, src, b.Min, draw.Src)
	}
	w, h := b.Dx(), b.Dy()
	if w < minRun || h < minRun {
		return img, nil, false
	}
	dark := func(x, y int) bool { return g.Pix[y*g.Stride+x] < 128 }
	mask := make([]bool, w*h)
	found := false
	var hRuns, vRuns []stroke
	// Horizontal rules.
	for y := 0; y < h; y++ {
		run := 0
		for x := 0; x <= w; x++ {
			if x < w && (dark(x, y) || y > 0 && dark(x, y-1) && run > 0 || y+1 < h && dark(x, y+1) && run > 0) {
				run++
				continue
			}
			if run >= minRun {
				found = true
				hRuns = append(hRuns, stroke{y, x - run, x})
				for i := x - run; i < x; i++ {
					if dark(i, y) {
						mask[y*w+i] = true
					}
				}
			}
			run = 0
		}
	}
	// Vertical rules.
	for x := 0; x < w; x++ {
		run := 0
		for y := 0; y <= h; y++ {
			if y < h && (dark(x, y) || x > 0 && dark(x-1, y) && run > 0 || x+1 < w && dark(x+1, y) && run > 0) {
				run++
				continue
			}
			if run >= minRun {
				found = true
				vRuns = append(vRuns, stroke{x, y - run, y})
				for i := y - run; i < y; i++ {
					if dark(x, i) {
						mask[i*w+x] = true
					}
				}
			}
			run = 0
		}
	}
	if !found {
		return img, nil, false
	}
	for i, m := range mask {
		if m {
			g.Pix[(i/w)*g.Stride+i%w] = 255
		}
	}
	var out bytes.Buffer
	enc := png.Encoder{CompressionLevel: png.BestSpeed}
	if err := enc.Encode(&out, g); err != nil {
		return img, nil, false
	}
	return out.Bytes(), grids(merge(hRuns), merge(vRuns)), true
}

// A stroke is a stretch of a rule: at pos across (y of a horizontal
// rule, x of a vertical one), from lo to hi along it.
type stroke struct{ pos, lo, hi int }

// merge joins the runs of one drawn rule (a few pixels thick, maybe a
// little askew) into one, at their mean position.
func merge(rs []stroke) []stroke {
	var out []stroke
	var n []int
	for _, r := range rs {
		joined := false
		for i := len(out) - 1; i >= 0 && i >= len(out)-8; i-- {
			o := out[i]
			// A rule drawn a little askew comes in strokes a few pixels
			// apart; the rules of a table are farther apart than that.
			if abs(r.pos-o.pos/n[i]) <= 16 && r.lo <= o.hi+20 && o.lo <= r.hi+20 {
				out[i] = stroke{o.pos + r.pos, min(o.lo, r.lo), max(o.hi, r.hi)}
				n[i]++
				joined = true
				break
			}
		}
		if !joined {
			out = append(out, r)
			n = append(n, 1)
		}
	}
	for i := range out {
		out[i].pos /= n[i]
	}
	// Strokes of one rule met in another order: join them too.
	for i := 0; i < len(out); i++ {
		for j := i + 1; j < len(out); j++ {
			a, b := out[i], out[j]
			if abs(a.pos-b.pos) <= 16 && a.lo <= b.hi+20 && b.lo <= a.hi+20 {
				out[i] = stroke{(a.pos + b.pos) / 2, min(a.lo, b.lo), max(a.hi, b.hi)}
				out = append(out[:j], out[j+1:]...)
				j = i
			}
		}
	}
	slices.SortFunc(out, func(a, b stroke) int { return a.pos - b.pos })
	return out
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// A Grid is a ruled table on a page image: the positions of its
// horizontal rules (top to bottom) and of its vertical ones (left to
// right), each with its extent, in pixels.
type Grid struct {
	Rows []Rule `json:"rows"`
	Cols []Rule `json:"cols"`
}

// A Rule is a drawn line: Pos across it, from Lo to Hi along it.
type Rule struct {
	Pos int `json:"pos"`
	Lo  int `json:"lo"`
	Hi  int `json:"hi"`
}

// Bounds returns the grid's box: left, top, right, bottom.
func (g Grid) Bounds() (int, int, int, int) {
	return g.Cols[0].Pos, g.Rows[0].Pos, g.Cols[len(g.Cols)-1].Pos, g.Rows[len(g.Rows)-1].Pos
}

// grids finds the ruled tables: horizontal rules one under another with
// vertical rules between them, three rules or more each way.
func grids(hs, vs []stroke) []Grid {
	var out []Grid
	used := make([]bool, len(hs))
	for i := range hs {
		if used[i] {
			continue
		}
		g := Grid{Rows: []Rule{hs[i].rule()}}
		used[i] = true
		for j := i + 1; j < len(hs); j++ {
			last := g.Rows[len(g.Rows)-1]
			h := hs[j]
			if used[j] || h.pos-last.Pos > 600 {
				continue
			}
			// The same table: about the same extent, and a vertical rule
			// joining it to the rule above.
			if abs(h.lo-g.Rows[0].Lo) > 40 && abs(h.hi-g.Rows[0].Hi) > 40 {
				continue
			}
			joined := false
			for _, v := range vs {
				if v.lo <= last.Pos+8 && v.hi >= h.pos-8 && v.pos >= h.lo-10 && v.pos <= h.hi+10 {
					joined = true
					break
				}
			}
			if joined {
				g.Rows = append(g.Rows, h.rule())
				used[j] = true
			}
		}
		if len(g.Rows) < 3 {
			continue
		}
		top, bottom := g.Rows[0].Pos, g.Rows[len(g.Rows)-1].Pos
		for _, v := range vs {
			if v.hi >= top-8 && v.lo <= bottom+8 && v.pos >= g.Rows[0].Lo-10 && v.pos <= g.Rows[0].Hi+10 {
				g.Cols = append(g.Cols, v.rule())
			}
		}
		g.Cols = mergeCols(g.Cols)
		if len(g.Cols) >= 3 {
			out = append(out, g)
		}
	}
	return out
}

// mergeCols orders vertical rules and joins those at one position (a
// column rule broken by merged cells).
func mergeCols(cs []Rule) []Rule {
	for i := 1; i < len(cs); i++ {
		for j := i; j > 0 && cs[j].Pos < cs[j-1].Pos; j-- {
			cs[j], cs[j-1] = cs[j-1], cs[j]
		}
	}
	var out []Rule
	for _, c := range cs {
		if n := len(out); n > 0 && c.Pos-out[n-1].Pos <= 12 {
			out[n-1].Lo, out[n-1].Hi = min(out[n-1].Lo, c.Lo), max(out[n-1].Hi, c.Hi)
			continue
		}
		out = append(out, c)
	}
	return out
}

func (s stroke) rule() Rule { return Rule{Pos: s.pos, Lo: s.lo, Hi: s.hi} }
