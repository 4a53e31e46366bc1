package wordtext

import (
	"strconv"
	"strings"

	"github.com/chitieu/chitieu/extract/rows"
)

// readODT reads an OpenDocument text file (content.xml): headings and
// paragraphs in order, list items with the number or bullet of their list
// style, tables through package rows, frames' text boxes where they stand;
// notes come apart, in Notes; tracked deletions and comments are dropped.
func readODT(b []byte, opt Options) (*Result, error) {
	a, err := openArchive(b, opt.maxBytes())
	if err != nil {
		return nil, err
	}
	content, err := a.part("content.xml")
	if err != nil {
		return nil, err
	}
	if content == nil {
		return nil, errNoPart("content.xml")
	}
	w := &odtWriter{styles: map[string][]odtLevel{}}
	if st, err := a.part("styles.xml"); err == nil && st != nil {
		w.readListStyles(st)
	} else if err != nil {
		return nil, err
	}
	w.readListStyles(content)
	body := content.find("text")
	for body != nil && body.space != "urn:oasis:names:tc:opendocument:xmlns:office:1.0" {
		body = nil // office:text, not a text:text
	}
	if body == nil {
		if off := content.find("body"); off != nil {
			body = off.kid("text")
		}
	}
	if body == nil {
		return nil, errNoPart("content.xml office:text")
	}
	w.blocks(body, 0, "")
	return &Result{Text: strings.Join(w.lines, "\n"), Notes: strings.Join(w.notes, "\n")}, nil
}

type odtLevel struct {
	bullet         string // a bullet list's character; "" for numbers
	prefix, suffix string
	format         string // "1", "I", "i", "A", "a"
	start          int
}

type odtWriter struct {
	lines, notes []string
	styles       map[string][]odtLevel
	counts       map[string][]int
}

func (w *odtWriter) readListStyles(n *node) {
	var walk func(*node)
	walk = func(x *node) {
		if x.name == "list-style" {
			levels := make([]odtLevel, 10)
			for _, l := range x.kids {
				i, err := strconv.Atoi(l.attr1("level"))
				if err != nil || i < 1 || i > 10 {
					continue
				}
				lv := odtLevel{start: 1}
				switch l.name {
				case "list-level-style-bullet":
					lv.bullet = l.attr1("bullet-char")
				case "list-level-style-number":
					lv.format, lv.prefix, lv.suffix = l.attr1("num-format"), l.attr1("num-prefix"), l.attr1("num-suffix")
					if s, err := strconv.Atoi(l.attr1("start-value")); err == nil {
						lv.start = s
					}
				default:
					continue
				}
				levels[i-1] = lv
			}
			w.styles[x.attr1("name")] = levels
			return
		}
		for _, k := range x.kids {
			walk(k)
		}
	}
	walk(n)
}

// blocks renders headings, paragraphs, lists and tables; level and style
// are those of the list the blocks are in.
func (w *odtWriter) blocks(n *node, level int, style string) {
	for _, k := range n.kids {
		switch k.name {
		case "h", "p":
			w.paragraph(k, "")
		case "list":
			st := style
			if s := k.attr1("style-name"); s != "" {
				st = s
			}
			if k.attr1("continue-numbering") != "true" && level == 0 {
				delete(w.counts, st)
			}
			for _, item := range k.kids {
				if item.name != "list-item" && item.name != "list-header" {
					continue
				}
				label := ""
				if item.name == "list-item" {
					label = w.label(st, level)
				}
				first := true
				for _, b := range item.kids {
					switch b.name {
					case "p", "h":
						if first {
							w.paragraph(b, label)
							first = false
						} else {
							w.paragraph(b, "")
						}
					case "list":
						w.blocks(&node{kids: []*node{b}}, level+1, st)
					}
				}
			}
		case "table":
			w.table(k)
		case "section", "index-body", "table-of-content":
			w.blocks(k, level, style)
		}
	}
}

// label counts an item of list style st at level and returns its label.
func (w *odtWriter) label(st string, level int) string {
	levels := w.styles[st]
	if level >= len(levels) {
		return "-"
	}
	lv := levels[level]
	if lv.format == "" {
		if b := strings.TrimSpace(lv.bullet); b == "-" || b == "+" {
			return b
		}
		return "-"
	}
	if w.counts == nil {
		w.counts = map[string][]int{}
	}
	c := w.counts[st]
	if c == nil {
		c = make([]int, 10)
		w.counts[st] = c
	}
	if c[level] == 0 {
		c[level] = lv.start - 1
	}
	c[level]++
	for i := level + 1; i < len(c); i++ {
		c[i] = 0
	}
	f := map[string]string{"1": "decimal", "I": "upperRoman", "i": "lowerRoman", "A": "upperLetter", "a": "lowerLetter"}[lv.format]
	return lv.prefix + formatNumber(c[level], f) + lv.suffix
}

func (w *odtWriter) paragraph(p *node, label string) {
	var b strings.Builder
	var frames []*node
	var walk func(*node)
	walk = func(x *node) {
		for _, k := range x.kids {
			switch k.name {
			case "#text":
				b.WriteString(k.text)
			case "s":
				n, err := strconv.Atoi(k.attr1("c"))
				if err != nil || n < 1 || n > 100 {
					n = 1
				}
				b.WriteString(strings.Repeat(" ", n))
			case "tab":
				b.WriteString("\t")
			case "line-break":
				b.WriteString("\n")
			case "note":
				if body := k.kid("note-body"); body != nil {
					nw := odtWriter{styles: w.styles}
					nw.blocks(body, 0, "")
					w.notes = append(w.notes, nw.lines...)
				}
			case "annotation", "tracked-changes", "bookmark", "soft-page-break":
			case "text-box":
				frames = append(frames, k)
			default:
				walk(k)
			}
		}
	}
	walk(p)
	text := strings.TrimSpace(b.String())
	if text != "" {
		if label != "" {
			text = label + " " + text
		}
		w.lines = append(w.lines, strings.Split(text, "\n")...)
	}
	for _, f := range frames {
		w.blocks(f, 0, "")
	}
}

func (w *odtWriter) table(t *node) {
	var tab rows.Table
	var walkRows func(*node)
	walkRows = func(x *node) {
		for _, r := range x.kids {
			switch r.name {
			case "table-row":
				var row []string
				for _, c := range r.kids {
					if c.name != "table-cell" && c.name != "covered-table-cell" {
						continue
					}
					cw := odtWriter{styles: w.styles, counts: w.counts}
					cw.blocks(c, 0, "")
					text := strings.Join(cw.lines, "\n")
					n, err := strconv.Atoi(c.attr1("number-columns-repeated"))
					if err != nil || n < 1 || n > 64 {
						n = 1
					}
					for range n {
						row = append(row, text)
					}
				}
				if len(row) > 0 {
					tab = append(tab, row)
				}
			case "table-header-rows", "table-rows", "table-row-group":
				walkRows(r)
			}
		}
	}
	walkRows(t)
	w.lines = append(w.lines, tab.Lines()...)
}
