package compare

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"github.com/chitieu/chitieu/extract/gazetteer"
	"io"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/xuri/excelize/v2"

	"github.com/chitieu/chitieu/extract/rules"
	"github.com/chitieu/chitieu/extract/targets"
)

// Renderers write tables and findings to any io.Writer: the CLI and the
// web UI share them.

func (r Row) yearText() string {
	if r.Year == 0 {
		return "?"
	}
	return strconv.Itoa(r.Year)
}

func (c Column) header() string {
	if _, bare := gazetteer.SplitType(c.Group); c.Group != "" && !strings.Contains(c.Name, bare) {
		return c.Name + " (" + c.Group + ")"
	}
	return c.Name
}

// notes returns the table's footnotes, in Vietnamese: a line per column
// whose area differs across 1 July 2025, or that holds old units' plans,
// and the mark its header gets ("[1]"), by column index.
func (t *Table) notes() (lines []string, marks map[int]string) {
	marks = map[int]string{}
	for i, c := range t.Columns {
		var parts []string
		if len(c.Former) > 0 {
			parts = append(parts, "gồm kế hoạch của "+strings.Join(c.Former, ", ")+" (trước 01/07/2025, cùng địa bàn)")
		}
		if c.NoteVI != "" {
			parts = append(parts, c.NoteVI)
		}
		if len(parts) == 0 {
			continue
		}
		m := "[" + strconv.Itoa(len(lines)+1) + "]"
		marks[i] = " " + m
		lines = append(lines, m+" "+c.Name+": "+strings.Join(parts, "; "))
	}
	return lines, marks
}

// WriteText writes the table aligned for a terminal.
func (t *Table) WriteText(w io.Writer) error {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	notes, marks := t.notes()
	fmt.Fprint(tw, "INDICATOR\tYEAR")
	for i, c := range t.Columns {
		fmt.Fprint(tw, "\t", c.header()+marks[i])
	}
	fmt.Fprintln(tw)
	for _, r := range t.Rows {
		fmt.Fprintf(tw, "%s\t%s", r.name(), r.yearText())
		for _, c := range r.Cells {
			fmt.Fprint(tw, "\t", dashIfEmpty(c.Text))
		}
		fmt.Fprintln(tw)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	if len(notes) > 0 {
		_, err := fmt.Fprintf(w, "\n%s\n", strings.Join(notes, "\n"))
		return err
	}
	return nil
}

func dashIfEmpty(s string) string {
	if s == "" {
		return "–"
	}
	return s
}

// WriteMarkdown writes the table as a Markdown table.
func (t *Table) WriteMarkdown(w io.Writer) error {
	esc := strings.NewReplacer("|", "\\|", "\n", " ")
	var b strings.Builder
	b.WriteString("| Chỉ tiêu | Năm |")
	notes, marks := t.notes()
	for i, c := range t.Columns {
		b.WriteString(" " + esc.Replace(c.header()+marks[i]) + " |")
	}
	b.WriteString("\n|---|---|")
	for range t.Columns {
		b.WriteString("---|")
	}
	b.WriteByte('\n')
	for _, r := range t.Rows {
		fmt.Fprintf(&b, "| %s (`%s`) | %s |", esc.Replace(r.Label), r.Indicator, r.yearText())
		for _, c := range r.Cells {
			b.WriteString(" " + esc.Replace(c.Text) + " |")
		}
		b.WriteByte('\n')
	}
	if len(notes) > 0 {
		b.WriteString("\n" + strings.Join(notes, "  \n") + "\n")
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// WriteCSV writes the table as CSV, UTF-8 with a byte-order mark so that
// Excel reads the Vietnamese.
func (t *Table) WriteCSV(w io.Writer) error {
	if _, err := io.WriteString(w, "\ufeff"); err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	head := []string{"indicator", "label", "year"}
	for _, c := range t.Columns {
		head = append(head, c.header())
	}
	cw.Write(head)
	for _, r := range t.Rows {
		row := []string{r.Indicator, r.Label, r.yearText()}
		for _, c := range r.Cells {
			row = append(row, c.Text)
		}
		cw.Write(row)
	}
	cw.Flush()
	return cw.Error()
}

// WriteJSON writes the table as indented JSON.
func (t *Table) WriteJSON(w io.Writer) error { return writeJSON(w, t) }

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

// numFormat is the Excel number format that shows a cell's qualifier
// around its number: ≥60 is the number 60 shown as "≥60".
// A whole number shows no decimal point ("0", not "0.##", which Excel
// shows as "70."); a percentage keeps its number (70, not 0.7) and shows
// "%" after it.
func numFormat(r *targets.Record) string {
	lit := func(s string) string { return `"` + s + `"` }
	switch r.Unit {
	case rules.Level:
		return lit("mức ") + "0"
	}
	pre := map[rules.Cmp]string{rules.Ge: "≥", rules.Gt: ">", rules.Le: "≤", rules.Lt: "<", rules.Approx: "~"}[r.Cmp]
	f := "0"
	if r.Value != float64(int64(r.Value)) {
		f = "0.0#"
	}
	if pre != "" {
		f = lit(pre) + f
	}
	if r.Cmp == rules.Range && r.ValueMax != nil {
		f += lit("–" + num(*r.ValueMax))
	}
	if r.Unit == rules.Percent {
		f += lit("%")
	}
	return f
}

// WriteXLSX writes the table as an Excel workbook: the table on the first
// sheet, with a header row, the indicator columns frozen and numbers as
// numbers (the qualifier in the number format); a second sheet lists each
// cell's source: document, number, date, page and sentence.
func (t *Table) WriteXLSX(w io.Writer) (err error) {
	f := excelize.NewFile()
	defer f.Close()
	const main, src = "So sánh", "Nguồn"
	if err := f.SetSheetName("Sheet1", main); err != nil {
		return err
	}
	if _, err := f.NewSheet(src); err != nil {
		return err
	}
	cell := func(col, row int) string {
		name, _ := excelize.CoordinatesToCellName(col, row)
		return name
	}
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	if err != nil {
		return err
	}
	styles := map[string]int{}
	style := func(format string) (int, error) {
		if id, ok := styles[format]; ok {
			return id, nil
		}
		id, err := f.NewStyle(&excelize.Style{CustomNumFmt: &format})
		styles[format] = id
		return id, err
	}
	head := []string{"Mã chỉ tiêu", "Chỉ tiêu", "Năm"}
	for _, c := range t.Columns {
		head = append(head, c.header())
	}
	for i, h := range head {
		f.SetCellValue(main, cell(i+1, 1), h)
	}
	f.SetCellStyle(main, cell(1, 1), cell(len(head), 1), bold)
	srcHead := []string{"Mã chỉ tiêu", "Năm", "Địa phương", "Giá trị", "Văn bản", "Số hiệu", "Ngày", "Trang", "Câu", "Tệp"}
	for i, h := range srcHead {
		f.SetCellValue(src, cell(i+1, 1), h)
	}
	f.SetCellStyle(src, cell(1, 1), cell(len(srcHead), 1), bold)
	srcRow := 2
	for ri, r := range t.Rows {
		row := ri + 2
		f.SetCellValue(main, cell(1, row), r.Indicator)
		f.SetCellValue(main, cell(2, row), r.Label)
		if r.Year != 0 {
			f.SetCellValue(main, cell(3, row), r.Year)
		}
		for ci, c := range r.Cells {
			at := cell(ci+4, row)
			switch {
			case c.Text == "":
				continue
			case c.Value == nil:
				f.SetCellValue(main, at, c.Text)
			default:
				f.SetCellValue(main, at, *c.Value)
				if c.Record != nil {
					id, err := style(numFormat(c.Record))
					if err != nil {
						return err
					}
					f.SetCellStyle(main, at, at, id)
				}
			}
			col := t.Columns[ci]
			vals := []any{r.Indicator, r.Year, col.Name, c.Text}
			switch {
			case c.Record != nil:
				rec := c.Record
				vals = append(vals, rec.Doc, rec.DocNumber, rec.DocDate, rec.Page, rec.Text, rec.Path)
			case c.Reference != nil:
				vals = append(vals, "Quyết định "+c.Reference.Decision, c.Reference.Decision)
			}
			for i, v := range vals {
				f.SetCellValue(src, cell(i+1, srcRow), v)
			}
			srcRow++
		}
	}
	// The whole used range, which readers that trust the dimension
	// (openpyxl's read-only mode) read; a filter on each header row.
	for _, sh := range []struct {
		name       string
		cols, rows int
	}{{main, len(head), len(t.Rows) + 1}, {src, len(srcHead), srcRow - 1}} {
		ref := "A1:" + cell(sh.cols, max(sh.rows, 1))
		if err := f.SetSheetDimension(sh.name, ref); err != nil {
			return err
		}
		if sh.rows > 1 {
			if err := f.AutoFilter(sh.name, ref, nil); err != nil {
				return err
			}
		}
	}
	f.SetColWidth(main, "A", "A", 24)
	f.SetColWidth(main, "B", "B", 48)
	f.SetColWidth(main, "C", "C", 7)
	f.SetColWidth(main, "D", colName(len(head)), 16)
	f.SetColWidth(src, "A", "A", 24)
	f.SetColWidth(src, "C", "C", 28)
	f.SetColWidth(src, "E", "E", 28)
	f.SetColWidth(src, "F", "G", 14)
	f.SetColWidth(src, "I", "I", 80)
	if err := f.SetPanes(main, &excelize.Panes{Freeze: true, XSplit: 3, YSplit: 1, TopLeftCell: "D2", ActivePane: "bottomRight"}); err != nil {
		return err
	}
	if err := f.SetPanes(src, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	return f.Write(w)
}

func colName(n int) string {
	s, _ := excelize.ColumnNumberToName(n)
	return s
}

// sentences returns a finding's evidence records with one record per
// sentence: several targets of one sentence show it once.
func (f Finding) sentences() []targets.Record {
	var out []targets.Record
	seen := map[[2]int]map[string]bool{}
	for _, r := range f.Evidence {
		k := [2]int{r.Start, r.End}
		if seen[k][r.Path] {
			continue
		}
		if seen[k] == nil {
			seen[k] = map[string]bool{}
		}
		seen[k][r.Path] = true
		out = append(out, r)
	}
	return out
}

// WriteFindingsText writes findings for a terminal: a line per finding and
// its evidence sentences.
func WriteFindingsText(w io.Writer, fs []Finding) error {
	for i, f := range fs {
		fmt.Fprintf(w, "%d. [%s] %s: %s\n", i+1, f.Severity, f.Rule, f.Message)
		for _, r := range f.sentences() {
			fmt.Fprintf(w, "     %s p.%d @%d-%d: %s\n", planOf(r).Cite(), r.Page, r.Start, r.End, clip(r.Text, 160))
		}
		for _, p := range f.SilentPlans() {
			fmt.Fprintf(w, "     %s (%s): no such target\n", p.Cite(), p.Locality)
		}
		if f.Reference != nil {
			fmt.Fprintf(w, "     Quyết định %s: %s %d = %s%%\n", f.Reference.Decision, f.Reference.Indicator, f.Reference.Year, num(f.Reference.Value))
		}
	}
	_, err := fmt.Fprintf(w, "%d findings\n", len(fs))
	return err
}

// WriteFindingsMarkdown writes findings as a Markdown list.
func WriteFindingsMarkdown(w io.Writer, fs []Finding) error {
	var b strings.Builder
	for _, f := range fs {
		fmt.Fprintf(&b, "- **%s** (%s): %s\n", f.Rule, f.Severity, f.Message)
		for _, r := range f.sentences() {
			fmt.Fprintf(&b, "  - %s, p. %d, bytes %d–%d: > %s\n", planOf(r).Cite(), r.Page, r.Start, r.End, strings.ReplaceAll(r.Text, "\n", " "))
		}
		for _, p := range f.SilentPlans() {
			fmt.Fprintf(&b, "  - %s (%s): no such target\n", p.Cite(), p.Locality)
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// SilentPlans returns the plans of a finding that none of its evidence
// quotes (a child plan that leaves an indicator out).
func (f Finding) SilentPlans() []Plan {
	var out []Plan
	for _, p := range f.Plans {
		quoted := false
		for _, r := range f.Evidence {
			quoted = quoted || r.DocID == p.DocID
		}
		if !quoted {
			out = append(out, p)
		}
	}
	return out
}

// findingColumns are the columns of WriteFindingsCSV: the finding, then
// its first two evidence sentences (the subject, and what it is compared
// with), then every plan it concerns.
var findingColumns = []string{"rule", "severity", "locality", "indicator", "year", "message", "message_vi",
	"doc", "doc_number", "path", "page", "start", "end", "text",
	"other_doc", "other_doc_number", "other_path", "other_page", "other_start", "other_end", "other_text",
	"reference", "plans"}

// WriteFindingsCSV writes findings as CSV, a row each, UTF-8 with a
// byte-order mark so that Excel reads the Vietnamese.
func WriteFindingsCSV(w io.Writer, fs []Finding) error {
	if _, err := io.WriteString(w, "\ufeff"); err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	cw.Write(findingColumns)
	for _, f := range fs {
		year := ""
		if f.Year != 0 {
			year = strconv.Itoa(f.Year)
		}
		row := []string{f.Rule, f.Severity.String(), f.Locality, f.Indicator, year, f.Message, f.MessageVI}
		ev := f.sentences()
		for i := 0; i < 2; i++ {
			if i >= len(ev) {
				row = append(row, "", "", "", "", "", "", "")
				continue
			}
			r := ev[i]
			row = append(row, r.Doc, r.DocNumber, r.Path, strconv.Itoa(r.Page), strconv.Itoa(r.Start), strconv.Itoa(r.End), r.Text)
		}
		ref := ""
		if f.Reference != nil {
			ref = "Quyết định " + f.Reference.Decision
		}
		var plans []string
		for _, p := range f.Plans {
			plans = append(plans, p.Cite())
		}
		cw.Write(append(row, ref, strings.Join(plans, "; ")))
	}
	cw.Flush()
	return cw.Error()
}

// WriteFindingsJSON writes findings as indented JSON.
func WriteFindingsJSON(w io.Writer, fs []Finding) error {
	if fs == nil {
		fs = []Finding{}
	}
	return writeJSON(w, fs)
}

func clip(s string, n int) string {
	s = strings.ReplaceAll(s, "\n", " ")
	if r := []rune(s); len(r) > n {
		return string(r[:n-1]) + "…"
	}
	return s
}
