package index

import (
	"bytes"
	"regexp"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/custom"
	"github.com/blevesearch/bleve/v2/analysis/tokenizer/exception"
	"github.com/blevesearch/bleve/v2/analysis/tokenizer/unicode"
	"github.com/blevesearch/bleve/v2/document"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/registry"
	"golang.org/x/text/unicode/norm"

	"github.com/chitieu/chitieu/extract/vntext"
)

// The analysis chain, built from bleve's registry plus token filters of
// ours. One analyzer, vi_text, gives every form a search needs of a text
// in one pass, at the positions and byte offsets of its words:
//
//	tokenizer vi_words: bleve's exception tokenizer over its unicode
//	    (UAX #29) tokenizer, keeping document numbers ("1373/QĐ-TTg",
//	    "98/2023/NĐ-CP") whole;
//	vi_lower: lower-casing (bytes.ToLower: bleve's to_lower cuts a
//	    character whose lower case is longer, as "İ" → "i̇");
//	vi_tone: NFC and the canonical tone placement ("hoà" → "hòa"), the same
//	    the normalizer applies to documents, so that a query typed either
//	    way meets the text;
//	vi_forms: for each word, its folded form (no diacritics, đ → d:
//	    "hoc"); the exact form too when it differs ("học"), at the same
//	    position; for a document number, also its leading number ("1373"
//	    of "1373/QĐ-TTg"); and the folded bigram of the word and the next
//	    one ("hoc tap"), spanning both.
//
// A text is indexed in two fields: AnalyzerFold keeps the folded words and
// leading numbers, with term vectors for phrases; AnalyzerExtra keeps the
// exact forms and bigrams, without. A search matches folded forms, so
// diacritics are optional; exact forms rank the spelling typed first (bắc
// before bạc and bác); bigrams rank words together above words apart.
// Exact forms always hold a character that folding removes, and bigrams a
// space, so they never collide with folded words. Ingest analyses a text
// once with AnalyzerText and gives each field its part (splitFields); the
// two analyzers give the same parts to whatever else maps a document.
// Highlights come from analysing again the text of the hits shown.
//
// There is no stop list: "không", "trên", "dưới" carry the meaning of a
// target ("không dưới 8%"), and English stop lists drop Vietnamese
// syllables (to, do, a, no).
const (
	tokenizerName = "vi_words"
	lowerFilter   = "vi_lower"
	toneFilter    = "vi_tone"
	formsFilter   = "vi_forms"

	// AnalyzerText gives the folded, exact and bigram forms of a text.
	AnalyzerText = "vi_text"
	// AnalyzerFold gives its folded words and leading numbers,
	// AnalyzerExtra its exact forms and bigrams.
	AnalyzerFold  = "vi_fold"
	AnalyzerExtra = "vi_extra"

	foldPartFilter  = "vi_fold_part"
	extraPartFilter = "vi_extra_part"
)

// Token types of the forms vi_forms adds beside the folded words.
const (
	tokenExact  analysis.TokenType = 100 + iota // the form with diacritics
	tokenNumber                                 // the leading number of a document number
	tokenBigram                                 // two folded words
)

// docNumber matches the numbers of legal documents: digits, an optional
// year, and the type and issuer codes joined by hyphens.
const docNumber = `[0-9]+(?:/[0-9]{4})?/[\p{L}]+(?:-[\p{L}]+)*`

var docNumberRE = regexp.MustCompile(`^` + docNumber + `$`)

func init() {
	must(registry.RegisterTokenFilter(lowerFilter, func(map[string]interface{}, *registry.Cache) (analysis.TokenFilter, error) {
		return termFilter(lower), nil
	}))
	must(registry.RegisterTokenFilter(toneFilter, func(map[string]interface{}, *registry.Cache) (analysis.TokenFilter, error) {
		return termFilter(tone), nil
	}))
	must(registry.RegisterTokenFilter(formsFilter, func(map[string]interface{}, *registry.Cache) (analysis.TokenFilter, error) {
		return forms{}, nil
	}))
	must(registry.RegisterTokenFilter(foldPartFilter, func(map[string]interface{}, *registry.Cache) (analysis.TokenFilter, error) {
		return part(false), nil
	}))
	must(registry.RegisterTokenFilter(extraPartFilter, func(map[string]interface{}, *registry.Cache) (analysis.TokenFilter, error) {
		return part(true), nil
	}))
}

func must(err error) {
	if err != nil {
		panic(err)
	}
}

// termFilter is a token filter that rewrites each term.
type termFilter func([]byte) []byte

// Filter rewrites each term. bleve runs analysis on its own goroutines,
// where a panic would end the process: a term the filter cannot handle
// stays as it is.
func (f termFilter) Filter(in analysis.TokenStream) analysis.TokenStream {
	for _, t := range in {
		t.Term = f.safe(t.Term)
	}
	return in
}

func (f termFilter) safe(term []byte) (out []byte) {
	defer func() {
		if recover() != nil {
			out = term
		}
	}()
	return f(term)
}

// forms is the vi_forms filter: for each token, its folded form, its
// exact form when that differs, the leading number of a document number,
// and the bigram of its folded form and the next token's.
type forms struct{}

func (forms) Filter(in analysis.TokenStream) (out analysis.TokenStream) {
	defer func() {
		if recover() != nil { // bleve analyzes on its own goroutines: never panic there
			out = in
		}
	}()
	// One array holds the new tokens and one the bytes of folded words
	// and bigrams: two allocations per text, not two per token.
	out = make(analysis.TokenStream, 0, 3*len(in))
	slab := make([]analysis.Token, 0, 4*len(in))
	size := 0
	for _, t := range in {
		size += 3*len(t.Term) + 1
	}
	buf := make([]byte, 0, size)
	folded := make([][]byte, len(in))
	for i, t := range in {
		start := len(buf)
		buf = appendFold(buf, t.Term)
		folded[i] = buf[start:len(buf):len(buf)]
	}
	add := func(t analysis.Token) {
		slab = append(slab, t)
		out = append(out, &slab[len(slab)-1])
	}
	for i, t := range in {
		add(analysis.Token{Term: folded[i], Start: t.Start, End: t.End, Position: t.Position, Type: t.Type})
		if !bytes.Equal(folded[i], t.Term) {
			add(analysis.Token{Term: t.Term, Start: t.Start, End: t.End, Position: t.Position, Type: tokenExact})
		}
		if (t.Type == analysis.AlphaNumeric || t.Type == analysis.Numeric) && docNumberRE.Match(t.Term) {
			n := 0
			for n < len(t.Term) && '0' <= t.Term[n] && t.Term[n] <= '9' {
				n++
			}
			add(analysis.Token{Term: t.Term[:n:n], Start: t.Start, End: t.Start + n, Position: t.Position, Type: tokenNumber})
		}
		if i+1 < len(in) {
			next := in[i+1]
			start := len(buf)
			buf = append(append(append(buf, folded[i]...), ' '), folded[i+1]...)
			add(analysis.Token{Term: buf[start:len(buf):len(buf)], Start: t.Start, End: next.End, Position: t.Position, Type: tokenBigram})
		}
	}
	return out
}

// part keeps the tokens of one field of a text: the folded words and
// leading numbers (false), or the exact forms and bigrams (true).
type part bool

func (p part) Filter(in analysis.TokenStream) analysis.TokenStream {
	out := make(analysis.TokenStream, 0, len(in))
	for _, t := range in {
		if isExtra(t) == bool(p) {
			out = append(out, t)
		}
	}
	return out
}

func isExtra(t *analysis.Token) bool { return t.Type == tokenExact || t.Type == tokenBigram }

// lower returns term in lower case.
func lower(term []byte) []byte {
	if isASCII(term) {
		for _, c := range term {
			if 'A' <= c && c <= 'Z' {
				return bytes.ToLower(term)
			}
		}
		return term
	}
	if !utf8.Valid(term) {
		return term
	}
	return bytes.ToLower(term)
}

// tone returns term in NFC with the canonical tone placement, without a
// transform chain: this runs once per token of every indexed text.
func tone(term []byte) []byte {
	if isASCII(term) || !utf8.Valid(term) {
		return term
	}
	if !norm.NFC.IsNormal(term) {
		term = norm.NFC.Bytes(term)
	}
	if out := vntext.PlaceToneWord(term); out != nil {
		return out
	}
	return term
}

// appendFold appends term without diacritics to buf.
func appendFold(buf, term []byte) []byte {
	if isASCII(term) {
		return append(buf, term...)
	}
	return append(buf, vntext.Fold(string(term))...)
}

func isASCII(b []byte) bool {
	for _, c := range b {
		if c >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// addAnalysis adds the tokenizer and the analyzers to m.
func addAnalysis(m *mapping.IndexMappingImpl) error {
	if err := m.AddCustomTokenizer(tokenizerName, map[string]interface{}{
		"type":       exception.Name,
		"tokenizer":  unicode.Name,
		"exceptions": []interface{}{docNumber},
	}); err != nil {
		return err
	}
	for name, filters := range map[string][]interface{}{
		AnalyzerText:  {lowerFilter, toneFilter, formsFilter},
		AnalyzerFold:  {lowerFilter, toneFilter, formsFilter, foldPartFilter},
		AnalyzerExtra: {lowerFilter, toneFilter, formsFilter, extraPartFilter},
	} {
		if err := m.AddCustomAnalyzer(name, map[string]interface{}{
			"type":          custom.Name,
			"tokenizer":     tokenizerName,
			"token_filters": filters,
		}); err != nil {
			return err
		}
	}
	return nil
}

// splitFields gives the folded and extra fields of each text in doc their
// tokens from one analysis of the text, instead of one each.
func splitFields(doc *document.Document) {
	// A linear look for the two pairs of names: this runs for every
	// entry ingest writes.
	for _, pair := range [...][2]string{{fieldTextFold, fieldTextExtra}, {fieldTargetText, fieldTargetTextExtra}} {
		fold, extra := pair[0], pair[1]
		i, j := -1, -1
		for k, f := range doc.Fields {
			switch f.Name() {
			case fold:
				i = k
			case extra:
				j = k
			}
		}
		if i < 0 || j < 0 {
			continue
		}
		fi, ok1 := doc.Fields[i].(*document.TextField)
		fj, ok2 := doc.Fields[j].(*document.TextField)
		if !ok1 || !ok2 || len(fi.ArrayPositions()) > 0 || string(fi.Value()) != string(fj.Value()) {
			continue
		}
		all := analyzeText(string(fi.Value()))
		var folded, more analysis.TokenStream
		for _, t := range all {
			if isExtra(t) {
				more = append(more, t)
			} else {
				folded = append(folded, t)
			}
		}
		doc.Fields[i] = document.NewTextFieldCustom(fold, nil, fi.Value(), fi.Options(), tokens(folded))
		doc.Fields[j] = document.NewTextFieldCustom(extra, nil, fj.Value(), fj.Options(), tokens(more))
	}
}

// tokens is an analyzer that returns tokens already made.
type tokens analysis.TokenStream

func (t tokens) Analyze([]byte) analysis.TokenStream { return analysis.TokenStream(t) }
