package index

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/chitieu/chitieu/corpus"
	"github.com/chitieu/chitieu/extract/targets"
	"github.com/chitieu/chitieu/extract/vntext"
	"github.com/chitieu/chitieu/internal/pipeline"
)

// openSample returns an index of the embedded sample corpus.
func openSample(t *testing.T) *Index {
	t.Helper()
	ix, err := Open(t.TempDir(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	docs, err := corpus.Sample()
	if err != nil {
		t.Fatal(err)
	}
	sum, err := ix.Ingest(context.Background(), DocumentSources(docs), IngestOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Added != len(docs) || sum.Failed != 0 {
		t.Fatalf("ingest of the sample: %+v", sum)
	}
	return ix
}

func doSearch(t *testing.T, ix *Index, q string, limit int) *Result {
	t.Helper()
	res, err := ix.Search(context.Background(), Request{Query: q, Limit: limit, Facets: true})
	if err != nil {
		t.Fatalf("Search(%q): %v", q, err)
	}
	return res
}

// seedOf returns the seed number of a sample file name ("002" of
// "002_c57f….pdf").
func seedOf(name string) string {
	s, _, _ := strings.Cut(name, "_")
	return s
}

// checkHit checks the properties every hit has: its text is the
// document's text at its offsets, and its marks are on character
// boundaries inside the snippet.
func checkHit(t *testing.T, h Hit) {
	t.Helper()
	sn := h.Snippet
	if !strings.Contains(h.Text, sn.Text) || sn.Offset < 0 || sn.Offset+len(sn.Text) > len(h.Text) || h.Text[sn.Offset:sn.Offset+len(sn.Text)] != sn.Text {
		t.Errorf("hit %s: snippet %+q is not the text at offset %d", h.ID, sn.Text, sn.Offset)
	}
	if h.End-h.Start != len(h.Text) && h.Record == nil {
		t.Errorf("hit %s: span %d-%d for %d bytes of text", h.ID, h.Start, h.End, len(h.Text))
	}
	for _, m := range sn.Marks {
		if m[0] < 0 || m[1] > len(sn.Text) || m[0] >= m[1] || !utf8.ValidString(sn.Text[m[0]:m[1]]) {
			t.Errorf("hit %s: mark %v cuts %+q", h.ID, m, sn.Text)
		}
	}
}

func TestSearchSample(t *testing.T) {
	ix := openSample(t)

	t.Run("information competence with and without diacritics", func(t *testing.T) {
		for _, q := range []string{"nang luc thong tin", "năng lực thông tin", "NĂNG LỰC THÔNG TIN"} {
			res := doSearch(t, ix, q, 20)
			seeds := map[string]bool{}
			for _, h := range res.Hits {
				checkHit(t, h)
				if !strings.Contains(vntext.Fold(h.Text), "nang luc thong tin") {
					continue
				}
				seeds[seedOf(h.Name)] = true
				var marked []string
				for _, f := range h.Snippet.Fragments() {
					if f.Mark {
						marked = append(marked, vntext.Fold(f.Text))
					}
				}
				if !slices.Contains(marked, "nang luc thong tin") {
					t.Errorf("%q: hit %s marks %q, want the phrase marked whole", q, h.ID, marked)
				}
			}
			for _, s := range []string{"000", "002", "004"} {
				if !seeds[s] {
					t.Errorf("%q: no passage of seed %s about information competence (found seeds %v)", q, s, seeds)
				}
			}
		}
	})

	t.Run("hoà finds hòa first", func(t *testing.T) {
		// The folded field also matches hóa, hoa; the exact spelling
		// (whatever the tone placement typed) ranks first.
		res := doSearch(t, ix, "hoà", 100)
		exact, other := 0, 0
		for i, h := range res.Hits {
			checkHit(t, h)
			if strings.Contains(strings.ToLower(h.Text), "hòa") {
				exact++
				if other > 0 {
					t.Errorf("hit %d (%s) has hòa but ranks below %d without it", i, h.ID, other)
				}
			} else {
				other++
			}
		}
		if exact == 0 {
			t.Error("no hit with hòa")
		}
	})

	t.Run("phrase above scattered words", func(t *testing.T) {
		res := doSearch(t, ix, "xa hoi hoc tap", 200)
		firstPhrase, firstScattered := -1, -1
		for i, h := range res.Hits {
			f := vntext.Fold(h.Text)
			switch {
			case strings.Contains(f, "xa hoi hoc tap"):
				if firstPhrase < 0 {
					firstPhrase = i
				}
			case firstScattered < 0:
				firstScattered = i
			}
		}
		if firstPhrase < 0 || firstScattered < 0 {
			t.Fatalf("want both kinds of hits; phrase at %d, scattered at %d of %d", firstPhrase, firstScattered, len(res.Hits))
		}
		if firstPhrase > firstScattered {
			t.Errorf("the first passage with the phrase ranks %d, below one with the words apart (%d)", firstPhrase, firstScattered)
		}
		// Every passage that has the phrase ranks above every passage
		// that has the words apart only.
		lastPhrase := -1
		for i, h := range res.Hits {
			if strings.Contains(vntext.Fold(h.Text), "xa hoi hoc tap") {
				lastPhrase = i
			}
		}
		if lastPhrase > firstScattered {
			t.Errorf("a passage with the phrase ranks %d, below one with the words apart (%d: %q)", lastPhrase, firstScattered, res.Hits[firstScattered].Text)
		}
	})

	t.Run("pages agree", func(t *testing.T) {
		// Pages of a ranking the words' phrase reorders (and of one it
		// does not) join into the ranking of one long page.
		for _, q := range []string{"xa hoi hoc tap", "học tập"} {
			all := doSearch(t, ix, q, 240)
			var paged []string
			for off := 0; off < 240; off += 30 {
				res, err := ix.Search(context.Background(), Request{Query: q, Limit: 30, Offset: off})
				if err != nil {
					t.Fatal(err)
				}
				for _, h := range res.Hits {
					paged = append(paged, h.ID)
				}
			}
			var whole []string
			for _, h := range all.Hits {
				whole = append(whole, h.ID)
			}
			if len(whole) < 40 || len(paged) != len(whole) || !slices.Equal(paged, whole) {
				t.Errorf("%q: pages of 30 give another ranking than one page (%d hits)", q, len(whole))
			}
		}
	})

	t.Run("quoted phrase", func(t *testing.T) {
		res := doSearch(t, ix, `"xã hội học tập"`, 200)
		for _, h := range res.Hits {
			if !strings.Contains(vntext.Fold(h.Text), "xa hoi hoc tap") {
				t.Errorf("hit %s lacks the phrase: %q", h.ID, h.Text)
			}
		}
		if res.Total == 0 {
			t.Error("no hits")
		}
	})

	t.Run("document numbers whole and by number", func(t *testing.T) {
		for _, q := range []string{"1373/QĐ-TTg", "1373/qd-ttg", "1373", `number:"374/KH-UBND"`} {
			res := doSearch(t, ix, q, 10)
			if res.Total == 0 {
				t.Errorf("%q: no hits", q)
			}
			for _, h := range res.Hits {
				if !strings.Contains(h.Text, "1373/QĐ-TTg") && !strings.HasPrefix(q, "number:") {
					t.Errorf("%q: hit %s lacks the number: %q", q, h.ID, h.Text)
				}
				if strings.HasPrefix(q, "number:") && h.Number != "374/KH-UBND" {
					t.Errorf("%q: hit %s of document %q", q, h.ID, h.Number)
				}
			}
		}
	})

	t.Run("target filters", func(t *testing.T) {
		res := doSearch(t, ix, "value:>=70 year:2030 indicator:clc_ict", 50)
		if res.Kind != kindTarget {
			t.Fatalf("kind %s, want target", res.Kind)
		}
		want := sampleRecords(t, func(r targets.Record) bool {
			return r.Indicator == "clc_ict" && r.Year == 2030 && r.Value >= 70
		})
		var got []string
		for _, h := range res.Hits {
			if h.Record == nil {
				t.Fatalf("hit %s has no record", h.ID)
			}
			got = append(got, recordKey(*h.Record))
		}
		slices.Sort(got)
		if !slices.Equal(got, want) || len(want) == 0 {
			t.Errorf("got %q\nwant %q", got, want)
		}
	})

	t.Run("Targets lists what extraction finds", func(t *testing.T) {
		min := 50.0
		recs, err := ix.Targets(context.Background(), TargetFilter{Indicators: []string{"info_competence", "life_skills"}, Province: "Bình Dương", Min: &min})
		if err != nil {
			t.Fatal(err)
		}
		want := sampleRecords(t, func(r targets.Record) bool {
			return (r.Indicator == "info_competence" || r.Indicator == "life_skills") && r.ProvinceCode == "74" && r.Value >= 50
		})
		var got []string
		for _, r := range recs {
			got = append(got, recordKey(r))
		}
		slices.Sort(got)
		if !slices.Equal(got, want) || len(want) == 0 {
			t.Errorf("got %q\nwant %q", got, want)
		}
		all, err := ix.Targets(context.Background(), TargetFilter{})
		if err != nil {
			t.Fatal(err)
		}
		if n := len(sampleRecords(t, func(targets.Record) bool { return true })); len(all) != n {
			t.Errorf("all targets: %d, extraction finds %d", len(all), n)
		}
	})

	t.Run("filters", func(t *testing.T) {
		for _, c := range []struct {
			q    string
			pass func(Hit) bool
		}{
			{`học tập province:"Bắc Ninh"`, func(h Hit) bool { return h.Province == "Bắc Ninh" }},
			{`hoc tap province:74`, func(h Hit) bool { return h.Province == "Bình Dương" }},
			{`hoc tap district:"Bến Cát"`, func(h Hit) bool { return h.District == "Thị xã Bến Cát" }},
			{`hoc tap -province:74`, func(h Hit) bool { return h.Province != "Bình Dương" }},
			{`hoc tap type:kh`, func(h Hit) bool { return h.Type == "KH" }},
			{`nang luc year:2025`, func(h Hit) bool { return true }},
			{`value:-0..100`, func(h Hit) bool { return h.Record != nil }},
			{`hoc tap -"xã hội"`, func(h Hit) bool { return !strings.Contains(strings.ToLower(h.Text), "xã hội") }},
		} {
			res := doSearch(t, ix, c.q, 100)
			if res.Total == 0 {
				t.Errorf("%q: no hits", c.q)
			}
			for _, h := range res.Hits {
				if !c.pass(h) {
					t.Errorf("%q: hit %s (%s, %s) should not pass", c.q, h.ID, h.Province, h.District)
				}
			}
		}
	})

	t.Run("facets", func(t *testing.T) {
		res := doSearch(t, ix, "hoc tap", 5)
		got := map[string][]string{}
		for _, f := range res.Facets {
			for _, term := range f.Terms {
				got[f.Name] = append(got[f.Name], term.Term)
			}
		}
		for name, want := range map[string]string{"province": "Bình Dương", "district": "Thị xã Bến Cát", "year": "2030", "indicator": "life_skills", "type": "KH"} {
			if !slices.Contains(got[name], want) {
				t.Errorf("facet %s: %q lacks %q", name, got[name], want)
			}
		}
	})

	t.Run("bad queries", func(t *testing.T) {
		for _, q := range []string{"", "  ", `"unclosed`, `tinh:abc`, `year:abc`, `province:"Atlantis"`, `indicator:nope`,
			`value:>=60x`, `year:2030..2020`, `-hoc`, `province:`, `a*b`, `x"y`, strings.Repeat("a ", MaxQueryLen)} {
			_, err := ix.Search(context.Background(), Request{Query: q})
			if !errors.Is(err, ErrBadQuery) {
				t.Errorf("Search(%.40q) = %v, want ErrBadQuery", q, err)
			}
		}
		if _, err := ix.Search(context.Background(), Request{Query: "hoc", Limit: MaxLimit + 1}); !errors.Is(err, ErrBadQuery) {
			t.Errorf("a limit over MaxLimit: %v", err)
		}
	})
}

// sampleRecords extracts the sample corpus directly and returns the keys
// of the records that pass keep, sorted.
func sampleRecords(t *testing.T, keep func(targets.Record) bool) []string {
	t.Helper()
	docs, err := corpus.Sample()
	if err != nil {
		t.Fatal(err)
	}
	all, err := pipeline.Extract(context.Background(), docs, nil)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, r := range all.Records {
		if keep(r) {
			out = append(out, recordKey(r))
		}
	}
	slices.Sort(out)
	return out
}

func recordKey(r targets.Record) string {
	return fmt.Sprintf("%s %d-%d %s %g %d", r.Doc, r.Start, r.End, r.Indicator, r.Value, r.Year)
}

func TestDiacriticsRankExactFirst(t *testing.T) {
	ix, err := Open(t.TempDir(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	var docs []*corpus.Document
	for i, text := range []string{
		"Kế hoạch của huyện. Người dân góp tiền bạc cho quỹ khuyến học của xã.",
		"Kế hoạch của huyện. Các bác sĩ tham gia lớp học tập cộng đồng.",
		"Kế hoạch của huyện. Tỉnh Bắc Ninh xây dựng xã hội học tập.",
	} {
		d, err := corpus.NewDocument(fmt.Sprintf("doc%d.txt", i), []byte(text))
		if err != nil {
			t.Fatal(err)
		}
		docs = append(docs, d)
	}
	if _, err := ix.Ingest(context.Background(), DocumentSources(docs), IngestOptions{}); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		q     string
		first string
		total uint64
	}{
		{"bắc", "doc2.txt", 3},
		{"bạc", "doc0.txt", 3},
		{"bác", "doc1.txt", 3},
		{"bac", "", 3},
	} {
		res := doSearch(t, ix, c.q, 10)
		if res.Total != c.total {
			t.Errorf("%q: %d hits, want %d", c.q, res.Total, c.total)
		}
		if c.first != "" && (len(res.Hits) == 0 || res.Hits[0].Name != c.first) {
			var names []string
			for _, h := range res.Hits {
				names = append(names, h.Name)
			}
			t.Errorf("%q: hits %q, want %s first", c.q, names, c.first)
		}
	}
}

// writeFiles writes name → content into dir.
func writeFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, content := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

const planA = `ỦY BAN NHÂN DÂN
TỈNH BẮC NINH
Số: 12/KH-UBND
Bắc Ninh, ngày 3 tháng 5 năm 2022
KẾ HOẠCH
Xây dựng xã hội học tập giai đoạn 2021-2030
Mục tiêu đến năm 2025: 60% số người trong độ tuổi lao động được trang bị kỹ năng sống; chữ riêng alphaword.
`

// newIndex opens a new index, closed when the test ends.
func newIndex(t *testing.T) *Index {
	t.Helper()
	ix, err := Open(filepath.Join(t.TempDir(), "idx"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	return ix
}

func ingestDir(t *testing.T, ix *Index, dir string, prune bool) *Summary {
	t.Helper()
	srcs, err := FileSources(corpus.Loader{}, []string{dir})
	if err != nil {
		t.Fatal(err)
	}
	sum, err := ix.Ingest(context.Background(), srcs, IngestOptions{Prune: prune})
	if err != nil {
		t.Fatal(err)
	}
	return sum
}

func counts(s *Summary) string {
	return fmt.Sprintf("added %d updated %d skipped %d failed %d pruned %d", s.Added, s.Updated, s.Skipped, s.Failed, s.Pruned)
}

func TestIncremental(t *testing.T) {
	dir := t.TempDir()
	ix, err := Open(filepath.Join(t.TempDir(), "idx"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	writeFiles(t, dir, map[string]string{
		"a.txt":      planA,
		"b.txt":      strings.ReplaceAll(planA, "alphaword", "betaword"),
		"empty.txt":  "",
		"broken.pdf": "%PDF-1.4\n1 0 obj\n<<>>\nendobj\n%%EOF\n",
		"image.png":  "\x89PNG\r\n\x1a\nxxxx",
	})
	hits := func(q string) uint64 { return doSearch(t, ix, q, 1).Total }

	if got, want := counts(ingestDir(t, ix, dir, false)), "added 2 updated 0 skipped 0 failed 2 pruned 0"; got != want {
		t.Errorf("first ingest: %s, want %s", got, want)
	}
	before, _ := ix.Stats()
	if hits("alphaword") != 1 || hits("betaword") != 1 {
		t.Errorf("alphaword %d, betaword %d hits; want 1 each", hits("alphaword"), hits("betaword"))
	}

	// Nothing changed: nothing is indexed, and a file that failed after
	// it was read is not tried again (one that could not be read, like
	// the empty file, is: that costs nothing).
	sum := ingestDir(t, ix, dir, false)
	if got, want := counts(sum), "added 0 updated 0 skipped 2 failed 2 pruned 0"; got != want {
		t.Errorf("second ingest: %s, want %s", got, want)
	}
	if sum.Documents+sum.Passages+sum.Targets != 0 {
		t.Errorf("second ingest wrote %d documents, %d passages, %d targets", sum.Documents, sum.Passages, sum.Targets)
	}
	if len(sum.Failures) != 2 || !sum.Failures[0].Unchanged || sum.Failures[1].Unchanged ||
		!strings.Contains(sum.Failures[1].Reason, "empty") || filepath.Base(sum.Failures[0].Path) != "broken.pdf" {
		t.Errorf("failures: %+v", sum.Failures)
	}
	if after, _ := ix.Stats(); after != before {
		t.Errorf("stats changed: %+v → %+v", before, after)
	}

	// A changed file is replaced; a fixed failure is indexed.
	writeFiles(t, dir, map[string]string{
		"a.txt":     strings.ReplaceAll(planA, "alphaword", "gammaword"),
		"empty.txt": strings.ReplaceAll(planA, "alphaword", "deltaword"),
	})
	if got, want := counts(ingestDir(t, ix, dir, false)), "added 0 updated 2 skipped 1 failed 1 pruned 0"; got != want {
		t.Errorf("third ingest: %s, want %s", got, want)
	}
	if hits("alphaword") != 0 || hits("gammaword") != 1 || hits("deltaword") != 1 {
		t.Errorf("after the update: alphaword %d, gammaword %d, deltaword %d hits", hits("alphaword"), hits("gammaword"), hits("deltaword"))
	}
	if s, _ := ix.Stats(); s.Documents != 3 || s.Failed != 1 || s.Files != 4 {
		t.Errorf("stats after the update: %+v", s)
	}

	// A copy of a file under another name shares its documents; pruning
	// one keeps them for the other.
	writeFiles(t, dir, map[string]string{"b-copy.txt": strings.ReplaceAll(planA, "alphaword", "betaword")})
	ingestDir(t, ix, dir, false)
	os.Remove(filepath.Join(dir, "b.txt"))
	if got, want := counts(ingestDir(t, ix, dir, true)), "added 0 updated 0 skipped 3 failed 1 pruned 1"; got != want {
		t.Errorf("prune: %s, want %s", got, want)
	}
	if hits("betaword") != 1 {
		t.Errorf("betaword: %d hits after pruning its copy, want 1", hits("betaword"))
	}
	os.Remove(filepath.Join(dir, "b-copy.txt"))
	ingestDir(t, ix, dir, true)
	if hits("betaword") != 0 {
		t.Errorf("betaword: %d hits after pruning both copies, want 0", hits("betaword"))
	}
	files, err := ix.Files()
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, f := range files {
		names = append(names, filepath.Base(f.Path))
	}
	if want := []string{"a.txt", "broken.pdf", "empty.txt"}; !slices.Equal(names, want) {
		t.Errorf("files %q, want %q", names, want)
	}
	// Nothing orphaned: every passage and target belongs to a document.
	s, _ := ix.Stats()
	if s.Documents != 2 {
		t.Errorf("documents: %d, want 2", s.Documents)
	}
	for _, kind := range []string{kindPassage, kindTarget} {
		ids := map[string]bool{}
		ix.each(kindQuery(kind), nil, func(id string, f map[string]any) error {
			ids[entryDocID(id)] = true
			return nil
		})
		if len(ids) != 2 {
			t.Errorf("%s entries belong to %d documents, want 2", kind, len(ids))
		}
	}
}

func TestOpenErrors(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "idx")
	if _, err := Open(dir, Options{NoCreate: true}); !errors.Is(err, ErrNoIndex) {
		t.Errorf("NoCreate on a missing index: %v", err)
	}
	ix, err := Open(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	_, err = Open(dir, Options{})
	if !errors.Is(err, ErrInUse) || !strings.Contains(err.Error(), fmt.Sprintf("PID %d", os.Getpid())) {
		t.Errorf("second Open: %v, want ErrInUse naming PID %d", err, os.Getpid())
	}
	ix.Close()
	ix, err = Open(dir, Options{NoCreate: true})
	if err != nil {
		t.Fatalf("reopen after Close: %v", err)
	}
	ix.Close()

	other := t.TempDir()
	writeFiles(t, other, map[string]string{"notes.txt": "x"})
	if _, err := Open(other, Options{}); !errors.Is(err, ErrNotIndex) {
		t.Errorf("a directory of other files: %v", err)
	}
	file := filepath.Join(other, "notes.txt")
	if _, err := Open(file, Options{}); !errors.Is(err, ErrNotIndex) {
		t.Errorf("a file: %v", err)
	}
	os.WriteFile(filepath.Join(dir, "chitieu.json"), []byte(`{"format": 999}`), 0o644)
	if _, err := Open(dir, Options{}); !errors.Is(err, ErrFormat) {
		t.Errorf("another format: %v", err)
	}
}

func TestDocuments(t *testing.T) {
	ix := openSample(t)
	docs, err := ix.Documents(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, d := range docs {
		got[seedOf(d.Name)+"#"+fmt.Sprint(strings.Contains(d.ID, "#"))] += d.Locality + " " + strings.Join(d.Programmes, ",") + ";"
	}
	for k, want := range map[string]string{
		"004#false": "Tỉnh Bắc Ninh 1373/QĐ-TTg;",
		"003#false": "Thành phố Hồ Chí Minh 387/QĐ-TTg;",
	} {
		if got[k] != want {
			t.Errorf("%s: %q, want %q", k, got[k], want)
		}
	}
	if !strings.Contains(got["002#true"], "Thị xã Bến Cát 1373/QĐ-TTg,387/QĐ-TTg,677/QĐ-TTg;") {
		t.Errorf("002: %q", got["002#true"])
	}
	if len(docs) != 6 {
		t.Errorf("%d documents, want 6", len(docs))
	}
	// Each document reads back with its text, and its records point into
	// it.
	nrec := 0
	for _, d := range docs {
		doc, err := ix.Document(context.Background(), d.ID)
		if err != nil {
			t.Fatal(err)
		}
		recs, err := ix.Targets(context.Background(), TargetFilter{DocID: d.ID})
		if err != nil {
			t.Fatal(err)
		}
		if len(recs) != d.Targets || len(doc.Pages) == 0 {
			t.Errorf("%s: %d records, summary says %d; %d pages", d.ID, len(recs), d.Targets, len(doc.Pages))
		}
		for _, r := range recs {
			nrec++
			if r.DocID != d.ID || doc.Text[r.Start-doc.Start:r.End-doc.Start] != r.Text {
				t.Errorf("%s: record %d-%d is not its text", d.ID, r.Start, r.End)
			}
		}
	}
	if nrec != 77 {
		t.Errorf("%d records over the documents, want 77", nrec)
	}
	if _, err := ix.Document(context.Background(), "../../etc/passwd"); !errors.Is(err, ErrNotFound) {
		t.Errorf("an unknown document: %v", err)
	}
}

func TestCheckRepair(t *testing.T) {
	ix := openSample(t)
	ctx := context.Background()
	rep, err := ix.Check(ctx, false)
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Problems) != 0 || rep.Documents != 6 || rep.Targets != 77 || rep.Files != 5 {
		t.Fatalf("a fresh index: %+v", rep)
	}
	st, err := ix.Status()
	if err != nil || st.Last == nil || st.Last.Summary.Added != 5 || st.Documents != 6 {
		t.Fatalf("status %+v, %v", st, err)
	}
	// Break it: a passage of seed 004 lost, a target of a document no
	// file holds.
	b := ix.bleve.NewBatch()
	b.Delete(passageID(sampleDocID, 3))
	b.Index(targetID("feedface", 0), targetEntry{DocFields: DocFields{Kind: kindTarget, DocID: "feedface"}, Indicator: "clc_ict"})
	if err := ix.bleve.Batch(b); err != nil {
		t.Fatal(err)
	}
	rep, err = ix.Check(ctx, false)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, p := range rep.Problems {
		got = append(got, p.DocID[:8]+": "+p.What)
	}
	want := []string{"bf4718f3: 21 passage entries, the file's record says 22", "feedface: 1 target entries of a document no file holds"}
	if !slices.Equal(got, want) {
		t.Fatalf("problems %q, want %q", got, want)
	}
	if rep, err = ix.Check(ctx, true); err != nil || !rep.Problems[0].Fixed {
		t.Fatalf("repair: %+v, %v", rep, err)
	}
	if rep, _ = ix.Check(ctx, false); len(rep.Problems) != 0 {
		t.Errorf("after repair: %+v", rep.Problems)
	}
	// The next ingest puts the forgotten file back.
	docs, _ := corpus.Sample()
	sum, err := ix.Ingest(ctx, DocumentSources(docs), IngestOptions{})
	if err != nil || sum.Added != 1 || sum.Skipped != 4 {
		t.Fatalf("ingest after repair: %+v, %v", sum, err)
	}
	if rep, _ = ix.Check(ctx, false); len(rep.Problems) != 0 || rep.Targets != 77 {
		t.Errorf("after the ingest: %+v", rep)
	}
}

// sampleDocID is seed 004's document ID.
const sampleDocID = "bf4718f31402df96dde3a968d4cf43374a2161f6ed0f7a1321913a99890c7058"

// TestCommune2025Province finds a plan of one of the communes of 1 July
// 2025 (which has no province of the 63) by the province whose name its
// 2025 province carries, beside an old commune's plan.
func TestCommune2025Province(t *testing.T) {
	ix, err := Open(t.TempDir(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	ingestDir(t, ix, "../testdata/audit", false)
	for _, tc := range []struct {
		q    string
		want []string // localities of the hits
	}{
		{`kỹ năng sống province:"Tây Ninh"`, []string{"Xã Cần Giuộc"}},
		{`kỹ năng sống province:"Long An"`, []string{"Huyện Cần Giuộc", "Thị trấn Cần Giuộc"}},
		{`kỹ năng sống province:"Tuyên Quang"`, []string{"Xã Ngọc Long"}},
		{`kỹ năng sống province:"Hà Giang"`, []string{"Xã Ngọc Long"}},
	} {
		res := doSearch(t, ix, tc.q, 50)
		var got []string
		for _, h := range res.Hits {
			if !slices.Contains(got, h.Locality) {
				got = append(got, h.Locality)
			}
		}
		slices.Sort(got)
		if !slices.Equal(got, tc.want) {
			t.Errorf("%s: localities %q, want %q", tc.q, got, tc.want)
		}
	}
}

func TestPlanYears(t *testing.T) {
	recs := []targets.Record{{Year: 2035}, {Year: 0}}
	for _, tc := range []struct{ title, want string }{
		{"Xây dựng xã hội học tập giai đoạn 2021-2030", "2021 2022 2023 2024 2025 2026 2027 2028 2029 2030 2035"},
		{"Kế hoạch năm 2024", "2024 2035"},
		{"Kế hoạch 2021 – 2025 và định hướng đến năm 2030", "2021 2022 2023 2024 2025 2030 2035"},
		{"Giai đoạn 1990-2030", "1990 2030 2035"}, // no period of forty years
		{"", "2035"},
	} {
		if got := strings.Join(planYears(tc.title, recs), " "); got != tc.want {
			t.Errorf("planYears(%q) = %q, want %q", tc.title, got, tc.want)
		}
	}
}

// TestYearFindsPlans is the README's example: passages of a plan for
// 2021-2030 are found by year:2030 though none states a target for it.
func TestYearFindsPlans(t *testing.T) {
	ix := openSample(t)
	res := doSearch(t, ix, `"xã hội học tập" province:"Bắc Ninh" year:2030`, 10)
	if res.Total == 0 {
		t.Fatal("no passage for the README's example")
	}
	if res := doSearch(t, ix, `"xã hội học tập" province:"Bắc Ninh" year:2040`, 10); res.Total != 0 {
		t.Errorf("year:2040 finds %d passages", res.Total)
	}
}
