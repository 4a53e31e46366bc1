package structure

import (
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/chitieu/chitieu/extract/vntext"
)

// Folded is a text with its fold (vntext.FoldMap: lower case, no
// diacritics, đ as d), computed once for every stage that matches words,
// and the map between the two. Offsets into F are "folded"; Orig turns
// them back into offsets of Text, so that what is found on the fold is
// reported on the text.
type Folded struct {
	Text string
	F    string
	offs []int32 // folded byte → text byte; len(F)+1 entries
}

// NewFolded folds text.
func NewFolded(text string) *Folded {
	f, offs := vntext.FoldMap(text)
	o := make([]int32, len(offs))
	for i, x := range offs {
		o[i] = int32(x)
	}
	return &Folded{Text: text, F: f, offs: o}
}

// Orig returns the offset in Text of folded offset i (clamped to the text).
func (f *Folded) Orig(i int) int {
	switch {
	case i <= 0:
		return 0
	case i >= len(f.offs):
		return len(f.Text)
	}
	return int(f.offs[i])
}

// At returns the folded offset of text offset i: the first folded byte
// that comes from Text[i:].
func (f *Folded) At(i int) int {
	return sort.Search(len(f.offs), func(k int) bool { return int(f.offs[k]) >= i })
}

// Slice returns the fold of Text[start:end] and its folded offsets.
func (f *Folded) Slice(start, end int) (s string, fa, fb int) {
	fa, fb = f.At(start), f.At(end)
	if fb > len(f.F) {
		fb = len(f.F)
	}
	if fa > fb {
		fa = fb
	}
	return f.F[fa:fb], fa, fb
}

// A View is one document of a text analysed once for the stages after
// this package: the fold of the text, the outline (headings, list items,
// paragraphs, table rows), the tables, and the sentences of every block.
// Every offset is into Text.
type View struct {
	Text   string
	Span   Span
	Fold   *Folded
	Blocks []Block
	Tables []Table
	sents  [][]Span // per block, made on first use
}

// Analyze returns the view of the document at span of the text that fold
// holds. A file's documents share one Folded.
func Analyze(fold *Folded, span Span) *View {
	text := fold.Text
	span.Start, span.End = clampSpan(text, span.Start, span.End)
	v := &View{Text: text, Span: span, Fold: fold}
	v.Blocks = Outline(text, span.Start, span.End)
	v.Tables = findTables(text, v.Blocks)
	for i := range v.Blocks {
		v.Blocks[i].Table = -1
	}
	for ti, t := range v.Tables {
		for _, r := range t.Head {
			v.Blocks[r.Block].Table = ti
		}
		for _, r := range t.Rows {
			v.Blocks[r.Block].Table = ti
		}
	}
	v.sents = make([][]Span, len(v.Blocks))
	return v
}

// Sentences returns the sentences of block i (a table row is one).
func (v *View) Sentences(i int) []Span {
	if v.sents[i] == nil {
		b := v.Blocks[i]
		if b.Table >= 0 {
			v.sents[i] = []Span{b.Span}
		} else {
			v.sents[i] = Sentences(v.Text, b.Body, b.End)
		}
		if v.sents[i] == nil {
			v.sents[i] = []Span{}
		}
	}
	return v.sents[i]
}

// Heading reports whether block i reads as a heading: a line that ends
// with a colon, or a short one that ends no sentence or list item ("II.
// MỤC TIÊU", "a) Giai đoạn 2021 - 2025:", "Đến năm 2030:").
func (v *View) Heading(i int) bool {
	b := v.Blocks[i]
	if b.Table >= 0 {
		return false
	}
	return isHeadingText(v.Text[b.Body:b.End])
}

func isHeadingText(body string) bool {
	body = strings.TrimSpace(body)
	if body == "" {
		return false
	}
	last, _ := utf8.DecodeLastRuneInString(body)
	if last == ':' {
		return true
	}
	if len(body) > 160 {
		return false
	}
	return !strings.ContainsRune(".;,…!?", last)
}
