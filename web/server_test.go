package web

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/chitieu/chitieu/compare"
	"github.com/chitieu/chitieu/corpus"
	"github.com/chitieu/chitieu/extract/gazetteer"
	"github.com/chitieu/chitieu/extract/rules"
	"github.com/chitieu/chitieu/extract/targets"
	"github.com/chitieu/chitieu/index"
)

// hostile is a plan whose text tries to run script in the pages.
const hostile = `ỦY BAN NHÂN DÂN
TỈNH LẠNG SƠN
Số: 9/KH-UBND
Lạng Sơn, ngày 1 tháng 3 năm 2022
KẾ HOẠCH <script>alert(1)</script> "><img src=x onerror=alert(2)>
Mục tiêu đến năm 2025: 55% số người trong độ tuổi lao động được trang bị kỹ năng sống <script>alert(3)</script>.
`

// testServer returns a server of the sample corpus plus a hostile plan,
// and the hostile plan's document ID.
func testServer(t *testing.T) (http.Handler, string) {
	t.Helper()
	ix, id := testIndex(t)
	s, err := New(ix, Options{})
	if err != nil {
		t.Fatal(err)
	}
	return s.Handler(), id
}

// testIndex returns an index of the sample corpus plus a hostile plan, and
// the hostile plan's document ID.
func testIndex(t *testing.T) (*index.Index, string) {
	t.Helper()
	ix, err := index.Open(t.TempDir(), index.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	docs, err := corpus.Sample()
	if err != nil {
		t.Fatal(err)
	}
	h, err := corpus.NewDocument("sample:hostile.txt", []byte(hostile))
	if err != nil {
		t.Fatal(err)
	}
	docs = append(docs, h)
	if _, err := ix.Ingest(context.Background(), index.DocumentSources(docs), index.IngestOptions{}); err != nil {
		t.Fatal(err)
	}
	return ix, h.ID
}

// serverWith ingests the files at paths into ix and serves it.
func serverWith(t *testing.T, ix *index.Index, paths ...string) http.Handler {
	t.Helper()
	srcs, err := index.FileSources(corpus.Loader{}, paths)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ix.Ingest(context.Background(), srcs, index.IngestOptions{}); err != nil {
		t.Fatal(err)
	}
	s, err := New(ix, Options{})
	if err != nil {
		t.Fatal(err)
	}
	return s.Handler()
}

func get(h http.Handler, target string, cookies ...*http.Cookie) *httptest.ResponseRecorder {
	req := httptest.NewRequest("GET", target, nil)
	for _, c := range cookies {
		req.AddCookie(c)
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

// sampleDocID is seed 004's document ID.
const sampleDocID = "bf4718f31402df96dde3a968d4cf43374a2161f6ed0f7a1321913a99890c7058"

func TestHandlers(t *testing.T) {
	h, hostileID := testServer(t)
	long := strings.Repeat("a", maxQuery+1)
	for _, c := range []struct {
		target string
		status int
		ctype  string
		has    []string
		hasNot []string
	}{
		{"/", 200, "text/html", []string{`<form class="search"`, `lang="vi"`, "Tìm kiếm"}, nil},
		{"/?q=nang+luc+thong+tin", 200, "text/html", []string{"<mark>năng lực thông tin</mark>", `class="facet"`, "Bình Dương", "kết quả", `title="info_competence">Người trong độ tuổi lao động được trang bị năng lực thông tin</a>`}, nil},
		{"/?q=nang+luc+thong+tin&offset=10", 200, "text/html", []string{`rel="prev"`, `<ol start="11">`}, nil},
		{"/?q=%22unclosed", 400, "text/html", []string{"unclosed quote"}, nil},
		{"/?q=" + long, 400, "text/html", []string{"longer than"}, nil},
		{"/?q=hoc&offset=-1", 400, "text/html", nil, nil},
		{"/?q=alert", 200, "text/html", []string{"&lt;script&gt;<mark>alert</mark>(1)&lt;/script&gt;", "onerror=<mark>alert</mark>(2)&gt;"}, []string{"<script>", "<img"}},
		{"/doc/" + hostileID, 200, "text/html", []string{"&lt;script&gt;alert(1)&lt;/script&gt;", `<mark class="target"`, "life_skills"}, []string{"<script>alert", "<img src=x"}},
		{"/doc/" + sampleDocID, 200, "text/html", []string{"374/KH-UBND", "Tỉnh Bắc Ninh", `<mark class="target" id="t-`, `href="/file/` + sampleDocID}, nil},
		{"/doc/nope", 404, "text/html", []string{"404"}, nil},
		{"/file/" + sampleDocID, 200, "text/plain", []string{"374/KH-UBND"}, nil},
		{"/file/" + url.PathEscape("../../../../etc/passwd"), 404, "text/html", nil, []string{"root:"}},
		{"/file/%2e%2e%2f%2e%2e%2fetc%2fpasswd", 404, "text/html", nil, []string{"root:"}},
		{"/file/sample:..%2F..%2Fgo.mod", 404, "text/html", nil, []string{"module "}},
		{"/compare?year=2025", 200, "text/html", []string{`class="gap-`, `<svg class="chart"`, `href="/map?indicator=`, "Việt Nam (QĐ 1373, 387, 677)", `href="/doc/`, "/compare.csv?year=2025"}, nil},
		{"/compare?year=2030&level=district&as_of=2025-07-01", 200, "text/html", []string{"Thị xã Bến Cát", "Thành phố Hồ Chí Minh"}, nil},
		{"/compare?year=abc", 400, "text/html", nil, nil},
		{"/compare?indicator=nope", 400, "text/html", []string{"nope"}, nil},
		{"/compare?year=2025&indicator=info_competence&indicator=clc_ict", 200, "text/html", []string{`<th scope="row" title="info_competence">`, `<th scope="row" title="clc_ict">`, `name="indicator" value="clc_ict" checked`, "2 đã chọn"}, []string{`<th scope="row" title="life_skills">`, "<code>"}},
		{"/compare?level=village", 400, "text/html", nil, nil},
		{"/map?indicator=info_competence&year=2025", 200, "text/html", []string{`<svg class="map"`, `data-code="27"`, `<title>Bắc Ninh: 70%</title>`, "Việt Nam: 50%", "geoBoundaries", "QĐ. Hoàng Sa (Đà Nẵng)", `href="/province/27"`}, nil},
		{"/map?indicator=info_competence&year=2025&as_of=2025-07-01", 200, "text/html", []string{`data-code="96"`, `href="/province/24?list=2025"`}, []string{`data-code="02"`}},
		{"/map?indicator=nope", 400, "text/html", nil, nil},
		{"/map?indicator=literacy_level", 400, "text/html", nil, nil},
		{"/map?year=12", 400, "text/html", nil, nil},
		{"/province/24?list=2025", 200, "text/html", []string{"Tỉnh Bắc Ninh", "Bắc Giang, Bắc Ninh", "374/KH-UBND"}, nil},
		{"/province/99?list=2025", 404, "text/html", nil, nil},
		{"/compare.csv?year=2025", 200, "text/csv", []string{"\ufeffindicator,label,year,"}, nil},
		{"/compare.xlsx?year=2025", 200, "application/vnd.openxmlformats", []string{"PK"}, nil},
		{"/audit", 200, "text/html", []string{"Tự mâu thuẫn", "self-contradiction", "vừa phấn đấu đạt vừa duy trì", "Tiếp tục duy trì đạt chuẩn xóa mù chữ cấp thị xã", `href="/doc/`}, nil},
		{"/audit?as_of=July", 400, "text/html", nil, nil},
		{"/?q=h%E1%BB%8Dc+t%E1%BA%ADp", 200, "text/html", []string{`<span class="current" aria-current="page">1</span>`, `href="/search.csv?q=`}, nil},
		{"/search.csv?q=n%C4%83ng+l%E1%BB%B1c+th%C3%B4ng+tin", 200, "text/csv", []string{"\ufeffrank,doc,doc_number", "năng lực thông tin"}, nil},
		{"/search.csv?q=", 400, "text/html", nil, nil},
		{"/audit?rule=missing-from-child", 200, "text/html", []string{`class="silent"`, "Kế hoạch này không có chỉ tiêu đó.", `href="/audit.csv?rule=missing-from-child"`}, nil},
		{"/audit.csv?rule=missing-from-child", 200, "text/csv", []string{"\ufeffrule,severity,locality", "missing-from-child,warning,Thị xã Bến Cát"}, []string{"self-contradiction"}},
		{"/audit.csv?severity=bad", 400, "text/html", nil, nil},
		{"/api/search?q=hoa&facets=1", 200, "application/json", []string{`"hits"`, `"facets"`}, nil},
		{"/api/search?q=%22", 400, "application/json", []string{`"error"`, "unclosed quote"}, nil},
		{"/api/search?q=hoa&limit=1000", 400, "application/json", []string{`"error"`}, nil},
		{"/api/docs/" + sampleDocID, 200, "application/json", []string{`"records"`, `"text"`, "374/KH-UBND"}, nil},
		{"/api/docs/nope", 404, "application/json", []string{`"error"`}, nil},
		{"/api/targets?indicator=clc_ict&year=2030&min=70", 200, "application/json", []string{`"clc_ict"`}, nil},
		{"/api/targets?min=many", 400, "application/json", []string{`"error"`}, nil},
		{"/api/targets?indicator=nope", 400, "application/json", nil, nil},
		{"/api/compare?year=2030", 200, "application/json", []string{`"columns"`, `"rows"`}, nil},
		{"/api/audit?rule=copy-down", 200, "application/json", []string{`"copy-down"`}, []string{`"self-contradiction"`}},
		{"/api/nope", 404, "application/json", []string{`"error"`}, nil},
		{"/nope", 404, "text/html", nil, nil},
		{"/static/style.css", 200, "text/css", []string{"mark.target"}, nil},
	} {
		rec := get(h, c.target)
		body := rec.Body.String()
		if rec.Code != c.status || !strings.HasPrefix(rec.Header().Get("Content-Type"), c.ctype) {
			t.Errorf("GET %.80s: %d %s, want %d %s\n%.300s", c.target, rec.Code, rec.Header().Get("Content-Type"), c.status, c.ctype, body)
			continue
		}
		for _, s := range c.has {
			if !strings.Contains(body, s) {
				t.Errorf("GET %.80s: body lacks %q", c.target, s)
			}
		}
		for _, s := range c.hasNot {
			if strings.Contains(body, s) {
				t.Errorf("GET %.80s: body has %q", c.target, s)
			}
		}
		if strings.HasPrefix(c.ctype, "application/json") && !json.Valid(rec.Body.Bytes()) {
			t.Errorf("GET %.80s: not JSON", c.target)
		}
	}
}

// TestHostileQueries checks that no query, however long or strange, gives
// anything but a page or a 400.
func TestHostileQueries(t *testing.T) {
	h, _ := testServer(t)
	for _, q := range []string{
		"", " ", `"`, `""`, "-", "--", "*", "~", "a*b*", "year:", "year:>", "value:..", "province:\"\"", "\x00", "\xff\xfe",
		"<script>alert(1)</script>", "' OR 1=1 --", "%", "%%", "\u202e", strings.Repeat("(", 500), strings.Repeat("\"a\" ", 400),
		strings.Repeat("hoc ", 600), "indicator:" + strings.Repeat("x,", 900), "year:1e309", "value:-0..0", "district:\"Bến\"Cát\"",
	} {
		for _, path := range []string{"/?q=", "/api/search?q="} {
			rec := get(h, path+url.QueryEscape(q))
			if rec.Code != 200 && rec.Code != 400 {
				t.Errorf("GET %s%.40q: %d", path, q, rec.Code)
			}
		}
	}
	req := httptest.NewRequest("POST", "/", strings.NewReader(strings.Repeat("x", 1<<20)))
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	if rec.Code != http.StatusMethodNotAllowed {
		t.Errorf("POST /: %d, want 405", rec.Code)
	}
}

func TestLanguage(t *testing.T) {
	h, _ := testServer(t)
	rec := get(h, "/lang?to=en&back=/audit")
	if rec.Code != http.StatusSeeOther || rec.Header().Get("Location") != "/audit" {
		t.Fatalf("toggle: %d to %q", rec.Code, rec.Header().Get("Location"))
	}
	cookies := rec.Result().Cookies()
	if len(cookies) != 1 || cookies[0].Value != "en" {
		t.Fatalf("cookies %v", cookies)
	}
	body := get(h, "/audit", cookies...).Body.String()
	for _, want := range []string{`lang="en"`, "Self-contradiction", ">Search<", "Tiếng Việt"} {
		if !strings.Contains(body, want) {
			t.Errorf("English audit page lacks %q", want)
		}
	}
	for _, back := range []string{"//evil.example/", "https://evil.example/", "/\\evil.example", "javascript:alert(1)"} {
		rec := get(h, "/lang?to=en&back="+url.QueryEscape(back))
		if loc := rec.Header().Get("Location"); loc != "/" {
			t.Errorf("back=%q redirects to %q, want /", back, loc)
		}
	}
}

// TestMessages checks that every message has both languages and every
// key the templates use exists.
func TestMessages(t *testing.T) {
	for k, m := range messages {
		if m[0] == "" || m[1] == "" {
			t.Errorf("message %q lacks a language: %q", k, m)
		}
	}
	h, _ := testServer(t)
	for _, target := range []string{"/", "/?q=hoc+tap", "/compare", "/audit", "/doc/" + sampleDocID, "/doc/nope"} {
		for _, lang := range []string{"vi", "en"} {
			body, _ := io.ReadAll(get(h, target, &http.Cookie{Name: "lang", Value: lang}).Body)
			// A missing key shows as itself: snake_case words in the text.
			for _, k := range []string{"search_help", "no_results", "unknown_place", "other_lang", "sev_"} {
				if strings.Contains(string(body), ">"+k) || strings.Contains(string(body), " "+k+"<") {
					t.Errorf("%s (%s) shows the key %q", target, lang, k)
				}
			}
		}
	}
}

// TestCompareCommunes shows communes from both sides of 1 July 2025 on the
// compare page, each column whose area changed with its note in the
// page's language.
func TestCompareCommunes(t *testing.T) {
	ix, err := index.Open(t.TempDir(), index.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	var docs []*corpus.Document
	for _, n := range []string{"reform_tt_cangiuoc_2023.txt", "reform_xa_cangiuoc_2025.txt", "reform_xa_ngoclong_2023.txt", "reform_xa_ngoclong_2025.txt"} {
		d, err := corpus.Load(filepath.Join("../testdata/audit", n))
		if err != nil {
			t.Fatal(err)
		}
		docs = append(docs, d)
	}
	if _, err := ix.Ingest(context.Background(), index.DocumentSources(docs), index.IngestOptions{}); err != nil {
		t.Fatal(err)
	}
	s, err := New(ix, Options{})
	if err != nil {
		t.Fatal(err)
	}
	h := s.Handler()
	w := get(h, "/compare?level=commune&as_of=2025-07-01")
	body := w.Body.String()
	for _, want := range []string{
		`<option value="commune" selected>`,
		"nay là một phần của Xã Cần Giuộc",
		"thành lập ngày 01/07/2025 từ Thị trấn Cần Giuộc",
		"Gồm kế hoạch trước 01/07/2025 (cùng địa bàn) của Xã Ngọc Long",
	} {
		if !strings.Contains(body, want) {
			t.Errorf("compare page (%d) lacks %q", w.Code, want)
		}
	}
	w = get(h, "/compare?level=commune&as_of=2025-07-01", &http.Cookie{Name: "lang", Value: "en"})
	if !strings.Contains(w.Body.String(), "part of Xã Cần Giuộc since 1 July 2025") {
		t.Errorf("English compare page lacks the English note")
	}
	if w := get(h, "/compare?level=village"); w.Code != http.StatusBadRequest {
		t.Errorf("level=village: %d", w.Code)
	}
}

// TestGap colours a cell by its gap to the national reference, never by
// its raw value, and marks a figure that counts other units.
func TestGap(t *testing.T) {
	v := func(x float64) *float64 { return &x }
	rec := func(cmp rules.Cmp) *targets.Record { return &targets.Record{Cmp: cmp} }
	ref := &compare.Reference{Value: 70, Unit: rules.Percent, Basis: "people"}
	byProvince := &compare.Reference{Value: 70, Unit: rules.Percent, Basis: "provinces"}
	for _, tc := range []struct {
		name  string
		c     compare.Cell
		ref   *compare.Reference
		unit  rules.Unit
		class string
		note  bool
	}{
		{"far below", compare.Cell{Value: v(12), Record: rec(rules.Eq)}, ref, rules.Percent, "gap-m2", false},
		{"below", compare.Cell{Value: v(65), Record: rec(rules.Ge)}, ref, rules.Percent, "gap-m1", false},
		{"equal", compare.Cell{Value: v(70), Record: rec(rules.Eq)}, ref, rules.Percent, "gap-0", false},
		{"above", compare.Cell{Value: v(75), Record: rec(rules.Eq)}, ref, rules.Percent, "gap-p1", false},
		{"far above", compare.Cell{Value: v(95), Record: rec(rules.Eq)}, ref, rules.Percent, "gap-p2", false},
		{"no reference: no colour", compare.Cell{Value: v(12), Record: rec(rules.Eq)}, nil, rules.Percent, "", false},
		{"a level", compare.Cell{Value: v(2), Record: rec(rules.Eq)}, ref, rules.Level, "", false},
		{"a ceiling", compare.Cell{Value: v(90), Record: rec(rules.Le)}, ref, rules.Percent, "", false},
		{"the reference itself", compare.Cell{Value: v(70), Reference: ref}, ref, rules.Percent, "", false},
		{"other units", compare.Cell{Value: v(50), Record: rec(rules.Eq)}, byProvince, rules.Percent, "basis", true},
	} {
		class, note := gap(tc.c, tc.ref, tc.unit, 0)
		if class != tc.class || (note != "") != tc.note {
			t.Errorf("%s: %q %q, want %q (note %v)", tc.name, class, note, tc.class, tc.note)
		}
	}
}

// TestWordsNotIDs shows indicators, modalities and dates in the page's
// language, the IDs only in title attributes.
func TestWordsNotIDs(t *testing.T) {
	h, _ := testServer(t)
	en := &http.Cookie{Name: "lang", Value: "en"}
	for _, tc := range []struct {
		target  string
		cookies []*http.Cookie
		want    []string
		wantNot []string
	}{
		{"/compare?year=2025&indicator=info_competence", nil,
			[]string{`title="info_competence">Người trong độ tuổi lao động được trang bị năng lực thông tin</th>`}, []string{"<code>info_competence"}},
		{"/compare?year=2025&indicator=info_competence", []*http.Cookie{en},
			[]string{`title="info_competence">Working-age people with information competence</th>`}, nil},
		{"/doc/" + sampleDocID, nil, []string{"<dd>14/07/2022</dd>"}, []string{">strive<", ">achieve<", ">maintain<", "<dd>2022-07-14</dd>"}},
		{"/doc/" + sampleDocID, []*http.Cookie{en}, []string{"<dd>14 Jul 2022</dd>", "Working-age people with information competence"}, nil},
	} {
		body := get(h, tc.target, tc.cookies...).Body.String()
		for _, w := range tc.want {
			if !strings.Contains(body, w) {
				t.Errorf("%s (%d cookies): lacks %q", tc.target, len(tc.cookies), w)
			}
		}
		for _, w := range tc.wantNot {
			if strings.Contains(body, w) {
				t.Errorf("%s: has %q", tc.target, w)
			}
		}
	}
}

// TestPageMarks puts a marker where each page starts: on a line of its own
// between paragraphs, in the line where a sentence runs on, never as a
// blank gap inside the words.
func TestPageMarks(t *testing.T) {
	text := "Mục tiêu chung.\n\fPhấn đấu bảo\fđảm 90% trẻ em.\fHết."
	recs := []targets.Record{{Start: 100 + strings.Index(text, "Phấn"), End: 100 + strings.Index(text, "Hết")}}
	var b strings.Builder
	for _, s := range segments(text, 100, recs, -1, 4) {
		switch {
		case s.Page > 0 && s.Inline:
			fmt.Fprintf(&b, "[p%d inline]", s.Page)
		case s.Page > 0:
			fmt.Fprintf(&b, "[p%d]", s.Page)
		case s.Mark:
			b.WriteString("<" + s.Text + ">")
		default:
			b.WriteString(s.Text)
		}
	}
	// The breaks inside the marked sentence stay spaces (the mark and its
	// anchor are one element); the pages are still counted.
	if got := b.String(); got != "Mục tiêu chung.\n[p5]<Phấn đấu bảo đảm 90% trẻ em. >Hết." {
		t.Errorf("segments = %q", got)
	}
	plain := segments("Phấn đấu bảo\fđảm 90% trẻ em.\n\fHết.", 0, nil, -1, 1)
	var p strings.Builder
	for _, s := range plain {
		if s.Page > 0 {
			fmt.Fprintf(&p, "[p%d %v]", s.Page, s.Inline)
		} else {
			p.WriteString(s.Text)
		}
	}
	if p.String() != "Phấn đấu bảo[p2 true]đảm 90% trẻ em.\n[p3 false]Hết." {
		t.Errorf("plain segments = %q", p.String())
	}
}

// TestDocPageMarks shows a PDF of the sample with its page index and a
// marker at each page start.
func TestDocPageMarks(t *testing.T) {
	h, _ := testServer(t)
	docs, err := corpus.Sample()
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range docs {
		if !strings.HasSuffix(d.Name, ".pdf") {
			continue
		}
		body := get(h, "/doc/"+url.PathEscape(d.ID+"#1")).Body.String() // the plan, before the letter attached to it
		for _, want := range []string{`<nav class="pageindex"`, `<a href="#p-2">2</a>`, `id="p-1">— trang 1 —</span>`, `id="p-2"`} {
			if !strings.Contains(body, want) {
				t.Errorf("%s: lacks %q", d.Name, want)
			}
		}
		if strings.Contains(body, "\f") {
			t.Errorf("%s: a raw page break", d.Name)
		}
		return
	}
	t.Fatal("no PDF in the sample")
}

func TestPageLinks(t *testing.T) {
	render := func(ls []pageLink) string {
		var parts []string
		for _, l := range ls {
			switch {
			case l.Gap:
				parts = append(parts, "…")
			case l.Current:
				parts = append(parts, fmt.Sprintf("[%d]", l.N))
			default:
				parts = append(parts, strconv.Itoa(l.N))
			}
		}
		return strings.Join(parts, " ")
	}
	for _, tc := range []struct {
		offset int
		total  uint64
		want   string
	}{
		{0, 5, ""},
		{0, 25, "[1] 2 3"},
		{0, 200, "[1] 2 3 4 … 20"},
		{100, 200, "1 … 8 9 10 [11] 12 13 14 … 20"},
		{190, 200, "1 … 17 18 19 [20]"},
		{0, 1 << 40, "[1] 2 3 4 … 1001"}, // no page past the offset limit
	} {
		if got := render(pageLinks("q", tc.offset, tc.total)); got != tc.want {
			t.Errorf("pageLinks(%d, %d) = %q, want %q", tc.offset, tc.total, got, tc.want)
		}
	}
}

// TestOverview shows the corpus on the home page and a province's plans
// on its page.
func TestOverview(t *testing.T) {
	h, _ := testServer(t)
	body := get(h, "/").Body.String()
	for _, want := range []string{`<section class="overview">`, "Văn bản theo tỉnh và năm ban hành", `<a href="/province/74">Bình Dương</a>`,
		`<a href="/province/27">Bắc Ninh</a>`, "<th>2022</th>", "Theo loại văn bản", `href="/?q=type%3AKH"`, "Mới nhất", "Chưa rõ tỉnh"} {
		if !strings.Contains(body, want) {
			t.Errorf("home page lacks %q", want)
		}
	}
	if strings.Contains(body, `class="count"`) {
		t.Error("home page shows a result count with no query")
	}
	rec := get(h, "/province/74")
	body = rec.Body.String()
	for _, want := range []string{"<h1>Bình Dương", "Cấp tỉnh", "Cấp huyện", "68/KH-UBND", "Thị xã Bến Cát", `title="life_skills"`} {
		if !strings.Contains(body, want) {
			t.Errorf("/province/74 (%d) lacks %q", rec.Code, want)
		}
	}
	if rec := get(h, "/province/99"); rec.Code != http.StatusNotFound {
		t.Errorf("/province/99: %d", rec.Code)
	}

	// Files that failed are counted in the heading, linked to their
	// reasons.
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "hỏng.pdf"), []byte("%PDF-1.4\n1 0 obj\n<<>>\nendobj\n%%EOF\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "plan.txt"), []byte(hostile), 0o644)
	ix, err := index.Open(t.TempDir(), index.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	h = serverWith(t, ix, dir)
	body = get(h, "/").Body.String()
	for _, want := range []string{`<a href="#failures">1 tệp không đọc được</a>`, `id="failures"`, "hỏng.pdf", "Kho văn bản: 1 văn bản"} {
		if !strings.Contains(body, want) {
			t.Errorf("home page with a failed file lacks %q", want)
		}
	}
	// The documents are read again after a write.
	more := t.TempDir()
	os.WriteFile(filepath.Join(more, "plan2.txt"), []byte(strings.ReplaceAll(hostile, "9/KH-UBND", "10/KH-UBND")+"\nMột đoạn riêng của kế hoạch thứ hai, khác hẳn."), 0o644)
	srcs, err := index.FileSources(corpus.Loader{}, []string{more})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ix.Ingest(context.Background(), srcs, index.IngestOptions{}); err != nil {
		t.Fatal(err)
	}
	if body := get(h, "/").Body.String(); !strings.Contains(body, "Kho văn bản: 2 văn bản") {
		i := strings.Index(body, "Kho văn bản")
		t.Errorf("after an ingest the home page says %.40q", body[max(i, 0):])
	}
}

// The map has one path per province of its geography, and every shape
// is a province the gazetteer knows.
func TestMap(t *testing.T) {
	geos, frame := mapShapes()
	g := gazetteer.Default()
	if frame[0] < 1000 || frame[1] < 1000 {
		t.Errorf("frame %v", frame)
	}
	for list, want := range map[string]int{"63": 63, "34": 34} {
		geo := geos[list]
		if len(geo.Shapes) != want {
			t.Errorf("%s: %d shapes", list, len(geo.Shapes))
		}
		for _, sh := range geo.Shapes {
			p := g.Place(sh.Code)
			if list == "34" {
				p = g.Place2025(sh.Code)
			}
			if p == nil || p.Level != gazetteer.Province || p.Name != sh.Name {
				t.Errorf("%s: shape %s %q is not a province (%v)", list, sh.Code, sh.Name, p)
			}
			if !strings.HasPrefix(sh.D, "M") || !strings.HasSuffix(sh.D, "z") {
				t.Errorf("%s %s: path %.20q…", list, sh.Code, sh.D)
			}
		}
	}
	h, _ := testServer(t)
	for _, c := range []struct {
		target string
		paths  int
		class  map[string]string // code → class
	}{
		// Bắc Ninh 70% and Bình Dương 50% against the nation's 50%.
		{"/map?indicator=info_competence&year=2025", 63, map[string]string{"27": "gap-p2", "74": "gap-0", "01": "nodata"}},
		// From 1 July 2025 Bắc Ninh (24) holds Bắc Giang, which has no
		// plan: not coloured; Hồ Chí Minh (79) holds Bình Dương's plan
		// but not Bà Rịa - Vũng Tàu's or its own.
		{"/map?indicator=info_competence&year=2025&as_of=2025-07-01", 34, map[string]string{"24": "plain", "79": "plain", "01": "nodata"}},
	} {
		body := get(h, c.target).Body.String()
		if n := strings.Count(body, `<path class="prov`); n != c.paths {
			t.Errorf("%s: %d paths, want %d", c.target, n, c.paths)
		}
		for code, class := range c.class {
			if !strings.Contains(body, `<path class="prov `+class+`" data-code="`+code+`"`) {
				t.Errorf("%s: province %s is not %s", c.target, code, class)
			}
		}
	}
}
