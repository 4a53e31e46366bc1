package rules

import (
	"strconv"
	"strings"

	"github.com/chitieu/chitieu/extract/structure"
	"github.com/chitieu/chitieu/extract/vntext"
)

// Table returns the mentions of the figures of a table: one per figure
// cell, whose measure is its row's label ("Gia đình được công nhận danh
// hiệu “Gia đình học tập”") or, failing that, its column's header (a table
// whose rows are places and whose columns are measures), and whose year is
// its column's ("Năm 2025", "2023", "Giai đoạn 2021-2025") or its row's.
// A row whose label names places gives them in Mention.Places; Cell holds
// the row label, header and cell. ctx.DocYear makes past years results.
//
// A table whose rows are places and whose one column of figures has no
// measure in its header takes the measure of its caption (captions, the
// heading lines above it: "Bảng: Tỷ lệ hộ gia đình đạt danh hiệu “Gia
// đình học tập” năm 2026 (%)").
func (c *Catalog) Table(fold *structure.Folded, t *structure.Table, captions []structure.Span, ctx Context) []Mention {
	text := fold.Text
	labelCol, unitCol, skip := tableColumns(text, t)
	var out []Mention
	for _, r := range t.Rows {
		label := r.Cells[labelCol]
		if label.End <= label.Start {
			continue
		}
		labelText := text[label.Start:label.End]
		percentRow := unitCol >= 0 && strings.Contains(r.Cell(text, unitCol), "%") ||
			strings.Contains(labelText, "%") || strings.Contains(vntext.Fold(labelText), "ty le")
		for col, cell := range r.Cells {
			if col == labelCol || col == unitCol || skip[col] {
				continue
			}
			raw := strings.TrimSpace(text[cell.Start:cell.End])
			num, ok := cellNumber(raw)
			if !ok {
				continue
			}
			header := headerSpan(t, col)
			headText := headerText(text, t, col)
			percent := percentRow || strings.Contains(raw, "%") || strings.Contains(headText, "%") ||
				strings.Contains(vntext.Fold(headText), "ty le") || unitCol < 0 && num <= 100
			tu := tableUnit{Percent, 1, ""}
			if !percent {
				if unitCol < 0 {
					continue
				}
				// A count or money a row's unit names ("cuộc", "triệu
				// đồng"): a figure no catalog entry measures.
				if tu = cellUnit(r.Cell(text, unitCol)); tu.unit == Percent {
					continue
				}
			}
			v := Value{Start: cell.Start, End: cell.End, Unit: tu.unit, Num: num * tu.mul, Raw: text[cell.Start:cell.End]}
			m := Mention{Value: v, Unit: tu.unit, Start: r.Start, End: r.End, Clause: r.Span, UnitText: tu.text,
				Cell: &Cell{Row: label, Header: header, Value: cell}}
			if y, ok := cellYear(headText); ok {
				m.Year, m.YearFrom = y, YearColumn
			} else if y, ok := Horizon(labelText); ok {
				m.Year, m.YearFrom = y, YearBound
			}
			m.Cue = headerCue(headText)
			if m.YearFrom != YearNone && ctx.DocYear != 0 && m.Year < ctx.DocYear {
				m.Cue = CueResult
			}
			if tu.unit != Percent {
				m.Label = CleanLabel(strings.Join(strings.Fields(labelText), " "))
				out = append(out, m)
				continue
			}
			ind, lbl := c.measureOf(fold, label)
			if ind == nil && header.End > header.Start {
				if hi, hl := c.measureOf(fold, header); hi != nil {
					ind, lbl = hi, hl
					m.Places = label // rows are places, columns measures
				}
			}
			for k := len(captions) - 1; ind == nil && k >= 0; k-- {
				if ci, cl := c.measureOf(fold, captions[k]); ci != nil {
					ind, lbl = ci, cl
					m.Places = label
					if m.YearFrom == YearNone {
						if y, ok := Horizon(fold.Text[captions[k].Start:captions[k].End]); ok {
							m.Year, m.YearFrom = y, YearColumn
						}
					}
				}
			}
			if ind == nil && placeLike(labelText) {
				// Rows that may be places under a caption that names the
				// measure ("CHỈ TIÊU TỶ LỆ BAO PHỦ BẢO HIỂM Y TẾ ..."):
				// the caller, who knows the places, keeps the caption's
				// words for a row it finds a place in.
				cl := headerLabel(headText)
				if cl == "" {
					cl = captionLabel(text, captions)
				}
				if cl != "" {
					m.Places, m.Label = label, cl
					out = append(out, m)
					continue
				}
			}
			if ind == nil {
				m.Label = strings.Join(strings.Fields(labelText), " ")
			} else {
				m.Indicator, m.Label = ind, lbl
			}
			out = append(out, m)
		}
	}
	return out
}

// placeLike reports whether a row label may name a place: a few words,
// no figure, no measure.
func placeLike(s string) bool {
	f := vntext.Fold(s)
	return len(strings.Fields(f)) <= 5 && !strings.ContainsAny(f, "0123456789%") && !strings.Contains(f, "ty le") &&
		!strings.HasPrefix(f, "so ") && !strings.HasPrefix(f, "tong")
}

// headerLabel returns the measure a column's header names ("Tỷ lệ hộ
// nghèo (%)" is "Tỷ lệ hộ nghèo"), or "" for a header of years or units.
func headerLabel(h string) string {
	if i := strings.IndexByte(h, '('); i >= 0 {
		h = h[:i]
	}
	l := CleanLabel(strings.Join(strings.Fields(h), " "))
	if len(strings.Fields(l)) < 2 {
		return ""
	}
	if _, ok := cellYear(l); ok {
		return ""
	}
	if _, ok := Horizon(l); ok {
		return ""
	}
	return l
}

// captionLabel returns the measure a table's captions name: the nearest
// caption that is not a reference ("(Kèm theo ...)"), a unit ("Đơn vị
// tính: %") or a bare appendix title ("PHỤ LỤC II"), cut as a label, in
// lower case when written in capitals.
func captionLabel(text string, captions []structure.Span) string {
	for k := len(captions) - 1; k >= 0; k-- {
		c := strings.Join(strings.Fields(text[captions[k].Start:captions[k].End]), " ")
		f := vntext.Fold(c)
		if strings.HasPrefix(c, "(") || strings.HasPrefix(f, "don vi") || strings.HasPrefix(f, "dvt") {
			continue
		}
		if ws := strings.Fields(f); len(ws) <= 3 && (strings.HasPrefix(f, "phu luc") || strings.HasPrefix(f, "bang")) {
			continue
		}
		if strings.ToUpper(c) == c {
			c = strings.ToLower(c)
		}
		if fc, offs := vntext.FoldMap(c); strings.Contains(fc, " giai doan ") {
			c = c[:offs[strings.Index(fc, " giai doan ")]] // "... giai đoạn 2022-2025": the columns give the years
		}
		if l := CleanLabel(strings.TrimPrefix(strings.TrimPrefix(c, "Bảng"), "bảng")); l != "" {
			return l
		}
	}
	return ""
}

// tableColumns picks a table's label column (under "Chỉ tiêu", "Nội
// dung", ... or else the one with the most words), its unit column (under
// "Đơn vị tính", "ĐVT") and the columns that are not figures (row
// numbers).
func tableColumns(text string, t *structure.Table) (label, unit int, skip map[int]bool) {
	label, unit, skip = -1, -1, map[int]bool{}
	for col := 0; col < t.Cols; col++ {
		h := vntext.Fold(headerText(text, t, col))
		switch {
		case h == "stt" || h == "tt" || h == "so tt":
			skip[col] = true
		case strings.HasPrefix(h, "don vi tinh") || h == "dvt" || h == "don vi" && unitCells(text, t, col):
			unit = col
		case label < 0 && (strings.HasPrefix(h, "chi tieu") || strings.HasPrefix(h, "noi dung") || strings.HasPrefix(h, "tieu chi") ||
			strings.HasPrefix(h, "ten ") || strings.HasPrefix(h, "dia phuong") || strings.HasPrefix(h, "don vi") || strings.HasPrefix(h, "linh vuc")):
			label = col
		}
	}
	if label < 0 {
		best := -1
		for col := 0; col < t.Cols; col++ {
			if skip[col] || col == unit {
				continue
			}
			n := 0
			for _, r := range t.Rows {
				if s := r.Cell(text, col); !isFigureCell(s) {
					n += len(strings.Fields(s))
				}
			}
			if n > best {
				best, label = n, col
			}
		}
	}
	if label < 0 {
		label = 0
	}
	// A column of small whole numbers counting the rows is not a figure.
	for col := 0; col < t.Cols; col++ {
		if col == label || skip[col] {
			continue
		}
		seq := true
		for i, r := range t.Rows {
			if r.Cell(text, col) != strconv.Itoa(i+1) {
				seq = false
				break
			}
		}
		if seq && len(t.Rows) > 1 && col < label {
			skip[col] = true
		}
	}
	return label, unit, skip
}

func unitCells(text string, t *structure.Table, col int) bool {
	for _, r := range t.Rows {
		if s := r.Cell(text, col); s != "" && s != "%" && !strings.Contains(s, "người") && cellUnit(s) == (tableUnit{}) {
			return false
		}
	}
	return true
}

// tableUnit is what a row's unit cell says its figures are: a count of a
// noun ("cuộc", "người", "xã") or money ("triệu đồng"), with the order of
// its number.
type tableUnit struct {
	unit Unit
	mul  float64
	text string
}

// cellUnit reads a unit cell other than "%": the zero tableUnit when it is
// none of those.
func cellUnit(s string) tableUnit {
	s = strings.ToLower(strings.TrimSpace(s))
	f, offs := vntext.FoldMap(s)
	mul, e := magnitudeAt(f, 0)
	// The unit as written, without its order ("triệu đồng" counts đồng).
	written := func(a, b int) string { return s[offs[a]:offs[b]] }
	if noun, end := moneyAt(f, e); noun != "" && end == len(f) {
		return tableUnit{Money, mul, written(end-len(noun), end)}
	}
	if a := skipSpaces(f, e); nounAt(f, a) != "" && a+len(nounAt(f, a)) == len(f) {
		return tableUnit{Count, mul, written(a, len(f))}
	}
	return tableUnit{}
}

func isFigureCell(s string) bool {
	_, ok := cellNumber(strings.TrimSpace(s))
	return ok || s == "" || s == "-" || s == "–"
}

// cellNumber reads a cell's figure: "86,5", "100", "45%", "1.200".
func cellNumber(s string) (float64, bool) {
	s = strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(s), "%"))
	if s == "" {
		return 0, false
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; (c < '0' || c > '9') && c != ',' && c != '.' {
			return 0, false
		}
	}
	n, j, thousands := number(s, 0)
	if j != len(s) {
		return 0, false
	}
	if thousands {
		n *= 1000
	}
	return n, true
}

// headerSpan returns the span of column col's header: its first header
// row's cell, or empty.
func headerSpan(t *structure.Table, col int) structure.Span {
	for _, h := range t.Head {
		if col < len(h.Cells) && h.Cells[col].End > h.Cells[col].Start {
			return h.Cells[col]
		}
	}
	return structure.Span{}
}

// headerText joins column col's header cells (a header may take two
// lines: "Năm" over "2025").
func headerText(text string, t *structure.Table, col int) string {
	var parts []string
	for _, h := range t.Head {
		if s := h.Cell(text, col); s != "" {
			parts = append(parts, s)
		}
	}
	return strings.Join(parts, " ")
}

// cellYear reads the year a column header names: "Năm 2025", "2023",
// "Giai đoạn 2021-2025" (its end), "Kế hoạch năm 2025".
func cellYear(h string) (int, bool) {
	f := strings.TrimSpace(vntext.Fold(h))
	f = strings.TrimSpace(strings.TrimPrefix(f, "nam"))
	if len(f) == 4 {
		if y, err := strconv.Atoi(f); err == nil && y >= 1950 && y <= 2100 {
			return y, true
		}
	}
	if y, ok := Horizon(h); ok {
		return y, true
	}
	// "Thực hiện 2020", "Mục tiêu 2025": a bare year anywhere.
	ws := strings.Fields(f)
	for i := len(ws) - 1; i >= 0; i-- {
		if y, err := strconv.Atoi(ws[i]); err == nil && len(ws[i]) == 4 && y >= 1950 && y <= 2100 {
			return y, true
		}
	}
	return 0, false
}

// headerCue reads a column header's kind: "Thực hiện năm 2020", "Kết quả"
// are results, "Kế hoạch", "Mục tiêu", "Chỉ tiêu" targets.
func headerCue(h string) Cue {
	f := vntext.Fold(h)
	switch {
	case strings.Contains(f, "thuc hien") || strings.Contains(f, "ket qua") || strings.Contains(f, "uoc"):
		return CueResult
	case strings.Contains(f, "ke hoach") || strings.Contains(f, "muc tieu") || strings.Contains(f, "chi tieu") || strings.Contains(f, "phan dau"):
		return CueTarget
	}
	return CueNone
}

// measureOf matches the words of one cell against the catalog as the
// measure of a percentage: the subject is its first words (after "Tỷ
// lệ").
func (c *Catalog) measureOf(fold *structure.Folded, sp structure.Span) (*Indicator, string) {
	if sp.End <= sp.Start {
		return nil, ""
	}
	s := c.newSent(fold, sp.Start, sp.End)
	h := &head{kind: figureHead, v: Value{Unit: Percent}, level: -1}
	subj := s.subjectAfterRate([2]int{0, len(s.f)})
	if subj < 0 {
		subj = 0
	}
	ms := s.matchRegion(h, [2]int{0, len(s.f)}, subj, false)
	if len(ms) == 0 {
		return nil, ""
	}
	return ms[0].ind, strings.Join(strings.Fields(fold.Text[sp.Start:sp.End]), " ")
}
