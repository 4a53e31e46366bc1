package htmltext

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

const fixtures = "../../testdata/fixtures"

// read reads a fixture, or with the prefix "sample/" a file of the sample
// corpus (the news and legal-library pages live there).
func read(t testing.TB, name string) []byte {
	t.Helper()
	path := filepath.Join(fixtures, name)
	if rest, ok := strings.CutPrefix(name, "sample/"); ok {
		path = filepath.Join("../../corpus/sample", rest)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func mustExtract(t *testing.T, b []byte) *Result {
	t.Helper()
	r, err := Extract(b)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// The news-portal pages keep the article and lose the menus, share bar,
// comments, related news, sidebar, footer and scripts.
func TestNewsPage(t *testing.T) {
	for _, name := range []string{"sample/000_5b0d46c1893f1883.news.html", "sample/003_3c3eae721d7a210b.news.html"} {
		r := mustExtract(t, read(t, name))
		// (Seed 003 itself ends with "Ý kiến bạn đọc" and "Tin khác",
		// scraped with it; the page's own sections are checked here.)
		for _, bad := range []string{"Trang chủ", "Tin tức - Sự kiện", "Đăng nhập", "Chia sẻ", "Facebook",
			"Kế hoạch rất thiết thực", "Hội nghị tổng kết", "Tin đọc nhiều", "Cơ quan chủ quản", "dataLayer", "querySelectorAll", "Gửi ý kiến"} {
			if strings.Contains(r.Text, bad) {
				t.Errorf("%s: main text holds page furniture %q", name, bad)
			}
		}
	}
	r := mustExtract(t, read(t, "sample/003_3c3eae721d7a210b.news.html"))
	for _, want := range []string{"Thứ Năm, ngày 6 tháng 10 năm 2022\nTPHCM: Phấn đấu 75% cộng đồng", "80% gia đình được công nhận đạt danh hiệu “Gia đình học tập”"} {
		if !strings.Contains(r.Text, want) {
			t.Errorf("003.news: text lacks %q", want)
		}
	}
	if !strings.HasPrefix(r.Title, "TPHCM: Phấn đấu 75%") {
		t.Errorf("title = %q", r.Title)
	}
}

// The legal-library page keeps its metadata table and the document's own
// header table, each cell on its own line.
func TestLegalPage(t *testing.T) {
	r := mustExtract(t, read(t, "sample/004_6a3900f99d23612a.legal.html"))
	for _, want := range []string{"Số hiệu\n374/KH-UBND\nNgày ban hành\n14/07/2022", "Cơ quan ban hành\nTỉnh Bắc Ninh",
		"ỦY BAN NHÂN DÂN\nTỈNH BẮC NINH", "Số: 374/KH-UBND\nBắc Ninh, ngày 14 tháng 7 năm 2022", "2.1. Mục tiêu đến năm 2025"} {
		if !strings.Contains(r.Text, want) {
			t.Errorf("text lacks %+q", want)
		}
	}
	for _, bad := range []string{"Văn bản liên quan", "Nghị định 24/2023", "Bản quyền", "Tiêu chuẩn Việt Nam"} {
		if strings.Contains(r.Text, bad) {
			t.Errorf("text holds furniture %q", bad)
		}
	}
}

func TestCharsets(t *testing.T) {
	plan := "Kế hoạch số 68/KH-UBND: mục tiêu đến năm 2025"
	tests := []struct {
		name    string
		page    []byte
		want    string
		charset string
	}{
		{"windows-1258 declared", read(t, "html/001.cp1258.html"), "Ban chỉ đạo xây dựng xã hội học tâp tỉnh", "windows-1258"},
		{"undeclared utf-8", []byte("<html><body><p>" + plan + "</p></body></html>"), plan, "utf-8"},
		// Declared windows-1252 but written in UTF-8: reading it as
		// declared would give "Káº¿ hoáº¡ch".
		{"mis-declared utf-8", []byte(`<html><head><meta charset="windows-1252"></head><body><p>` + plan + "</p></body></html>"), plan, "utf-8"},
		{"utf-8 bom", []byte("\xef\xbb\xbf<html><body><p>" + plan + "</p></body></html>"), plan, "utf-8"},
		{"utf-16le bom", utf16le("<html><body><p>" + plan + "</p></body></html>"), plan, "utf-16le"},
		{"meta after 1024 bytes", []byte("<html><head>" + strings.Repeat("<!-- padding -->", 100) + `<meta http-equiv="Content-Type" content="text/html; charset=windows-1258"></head><body><p>Vi` + "\xea\xf2t Nam</p></body></html>"), "Việt Nam", "windows-1258"},
		{"tcvn3 page", read(t, "legacy/000.tcvn3.html"), "tham dù cã l\u00b7nh", "windows-1252"},
	}
	for _, tt := range tests {
		r := mustExtract(t, tt.page)
		if !strings.Contains(r.Text, tt.want) || r.Charset != tt.charset {
			t.Errorf("%s: charset %q, text %+q; want %q containing %+q", tt.name, r.Charset, r.Text[:min(len(r.Text), 60)], tt.charset, tt.want)
		}
	}
}

func utf16le(s string) []byte {
	b := []byte{0xff, 0xfe}
	for _, r := range s {
		if r > 0xffff {
			panic("test string outside the BMP")
		}
		b = append(b, byte(r), byte(r>>8))
	}
	return b
}

// In a TCVN3 page, U+00AD is the letter ư and must survive extraction.
func TestSoftHyphenKept(t *testing.T) {
	r := mustExtract(t, []byte("<html><body><p>ng\u00ad\u00eai lao \u00ae\u00e9ng &shy;</p></body></html>"))
	if !strings.Contains(r.Text, "ng\u00ad\u00eai") {
		t.Errorf("text = %+q: the soft hyphen was dropped", r.Text)
	}
}

func TestBlocks(t *testing.T) {
	page := `<html><body><article>
<h1>KẾ HOẠCH</h1><p>Mục tiêu   chung<br>đến năm 2030</p>
<ul><li>50% người dân</li><li>70% trường học</li></ul>
<table><tr><td>Chỉ tiêu</td><td>2025</td></tr><tr><th>Năng lực thông tin</th><td>50%</td></tr></table>
<pre>dòng 1
dòng 2</pre><script>alert("x")</script><style>p{}</style><!-- comment -->
<p>Tổng <b>cộng</b> <i>hai</i> câu.</p></article></body></html>`
	// A table of figures reads as rows of cells; see TestTables.
	want := "KẾ HOẠCH\nMục tiêu chung\nđến năm 2030\n50% người dân\n70% trường học\nChỉ tiêu | 2025\nNăng lực thông tin | 50%\ndòng 1\ndòng 2\nTổng cộng hai câu."
	if got := mustExtract(t, []byte(page)).Text; got != want {
		t.Errorf("text =\n%s\nwant\n%s", got, want)
	}
}

// TestTables: a table of figures is one line per row with its cells
// between bars, as the target rules read tables; a document's layout
// table (its header in two columns, lines in each cell), a table of
// metadata with no figures and a table inside a table read as lines.
func TestTables(t *testing.T) {
	for _, tc := range []struct{ name, table, want string }{
		{"figures",
			`<table><thead><tr><th>STT</th><th>Chỉ tiêu</th><th>Năm 2025</th><th>Năm 2030</th></tr></thead>
<tbody><tr><td>1</td><td>Gia đình học tập</td><td>75</td><td>85</td></tr>
<tr><td>2</td><td>Dòng họ <b>học tập</b></td><td>68</td><td>80</td></tr></tbody></table>`,
			"STT | Chỉ tiêu | Năm 2025 | Năm 2030\n1 | Gia đình học tập | 75 | 85\n2 | Dòng họ học tập | 68 | 80"},
		{"layout header",
			`<table><tr><td><p>ỦY BAN NHÂN DÂN</p><p>TỈNH BẮC NINH</p></td><td><p>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</p><p>Độc lập - Tự do - Hạnh phúc</p></td></tr>
<tr><td>Số: 374/KH-UBND</td><td>Bắc Ninh, ngày 14 tháng 7 năm 2022</td></tr></table>`,
			"ỦY BAN NHÂN DÂN\nTỈNH BẮC NINH\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nSố: 374/KH-UBND\nBắc Ninh, ngày 14 tháng 7 năm 2022"},
		{"metadata", `<table><tr><td>Số hiệu</td><td>374/KH-UBND</td></tr><tr><td>Ngày ban hành</td><td>14/07/2022</td></tr></table>`,
			"Số hiệu\n374/KH-UBND\nNgày ban hành\n14/07/2022"},
		{"one row", `<table><tr><td>Tỷ lệ</td><td>50%</td></tr></table>`, "Tỷ lệ\n50%"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			page := "<html><body><article><p>Kế hoạch năm 2024 của huyện</p>" + tc.table + "<p>Hết.</p></article></body></html>"
			want := "Kế hoạch năm 2024 của huyện\n" + tc.want + "\nHết."
			if got := mustExtract(t, []byte(page)).Text; got != want {
				t.Errorf("text =\n%s\nwant\n%s", got, want)
			}
		})
	}
}

// Densest block: without <article> or <main>, the element whose paragraphs
// hold the text wins over link lists.
func TestDensestBlock(t *testing.T) {
	var links strings.Builder
	for i := 0; i < 30; i++ {
		links.WriteString(`<li><a href="/x">Liên kết số ` + strings.Repeat("dài ", 5) + `</a></li>`)
	}
	page := `<html><body><div id="left"><ul>` + links.String() + `</ul></div>
<div id="noidung"><h2>Kế hoạch năm 2023</h2><p>` + strings.Repeat("Phấn đấu 40% số người được trang bị kỹ năng sống. ", 10) + `</p><p>Đoạn thứ hai.</p></div></body></html>`
	r := mustExtract(t, []byte(page))
	if strings.Contains(r.Text, "Liên kết") || !strings.HasPrefix(r.Text, "Kế hoạch năm 2023\nPhấn đấu 40%") {
		t.Errorf("text = %+q", r.Text[:min(80, len(r.Text))])
	}
}

func TestEmpty(t *testing.T) {
	for _, page := range []string{"<html></html>", "<html><body><script>x()</script></body></html>", "<html><body><nav>menu</nav></body></html>"} {
		if _, err := Extract([]byte(page)); !errors.Is(err, ErrNoContent) {
			t.Errorf("Extract(%q) = %v, want %v", page, err, ErrNoContent)
		}
	}
}

func TestDeepNesting(t *testing.T) {
	for _, depth := range []int{400, 3000} {
		page := "<html><body>" + strings.Repeat("<div>", depth) + "<p>Mục tiêu sâu</p><script>x()</script>" + strings.Repeat("</div>", depth) + "</body></html>"
		r := mustExtract(t, []byte(page))
		if r.Text != "Mục tiêu sâu" {
			t.Errorf("depth %d: text = %+q", depth, r.Text)
		}
		if depth > 512 && len(r.Warnings) != 1 {
			t.Errorf("depth %d: warnings = %q, want one", depth, r.Warnings)
		}
	}
}

func FuzzExtract(f *testing.F) {
	for _, name := range []string{"sample/000_5b0d46c1893f1883.news.html", "sample/004_6a3900f99d23612a.legal.html", "html/001.cp1258.html", "legacy/000.tcvn3.html"} {
		f.Add(read(f, name))
	}
	f.Add([]byte("<html><body><table><tr><td>a<td>b</table><p>x<br>y"))
	f.Fuzz(func(t *testing.T, b []byte) {
		r, err := Extract(b)
		if err != nil {
			return
		}
		if !utf8.ValidString(r.Text) {
			t.Errorf("invalid UTF-8 in text")
		}
		if strings.Contains(r.Text, "\n\n") {
			t.Errorf("blank line in text: %+q", r.Text)
		}
	})
}
