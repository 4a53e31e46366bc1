package index

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// analyze returns the terms and their text spans of s with an analyzer.
func analyze(t testing.TB, analyzer, s string) (terms, spans []string) {
	t.Helper()
	m, err := newMapping()
	if err != nil {
		t.Fatal(err)
	}
	ts, err := m.AnalyzeText(analyzer, []byte(s))
	if err != nil {
		t.Fatal(err)
	}
	for _, tok := range ts {
		terms = append(terms, string(tok.Term))
		spans = append(spans, s[tok.Start:tok.End])
	}
	return terms, spans
}

func TestAnalyzers(t *testing.T) {
	for _, c := range []struct {
		analyzer, in, want string
	}{
		{AnalyzerExact, "Xã hội HỌC TẬP", "xã|hội|học|tập"},
		{AnalyzerExact, "hoà thuỷ", "hòa|thủy"},                                // canonical tone placement
		{AnalyzerExact, "hoa\u0300", "hòa"},                                    // NFD
		{AnalyzerExact, "không dưới 8% to do a no", "không|dưới|8|to|do|a|no"}, // no stop words
		{AnalyzerFold, "Đắk Lắk bắc bạc bác", "dak|lak|bac|bac|bac"},
		{AnalyzerExact, "Quyết định số 1373/QĐ-TTg và 98/2023/NĐ-CP", "quyết|định|số|1373/qđ-ttg|và|98/2023/nđ-cp"},
		{AnalyzerFold, "số 1373/QĐ-TTg", "so|1373/qd-ttg|1373"},
		{AnalyzerBigram, "xã hội học tập", "xa hoi|hoi hoc|hoc tap"},
	} {
		terms, _ := analyze(t, c.analyzer, c.in)
		if got := strings.Join(terms, "|"); got != c.want {
			t.Errorf("%s(%+q) = %+q, want %+q", c.analyzer, c.in, got, c.want)
		}
	}
	// Offsets point at the original text, diacritics and all.
	_, spans := analyze(t, AnalyzerFold, "Tỉnh Bắc Ninh")
	if got := strings.Join(spans, "|"); got != "Tỉnh|Bắc|Ninh" {
		t.Errorf("spans of the folded tokens: %+q", got)
	}
}

// FuzzAnalyzers runs every analyzer on any text: bleve analyzes on its own
// goroutines, where a panic would end the process. Offsets must stay in
// the text and on character boundaries.
func FuzzAnalyzers(f *testing.F) {
	for _, s := range []string{"Xã hội học tập", "hoa\u0300", "1373/QĐ-TTg", "\xff\xfe", "a\u0301\u0301\u0301", "Đ/Đ-Đ 1/Đ"} {
		f.Add(s)
	}
	m, err := newMapping()
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, a := range []string{AnalyzerExact, AnalyzerFold, AnalyzerBigram} {
			ts, err := m.AnalyzeText(a, []byte(s))
			if err != nil {
				t.Fatal(err)
			}
			for _, tok := range ts {
				if tok.Start < 0 || tok.End > len(s) || tok.Start > tok.End {
					t.Fatalf("%s(%+q): token %+q at %d-%d", a, s, tok.Term, tok.Start, tok.End)
				}
				if utf8.ValidString(s) && (!utf8.ValidString(s[tok.Start:tok.End]) || !utf8.Valid(tok.Term)) {
					t.Fatalf("%s(%+q): token %+q cuts a character", a, s, tok.Term)
				}
			}
		}
	})
}
