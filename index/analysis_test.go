package index

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/document"
	bleveindex "github.com/blevesearch/bleve_index_api"
)

// analyze returns the terms of s with an analyzer, their text spans and
// positions.
func analyze(t testing.TB, analyzer, s string) (terms, spans []string, pos []int) {
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
		pos = append(pos, tok.Position)
	}
	return terms, spans, pos
}

func TestAnalyzers(t *testing.T) {
	for _, c := range []struct {
		in, want string // terms; a term with its position when not the first's
	}{
		{"Xã hội", "xa|xã|xa hoi|hoi@2|hội@2"},
		{"HỌC TẬP", "hoc|học|hoc tap|tap@2|tập@2"},
		{"hoà thuỷ", "hoa|hòa|hoa thuy|thuy@2|thủy@2"},                                        // canonical tone placement
		{"hoa\u0300", "hoa|hòa"},                                                              // NFD
		{"không dưới 8% to", "khong|không|khong duoi|duoi@2|dưới@2|duoi 8@2|8@3|8 to@3|to@4"}, // no stop words
		{"Đắk bạc", "dak|đắk|dak bac|bac@2|bạc@2"},
		{"số 1373/QĐ-TTg", "so|số|so 1373/qd-ttg|1373/qd-ttg@2|1373/qđ-ttg@2|1373@2"},
		{"98/2023/NĐ-CP", "98/2023/nd-cp|98/2023/nđ-cp|98"},
	} {
		terms, _, pos := analyze(t, AnalyzerText, c.in)
		var got []string
		for i, term := range terms {
			if pos[i] != 1 {
				term += "@" + strconv.Itoa(pos[i])
			}
			got = append(got, term)
		}
		if g := strings.Join(got, "|"); g != c.want {
			t.Errorf("%+q: %+q, want %+q", c.in, g, c.want)
		}
	}
	// Offsets point at the original text, diacritics and all; a bigram
	// spans both words.
	_, spans, _ := analyze(t, AnalyzerText, "Tỉnh Bắc")
	if got := strings.Join(spans, "|"); got != "Tỉnh|Tỉnh|Tỉnh Bắc|Bắc|Bắc" {
		t.Errorf("spans: %+q", got)
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
		for _, a := range []string{AnalyzerText} {
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

// TestSplitFields: the fields ingest fills from one analysis hold the same
// terms, positions and offsets as the field analyzers give them.
func TestSplitFields(t *testing.T) {
	m, err := newMapping()
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range []entry{
		{"p", passageEntry{DocFields: DocFields{Kind: kindPassage}, Text: "Đến năm 2030, 80% xã hội học tập theo Quyết định số 1373/QĐ-TTg; hoà."}},
		{"t", targetEntry{DocFields: DocFields{Kind: kindTarget}, Text: "100% trung tâm học tập cộng đồng"}},
	} {
		plain, split := document.NewDocument(e.id), document.NewDocument(e.id)
		if err := m.MapDocument(plain, e.doc); err != nil {
			t.Fatal(err)
		}
		if err := m.MapDocument(split, e.doc); err != nil {
			t.Fatal(err)
		}
		splitFields(split)
		n := 0
		for i, f := range plain.Fields {
			g := split.Fields[i]
			if f.Name() != g.Name() {
				t.Fatalf("field %d: %s, split %s", i, f.Name(), g.Name())
			}
			f.Analyze()
			g.Analyze()
			if got, want := freqString(g.AnalyzedTokenFrequencies()), freqString(f.AnalyzedTokenFrequencies()); got != want {
				t.Errorf("%s %s: split %s\nwant %s", e.id, f.Name(), got, want)
			}
			if g.AnalyzedLength() != f.AnalyzedLength() {
				t.Errorf("%s %s: length %d, want %d", e.id, f.Name(), g.AnalyzedLength(), f.AnalyzedLength())
			}
			if slices.Contains([]string{fieldTextFold, fieldTextExtra, fieldTargetText, fieldTargetTextExtra}, f.Name()) && g.AnalyzedLength() > 0 {
				n++
			}
		}
		if n != 2 {
			t.Errorf("%s: %d text fields analysed, want 2", e.id, n)
		}
	}
}

// freqString renders token frequencies in term order: term, frequency and
// each location.
func freqString(tf bleveindex.TokenFrequencies) string {
	var terms []string
	for k := range tf {
		terms = append(terms, k)
	}
	slices.Sort(terms)
	var b strings.Builder
	for _, k := range terms {
		f := tf[k]
		fmt.Fprintf(&b, "%q×%d", k, f.Frequency())
		for _, l := range f.Locations {
			fmt.Fprintf(&b, " %d@%d-%d", l.Position, l.Start, l.End)
		}
		b.WriteString("; ")
	}
	return b.String()
}
