package rows

import (
	"math"
	"slices"
)

// The geometry of ruled tables, shared by scanned pages (rules found in
// the image) and PDF pages (rules drawn as paths). Coordinates are pixels
// at 300 dpi, y down; callers in other units convert.

// A Stroke is a stretch of a drawn rule: at Pos across it (the y of a
// horizontal rule, the x of a vertical one), from Lo to Hi along it.
type Stroke struct {
	Pos float64 `json:"pos"`
	Lo  float64 `json:"lo"`
	Hi  float64 `json:"hi"`
}

// A Grid is a ruled table: its horizontal rules top to bottom and its
// vertical rules left to right.
type Grid struct {
	Rows []Stroke `json:"rows"`
	Cols []Stroke `json:"cols"`
}

// Bounds returns the grid's box: left, top, right, bottom.
func (g Grid) Bounds() (left, top, right, bottom float64) {
	return g.Cols[0].Pos, g.Rows[0].Pos, g.Cols[len(g.Cols)-1].Pos, g.Rows[len(g.Rows)-1].Pos
}

// Merge joins the strokes of each drawn rule (a few pixels thick, drawn
// in pieces, or a little askew on a scan) into one, at their mean
// position. The rules of a table are farther apart than 16 pixels.
func Merge(ss []Stroke) []Stroke {
	const across, along = 16, 20
	type acc struct {
		sum    float64
		n      int
		lo, hi float64
	}
	var out []acc
	for _, s := range ss {
		joined := false
		for i := len(out) - 1; i >= 0 && i >= len(out)-8; i-- {
			o := &out[i]
			if math.Abs(s.Pos-o.sum/float64(o.n)) <= across && s.Lo <= o.hi+along && o.lo <= s.Hi+along {
				o.sum += s.Pos
				o.n++
				o.lo, o.hi = math.Min(o.lo, s.Lo), math.Max(o.hi, s.Hi)
				joined = true
				break
			}
		}
		if !joined {
			out = append(out, acc{s.Pos, 1, s.Lo, s.Hi})
		}
	}
	res := make([]Stroke, len(out))
	for i, o := range out {
		res[i] = Stroke{o.sum / float64(o.n), o.lo, o.hi}
	}
	// Pieces met in another order.
	for i := 0; i < len(res); i++ {
		for j := i + 1; j < len(res); j++ {
			a, b := res[i], res[j]
			if math.Abs(a.Pos-b.Pos) <= across && a.Lo <= b.Hi+along && b.Lo <= a.Hi+along {
				res[i] = Stroke{(a.Pos + b.Pos) / 2, math.Min(a.Lo, b.Lo), math.Max(a.Hi, b.Hi)}
				res = append(res[:j], res[j+1:]...)
				j = i
			}
		}
	}
	slices.SortFunc(res, func(a, b Stroke) int { return cmpF(a.Pos, b.Pos) })
	return res
}

func cmpF(a, b float64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// Grids finds the ruled tables among merged rules: horizontal rules one
// under another, about as wide, joined by vertical rules, three rules or
// more each way.
func Grids(hs, vs []Stroke) []Grid {
	var out []Grid
	used := make([]bool, len(hs))
	for i := range hs {
		if used[i] {
			continue
		}
		g := Grid{Rows: []Stroke{hs[i]}}
		used[i] = true
		for j := i + 1; j < len(hs); j++ {
			last := g.Rows[len(g.Rows)-1]
			h := hs[j]
			if used[j] || h.Pos-last.Pos > 600 {
				continue
			}
			if math.Abs(h.Lo-g.Rows[0].Lo) > 40 && math.Abs(h.Hi-g.Rows[0].Hi) > 40 {
				continue
			}
			for _, v := range vs {
				if v.Lo <= last.Pos+8 && v.Hi >= h.Pos-8 && v.Pos >= h.Lo-10 && v.Pos <= h.Hi+10 {
					g.Rows = append(g.Rows, h)
					used[j] = true
					break
				}
			}
		}
		if len(g.Rows) < 3 {
			continue
		}
		top, bottom := g.Rows[0].Pos, g.Rows[len(g.Rows)-1].Pos
		var cols []Stroke
		for _, v := range vs {
			if v.Hi >= top-8 && v.Lo <= bottom+8 && v.Pos >= g.Rows[0].Lo-10 && v.Pos <= g.Rows[0].Hi+10 {
				cols = append(cols, v)
			}
		}
		slices.SortFunc(cols, func(a, b Stroke) int { return cmpF(a.Pos, b.Pos) })
		for _, c := range cols {
			if n := len(g.Cols); n > 0 && c.Pos-g.Cols[n-1].Pos <= 12 {
				g.Cols[n-1].Lo, g.Cols[n-1].Hi = math.Min(g.Cols[n-1].Lo, c.Lo), math.Max(g.Cols[n-1].Hi, c.Hi)
				continue
			}
			g.Cols = append(g.Cols, c)
		}
		if len(g.Cols) >= 3 {
			out = append(out, g)
		}
	}
	return out
}

// RowCols returns the column rules that cross row r (between horizontal
// rules r and r+1): a rule stopped by a merged cell does not split it.
func (g Grid) RowCols(r int) []float64 {
	top, bottom := g.Rows[r].Pos, g.Rows[r+1].Pos
	mid := (top + bottom) / 2
	var xs []float64
	for _, c := range g.Cols {
		if c.Lo <= mid && c.Hi >= mid {
			xs = append(xs, c.Pos)
		}
	}
	if len(xs) < 2 {
		return []float64{g.Cols[0].Pos, g.Cols[len(g.Cols)-1].Pos}
	}
	return xs
}

// Locate returns the cell of a point of the grid: its row, and its
// column among the column rules of that row.
func (g Grid) Locate(x, y float64) (row, col int) {
	for row < len(g.Rows)-2 && y > g.Rows[row+1].Pos {
		row++
	}
	xs := g.RowCols(row)
	for col < len(xs)-2 && x > xs[col+1] {
		col++
	}
	return row, col
}

// Cells returns the number of cells of row r.
func (g Grid) Cells(r int) int { return len(g.RowCols(r)) - 1 }
