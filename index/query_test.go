package index

import (
	"context"
	"os"
	"sync"
	"time"

	"errors"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/chitieu/chitieu/corpus"

	"github.com/chitieu/chitieu/extract/domain"
	"github.com/chitieu/chitieu/extract/gazetteer"
)

func TestParseQuery(t *testing.T) {
	for _, c := range []struct {
		in, want string
	}{
		{"xa hoi hoc tap", "xa hoi hoc tap"},
		{"  học   tập  ", "học tập"},
		{"hoà", "hòa"}, // normalized: the canonical tone placement
		{`"xã hội học tập" suốt đời`, `"xã hội học tập" suốt đời`},
		{`-"mầm non" -word`, `-"mầm non" -word`},
		{`thư* hoc~`, `thư* hoc~`},
		{`province:"Bình Dương" year:2030`, `province:"Bình Dương" year:2030`},
		{`Province:74 YEAR:>=2025`, `province:74 year:>=2025`},
		{`value:>=60 indicator:life_skills,info_competence`, `value:>=60 indicator:life_skills,info_competence`},
		{`year:2021..2025 type:KH number:1373/QĐ-TTg`, `year:2021..2025 type:KH number:1373/QĐ-TTg`},
		{`-province:74 hoc`, `hoc -province:74`},
		{`mục tiêu: 60%`, `mục tiêu: 60%`}, // a colon after a non-field word is text
		{`1373/QĐ-TTg`, `1373/QĐ-TTg`},
		{`8:30`, `8:30`},
		{`hoc ...`, `hoc`},
	} {
		q, err := ParseQuery(c.in)
		if err != nil {
			t.Errorf("ParseQuery(%+q): %v", c.in, err)
			continue
		}
		if got := q.String(); got != c.want {
			t.Errorf("ParseQuery(%+q) = %+q, want %+q", c.in, got, c.want)
		}
	}
}

func TestParseQueryRanges(t *testing.T) {
	for _, c := range []struct {
		in     string
		op     string
		lo, hi float64
	}{
		{"value:60", "=", 60, 60},
		{"value:>=60", ">=", 60, 60},
		{"value:>60%", ">", 60, 60},
		{"value:<12,5", "<", 12.5, 12.5},
		{"value:<=12.5", "<=", 12.5, 12.5},
		{"value:80..85", "..", 80, 85},
		{"year:=2030", "=", 2030, 2030},
		{"value:-0..0", "..", 0, 0},
	} {
		q, err := ParseQuery(c.in)
		if err != nil {
			t.Errorf("ParseQuery(%q): %v", c.in, err)
			continue
		}
		f := q.Filters[0]
		if f.Op != c.op || f.Lo != c.lo || f.Hi != c.hi {
			t.Errorf("ParseQuery(%q) = %s %g..%g, want %s %g..%g", c.in, f.Op, f.Lo, f.Hi, c.op, c.lo, c.hi)
		}
	}
}

func TestParseQueryErrors(t *testing.T) {
	for _, c := range []struct {
		in, want string
	}{
		{"", "empty query"},
		{"   ", "empty query"},
		{`"`, "unclosed quote"},
		{`hoc "tap`, "unclosed quote"},
		{`tinh:abc`, `unknown field "tinh"`},
		{`year:`, "needs a value"},
		{`province:""`, "needs a value"},
		{`year:abc`, "not a number"},
		{`year:NaN`, "not a number"},
		{`value:>=`, "not a number"},
		{`year:2030..2020`, "empty range"},
		{`a*b`, "may only end a word"},
		{`x"y`, "misplaced quote"},
		{`province:Bình"Dương`, "misplaced quote"},
		{"\xff\xfe", "not valid UTF-8"},
		{strings.Repeat("a", MaxQueryLen+1), "longer than"},
	} {
		_, err := ParseQuery(c.in)
		var qe *QueryError
		if !errors.As(err, &qe) || !errors.Is(err, ErrBadQuery) || !strings.Contains(err.Error(), c.want) {
			t.Errorf("ParseQuery(%.40q) = %v, want a QueryError with %q", c.in, err, c.want)
		}
	}
}

// FuzzParseQuery checks that any query parses or fails cleanly, that a
// parsed query turns into a bleve query or a clean ErrBadQuery, and that
// parsing what String writes gives the same query.
func FuzzParseQuery(f *testing.F) {
	for _, s := range []string{
		"xa hoi hoc tap", `"xã hội học tập" -"mầm non"`, `province:"Bình Dương" year:>=2025`,
		`value:80..85 indicator:life_skills`, `thư* hoc~`, `number:1373/QĐ-TTg`, `a:b:c`, `"`, `-`, `--x`,
		"hoà", "Vie^.t Nam", "\u0301a", "đ:\"x\"", `year:1e9`,
	} {
		f.Add(s)
	}
	ix := &Index{gaz: gazetteer.Default(), dom: domain.DefaultSet()}
	f.Fuzz(func(t *testing.T, s string) {
		q, err := ParseQuery(s)
		if err != nil {
			if !errors.Is(err, ErrBadQuery) {
				t.Fatalf("ParseQuery(%+q): %v is not ErrBadQuery", s, err)
			}
			return
		}
		for _, kind := range []string{kindPassage, kindTarget} {
			if _, err := ix.bleveQuery(q, kind); err != nil && !errors.Is(err, ErrBadQuery) {
				t.Fatalf("bleveQuery(%+q): %v", s, err)
			}
		}
		out := q.String()
		if !utf8.ValidString(out) {
			t.Fatalf("String of %+q is not UTF-8: %+q", s, out)
		}
		q2, err := ParseQuery(out)
		if err != nil {
			t.Fatalf("ParseQuery(%+q) parsed, its String %+q does not: %v", s, out, err)
		}
		if q2.String() != out {
			t.Fatalf("round trip of %+q: %+q then %+q", s, out, q2.String())
		}
	})
}

// TestSnippetOneBullet shows a list item with one bullet, its marks
// still on their words.
func TestSnippetOneBullet(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"- + 50% số người lớn đạt danh hiệu", "+ 50% số người lớn đạt danh hiệu"},
		{"• - 60% gia đình học tập", "- 60% gia đình học tập"},
		{"- 60% gia đình", "- 60% gia đình"},
		{"-5% so với năm trước", "-5% so với năm trước"},
		{"- + - x", "- x"},
	} {
		i := strings.Index(tc.in, "%")
		sn := MakeSnippet(tc.in, [][2]int{{i - 2, i + 1}}, 320)
		if sn.Text != tc.want {
			t.Errorf("snippet of %q = %q, want %q", tc.in, sn.Text, tc.want)
		}
		if i >= 2 && len(sn.Marks) == 1 && sn.Text[sn.Marks[0][0]:sn.Marks[0][1]] != tc.in[i-2:i+1] {
			t.Errorf("%q: mark on %q", tc.in, sn.Text[sn.Marks[0][0]:sn.Marks[0][1]])
		}
	}
}

func TestMakeSnippet(t *testing.T) {
	text := "Phấn đấu đến năm 2030: 70% số người trong độ tuổi lao động được trang bị năng lực thông tin và kỹ năng sống; 90% các trường đại học triển khai đại học số."
	at := func(s string) [2]int {
		i := strings.Index(text, s)
		return [2]int{i, i + len(s)}
	}
	for _, c := range []struct {
		name  string
		spans [][2]int
		size  int
		want  string // the snippet with marks as «»
	}{
		{"whole", [][2]int{at("năng lực"), at("thông tin")}, 1000,
			"Phấn đấu đến năm 2030: 70% số người trong độ tuổi lao động được trang bị «năng lực thông tin» và kỹ năng sống; 90% các trường đại học triển khai đại học số."},
		{"window", [][2]int{at("kỹ năng sống")}, 60, "…thông tin và «kỹ năng sống»; 90% các trường đại học…"},
		{"no spans", nil, 40, "Phấn đấu đến năm 2030: 70% số…"},
		{"bad spans dropped", [][2]int{{-1, 3}, {2, 3}, {5, 99999}, {3, 3}}, 40, "Phấn đấu đến năm 2030: 70% số…"},
		{"overlap merged", [][2]int{at("năng lực thông"), at("thông tin")}, 1000,
			"Phấn đấu đến năm 2030: 70% số người trong độ tuổi lao động được trang bị «năng lực thông tin» và kỹ năng sống; 90% các trường đại học triển khai đại học số."},
	} {
		t.Run(c.name, func(t *testing.T) {
			sn := MakeSnippet(text, c.spans, c.size)
			var b strings.Builder
			if sn.Cut[0] {
				b.WriteString("…")
			}
			for _, f := range sn.Fragments() {
				if f.Mark {
					b.WriteString("«" + f.Text + "»")
				} else {
					b.WriteString(f.Text)
				}
			}
			if sn.Cut[1] {
				b.WriteString("…")
			}
			if got := b.String(); got != c.want {
				t.Errorf("MakeSnippet = %+q, want %+q", got, c.want)
			}
			if text[sn.Offset:sn.Offset+len(sn.Text)] != sn.Text {
				t.Errorf("Offset %d does not point at the snippet", sn.Offset)
			}
		})
	}
}

// FuzzMakeSnippet checks that snippets of any text and spans are valid
// UTF-8 slices of the text with marks inside them.
func FuzzMakeSnippet(f *testing.F) {
	f.Add("năng lực thông tin và kỹ năng sống", 5, 20, 30)
	f.Add("\xff\xfeabc", 0, 2, 4)
	f.Fuzz(func(t *testing.T, text string, a, b, size int) {
		if size < 0 || size > 1<<16 {
			return
		}
		sn := MakeSnippet(text, [][2]int{{a, b}}, size)
		if sn.Offset < 0 || sn.Offset+len(sn.Text) > len(text) || text[sn.Offset:sn.Offset+len(sn.Text)] != sn.Text {
			t.Fatalf("snippet %+q at %d is not in %+q", sn.Text, sn.Offset, text)
		}
		for _, m := range sn.Marks {
			if m[0] < 0 || m[1] > len(sn.Text) || m[0] >= m[1] {
				t.Fatalf("mark %v out of %+q", m, sn.Text)
			}
		}
		if utf8.ValidString(text) && !utf8.ValidString(sn.Text) {
			t.Fatalf("snippet %+q of valid text is not valid", sn.Text)
		}
	})
}

var fuzzIndex struct {
	sync.Once
	ix  *Index
	err error
}

// FuzzSearch runs any query against an index of the sample corpus: it
// must answer or fail with ErrBadQuery, never panic or hang (a range from
// -0 to 0 once sent bleve into an endless loop).
func FuzzSearch(f *testing.F) {
	for _, s := range []string{"xa hoi hoc tap", `"năng lực" year:2030`, "value:-0..0", "value:>=60 indicator:clc_ict",
		`province:74 -"mầm non"`, "thư*", "hoc~", "1373/QĐ-TTg", "year:2021..2025 type:KH"} {
		f.Add(s)
	}
	fuzzIndex.Do(func() {
		dir, err := os.MkdirTemp("", "chitieu-fuzz-")
		if err != nil {
			fuzzIndex.err = err
			return
		}
		fuzzIndex.ix, fuzzIndex.err = Open(dir, Options{})
		if fuzzIndex.err == nil {
			docs, _ := corpus.Sample()
			_, fuzzIndex.err = fuzzIndex.ix.Ingest(context.Background(), DocumentSources(docs), IngestOptions{})
		}
	})
	if fuzzIndex.err != nil {
		f.Fatal(fuzzIndex.err)
	}
	f.Fuzz(func(t *testing.T, q string) {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		_, err := fuzzIndex.ix.Search(ctx, Request{Query: q, Facets: true})
		if err != nil && !errors.Is(err, ErrBadQuery) {
			t.Fatalf("Search(%+q): %v", q, err)
		}
	})
}
