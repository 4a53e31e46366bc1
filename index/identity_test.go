package index

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// planText is a plan of our own, as a commune might write it.
const planText = `Thực hiện Kế hoạch của Ủy ban nhân dân huyện về xây dựng xã hội học tập giai đoạn 2021-2030,
Ủy ban nhân dân xã ban hành Kế hoạch thực hiện trên địa bàn xã như sau. I. MỤC ĐÍCH, YÊU CẦU.
Nâng cao nhận thức của cán bộ, đảng viên và nhân dân về vai trò của học tập suốt đời; huy động
các nguồn lực của xã hội tham gia xây dựng xã hội học tập. II. CHỈ TIÊU. Đến năm 2025, 95% trung
tâm học tập cộng đồng hoạt động hiệu quả; 80% hộ gia đình được công nhận danh hiệu gia đình học tập;
100% thôn, ấp đạt danh hiệu cộng đồng học tập. Đến năm 2030 duy trì và nâng cao các kết quả đạt được,
phấn đấu 100% cán bộ, công chức xã được bồi dưỡng kiến thức, kỹ năng đáp ứng yêu cầu vị trí việc làm.
III. NHIỆM VỤ VÀ GIẢI PHÁP. Đẩy mạnh tuyên truyền; củng cố trung tâm học tập cộng đồng; phối hợp với
Hội Khuyến học xã tổ chức các lớp chuyên đề; kiểm tra, đánh giá kết quả hằng năm và báo cáo huyện.`

// asPDF is planText as a PDF's text layer gives it: broken lines, a page
// number and a running header in the middle.
func asPDF(s string) string {
	i := strings.Index(s, "II. CHỈ TIÊU")
	return strings.ReplaceAll(s[:i], " ", "\n") + "\n2\nKẾ HOẠCH XÃ HỘI HỌC TẬP\n" + s[i:]
}

func TestSameDocument(t *testing.T) {
	other := strings.Replace(planText, "xây dựng xã hội học tập", "phổ cập giáo dục", 1)
	other = `Báo Điện tử tỉnh đưa tin: hội nghị sơ kết công tác khuyến học, khuyến tài năm 2023 đã đánh giá
các kết quả, trong đó nhiều xã đã ban hành kế hoạch riêng; đại biểu đề nghị tăng cường kiểm tra, bổ sung
kinh phí cho các trung tâm học tập cộng đồng và nhân rộng mô hình gia đình học tập, dòng họ học tập.`
	type doc struct{ text, number, date, locality string }
	cases := []struct {
		name string
		a, b doc
		same bool
	}{
		{"the same plan typed and printed", doc{planText, "12/KH-UBND", "2023-03-01", "00859"}, doc{asPDF(planText), "12/KH-UBND", "2023-03-01", "00859"}, true},
		{"a header read differently from a legacy font", doc{planText, "12/KH-UBND", "2023-03-01", "00859"}, doc{asPDF(planText), "12/kh-ubnd", "2023-03-01", "80"}, true},
		{"the header lost in one file", doc{planText, "12/KH-UBND", "2023-03-01", "00859"}, doc{asPDF(planText), "", "", ""}, true},
		{"a commune copies another's plan under its own number", doc{planText, "12/KH-UBND", "2023-03-01", "00859"}, doc{planText, "20/KH-UBND", "2023-04-11", "00862"}, false},
		{"the same template, two communes, no numbers", doc{planText, "", "", "00859"}, doc{planText, "", "", "00862"}, false},
		{"a plan issued again with a new date", doc{planText, "", "2023-03-01", "00859"}, doc{planText, "", "2024-03-01", "00859"}, false},
		{"one act, its text unreadable in one file", doc{planText, "12/KH-UBND", "2023-03-01", "00859"}, doc{other, "12/KH-UBND", "2023-03-01", "00859"}, true},
		{"different texts, no header", doc{planText, "", "", ""}, doc{other, "", "", ""}, false},
		{"a news page quoting the plan's targets", doc{planText, "", "", ""}, doc{other + "\n" + planText[strings.Index(planText, "II."):strings.Index(planText, "III.")] + "\n" + other, "", "", ""}, false},
		{"a portal's page: the plan amid menus and links", doc{planText, "", "", ""}, doc{"Trang chủ | Tin tức | Văn bản\n" + planText + "\nTin liên quan: " + other[:200], "", "", ""}, true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			mk := func(id string, d doc) idDoc {
				x := idDoc{File: File{ID: id}, docType: "kh", number: key(d.number), date: d.date, locality: d.locality, sketch: sketch(d.text)}
				return x
			}
			g := groupCopies([]idDoc{mk("a", c.a), mk("b", c.b)})
			if got := len(g.groups["a"]) == 2; got != c.same {
				t.Errorf("same = %v, want %v (similarity %.2f)", got, c.same, similarity(sketch(c.a.text), sketch(c.b.text)))
			}
		})
	}
}

func TestSketch(t *testing.T) {
	if s := sketch("Kế hoạch số 12"); s != "" {
		t.Errorf("sketch of a short text = %q, want none", s)
	}
	a, b := sketch(planText), sketch(asPDF(planText))
	if len(a) != 8*sketchSize {
		t.Fatalf("sketch length %d", len(a))
	}
	// Diacritics and case do not matter: a legacy-encoded PDF decoded
	// with a tone in another place is still the same text.
	if s := similarity(a, sketch(strings.ToUpper(planText))); s != 1 {
		t.Errorf("similarity to the upper case text = %.2f, want 1", s)
	}
	if s := similarity(a, b); s < sameText {
		t.Errorf("similarity to the PDF form = %.2f, want ≥ %.2f", s, sameText)
	}
	if s := similarity(a, ""); s != 0 {
		t.Errorf("similarity to no sketch = %.2f", s)
	}
}

// seedForms are one plan (68/KH-UBND of Bến Cát, seed 002) in four files.
var seedForms = []string{
	"../testdata/seeds/002_c57fbb1e870047eb.txt",
	"../testdata/fixtures/html/002.html",
	"../testdata/fixtures/pdf/002.chromium.pdf",
	"../testdata/office/seed/002.docx",
}

func TestDocumentIdentity(t *testing.T) {
	ix := newIndex(t)
	ctx := context.Background()
	// The four forms and three other plans, in a directory of their own
	// so that one can be removed.
	dir := t.TempDir()
	var forms []string
	for _, p := range append(slices.Clone(seedForms), "../testdata/seeds/000_5b0d46c1893f1883.txt", "../testdata/audit/province_bacninh.txt", "../testdata/audit/district_tuson_copy.txt") {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		to := filepath.Join(dir, filepath.Base(p))
		if err := os.WriteFile(to, b, 0o644); err != nil {
			t.Fatal(err)
		}
		if slices.Contains(seedForms, p) {
			forms = append(forms, to)
		}
	}
	ingestDir(t, ix, dir, true)
	isForm := func(path string) bool { return strings.Contains(filepath.Base(path), "002") }

	// Search shows the plan once, with its other files.
	check := func(forms []string) {
		t.Helper()
		res, err := ix.Search(ctx, Request{Query: `"Bến Cát"`, Limit: 100})
		if err != nil {
			t.Fatal(err)
		}
		files := map[string]bool{}
		for _, h := range res.Hits {
			files[filepath.Base(h.Path)] = true
			if isForm(h.Path) && len(h.Also) != len(forms)-1 {
				t.Errorf("hit of %s: also %v, want the %d other forms", h.Path, h.Also, len(forms)-1)
			}
		}
		if len(files) != 1 {
			t.Errorf("the hits of \"Bến Cát\" come from %v, want one file of the plan", files)
		}
		recs, err := ix.Targets(ctx, TargetFilter{})
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for _, r := range recs {
			if isForm(r.Path) {
				n++
			}
		}
		if n != 28 {
			t.Errorf("%d targets of 68/KH-UBND, want its 28 once", n)
		}
		docs, err := ix.Documents(ctx)
		if err != nil {
			t.Fatal(err)
		}
		shown := 0
		for _, d := range docs {
			if !isForm(d.Path) {
				if d.CopyOf != "" || len(d.Also) > 0 {
					t.Errorf("%s (%s) is grouped with %s %v", d.Path, d.DocNumber, d.CopyOf, d.Also)
				}
				continue
			}
			if d.CopyOf == "" {
				shown++
			}
			if len(d.Also) != len(forms)-1 {
				t.Errorf("%s: also %v, want %d files", d.Path, d.Also, len(forms)-1)
			}
			doc, err := ix.Document(ctx, d.ID)
			if err != nil {
				t.Fatal(err)
			}
			if doc.CopyOf != d.CopyOf || len(doc.Also) != len(d.Also) {
				t.Errorf("Document(%s) copy of %q also %v; Documents says %q %v", d.ID, doc.CopyOf, doc.Also, d.CopyOf, d.Also)
			}
		}
		// The plan and the letter attached to it are two documents of
		// each file.
		if shown != 2 {
			t.Errorf("%d documents of the plan's files shown, want 2", shown)
		}
	}
	check(forms)
	// The file shown goes away: another takes its place.
	res, err := ix.Search(ctx, Request{Query: `"Bến Cát"`, Limit: 1})
	if err != nil || len(res.Hits) != 1 {
		t.Fatalf("search: %v %v", res, err)
	}
	if err := os.Remove(res.Hits[0].Path); err != nil {
		t.Fatal(err)
	}
	ingestDir(t, ix, dir, true)
	check(slices.DeleteFunc(forms, func(p string) bool { return p == res.Hits[0].Path }))
}

// A word that only one file of a document holds is found in that file.
func TestCopyOnlyMatch(t *testing.T) {
	ix := newIndex(t)
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"a.txt": planA, "b.txt": strings.ReplaceAll(planA, "alphaword", "betaword")})
	ingestDir(t, ix, dir, false)
	docs, err := ix.Documents(context.Background())
	if err != nil || len(docs) != 2 {
		t.Fatalf("documents %v, %v", docs, err)
	}
	primary := filepath.Base(docs[0].Path)
	if docs[0].CopyOf != "" {
		primary = filepath.Base(docs[1].Path)
	}
	for q, want := range map[string]string{"alphaword": "a.txt", "betaword": "b.txt", `"xã hội học tập"`: primary} {
		res := doSearch(t, ix, q, 10)
		var got []string
		for _, h := range res.Hits {
			got = append(got, filepath.Base(h.Path))
			if len(h.Also) != 1 {
				t.Errorf("%s: hit in %s also %v, want the other file", q, h.Path, h.Also)
			}
		}
		if len(got) != 1 || got[0] != want {
			t.Errorf("%s: hits in %v, want one in %s", q, got, want)
		}
	}
	recs, err := ix.Targets(context.Background(), TargetFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 1 || filepath.Base(recs[0].Path) != primary {
		t.Errorf("targets %v, want the one of %s once", recs, primary)
	}
}

// The groups are saved after a write and read from copies.json by the
// next process, unless the file counted other documents.
func TestCopiesFile(t *testing.T) {
	dir, files := filepath.Join(t.TempDir(), "idx"), t.TempDir()
	writeFiles(t, files, map[string]string{"a.txt": planA, "b.txt": strings.ReplaceAll(planA, "alphaword", "betaword")})
	ix, err := Open(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	ingestDir(t, ix, files, false)
	ix.Close()
	b, err := os.ReadFile(filepath.Join(dir, copiesFile))
	var d copiesDisk
	if err != nil || json.Unmarshal(b, &d) != nil || d.Documents != 2 || len(d.Groups) != 1 || len(d.Groups[0]) != 2 {
		t.Fatalf("copies.json after the ingest: %s, %v", b, err)
	}
	grouped := func() bool {
		t.Helper()
		ix, err := Open(dir, Options{ReadOnly: true})
		if err != nil {
			t.Fatal(err)
		}
		defer ix.Close()
		docs, err := ix.Documents(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		return slices.ContainsFunc(docs, func(d DocSummary) bool { return d.CopyOf != "" })
	}
	save := func(d copiesDisk) {
		b, _ := json.Marshal(d)
		if err := os.WriteFile(filepath.Join(dir, copiesFile), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// A current file is believed: here, one that says there are no copies.
	save(copiesDisk{Documents: 2})
	if grouped() {
		t.Error("a current copies.json was not read")
	}
	// A stale one (another count) or a damaged one is not.
	save(copiesDisk{Documents: 3})
	if !grouped() {
		t.Error("a stale copies.json was believed")
	}
	os.WriteFile(filepath.Join(dir, copiesFile), []byte("{"), 0o644)
	if !grouped() {
		t.Error("a damaged copies.json was believed")
	}
}
