package structure

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/chitieu/chitieu/extract/vntext"
)

// A Table is a run of lines that hold cells. Plans write them two ways in
// text: rows of cells separated by "|" (text exports, Markdown, and the
// HTML reader of this project, which writes a data table's rows so), and
// rows whose last fields are numbers under a header of years ("TT Chỉ tiêu
// 2022 2023 2024 2025"), as tab-separated and PDF tables read once their
// spacing is collapsed. Head holds the header rows (none, one, or two when
// the header is split over two lines), Rows the others.
type Table struct {
	Span
	Cols int
	Head []Row
	Rows []Row
}

// A Row is one line of a table: its block in the outline and its cells by
// column. A column the row leaves empty has an empty span.
type Row struct {
	Span
	Block int
	Cells []Span
}

// Cell returns the text of column c of the row, trimmed; "" when none.
func (r Row) Cell(text string, c int) string {
	if c < 0 || c >= len(r.Cells) {
		return ""
	}
	return text[r.Cells[c].Start:r.Cells[c].End]
}

// findTables finds the tables among the blocks of an outline.
func findTables(text string, blocks []Block) []Table {
	var out []Table
	for i := 0; i < len(blocks); {
		if t, n := pipeTable(text, blocks, i); n > 0 {
			if t.Rows != nil {
				out = append(out, t)
			}
			i += n
			continue
		}
		if t, n := yearTable(text, blocks, i); n > 0 {
			out = append(out, t)
			i += n
			continue
		}
		i++
	}
	return out
}

// pipeCells splits a line at "|" into trimmed cells, dropping the empty
// cells outside a leading or trailing bar ("| a | b |"). It returns nil
// for a line with no bar.
func pipeCells(text string, sp Span) []Span {
	line := text[sp.Start:sp.End]
	if strings.IndexByte(line, '|') < 0 {
		return nil
	}
	var cells []Span
	from := sp.Start
	for i := sp.Start; i <= sp.End; i++ {
		if i == sp.End || text[i] == '|' {
			a, b := trimSpan(text, from, i)
			cells = append(cells, Span{a, b})
			from = i + 1
		}
	}
	// "| a | b |": the bars outside are Markdown's, not empty cells; a
	// row that opens with a bar alone ("| Toàn tỉnh | 72") leaves its
	// first cell empty.
	trimmed := strings.TrimSpace(line)
	if strings.HasPrefix(trimmed, "|") && strings.HasSuffix(trimmed, "|") && len(cells) >= 2 {
		cells = cells[1 : len(cells)-1]
	} else if n := len(cells); n > 0 && cells[n-1].Start == cells[n-1].End && strings.HasSuffix(trimmed, "|") {
		cells = cells[:n-1]
	}
	return cells
}

// isRule reports whether a line is a Markdown header rule: "|---|:--:|".
func isRule(s string) bool {
	s = strings.TrimSpace(s)
	if s == "" {
		return false
	}
	for _, r := range s {
		if !strings.ContainsRune("|-:+= –—", r) {
			return false
		}
	}
	return strings.Contains(s, "-") || strings.Contains(s, "–") || strings.Contains(s, "=")
}

// pipeTable reads a table of "|" rows starting at blocks[i]: two rows or
// more with two cells or more each. It returns the table and how many
// blocks it takes (0: none starts here); a run of rows with no figure
// below its header is taken whole and gives a table with no rows.
func pipeTable(text string, blocks []Block, i int) (Table, int) {
	var rows []Row
	j := i
	for ; j < len(blocks); j++ {
		b := blocks[j]
		if isRule(text[b.Start:b.End]) && len(rows) > 0 {
			continue
		}
		cells := pipeCells(text, b.Span)
		if len(cells) < 2 {
			break
		}
		rows = append(rows, Row{Span: b.Span, Block: j, Cells: cells})
	}
	if len(rows) < 2 {
		return Table{}, 0
	}
	t := Table{Span: Span{rows[0].Start, rows[len(rows)-1].End}}
	for _, r := range rows {
		t.Cols = max(t.Cols, len(r.Cells))
	}
	for k := range rows {
		for len(rows[k].Cells) < t.Cols {
			e := rows[k].End
			rows[k].Cells = append(rows[k].Cells, Span{e, e})
		}
	}
	// Header rows: leading rows with no figure but years.
	h := 0
	for h < len(rows) && h < 2 && !hasFigure(text, rows[h].Cells) {
		h++
	}
	if h == len(rows) {
		return Table{}, j - i
	}
	t.Head, t.Rows = rows[:h], rows[h:]
	return t, j - i
}

// hasFigure reports whether a row has a cell that is a number other than a
// year.
func hasFigure(text string, cells []Span) bool {
	for _, c := range cells {
		s := text[c.Start:c.End]
		if isNumberCell(s) && !isYear(strings.TrimSpace(s)) {
			return true
		}
	}
	return false
}

// isNumberCell reports whether a cell holds a number ("86,5", "100",
// "45%"), or the dash or cross that stands for none.
func isNumberCell(s string) bool {
	s = strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(s), "%"))
	switch s {
	case "":
		return false
	case "-", "–", "—", "x", "X":
		return true
	}
	digits := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case '0' <= c && c <= '9':
			digits++
		case c == ',' || c == '.':
			if i == 0 || i == len(s)-1 {
				return false
			}
		default:
			return false
		}
	}
	return digits > 0 && digits <= 9
}

func isYear(s string) bool {
	if len(s) != 4 || s[0] != '2' && s[0] != '1' {
		return false
	}
	for i := 0; i < 4; i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s >= "1990" && s <= "2100"
}

// fields splits text[sp] at spaces into word spans.
func fields(text string, sp Span) []Span {
	out := wordsWithSpans(text[sp.Start:sp.End])
	for i := range out {
		out[i].Start += sp.Start
		out[i].End += sp.Start
	}
	return out
}

// yearHeader reads a header line that ends with years: "2022 2023 2024
// 2025", "Năm 2025 Năm 2030". It returns the label part before them and
// one span per year ("Năm 2025" whole), or no years.
func yearHeader(text string, sp Span) (label Span, years []Span) {
	if sp.End-sp.Start < 9 || !isYear(text[sp.End-4:sp.End]) {
		return Span{}, nil
	}
	ws := fields(text, sp)
	if len(ws) > 40 {
		return Span{}, nil
	}
	k := len(ws)
	for k > 0 && isYear(text[ws[k-1].Start:ws[k-1].End]) {
		y := ws[k-1]
		k--
		if k > 0 && vntext.Fold(text[ws[k-1].Start:ws[k-1].End]) == "nam" {
			y.Start = ws[k-1].Start
			k--
		}
		years = append([]Span{y}, years...)
	}
	if len(years) < 2 {
		return Span{}, nil
	}
	label = Span{sp.Start, sp.Start}
	if k > 0 {
		label = Span{ws[0].Start, ws[k-1].End}
	}
	return label, years
}

// yearTable reads a table whose header ends with two years or more and
// whose rows end with as many numbers: the form a tab-separated or PDF
// table takes once its spacing is collapsed.
func yearTable(text string, blocks []Block, i int) (Table, int) {
	b := blocks[i]
	label, years := yearHeader(text, b.Span)
	if years == nil {
		return Table{}, 0
	}
	k := len(years)
	head := Row{Span: b.Span, Block: i, Cells: append([]Span{label}, years...)}
	var rows []Row
	j := i + 1
	for ; j < len(blocks); j++ {
		r, ok := numberRow(text, blocks[j], j, k)
		if !ok {
			break
		}
		rows = append(rows, r)
	}
	if len(rows) == 0 {
		return Table{}, 0
	}
	return Table{Span: Span{b.Start, rows[len(rows)-1].End}, Cols: k + 1, Head: []Row{head}, Rows: rows}, j - i
}

// numberRow reads a line that ends with k numbers after a label: "1 Tỷ lệ
// xã ... mức độ 2 (%) 86,5 89 93 96".
func numberRow(text string, b Block, block, k int) (Row, bool) {
	ws := fields(text, b.Span)
	if len(ws) < k+1 {
		return Row{}, false
	}
	nums := ws[len(ws)-k:]
	for _, w := range nums {
		if !isNumberCell(text[w.Start:w.End]) {
			return Row{}, false
		}
	}
	rest := ws[:len(ws)-k]
	// The label has words; a row of numbers only is not a row.
	letters := false
	for _, w := range rest {
		r, _ := utf8.DecodeRuneInString(text[w.Start:])
		if unicode.IsLetter(r) || r == '"' || r == '“' {
			letters = true
			break
		}
	}
	if !letters {
		return Row{}, false
	}
	cells := []Span{{rest[0].Start, rest[len(rest)-1].End}}
	cells = append(cells, nums...)
	return Row{Span: b.Span, Block: block, Cells: cells}, true
}
