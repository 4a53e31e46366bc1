package wordtext

import (
	"path"
	"strconv"
	"strings"

	"github.com/chitieu/chitieu/extract/rows"
)

// readDOCX reads a Word (Office Open XML) file: the body's paragraphs in
// order, each with the number or bullet Word's automatic numbering gives
// it (numbering.xml; the text of "I.", "1.", "a)" and "-" is usually not
// in the paragraph), tables through package rows, text boxes where they
// stand, tracked changes as if accepted (insertions kept, deletions and
// moved-from text dropped). Footnotes and endnotes come apart, in Notes;
// headers and footers are dropped.
func readDOCX(b []byte, opt Options) (*Result, error) {
	a, err := openArchive(b, opt.maxBytes())
	if err != nil {
		return nil, err
	}
	main := "word/document.xml"
	if rels, err := a.part("_rels/.rels"); err == nil && rels != nil {
		for _, r := range rels.find("Relationships").kids {
			if strings.HasSuffix(r.attr1("Type"), "/officeDocument") {
				main = strings.TrimPrefix(path.Clean("/"+r.attr1("Target")), "/")
			}
		}
	} else if err != nil {
		return nil, err
	}
	doc, err := a.part(main)
	if err != nil {
		return nil, err
	}
	if doc == nil {
		return nil, errNoPart(main)
	}
	dir := path.Dir(main)
	w := &docxWriter{num: newNumbering()}
	for _, p := range []struct {
		name string
		fn   func(*node)
	}{{"numbering.xml", w.num.read}, {"styles.xml", w.readStyles}} {
		n, err := a.part(path.Join(dir, p.name))
		if err != nil {
			return nil, err
		}
		if n != nil {
			p.fn(n)
		}
	}
	body := doc.find("body")
	if body == nil {
		return nil, errNoPart(main + " body")
	}
	w.blocks(body)
	res := &Result{Text: strings.Join(w.lines, "\n")}
	var notes docxWriter
	notes.num = w.num
	for _, part := range []string{"footnotes.xml", "endnotes.xml"} {
		n, err := a.part(path.Join(dir, part))
		if err != nil {
			return nil, err
		}
		if n == nil {
			continue
		}
		for _, fn := range n.find("#root").kids {
			for _, note := range fn.kids {
				if (note.name == "footnote" || note.name == "endnote") && note.attr1("type") == "" {
					notes.blocks(note)
				}
			}
		}
	}
	res.Notes = strings.Join(notes.lines, "\n")
	return res, nil
}

// docxWriter renders a body into lines.
type docxWriter struct {
	lines  []string
	num    *numbering
	styles map[string]docxStyle
}

type docxStyle struct {
	numID, ilvl string
	basedOn     string
}

func (w *docxWriter) readStyles(n *node) {
	w.styles = map[string]docxStyle{}
	for _, s := range n.find("styles").kids {
		if s.name != "style" {
			continue
		}
		var st docxStyle
		if b := s.kid("basedOn"); b != nil {
			st.basedOn = b.attr1("val")
		}
		if ppr := s.kid("pPr"); ppr != nil {
			if np := ppr.kid("numPr"); np != nil {
				if id := np.kid("numId"); id != nil {
					st.numID = id.attr1("val")
				}
				if l := np.kid("ilvl"); l != nil {
					st.ilvl = l.attr1("val")
				}
			}
		}
		w.styles[s.attr1("styleId")] = st
	}
}

// styleNum returns the numbering a paragraph style gives, through the
// styles it is based on.
func (w *docxWriter) styleNum(id string) (numID, ilvl string) {
	for range 10 {
		st, ok := w.styles[id]
		if !ok {
			return "", ""
		}
		if st.numID != "" {
			return st.numID, st.ilvl
		}
		id = st.basedOn
	}
	return "", ""
}

// blocks renders the block-level children of n: paragraphs, tables,
// content controls.
func (w *docxWriter) blocks(n *node) {
	for _, k := range n.kids {
		switch k.name {
		case "p":
			w.paragraph(k)
		case "tbl":
			w.table(k)
		case "sdt", "sdtContent", "customXml", "ins", "moveTo", "smartTag", "txbxContent":
			w.blocks(k)
		case "AlternateContent":
			if c := k.kid("Choice"); c != nil {
				w.blocks(c)
			}
		}
	}
}

func (w *docxWriter) paragraph(p *node) {
	var b strings.Builder
	var boxes []*node // text boxes: their paragraphs come after this one
	var runs func(*node)
	runs = func(n *node) {
		for _, k := range n.kids {
			switch k.name {
			case "t":
				for _, t := range k.kids {
					b.WriteString(t.text)
				}
			case "tab", "ptab":
				b.WriteString("\t")
			case "br", "cr": // a line or page break
				b.WriteString("\n")
			case "noBreakHyphen":
				b.WriteString("-")
			case "sym":
				if c := k.attr1("char"); c != "" {
					if r, err := strconv.ParseUint(c, 16, 32); err == nil && r >= 0x20 && (r < 0xF000 || r > 0xF0FF) {
						b.WriteRune(rune(r))
					}
				}
			case "pPr", "rPr", "del", "moveFrom", "delText", "instrText", "Fallback", "footnoteReference", "endnoteReference", "commentReference":
				// no text of the body's
			case "txbxContent":
				boxes = append(boxes, k)
			case "AlternateContent":
				if c := k.kid("Choice"); c != nil {
					runs(c)
				}
			default:
				runs(k)
			}
		}
	}
	runs(p)
	text := strings.TrimSpace(b.String())
	if prefix := w.numberOf(p); prefix != "" && text != "" {
		text = prefix + " " + text
	}
	if text != "" {
		w.lines = append(w.lines, strings.Split(text, "\n")...)
	}
	for _, box := range boxes {
		w.blocks(box)
	}
}

// numberOf returns the number (or bullet) Word gives a paragraph.
func (w *docxWriter) numberOf(p *node) string {
	ppr := p.kid("pPr")
	if ppr == nil {
		return ""
	}
	var numID, ilvl string
	if s := ppr.kid("pStyle"); s != nil {
		numID, ilvl = w.styleNum(s.attr1("val"))
	}
	if np := ppr.kid("numPr"); np != nil {
		if id := np.kid("numId"); id != nil {
			numID = id.attr1("val")
		}
		if l := np.kid("ilvl"); l != nil {
			ilvl = l.attr1("val")
		}
	}
	if numID == "" || numID == "0" {
		return ""
	}
	lvl, _ := strconv.Atoi(ilvl)
	return w.num.next(numID, lvl)
}

func (w *docxWriter) table(t *node) {
	var tab rows.Table
	for _, tr := range t.kids {
		if tr.name != "tr" {
			continue
		}
		var row []string
		for _, tc := range tr.kids {
			if tc.name == "sdt" {
				if c := tc.kid("sdtContent"); c != nil && c.kid("tc") != nil {
					tc = c.kid("tc")
				}
			}
			if tc.name != "tc" {
				continue
			}
			cw := docxWriter{num: w.num, styles: w.styles}
			cw.blocks(tc)
			row = append(row, strings.Join(cw.lines, "\n"))
		}
		if len(row) > 0 {
			tab = append(tab, row)
		}
	}
	w.lines = append(w.lines, tab.Lines()...)
}

// numbering is Word's automatic numbering: the formats of each list's
// levels and the counters as the body goes.
type numbering struct {
	abstract map[string][]numLevel // abstractNumId → levels
	nums     map[string]numDef     // numId → its abstract list and overrides
	counts   map[string][]int      // numId → counter of each level
}

type numLevel struct {
	start   int
	format  string // decimal, upperRoman, lowerLetter, bullet...
	text    string // "%1.", "%1.%2", "-"
	present bool
}

type numDef struct {
	abstract string
	starts   map[int]int // level → startOverride
}

func newNumbering() *numbering {
	return &numbering{abstract: map[string][]numLevel{}, nums: map[string]numDef{}, counts: map[string][]int{}}
}

func (nb *numbering) read(n *node) {
	root := n.find("numbering")
	if root == nil {
		return
	}
	for _, k := range root.kids {
		switch k.name {
		case "abstractNum":
			levels := make([]numLevel, 9)
			for _, l := range k.kids {
				if l.name != "lvl" {
					continue
				}
				i, err := strconv.Atoi(l.attr1("ilvl"))
				if err != nil || i < 0 || i > 8 {
					continue
				}
				lv := numLevel{start: 1, format: "decimal", present: true}
				if s := l.kid("start"); s != nil {
					lv.start, _ = strconv.Atoi(s.attr1("val"))
				}
				if f := l.kid("numFmt"); f != nil {
					lv.format = f.attr1("val")
				}
				if t := l.kid("lvlText"); t != nil {
					lv.text = t.attr1("val")
				}
				levels[i] = lv
			}
			nb.abstract[k.attr1("abstractNumId")] = levels
		case "num":
			d := numDef{starts: map[int]int{}}
			if a := k.kid("abstractNumId"); a != nil {
				d.abstract = a.attr1("val")
			}
			for _, o := range k.kids {
				if o.name != "lvlOverride" {
					continue
				}
				i, _ := strconv.Atoi(o.attr1("ilvl"))
				if s := o.kid("startOverride"); s != nil {
					d.starts[i], _ = strconv.Atoi(s.attr1("val"))
				}
			}
			nb.nums[k.attr1("numId")] = d
		}
	}
}

// next counts a paragraph of list numID at level lvl and returns its
// label.
func (nb *numbering) next(numID string, lvl int) string {
	d, ok := nb.nums[numID]
	if !ok || lvl < 0 || lvl > 8 {
		return ""
	}
	levels := nb.abstract[d.abstract]
	if len(levels) == 0 || !levels[lvl].present {
		return ""
	}
	start := func(i int) int {
		if s, ok := d.starts[i]; ok {
			return s
		}
		return levels[i].start
	}
	c := nb.counts[numID]
	if c == nil {
		c = make([]int, 9)
		for i := range c {
			c[i] = start(i) - 1
		}
		nb.counts[numID] = c
	}
	c[lvl]++
	for i := lvl + 1; i < 9; i++ {
		c[i] = start(i) - 1 // a deeper level starts again
	}
	lv := levels[lvl]
	if lv.format == "bullet" {
		switch t := strings.TrimSpace(lv.text); t {
		case "-", "+", "*", "–":
			return t
		}
		return "-"
	}
	if lv.format == "none" {
		return strings.TrimSpace(lv.text)
	}
	label := lv.text
	for i := 8; i >= 0; i-- {
		if strings.Contains(label, "%"+strconv.Itoa(i+1)) {
			label = strings.ReplaceAll(label, "%"+strconv.Itoa(i+1), formatNumber(max(c[i], start(i)), levels[i].format))
		}
	}
	return strings.TrimSpace(label)
}

// formatNumber writes n in a numbering format.
func formatNumber(n int, format string) string {
	switch format {
	case "upperRoman":
		return roman(n)
	case "lowerRoman":
		return strings.ToLower(roman(n))
	case "upperLetter":
		return letters(n, 'A')
	case "lowerLetter":
		return letters(n, 'a')
	case "decimalZero":
		if n < 10 {
			return "0" + strconv.Itoa(n)
		}
	}
	return strconv.Itoa(n)
}

func roman(n int) string {
	if n <= 0 || n >= 4000 {
		return strconv.Itoa(n)
	}
	var b strings.Builder
	for _, v := range []struct {
		n int
		s string
	}{{1000, "M"}, {900, "CM"}, {500, "D"}, {400, "CD"}, {100, "C"}, {90, "XC"}, {50, "L"}, {40, "XL"}, {10, "X"}, {9, "IX"}, {5, "V"}, {4, "IV"}, {1, "I"}} {
		for n >= v.n {
			b.WriteString(v.s)
			n -= v.n
		}
	}
	return b.String()
}

// letters writes n as Word does: a..z, then aa..zz, and so on.
func letters(n int, a rune) string {
	if n <= 0 {
		return strconv.Itoa(n)
	}
	return strings.Repeat(string(a+rune((n-1)%26)), (n-1)/26+1)
}
