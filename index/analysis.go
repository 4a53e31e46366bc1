package index

import (
	"bytes"
	"regexp"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/custom"
	"github.com/blevesearch/bleve/v2/analysis/token/shingle"
	"github.com/blevesearch/bleve/v2/analysis/tokenizer/exception"
	"github.com/blevesearch/bleve/v2/analysis/tokenizer/unicode"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/registry"
	"golang.org/x/text/unicode/norm"

	"github.com/chitieu/chitieu/extract/vntext"
)

// The analysis chain, built from bleve's registry plus two token filters of
// ours. Every analyzer tokenizes the same way, so the exact and the folded
// fields of one text have tokens at the same byte offsets and positions:
//
//	tokenizer vi_words: bleve's exception tokenizer over its unicode
//	    (UAX #29) tokenizer, keeping document numbers ("1373/QĐ-TTg",
//	    "98/2023/NĐ-CP") whole;
//	vi_lower: lower-casing (bytes.ToLower: bleve's to_lower cuts a
//	    character whose lower case is longer, as "İ" → "i̇");
//	vi_tone: NFC and the canonical tone placement ("hoà" → "hòa"), the same
//	    the normalizer applies to documents, so that a query typed either
//	    way meets the text;
//	vi_fold (folded fields only): no diacritics, đ → d. Folding comes after
//	    tokenizing, so offsets still point into the original text and
//	    highlights land on whole characters;
//	vi_docnum (folded field only): a document number also gives its
//	    leading number at the same position, so "1373" finds
//	    "1373/QĐ-TTg" while the whole number still matches whole;
//	vi_bigram (bigram field only): bleve's shingle filter, two adjacent
//	    syllables joined by a space ("xa hoi", "hoi hoc"), without the
//	    single syllables: a query's bigrams rank text where its words stand
//	    together above text that merely holds them apart.
//
// There is no stop list: "không", "trên", "dưới" carry the meaning of a
// target ("không dưới 8%"), and English stop lists drop Vietnamese
// syllables (to, do, a, no).
const (
	tokenizerName = "vi_words"
	lowerFilter   = "vi_lower"
	toneFilter    = "vi_tone"
	foldFilter    = "vi_fold"
	docNumFilter  = "vi_docnum"
	bigramFilter  = "vi_bigram"

	// AnalyzerExact keeps diacritics.
	AnalyzerExact = "vi_exact"
	// AnalyzerFold removes them.
	AnalyzerFold = "vi_fold"
	// AnalyzerBigram makes folded syllable bigrams.
	AnalyzerBigram = "vi_bigram"
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
	must(registry.RegisterTokenFilter(foldFilter, func(map[string]interface{}, *registry.Cache) (analysis.TokenFilter, error) {
		return termFilter(fold), nil
	}))
	must(registry.RegisterTokenFilter(docNumFilter, func(map[string]interface{}, *registry.Cache) (analysis.TokenFilter, error) {
		return docNumParts{}, nil
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

// docNumParts adds, after each document number, its leading number as a
// token of its own at the same position and offsets of the digits.
type docNumParts struct{}

func (docNumParts) Filter(in analysis.TokenStream) analysis.TokenStream {
	var out analysis.TokenStream
	for i, t := range in {
		if t.Type != analysis.AlphaNumeric && t.Type != analysis.Numeric || !docNumberRE.Match(t.Term) {
			if out != nil {
				out = append(out, t)
			}
			continue
		}
		if out == nil {
			out = append(make(analysis.TokenStream, 0, len(in)+4), in[:i]...)
		}
		n := 0
		for n < len(t.Term) && '0' <= t.Term[n] && t.Term[n] <= '9' {
			n++
		}
		out = append(out, t, &analysis.Token{
			Term: t.Term[:n:n], Start: t.Start, End: t.Start + n, Position: t.Position, Type: analysis.Numeric,
		})
	}
	if out == nil {
		return in
	}
	return out
}

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

// fold returns term without diacritics.
func fold(term []byte) []byte {
	if isASCII(term) {
		return term
	}
	return []byte(vntext.Fold(string(term)))
}

func isASCII(b []byte) bool {
	for _, c := range b {
		if c >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// addAnalysis adds the tokenizer, filters and analyzers to m.
func addAnalysis(m *mapping.IndexMappingImpl) error {
	if err := m.AddCustomTokenizer(tokenizerName, map[string]interface{}{
		"type":       exception.Name,
		"tokenizer":  unicode.Name,
		"exceptions": []interface{}{docNumber},
	}); err != nil {
		return err
	}
	if err := m.AddCustomTokenFilter(bigramFilter, map[string]interface{}{
		"type":            shingle.Name,
		"min":             2.0,
		"max":             2.0,
		"output_original": false,
		"separator":       " ",
	}); err != nil {
		return err
	}
	for name, filters := range map[string][]interface{}{
		AnalyzerExact:  {lowerFilter, toneFilter},
		AnalyzerFold:   {lowerFilter, toneFilter, foldFilter, docNumFilter},
		AnalyzerBigram: {lowerFilter, toneFilter, foldFilter, bigramFilter},
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
