package index

import (
	"strings"
	"sync"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/chitieu/chitieu/extract/vntext"
)

// textAnalyzer is AnalyzerText, for the queries' words and the highlights.
var textAnalyzer = sync.OnceValues(func() (analysis.Analyzer, error) {
	m, err := newMapping()
	if err != nil {
		return nil, err
	}
	return m.AnalyzerNamed(AnalyzerText), nil
})

// analyzeText returns the tokens of s by AnalyzerText.
func analyzeText(s string) analysis.TokenStream {
	a, err := textAnalyzer()
	if err != nil || a == nil {
		return nil
	}
	return a.Analyze([]byte(s))
}

// wordForms are the forms of one word of a query.
type wordForms struct {
	folded, exact string // exact is folded when the word has no diacritics
	number        string // the leading number of a document number, or ""
}

// textForms are the forms of a query's words, in order.
type textForms struct {
	words   []wordForms
	bigrams []string
}

func formsOf(s string) textForms {
	var f textForms
	for _, t := range analyzeText(s) {
		switch t.Type {
		case tokenExact:
			f.words[len(f.words)-1].exact = string(t.Term)
		case tokenNumber:
			f.words[len(f.words)-1].number = string(t.Term)
		case tokenBigram:
			f.bigrams = append(f.bigrams, string(t.Term))
		default:
			f.words = append(f.words, wordForms{folded: string(t.Term), exact: string(t.Term)})
		}
	}
	return f
}

// folded returns the folded words and leading numbers.
func (f textForms) folded() []string {
	var out []string
	for _, w := range f.words {
		out = append(out, w.folded)
		if w.number != "" {
			out = append(out, w.number)
		}
	}
	return out
}

// exact returns the forms with diacritics that differ from the folded
// ones.
func (f textForms) exact() []string {
	var out []string
	for _, w := range f.words {
		if w.exact != w.folded {
			out = append(out, w.exact)
		}
	}
	return out
}

// phrase returns the terms that mark a phrase: its bigrams, or its one
// word.
func (f textForms) phrase() []string {
	if len(f.bigrams) > 0 {
		return f.bigrams
	}
	return f.folded()
}

func termQueries(field string, terms []string) []query.Query {
	var qs []query.Query
	seen := map[string]bool{}
	for _, t := range terms {
		if !seen[t] {
			seen[t] = true
			tq := bleve.NewTermQuery(t)
			tq.SetField(field)
			qs = append(qs, tq)
		}
	}
	return qs
}

// allOf matches entries whose field holds every term.
func allOf(field string, terms []string) query.Query {
	qs := termQueries(field, terms)
	switch len(qs) {
	case 0:
		return bleve.NewMatchNoneQuery()
	case 1:
		return qs[0]
	}
	return bleve.NewConjunctionQuery(qs...)
}

// anyOf matches entries whose field holds a term.
func anyOf(field string, terms []string) query.Query {
	qs := termQueries(field, terms)
	if len(qs) == 1 {
		return qs[0]
	}
	return bleve.NewDisjunctionQuery(qs...)
}

// A highlighter finds the spans of a query's matches in a hit's text by
// analysing it again, so that a search reads no term locations for the
// matches it does not show.
type highlighter struct {
	terms    map[string]bool // folded words, leading numbers, bigrams
	prefixes []string
	fuzzy    []string
}

// newHighlighter marks what q's positive terms match: every folded word of
// its words, the bigrams of its words and phrases (so a phrase is marked
// where it stands whole), prefixes and words within one edit.
func newHighlighter(q *Query) *highlighter {
	h := &highlighter{terms: map[string]bool{}}
	for _, t := range q.Terms {
		switch {
		case t.Not:
		case t.Prefix:
			h.prefixes = append(h.prefixes, vntext.Fold(strings.ToLower(t.Text)))
		case t.Fuzzy:
			h.fuzzy = append(h.fuzzy, vntext.Fold(strings.ToLower(t.Text)))
		default:
			f := formsOf(t.Text)
			words := f.folded()
			if t.Phrase {
				words = f.phrase()
			}
			for _, w := range append(words, f.bigrams...) {
				h.terms[w] = true
			}
		}
	}
	return h
}

// spans returns the byte spans of text that the query matches.
func (h *highlighter) spans(text string) [][2]int {
	var out [][2]int
	for _, t := range analyzeText(text) {
		if t.Type == tokenExact {
			continue // its folded twin has the same span
		}
		term := string(t.Term)
		ok := h.terms[term]
		if !ok && t.Type != tokenBigram {
			for _, p := range h.prefixes {
				ok = ok || strings.HasPrefix(term, p)
			}
			for _, f := range h.fuzzy {
				ok = ok || search.LevenshteinDistance(term, f) <= 1
			}
		}
		if ok {
			out = append(out, [2]int{t.Start, t.End})
		}
	}
	return out
}
