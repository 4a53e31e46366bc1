// Package htmltext extracts the main text of a web page: the plan or the
// article, without menus, share bars, related-news lists, comments and
// footers, with headings, paragraphs, list items and table cells on lines
// of their own.
//
// It uses goquery (on golang.org/x/net/html) for the DOM. Readability ports
// were weighed: go-trafilatura scores best in its own benchmark but brings
// a large dependency tree and its own idea of what to keep (it drops
// tables, where targets often sit); go-shiori's DOM parser deletes U+00AD,
// which is the letter ư in TCVN3 pages. The rules here are few and written
// for government portals and legal-document libraries.
package htmltext

import (
	"bytes"
	"errors"
	"regexp"
	"strings"

	"github.com/chitieu/chitieu/internal/panics"

	"github.com/PuerkitoBio/goquery"
	"golang.org/x/net/html"

	"github.com/chitieu/chitieu/extract/rows"
	"github.com/chitieu/chitieu/extract/vntext"
)

// Result is the text of one page.
type Result struct {
	Text     string // main content, one block per line
	Title    string // <title>, or the main heading
	Charset  string // the charset the bytes were decoded with
	Warnings []string
}

// ErrNoContent is returned for a page without any text.
var ErrNoContent = errors.New("no text in page")

var metaCharset = regexp.MustCompile(`(?i)<meta[^>]+charset\s*=\s*["']?\s*([a-z0-9_.:-]+)|<\?xml[^>]+encoding\s*=\s*["']([a-z0-9_.:-]+)`)

// declaredCharset finds a charset declared in the first 8 KB.
func declaredCharset(b []byte) string {
	head := b[:min(len(b), 8192)]
	m := metaCharset.FindSubmatch(head)
	if m == nil {
		return ""
	}
	if len(m[1]) > 0 {
		return string(m[1])
	}
	return string(m[2])
}

// Extract returns the main text of the page in data. It never panics.
func Extract(data []byte) (res *Result, err error) {
	defer func() {
		if p := recover(); p != nil {
			res, err = nil, panics.New("html", p)
		}
	}()
	text, cs := vntext.DecodeBytes(data, declaredCharset(data))
	res = &Result{Charset: cs}
	doc, err := goquery.NewDocumentFromReader(strings.NewReader(text))
	if err != nil {
		// x/net/html refuses pages nested deeper than 512 elements: read
		// such a page as a stream of tags, without its structure.
		res.Text = streamText(text)
		res.Warnings = append(res.Warnings, "page could not be parsed as a tree ("+err.Error()+"): read without its structure, page furniture included")
		if strings.TrimSpace(res.Text) == "" {
			return nil, ErrNoContent
		}
		return res, nil
	}
	res.Title = strings.TrimSpace(collapse(doc.Find("title").First().Text()))
	removeBoilerplate(doc)
	root := mainContent(doc)
	if root == nil {
		return nil, ErrNoContent
	}
	var w textWriter
	w.node(root)
	res.Text = w.String()
	if res.Title == "" {
		res.Title = strings.TrimSpace(collapse(doc.Find("h1").First().Text()))
	}
	if strings.TrimSpace(res.Text) == "" {
		return nil, ErrNoContent
	}
	return res, nil
}

// Elements never part of the content.
const dropTags = "script, style, noscript, template, iframe, object, embed, svg, canvas, nav, form, button, select, input, textarea, label, dialog, menu"

// Classes and ids of page furniture: always removed, and removed unless
// they hold a table or a long text (a document's own header table is often
// class="doc-header").
var (
	furniture     = regexp.MustCompile(`(?i)(^|[\s_-])(nav|navbar|menu|breadcrumbs?|share|sharing|social|related|comments?|banner|advert|ads?|popup|modal|cookie|login|search|pagination|tags|toolbar|tin-?khac|tin-?lien-?quan|binh-?luan|y-?kien)($|[\s_-])`)
	weakFurniture = regexp.MustCompile(`(?i)(^|[\s_-])(footer|header|sidebar|widget|top-?bar|copyright|print|right|left-?col|col-?right)($|[\s_-])`)
)

// Headings that open a block of furniture.
var furnitureHeading = regexp.MustCompile(`(?i)^\s*(tin khác|tin liên quan|các tin khác|tin cùng chuyên mục|tin đọc nhiều|tin mới|tin xem nhiều|ý kiến bạn đọc|bình luận|gửi bình luận|chia sẻ|văn bản liên quan|văn bản mới|bài viết liên quan|xem thêm)\s*:?\s*$`)

func removeBoilerplate(doc *goquery.Document) {
	doc.Find(dropTags).Remove()
	// <header> and <footer> of the page, not those inside an article.
	doc.Find("header, footer, aside").Each(func(_ int, s *goquery.Selection) {
		if s.ParentsFiltered("article, main").Length() == 0 {
			s.Remove()
		}
	})
	doc.Find("[class], [id]").Each(func(_ int, s *goquery.Selection) {
		cls, _ := s.Attr("class")
		id, _ := s.Attr("id")
		if s.Is("body, html, article, main") {
			return
		}
		switch {
		case furniture.MatchString(cls) || furniture.MatchString(id):
			s.Remove()
		case weakFurniture.MatchString(cls) || weakFurniture.MatchString(id):
			if s.Is("table, tr, td, th, tbody") || s.Find("table").Length() > 0 || textLen(s)-linkLen(s) > 400 {
				return
			}
			s.Remove()
		}
	})
	// A block whose heading says it is related news, comments and the like.
	doc.Find("h2, h3, h4, h5, h6, strong, b, div, p, span").Each(func(_ int, s *goquery.Selection) {
		if s.Children().Length() > 1 || !furnitureHeading.MatchString(s.Text()) {
			return
		}
		// Remove the smallest container that holds the heading and its list.
		box := s.Parent()
		if box.Is("body, html, article, main") || box.Length() == 0 {
			s.Remove()
			return
		}
		box.Remove()
	})
}

// mainContent picks the element that holds the page's text: the <article>
// or <main> with the most text, else the element whose paragraphs hold the
// most text, widened to its parent while the parent only adds text that is
// not links (a title, a metadata table).
func mainContent(doc *goquery.Document) *html.Node {
	var best *html.Node
	bestLen := 0
	doc.Find("article, main, [role=main]").Each(func(_ int, s *goquery.Selection) {
		if n := textLen(s); n > bestLen {
			best, bestLen = s.Get(0), n
		}
	})
	body := doc.Find("body")
	if body.Length() == 0 {
		return nil
	}
	total := textLen(body)
	if best != nil && bestLen*2 >= total {
		return best
	}
	// Score containers by the text of their paragraph-like children.
	scores := map[*html.Node]int{}
	doc.Find("p, li, td, pre, blockquote, h1, h2, h3, h4, dd").Each(func(_ int, s *goquery.Selection) {
		p := s.Parent()
		if p.Length() == 0 {
			return
		}
		scores[p.Get(0)] += textLen(s) - linkLen(s) // links are not content
	})
	var top *html.Node
	topScore := 0
	for n, sc := range scores {
		if sc > topScore {
			top, topScore = n, sc
		}
	}
	if top == nil {
		return body.Get(0)
	}
	cur := goquery.NewDocumentFromNode(top).Selection
	for {
		parent := cur.Parent()
		if parent.Length() == 0 || parent.Is("html") {
			break
		}
		extraText := textLen(parent) - textLen(cur)
		extraLinks := linkLen(parent) - linkLen(cur)
		if extraText > 0 && float64(extraLinks) > 0.3*float64(extraText) {
			break
		}
		cur = parent
	}
	return cur.Get(0)
}

func textLen(s *goquery.Selection) int { return len(strings.TrimSpace(collapse(s.Text()))) }

func linkLen(s *goquery.Selection) int {
	n := 0
	s.Find("a").Each(func(_ int, a *goquery.Selection) { n += textLen(a) })
	return n
}

// collapse squeezes HTML whitespace.
func collapse(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// Elements that end a line of text.
var blockTags = map[string]bool{
	"p": true, "div": true, "section": true, "article": true, "main": true, "header": true, "footer": true,
	"h1": true, "h2": true, "h3": true, "h4": true, "h5": true, "h6": true, "li": true, "ul": true, "ol": true,
	"dl": true, "dt": true, "dd": true, "table": true, "thead": true, "tbody": true, "tfoot": true, "tr": true,
	"td": true, "th": true, "caption": true, "blockquote": true, "pre": true, "figure": true, "figcaption": true,
	"address": true, "hr": true, "center": true, "fieldset": true, "details": true, "summary": true, "body": true,
}

// textWriter renders a DOM subtree as lines of text. The parser keeps
// trees at most 512 elements deep, which bounds the recursion.
type textWriter struct {
	b    bytes.Buffer
	line bytes.Buffer
}

func (w *textWriter) String() string {
	w.endLine()
	return strings.TrimRight(w.b.String(), "\n")
}

func (w *textWriter) endLine() {
	l := collapse(w.line.String())
	w.line.Reset()
	if l != "" {
		w.b.WriteString(l)
		w.b.WriteByte('\n')
	}
}

func (w *textWriter) node(n *html.Node) {
	switch n.Type {
	case html.TextNode:
		w.line.WriteString(n.Data)
		return
	case html.CommentNode, html.DoctypeNode:
		return
	case html.ElementNode:
	default:
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			w.node(c)
		}
		return
	}
	tag := n.Data
	if tag == "br" {
		w.endLine()
		return
	}
	if tag == "pre" {
		w.endLine()
		for _, l := range strings.Split(nodeText(n), "\n") {
			w.line.WriteString(l)
			w.endLine()
		}
		return
	}
	if tag == "table" {
		if rows, ok := dataTable(n); ok {
			w.endLine()
			for _, r := range rows {
				w.line.WriteString(strings.Join(r, " | "))
				w.endLine()
			}
			return
		}
	}
	block := blockTags[tag]
	if block {
		w.endLine()
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		w.node(c)
	}
	if block {
		w.endLine()
	}
}

// dataTable reads a table of data: rows of two cells or more, each cell
// one line of text. It returns its rows of cell texts; a table used for
// layout (a document's two-column header, with its lines in each cell) is
// not one, and is read as lines.
func dataTable(n *html.Node) (rows.Table, bool) {
	var t rows.Table
	ok := true
	var walk func(x *html.Node)
	walk = func(x *html.Node) {
		if !ok || x.Type != html.ElementNode && x.Type != html.DocumentNode {
			return
		}
		switch x.Data {
		case "table":
			if x != n {
				ok = false // a table inside a table: layout
				return
			}
		case "tr":
			var cells []string
			for c := x.FirstChild; c != nil; c = c.NextSibling {
				if c.Type != html.ElementNode || c.Data != "td" && c.Data != "th" {
					continue
				}
				var cw textWriter
				for cc := c.FirstChild; cc != nil; cc = cc.NextSibling {
					cw.node(cc)
				}
				t := cw.String()
				if strings.Contains(t, "\n") || strings.Contains(t, "|") {
					ok = false
					return
				}
				cells = append(cells, t)
			}
			if len(cells) < 2 {
				ok = false
				return
			}
			t = append(t, cells)
			return
		}
		for c := x.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return t, ok && t.IsData()
}

// nodeText is the text below n.
func nodeText(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(x *html.Node) {
		if x.Type == html.TextNode {
			b.WriteString(x.Data)
		}
		for c := x.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return b.String()
}

// streamText renders a page from its token stream alone: text, with line
// breaks at block tags, without script, style and the like.
func streamText(page string) string {
	z := html.NewTokenizer(strings.NewReader(page))
	var w textWriter
	skip := 0
	for {
		switch z.Next() {
		case html.ErrorToken:
			return w.String()
		case html.TextToken:
			if skip == 0 {
				w.line.Write(z.Text())
			}
		case html.StartTagToken, html.EndTagToken, html.SelfClosingTagToken:
			name, _ := z.TagName()
			tag := string(name)
			switch tag {
			case "script", "style", "noscript", "template", "svg", "textarea", "select":
				if z.Token().Type == html.StartTagToken {
					skip++
				} else if skip > 0 {
					skip--
				}
				continue
			}
			if blockTags[tag] || tag == "br" {
				w.endLine()
			}
		}
	}
}
