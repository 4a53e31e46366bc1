// Package rows turns the tables of structured formats (web pages, Word
// and OpenDocument files) into the one text form the extractor's table
// pass reads: a table of data becomes one line per row, its cells joined
// by " | "; a table used for layout (the two-column header nearly every
// Vietnamese administrative document starts with: issuer | motto) is read
// as lines, cell after cell.
package rows

import (
	"regexp"
	"strings"
)

// A Table is the text of a table's cells, row by row; a cell's lines are
// separated by "\n".
type Table [][]string

// IsData reports whether t is a table of data: two rows or more, each
// of two cells or more, each cell one line without "|", and a figure in
// some cell past the first column. A metadata table ("Số hiệu |
// 374/KH-UBND") has no figure and reads better as lines.
func (t Table) IsData() bool {
	if len(t) < 2 {
		return false
	}
	figures := false
	for _, r := range t {
		if len(r) < 2 {
			return false
		}
		for i, c := range r {
			if strings.Contains(c, "\n") || strings.Contains(c, "|") {
				return false
			}
			if i > 0 && NumberCell.MatchString(strings.TrimSpace(c)) {
				figures = true
			}
		}
	}
	return figures
}

// NumberCell is a cell that holds a figure: "12", "45,5", "60%".
var NumberCell = regexp.MustCompile(`^\d{1,9}(?:[.,]\d+)?\s?%?$`)

// Lines renders t: one line per row of a table of data, else each cell's
// lines in reading order.
func (t Table) Lines() []string {
	var out []string
	if t.IsData() {
		for _, r := range t {
			cells := make([]string, len(r))
			for i, c := range r {
				cells[i] = strings.TrimSpace(c)
			}
			out = append(out, strings.Join(cells, " | "))
		}
		return out
	}
	for _, r := range t {
		for _, c := range r {
			for _, l := range strings.Split(c, "\n") {
				if l = strings.TrimSpace(l); l != "" {
					out = append(out, l)
				}
			}
		}
	}
	return out
}
