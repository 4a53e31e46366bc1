package web

import (
	"slices"

	"github.com/chitieu/chitieu/compare"
)

// A chart is a horizontal bar chart of one row of a comparison table:
// a bar per locality, the national reference as a dashed line. It is
// drawn by the template as SVG, in the page: no script, no image files.
type chart struct {
	Indicator, Label string
	Year             int
	Bars             []bar
	RefX             int // x of the national reference line, 0 if none
	RefText          string
	Width, Height    int
}

type bar struct {
	Name  string
	Text  string
	Y, W  int
	TextX int
}

// Chart geometry, in SVG user units.
const (
	chartLabelW = 200
	chartBarW   = 320
	chartRowH   = 24
)

// makeChart draws the row of indicator (when indicator is "", the
// percentage row that most localities fill), nil when no locality has a
// figure to draw.
func makeChart(t *compare.Table, indicator, national string) *chart {
	row := percentRow(t, indicator)
	if row == nil || !slices.ContainsFunc(row.Cells[1:], func(c compare.Cell) bool { return c.Value != nil }) {
		return nil
	}
	c := &chart{Indicator: row.Indicator, Label: row.Label, Year: row.Year, Width: chartLabelW + chartBarW + 60}
	scale := func(v float64) int { return int(min(max(v, 0), 100) / 100 * chartBarW) }
	for i, cell := range row.Cells {
		if i == 0 {
			if cell.Value != nil {
				c.RefX = chartLabelW + scale(*cell.Value)
				c.RefText = national + " " + cell.Text
			}
			continue
		}
		if cell.Value == nil {
			continue
		}
		y := 20 + len(c.Bars)*chartRowH
		w := scale(*cell.Value)
		c.Bars = append(c.Bars, bar{Name: t.Columns[i].Name, Text: cell.Text, Y: y, W: w, TextX: chartLabelW + w + 4})
	}
	c.Height = 30 + len(c.Bars)*chartRowH
	return c
}
