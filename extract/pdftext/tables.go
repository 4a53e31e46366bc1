package pdftext

import (
	"cmp"
	"math"
	"slices"
	"strings"

	"github.com/chitieu/chitieu/extract/rows"
)

// Ruled tables. A table whose cells are drawn (the usual table of a Word
// document printed to PDF, or of a web page) is read from its rules: the
// glyphs inside it go to the cells between the rules, and the table
// reaches the extractor as rows, through package rows, as the tables of
// every other format do. The rest of the page is laid out as before,
// band by band around the tables.

// px converts page space (points, y up) to the grid's space (pixels at
// 300 dpi, y down, from the top of the box).
const px = 300.0 / 72

// layoutTables lays out a page with its drawn rules.
func layoutTables(gs []glyph, drawn []drawnRule, box [4]float64) string {
	if len(drawn) < 6 || len(gs) == 0 {
		return layoutPage(gs, box)
	}
	top := box[3]
	if top == 0 {
		for _, g := range gs {
			top = math.Max(top, g.y+g.size)
		}
		for _, r := range drawn {
			top = math.Max(top, r.y1)
		}
	}
	var hs, vs []rows.Stroke
	for _, r := range drawn {
		x0, x1 := r.x0*px, r.x1*px
		y0, y1 := (top-r.y1)*px, (top-r.y0)*px
		if x1-x0 >= y1-y0 {
			hs = append(hs, rows.Stroke{Pos: (y0 + y1) / 2, Lo: x0, Hi: x1})
		} else {
			vs = append(vs, rows.Stroke{Pos: (x0 + x1) / 2, Lo: y0, Hi: y1})
		}
	}
	slices.SortFunc(hs, func(a, b rows.Stroke) int { return cmp.Compare(a.Pos, b.Pos) })
	slices.SortFunc(vs, func(a, b rows.Stroke) int { return cmp.Compare(a.Pos, b.Pos) })
	grids := rows.Grids(rows.Merge(hs), rows.Merge(vs))
	if len(grids) == 0 {
		return layoutPage(gs, box)
	}
	slices.SortFunc(grids, func(a, b rows.Grid) int { return cmp.Compare(a.Rows[0].Pos, b.Rows[0].Pos) })
	// A glyph's place in the grid's space: the middle of its x-height.
	where := func(g glyph) (x, y float64) {
		return (g.x + g.w/2) * px, (top - g.y - 0.3*g.size) * px
	}
	var out []string
	rest := gs
	for _, grid := range grids {
		left, gTop, right, gBottom := grid.Bounds()
		var above, in, below []glyph
		for _, g := range rest {
			x, y := where(g)
			switch {
			case y < gTop:
				above = append(above, g)
			case y > gBottom:
				below = append(below, g)
			case x >= left-2 && x <= right+2:
				in = append(in, g)
			default:
				// Beside the table (a margin note): with the text after.
				below = append(below, g)
			}
		}
		if t := layoutPage(above, box); t != "" {
			out = append(out, t)
		}
		out = append(out, gridCells(grid, in, where).Lines()...)
		rest = below
	}
	if t := layoutPage(rest, box); t != "" {
		out = append(out, t)
	}
	return strings.Join(out, "\n")
}

// gridCells puts glyphs in the cells of a grid and reads each cell's lines.
func gridCells(grid rows.Grid, gs []glyph, where func(glyph) (float64, float64)) rows.Table {
	nr := len(grid.Rows) - 1
	cells := make([][][]glyph, nr)
	for r := range nr {
		cells[r] = make([][]glyph, grid.Cells(r))
	}
	for _, g := range gs {
		x, y := where(g)
		r, c := grid.Locate(x, y)
		cells[r][c] = append(cells[r][c], g)
	}
	var t rows.Table
	for r := range cells {
		row := make([]string, len(cells[r]))
		empty := true
		for c, cg := range cells[r] {
			var parts []string
			for _, l := range buildLines(cg) {
				if s := strings.TrimSpace(glyphText(l.glyphs)); s != "" {
					parts = append(parts, s)
				}
			}
			row[c] = strings.Join(parts, " ")
			empty = empty && row[c] == ""
		}
		if !empty {
			t = append(t, row)
		}
	}
	return t
}
