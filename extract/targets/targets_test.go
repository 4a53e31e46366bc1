package targets_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/chitieu/chitieu/corpus"
	"github.com/chitieu/chitieu/extract"
	"github.com/chitieu/chitieu/extract/gazetteer"
	"github.com/chitieu/chitieu/extract/gold"
	"github.com/chitieu/chitieu/extract/rules"
	"github.com/chitieu/chitieu/extract/targets"
	"github.com/chitieu/chitieu/internal/golden"
)

const goldenDir = "../../testdata/golden/targets"

func textOf(t testing.TB, doc *corpus.Document) *extract.Document {
	t.Helper()
	d, err := extract.Text(context.Background(), doc, extract.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func extractAll(t testing.TB, docs []*corpus.Document) []targets.Record {
	t.Helper()
	x := targets.New(targets.Options{})
	var out []targets.Record
	for _, doc := range docs {
		d := textOf(t, doc)
		res, err := x.Extract(d)
		if err != nil {
			t.Fatal(err)
		}
		checkRecords(t, d, res.Records())
		out = append(out, res.Records()...)
	}
	return out
}

// checkRecords checks what every record promises: its evidence is the
// document's text at its offsets, on its page.
func checkRecords(t testing.TB, d *extract.Document, rs []targets.Record) {
	t.Helper()
	for _, r := range rs {
		if r.Start < 0 || r.End > len(d.Text) || r.Start >= r.End || d.Text[r.Start:r.End] != r.Text {
			t.Errorf("%s: record %s at %d-%d: text is not the document's text there", d.Name, r.Indicator, r.Start, r.End)
		}
		if r.Page != d.PageAt(r.Start) {
			t.Errorf("%s: record at %d says page %d, is on page %d", d.Name, r.Start, r.Page, d.PageAt(r.Start))
		}
		if r.Indicator != "" && allBuiltin().Catalog.Indicator(r.Indicator) == nil {
			t.Errorf("%s: indicator %q is not in the catalog", d.Name, r.Indicator)
		}
		if c := r.Cell; c != nil {
			for _, f := range []struct {
				text       string
				start, end int
			}{{c.Row, c.RowStart, c.RowEnd}, {c.Header, c.HeaderStart, c.HeaderEnd}, {c.Value, c.ValueStart, c.ValueEnd}} {
				if f.start < 0 || f.end > len(d.Text) || f.start > f.end || d.Text[f.start:f.end] != f.text {
					t.Errorf("%s: cell evidence %q at %d-%d is not the document's text there", d.Name, f.text, f.start, f.end)
				}
			}
			if c.ValueStart < r.Start || c.ValueEnd > r.End {
				t.Errorf("%s: the cell %q is outside its row %q", d.Name, c.Value, r.Text)
			}
		}
	}
}

func readGold(t testing.TB) []gold.Entry { return readGoldFile(t, "../../testdata/gold/seeds.jsonl") }

// readGoldFile reads a gold file.
func readGoldFile(t testing.TB, path string) []gold.Entry {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	g, err := gold.Read(f)
	if err != nil {
		t.Fatal(err)
	}
	return g
}

func seedDocs(t testing.TB) []*corpus.Document {
	paths, _ := filepath.Glob("../../testdata/seeds/*.txt")
	var docs []*corpus.Document
	for _, p := range paths {
		d, err := corpus.Load(p)
		if err != nil {
			t.Fatal(err)
		}
		docs = append(docs, d)
	}
	if len(docs) != 5 {
		t.Fatalf("%d seeds, want 5", len(docs))
	}
	return docs
}

// knownDisagreements are the records where the extraction and the gold
// file differ, and why. The list may only shrink: a new difference fails
// the test, and so does an entry that no longer happens.
var knownDisagreements = map[string]string{
	// "Duy trì 100% các huyện/thành phố; 100% các xã/phường/thị trấn và tỉnh
	// hoàn thành phổ cập giáo dục mầm non cho trẻ mẫu giáo": a share of
	// units completing universal preschool education, which is the
	// catalog's preschool_share; the gold file leaves it out.
	"FP 001_f71544043631323e preschool_share 100 2023": "gold omits a stated target",
}

func scoreAndCheck(t *testing.T, recs []targets.Record) {
	rep := gold.Score(readGold(t), recs)
	t.Logf("precision %.3f recall %.3f F1 %.3f (TP %d FP %d FN %d), locality right for %d of %d",
		rep.Precision(), rep.Recall(), rep.F1(), rep.TP, rep.FP, rep.FN, len(rep.Matches)-len(rep.LocalityErrors()), len(rep.Matches))
	if rep.F1() < 0.98 {
		t.Errorf("F1 %.3f < 0.98", rep.F1())
	}
	for _, m := range rep.LocalityErrors() {
		t.Errorf("%s %s %d: locality %q (%s), want %q (%s)", m.Gold.Doc, m.Gold.Indicator, m.Gold.Year,
			m.Record.Locality, m.Record.LocalityCode, m.Gold.Locality, m.Gold.LocalityCode)
	}
	seen := map[string]bool{}
	for _, r := range rep.FalsePositives {
		k := fmt.Sprintf("FP %s %s %v %d", gold.Stem(r.Doc), r.Indicator, r.Value, r.Year)
		seen[k] = true
		if knownDisagreements[k] == "" {
			t.Errorf("new false positive: %s: %s", k, r.Text)
		}
	}
	for _, e := range rep.Misses {
		k := fmt.Sprintf("FN %s %s %v %d", gold.Stem(e.Doc), e.Indicator, e.Value, e.Year)
		seen[k] = true
		if knownDisagreements[k] == "" {
			t.Errorf("new miss: %s: %s", k, e.Evidence)
		}
	}
	for k := range knownDisagreements {
		if !seen[k] {
			t.Errorf("known disagreement %q no longer happens: remove it from the list", k)
		}
	}
}

// TestSeedsGold scores the extraction of the seed texts against the gold
// file: the figure issue 3 is judged by.
func TestSeedsGold(t *testing.T) { scoreAndCheck(t, extractAll(t, seedDocs(t))) }

// TestSampleGold scores the same plans as the sample corpus has them: a
// PDF, web pages and a text file.
func TestSampleGold(t *testing.T) {
	docs, err := corpus.Sample()
	if err != nil {
		t.Fatal(err)
	}
	scoreAndCheck(t, extractAll(t, docs))
}

// scoreDir extracts the documents of dir and scores them against the gold
// file at goldPath, checking every record's evidence on the way.
func scoreDir(t *testing.T, dir, goldPath string) *gold.Report {
	t.Helper()
	paths, err := filepath.Glob(filepath.Join(dir, "*"))
	if err != nil {
		t.Fatal(err)
	}
	var docs []*corpus.Document
	for _, p := range paths {
		if strings.HasSuffix(p, ".jsonl") || strings.HasSuffix(p, ".md") {
			continue
		}
		d, err := corpus.Load(p)
		if err != nil {
			t.Fatal(err)
		}
		docs = append(docs, d)
	}
	f, err := os.Open(goldPath)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	entries, err := gold.Read(f)
	if err != nil {
		t.Fatal(err)
	}
	rep := gold.Score(entries, extractAll(t, docs))
	right := len(rep.Matches) - len(rep.LocalityErrors())
	t.Logf("%s: precision %.3f recall %.3f F1 %.3f (TP %d FP %d FN %d), locality right for %d of %d",
		dir, rep.Precision(), rep.Recall(), rep.F1(), rep.TP, rep.FP, rep.FN, right, len(rep.Matches))
	for _, e := range rep.Errors {
		switch {
		case e.Gold != nil && e.Record != nil:
			t.Logf("%s: %s %s=%v@%d, got %s=%v@%d %s", e.Class, e.Gold.Doc, e.Gold.Indicator, e.Gold.Value, e.Gold.Year,
				e.Record.Indicator, e.Record.Value, e.Record.Year, e.Record.Locality)
		case e.Gold != nil:
			t.Logf("%s: %s %s=%v@%d: %s", e.Class, e.Gold.Doc, e.Gold.Indicator, e.Gold.Value, e.Gold.Year, e.Gold.Evidence)
		default:
			t.Logf("%s: %s %s=%v@%d: %s", e.Class, e.Record.Doc, e.Record.Indicator, e.Record.Value, e.Record.Year, e.Record.Text)
		}
	}
	return rep
}

// checkScore holds a report to an F1 and a share of matches with the gold
// locality.
func checkScore(t *testing.T, rep *gold.Report, f1, locality float64) {
	t.Helper()
	if rep.F1() < f1 {
		t.Errorf("F1 %.3f < %.2f", rep.F1(), f1)
	}
	if right := len(rep.Matches) - len(rep.LocalityErrors()); float64(right) < locality*float64(len(rep.Matches)) {
		t.Errorf("locality right for %d of %d matches, under %.0f%%", right, len(rep.Matches), 100*locality)
	}
}

// TestDevGold scores the development set (testdata/dev: 20 plans, reports
// and news pages written the many ways real documents state targets, 311
// gold targets): F1 0.95 and the locality right for 97% of matches at
// least. Its documents are typical of what users bring, not of what the
// rules were written from: a drop here is a rule that got narrower.
func TestDevGold(t *testing.T) {
	checkScore(t, scoreDir(t, "../../testdata/dev/docs", "../../testdata/dev/gold.jsonl"), 0.95, 0.97)
}

// TestWrittenGold scores the documents written for this project's rules
// (testdata/written): an amendment, a ward's plan after July 2025, an
// appendix of targets by district, reports with next year's targets, a
// roadmap year by year, news pages with a table and with results beside
// targets.
func TestWrittenGold(t *testing.T) {
	checkScore(t, scoreDir(t, "../../testdata/written", "../../testdata/written/gold.jsonl"), 0.95, 0.97)
}

// TestReportsStateNoTargets: a report of results (Báo cáo) gives results,
// not targets, and the targets of its next year's section only.
func TestReportsStateNoTargets(t *testing.T) {
	for _, tc := range []struct {
		path string
		want string
	}{
		{"../../testdata/dev/docs/D07_kienxuong_baocao_2023.txt", ""},
		{"../../testdata/dev/docs/D14_kesach_baocao_2023.txt", ""},
		{"../../testdata/written/bc_phuonghuong_2024.txt", "learning_family=76@2024 learning_clan=70@2024"},
	} {
		d, err := corpus.Load(tc.path)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		results := 0
		for _, r := range extractAll(t, []*corpus.Document{d}) {
			switch r.Kind {
			case rules.Target:
				got = append(got, fmt.Sprintf("%s=%v@%d", r.Indicator, r.Value, r.Year))
			case rules.Result:
				results++
			}
		}
		if g := strings.Join(got, " "); g != tc.want || results == 0 {
			t.Errorf("%s: targets %q, want %q; %d results", filepath.Base(tc.path), g, tc.want, results)
		}
	}
}

// TestCommuneAfterMerger reads a commune's plan of September 2025 (the dev
// set's D08, which once crashed the extractor with "slice bounds out of
// range"): a commune of the new province, with its 2025 code (14215, one of
// the 3,321 communes of 1 July 2025), its targets of 2025 and 2030.
func TestCommuneAfterMerger(t *testing.T) {
	d, err := corpus.Load("../../testdata/dev/docs/D08_xa_haihau_ninhbinh_kh_2025.txt")
	if err != nil {
		t.Fatal(err)
	}
	rs := extractAll(t, []*corpus.Document{d})
	if len(rs) == 0 {
		t.Fatal("no records")
	}
	r := rs[len(rs)-1]
	if r.Locality != "Xã Hải Hậu" || r.LocalityCode != "14215" || r.LocalityLevel != "commune" || r.Province2025 != "Tỉnh Ninh Bình" || r.Commune2025Code != "14215" || r.Province != "" {
		t.Errorf("locality %q (%s, %s), province %q, 2025 %q", r.Locality, r.LocalityCode, r.LocalityLevel, r.Province, r.Province2025)
	}
}

// TestDevCommuneCodes checks that the development set's commune-level
// localities have their codes: the 2025 communes of D08 and D17 (codes of
// the 2025 list), and the communes of 2023-2024 that D09 and D18 single
// out in a clause.
func TestDevCommuneCodes(t *testing.T) {
	want := map[string][]string{
		"D08_xa_haihau_ninhbinh_kh_2025.txt":    {"Xã Hải Hậu=14215"},
		"D09_lacthuy_kh_congdanhoctap_2023.txt": {"Xã Hưng Thi=05404"},
		"D17_cangiuoc_xa_2025_2030.txt":         {"Xã Cần Giuộc=28159"},
		"D18_kontum_tp_kehoach_2024.txt":        {"Xã Ia Chim=23326", "Xã Đắk Rơ Wa=23335"},
	}
	for name, codes := range want {
		d, err := corpus.Load(filepath.Join("../../testdata/dev/docs", name))
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, r := range extractAll(t, []*corpus.Document{d}) {
			if c := r.Locality + "=" + r.LocalityCode; r.LocalityLevel == "commune" && !slices.Contains(got, c) {
				got = append(got, c)
			}
		}
		slices.Sort(got)
		if !slices.Equal(got, codes) {
			t.Errorf("%s: communes %q, want %q", name, got, codes)
		}
	}
}

// TestSampleGolden renders the records of every sample document as
// indented JSON and compares them with testdata/golden/targets; go test
// -update rewrites the files.
func TestSampleGolden(t *testing.T) {
	docs, err := corpus.Sample()
	if err != nil {
		t.Fatal(err)
	}
	x := targets.New(targets.Options{})
	for _, doc := range docs {
		d := textOf(t, doc)
		res, err := x.Extract(d)
		if err != nil {
			t.Fatal(err)
		}
		type docOut struct {
			Part     int              `json:"part"`
			Parent   int              `json:"parent,omitempty"`
			Kind     string           `json:"kind"`
			Locality string           `json:"locality_source,omitempty"`
			Records  []targets.Record `json:"records"`
		}
		var out []docOut
		for _, dd := range res.Docs {
			rs := dd.Records
			if rs == nil {
				rs = []targets.Record{}
			}
			out = append(out, docOut{dd.Part, dd.Parent, dd.Header.Kind.String(), dd.Locality.Source, rs})
		}
		got, err := json.MarshalIndent(out, "", "  ")
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, '\n')
		golden.Check(t, filepath.Join(goldenDir, doc.Name+".json"), got)
	}
}

// TestTableGolden renders the records of two written documents with
// tables (a web page's table of years, an appendix of districts) as
// indented JSON, each with its cell's evidence; go test -update rewrites
// testdata/golden/targets/written_*.json.
func TestTableGolden(t *testing.T) {
	for _, name := range []string{"tin_bang_chitieu.html", "pl_chitieu_cac_huyen.txt"} {
		d, err := corpus.Load("../../testdata/written/" + name)
		if err != nil {
			t.Fatal(err)
		}
		var cells []targets.Record
		for _, r := range extractAll(t, []*corpus.Document{d}) {
			if r.Cell != nil {
				r.Path = "" // where the test runs from
				cells = append(cells, r)
			}
		}
		if len(cells) == 0 {
			t.Errorf("%s: no record from a table", name)
		}
		got, err := json.MarshalIndent(cells, "", "  ")
		if err != nil {
			t.Fatal(err)
		}
		golden.Check(t, filepath.Join(goldenDir, "written_"+name+".json"), append(got, '\n'))
	}
}

func TestDeterministic(t *testing.T) {
	docs, _ := corpus.Sample()
	a, _ := json.Marshal(extractAll(t, docs))
	b, _ := json.Marshal(extractAll(t, docs))
	if !bytes.Equal(a, b) {
		t.Error("two runs over the same documents differ")
	}
}

// doc makes a text document from a string.
func doc(t testing.TB, name, text string) *extract.Document {
	d, err := corpus.NewDocument(name, []byte(text))
	if err != nil {
		t.Fatal(err)
	}
	return textOf(t, d)
}

// summary renders what a document's records say of where and when: one
// "locality(code,level,province→2025) indicator=value@year" per record.
func summary(rs []targets.Record) string {
	var parts []string
	for _, r := range rs {
		parts = append(parts, fmt.Sprintf("%s(%s,%s,%s→%s) %s=%v@%d", r.Locality, r.LocalityCode, r.LocalityLevel,
			r.ProvinceCode, r.Province2025Code, r.Indicator, r.Value, r.Year))
	}
	return strings.Join(parts, "; ")
}

func TestLocality(t *testing.T) {
	x := targets.New(targets.Options{})
	for _, tc := range []struct{ name, text, want string }{
		{"issuer lines", "ỦY BAN NHÂN DÂN\nHUYỆN DẦU TIẾNG\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSố: 15/KH-UBND\nDầu Tiếng, ngày 3 tháng 5 năm 2022\nKẾ HOẠCH\nXây dựng xã hội học tập năm 2022\nI. MỤC TIÊU\n- 45% gia đình được công nhận “Gia đình học tập”.\n",
			"Huyện Dầu Tiếng(720,district,74→79) learning_family=45@2022"},
		{"title", "KẾ HOẠCH\nThực hiện Đề án xây dựng xã hội học tập trên địa bàn thị xã Bến Cát\nMục tiêu đến năm 2025: 50% số người trong độ tuổi lao động được trang bị kỹ năng sống.\n",
			"Thị xã Bến Cát(721,district,74→79) life_skills=50@2025"},
		{"national", "THỦ TƯỚNG CHÍNH PHỦ\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSố: 1373/QĐ-TTg\nHà Nội, ngày 30 tháng 7 năm 2021\nQUYẾT ĐỊNH\nPhê duyệt Đề án\nMục tiêu đến năm 2025: 70% các tỉnh đạt chuẩn xóa mù chữ mức độ 2.\n",
			"Việt Nam(,national,→) literacy_level2_share=70@2025"},
		{"body names one province and speaks of the province", "Theo kế hoạch, UBND tỉnh phấn đấu đến năm 2025, 60% dòng họ được công nhận “Dòng họ học tập”. Nhiều người Long An tham gia học tập.\n",
			"Tỉnh Long An(80,province,80→80) learning_clan=60@2025"},
		{"body names two provinces: unknown", "UBND tỉnh phấn đấu đến năm 2025, 60% dòng họ được công nhận “Dòng họ học tập”, học tập kinh nghiệm của Long An và Tây Ninh.\n",
			"(,unknown,→) learning_clan=60@2025"},
		{"nothing names the place: unknown, never a guess", "Mục tiêu: 40% dân số từ 15 tuổi trở lên được đào tạo trình độ chuyên môn kỹ thuật.\nTổ chức thực hiện Kế hoạch năm 2023 trên địa bàn tỉnh.\n",
			"(,unknown,→) technical_training=40@2023"},
		{"a typed name needs its type", "Học tập và làm theo tư tưởng Hồ Chí Minh, phấn đấu đến năm 2025, 60% dòng họ được công nhận “Dòng họ học tập”.\n",
			"(,unknown,→) learning_clan=60@2025"},
		{"a district the gazetteer lacks, its province from the plan it implements", "ỦY BAN NHÂN DÂN\nHUYỆN TÂN ĐÔNG\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSố: 20/KH-UBND\nTân Đông, ngày 5 tháng 4 năm 2022\nKẾ HOẠCH\nXây dựng xã hội học tập giai đoạn 2021-2030\nCăn cứ Kế hoạch số 100/KH-UBND ngày 1/3/2022 của Ủy ban nhân dân tỉnh Đồng Nai về xây dựng xã hội học tập;\nII. MỤC TIÊU\n1. Đến năm 2025\n- 45% dòng họ được công nhận “Dòng họ học tập”, học tập kinh nghiệm của tỉnh Bình Phước.\n",
			"Huyện Tân Đông(,district,75→75) learning_clan=45@2025"},
		{"decision and attached plan: the plan's targets, the issuer's locality", decisionWithPlan,
			"Tỉnh Bình Dương(74,province,74→79) life_skills=50@2025"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res, err := x.Extract(doc(t, "test.txt", tc.text))
			if err != nil {
				t.Fatal(err)
			}
			if got := summary(res.Records()); got != tc.want {
				t.Errorf("got  %s\nwant %s", got, tc.want)
			}
		})
	}
}

const decisionWithPlan = `ỦY BAN NHÂN DÂN
TỈNH BÌNH DƯƠNG
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Số: 1234/QĐ-UBND
Thủ Dầu Một, ngày 10 tháng 5 năm 2022
QUYẾT ĐỊNH
Về việc ban hành Kế hoạch xây dựng xã hội học tập giai đoạn 2021-2030
Căn cứ Quyết định số 1373/QĐ-TTg ngày 30 tháng 7 năm 2021 của Thủ tướng Chính phủ phê duyệt Đề án “Xây dựng xã hội học tập giai đoạn 2021-2030”;
Điều 1. Ban hành kèm theo Quyết định này Kế hoạch xây dựng xã hội học tập giai đoạn 2021-2030 trên địa bàn tỉnh.
Điều 2. Quyết định này có hiệu lực kể từ ngày ký và các cơ quan, đơn vị có liên quan chịu trách nhiệm thi hành.
KẾ HOẠCH
Xây dựng xã hội học tập giai đoạn 2021-2030
(Ban hành kèm theo Quyết định số 1234/QĐ-UBND ngày 10/5/2022 của Ủy ban nhân dân tỉnh)
I. MỤC TIÊU
Phấn đấu đến năm 2025, 50% số người trong độ tuổi lao động được trang bị kỹ năng sống.
`

func TestAttachedPlan(t *testing.T) {
	res, err := targets.New(targets.Options{}).Extract(doc(t, "qd.txt", decisionWithPlan))
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Docs) != 2 || res.Docs[1].Parent != 1 {
		t.Fatalf("want a decision and its plan, got %d documents", len(res.Docs))
	}
	if n := len(res.Docs[0].Records); n != 0 {
		t.Errorf("the decision has %d records; the targets belong to the plan", n)
	}
	r := res.Docs[1].Records
	if len(r) != 1 || r[0].DocNumber != "1234/QĐ-UBND" || r[0].DocType != "KH" || r[0].Issuer != "Ủy ban nhân dân tỉnh Bình Dương" ||
		!strings.HasSuffix(r[0].DocID, "#2") || r[0].DocDate != "2022-05-10" {
		t.Errorf("plan's record: %+v", r)
	}
}

// TestWhosePlan: a clause whose subject is a province's or a district's
// goal quotes that plan, unless the document is that place's own.
func TestWhosePlan(t *testing.T) {
	for _, tc := range []struct {
		name, text, want string
	}{
		{"a district quotes its province", "KẾ HOẠCH\nUBND huyện Cái Bè\nMục tiêu của tỉnh Tiền Giang đến năm 2025 là 75% gia đình đạt danh hiệu “Gia đình học tập”.\n",
			"reference Tỉnh Tiền Giang"},
		{"a province's own goal", "KẾ HOẠCH\nUBND tỉnh Tiền Giang\nMục tiêu của tỉnh đến năm 2025 là 75% gia đình đạt danh hiệu “Gia đình học tập”.\n",
			"target Tỉnh Tiền Giang"},
		{"a district's own goal", "KẾ HOẠCH\nUBND huyện Cái Bè\nChỉ tiêu chung của huyện đến năm 2025 là 80% dòng họ đạt danh hiệu “Dòng họ học tập”.\n",
			"target Huyện Cái Bè"},
		{"a goal with no owner is the plan's", "KẾ HOẠCH\nUBND huyện Cái Bè\nMục tiêu đến năm 2025 là 80% dòng họ đạt danh hiệu “Dòng họ học tập”.\n",
			"target Huyện Cái Bè"},
	} {
		res, err := targets.New(targets.Options{}).Extract(doc(t, "kh.txt", tc.text))
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, r := range res.Records() {
			got = append(got, fmt.Sprintf("%s %s", r.Kind, r.Locality))
		}
		if g := strings.Join(got, "; "); g != tc.want {
			t.Errorf("%s: got %q, want %q", tc.name, g, tc.want)
		}
	}
}

// TestLeadModality: a lead-in ("Năm 2024, huyện phấn đấu:") says how the
// items under it are meant; an item's own words ("Duy trì") and a paragraph
// after the items keep theirs.
func TestLeadModality(t *testing.T) {
	text := "KẾ HOẠCH\nXây dựng xã hội học tập năm 2024\nUBND huyện Cái Bè\nII. CHỈ TIÊU\nNăm 2024, huyện phấn đấu:\n" +
		"- 80% hộ gia đình đạt danh hiệu “Gia đình học tập”;\n- Duy trì 100% xã đạt chuẩn xóa mù chữ mức độ 2.\n" +
		"Ngoài ra, 70% dòng họ đạt danh hiệu “Dòng họ học tập”.\n"
	res, err := targets.New(targets.Options{}).Extract(doc(t, "kh.txt", text))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, r := range res.Records() {
		got = append(got, fmt.Sprintf("%s %s", r.Indicator, r.Modality))
	}
	want := "learning_family strive; literacy_level2_share maintain; learning_clan achieve"
	if g := strings.Join(got, "; "); g != want {
		t.Errorf("got %q, want %q", g, want)
	}
}

// TestHeadingYears checks that a heading's year reaches the bullets under
// it, and only them.
func TestHeadingYears(t *testing.T) {
	text := `II. MỤC TIÊU
1. Mục tiêu chung
Bảo đảm đến năm 2030 mọi người dân đều có cơ hội học tập.
2. Mục tiêu cụ thể
a) Mục tiêu đến năm 2025
- Về năng lực của người dân:
+ 50% số người trong độ tuổi lao động được trang bị kỹ năng sống;
+ 50% dân số từ 15 tuổi trở lên được đào tạo trình độ chuyên môn kỹ thuật.
Trong đó, 12% dân số có trình độ đại học trở lên.
b) Mục tiêu đến năm 2030
- 70% người trong độ tuổi lao động được trang bị kỹ năng sống;
- Tỷ lệ trung tâm học tập cộng đồng ứng dụng công nghệ thông tin: năm 2025 là 80% (năm 2030 là 93,33%).
III. NHIỆM VỤ VÀ GIẢI PHÁP
1. Tăng cường tuyên truyền, phấn đấu 100% cán bộ, hội viên Hội Khuyến học được học tập, quán triệt chủ trương.
`
	res, err := targets.New(targets.Options{}).Extract(doc(t, "kh.txt", text))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, r := range res.Records() {
		s := fmt.Sprintf("%s=%v@%d", r.Indicator, r.Value, r.Year)
		if r.SubOf != "" {
			s += "<" + r.SubOf
		}
		got = append(got, s)
	}
	want := "life_skills=50@2025 technical_training=50@2025 university_degree=12@2025<technical_training life_skills=70@2030 clc_ict=80@2025 clc_ict=93.33@2030 khuyenhoc_members_trained=100@0"
	if g := strings.Join(got, " "); g != want {
		t.Errorf("got  %s\nwant %s", g, want)
	}
}

// TestAppendedLetter: the percentages of a letter filed after a plan are
// not the plan's targets.
func TestAppendedLetter(t *testing.T) {
	text := decisionWithPlan[:strings.Index(decisionWithPlan, "KẾ HOẠCH")] +
		"UBND TỈNH BÌNH DƯƠNG\nSỞ TÀI CHÍNH\nSố: 77/STC-NS\nV/v tiết kiệm chi thường xuyên\nKính gửi: Các sở, ban, ngành tỉnh.\n" +
		"Thực hiện chỉ đạo của Ủy ban nhân dân tỉnh, các đơn vị phấn đấu giảm 10% chi phí hành chính so với năm trước và báo cáo kết quả về Sở Tài chính.\n" +
		"Bình Dương, ngày 31 tháng 3 năm 2022\n"
	res, err := targets.New(targets.Options{}).Extract(doc(t, "cv.txt", text))
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Docs) != 2 || res.Docs[1].Header.TypeCode != "CV" {
		t.Fatalf("want the decision and the letter, got %d documents", len(res.Docs))
	}
	if rs := res.Records(); len(rs) != 0 {
		t.Errorf("records from a letter: %s", summary(rs))
	}
}

func TestNewsHeadlineIsNotCountedTwice(t *testing.T) {
	text := "Thứ Năm, ngày 6 tháng 10 năm 2022\nTPHCM: Phấn đấu 75% cộng đồng được công nhận “cộng đồng học tập” vào năm 2030\nTheo đó, TPHCM phấn đấu đến năm 2030, 75% cộng đồng được công nhận đạt danh hiệu “cộng đồng học tập”.\n"
	res, _ := targets.New(targets.Options{}).Extract(doc(t, "news.txt", text))
	if rs := res.Records(); len(rs) != 1 || !strings.HasPrefix(rs[0].Text, "Theo đó") {
		t.Errorf("want the body's record only, got %s", summary(rs))
	}
}

func TestRecordsIncludeMetadata(t *testing.T) {
	docs, _ := corpus.Sample()
	var pdf *corpus.Document
	for _, d := range docs {
		if d.Format == corpus.PDF {
			pdf = d
		}
	}
	rs := extractAll(t, []*corpus.Document{pdf})
	r := rs[0]
	if r.DocNumber != "68/KH-UBND" || r.DocType != "KH" || r.DocDate != "2022-04-06" || r.Issuer != "Ủy ban nhân dân thị xã Bến Cát" ||
		r.Locality != "Thị xã Bến Cát" || r.LocalityCode != "721" || r.LocalityLevel != "district" || r.Province != "Bình Dương" ||
		r.ProvinceCode != "74" || r.Province2025 != "Thành phố Hồ Chí Minh" || r.Province2025Code != "79" || r.Page != 2 {
		t.Errorf("first record of the PDF: %+v", r)
	}
}

func FuzzExtract(f *testing.F) {
	// Short seeds: the fuzzer mutates every byte of a seed, and on whole
	// plans of several kilobytes it managed a few runs a second.
	for _, p := range []string{"001_f71544043631323e.txt", "003_3c3eae721d7a210b.txt"} {
		b, _ := os.ReadFile("../../testdata/seeds/" + p)
		f.Add(string(b[:min(len(b), 900)]))
	}
	f.Add(decisionWithPlan[:min(len(decisionWithPlan), 900)])
	f.Add("PHỤ LỤC\nSTT | Đơn vị | Gia đình học tập (%) | Năm 2025\n1 | Huyện Na Hang | 65 | 70\n| Toàn tỉnh | 72 | 75\n")
	f.Add("2.1. Đến hết năm 2025\n* Đến năm 2030:\n- Sửa \"60% dòng họ\" thành \"65% dòng họ\"; riêng các huyện Kỳ Sơn, Tương Dương đạt 93%.\n")
	x := targets.New(targets.Options{})
	f.Fuzz(func(t *testing.T, text string) {
		d := &extract.Document{Name: "fuzz", Text: text, Pages: []extract.Page{{Number: 1, Text: text}}}
		res, err := x.Extract(d)
		if err != nil {
			t.Fatal(err)
		}
		rs := res.Records()
		sort.SliceStable(rs, func(i, j int) bool { return rs[i].Start < rs[j].Start })
		for _, r := range rs {
			if r.Start < 0 || r.End > len(text) || r.Start > r.End || text[r.Start:r.End] != r.Text {
				t.Fatalf("record %+v outside the text", r)
			}
		}
	})
}

// nationalReference is the table of Decision 1373/QĐ-TTg in
// ../shared/spec/indicators.md: indicator → 2025, 2030 (0: none).
var nationalReference = map[string][2]float64{
	"literacy_level2_share": {70, 90}, "preschool_share": {70, 100}, "primary_level3_share": {50, 70},
	"lower_secondary_level2_share": {100, 0}, "lower_secondary_level3_share": {20, 40},
	"info_competence": {50, 70}, "life_skills": {50, 70}, "technical_training": {50, 60},
	"university_degree": {12, 15}, "digital_university": {70, 90}, "digital_institutions": {60, 80},
	"clc_ict": {70, 0}, "learning_citizen": {40, 60}, "learning_district_share": {0, 50},
	"learning_province_share": {0, 35},
}

// TestNationalDecision extracts the objectives of Decision 1373/QĐ-TTg
// (testdata/written/qd1373_muctieu.txt, its section "Mục tiêu cụ thể"
// written out in the decision's words) and checks that they are the
// spec's reference table, at national level.
func TestNationalDecision(t *testing.T) {
	d, err := corpus.Load("../../testdata/written/qd1373_muctieu.txt")
	if err != nil {
		t.Fatal(err)
	}
	rs := extractAll(t, []*corpus.Document{d})
	got := map[string][2]float64{}
	for _, r := range rs {
		if r.LocalityLevel != "national" || r.DocNumber != "1373/QĐ-TTg" || r.Kind != rules.Target {
			t.Errorf("record %s %v: level %s, number %s, kind %s", r.Indicator, r.Value, r.LocalityLevel, r.DocNumber, r.Kind)
		}
		v := got[r.Indicator]
		switch r.Year {
		case 2025:
			v[0] = r.Value
		case 2030:
			v[1] = r.Value
		default:
			t.Errorf("%s %v: year %d", r.Indicator, r.Value, r.Year)
		}
		got[r.Indicator] = v
	}
	for id, want := range nationalReference {
		if got[id] != want {
			t.Errorf("%s: got %v, want %v", id, got[id], want)
		}
	}
	if len(got) != len(nationalReference) || len(rs) != 26 {
		t.Errorf("%d indicators in %d records, want %d in 26", len(got), len(rs), len(nationalReference))
	}
}

// TestModelsPlan reads a provincial plan written in the corpus's style for
// the sister programmes (387/QĐ-TTg, 677/QĐ-TTg): a report of past results,
// targets for 2025 and 2030 with qualifiers, a city's own title, and a
// cost cut among the tasks.
func TestModelsPlan(t *testing.T) {
	d, err := corpus.Load("../../testdata/written/kh_mohinh_hoctap.txt")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, r := range extractAll(t, []*corpus.Document{d}) {
		s := fmt.Sprintf("%s %s%v@%d", r.Indicator, r.Cmp, r.Value, r.Year)
		if r.ValueMax != nil {
			s += fmt.Sprintf("-%v", *r.ValueMax)
		}
		if r.Kind == rules.Result {
			s += " result"
		}
		if r.LocalityCode != "74" {
			s += " locality " + r.LocalityCode
		}
		got = append(got, s)
	}
	want := []string{
		"learning_family eq85.6@2020 result", "learning_clan eq72@2020 result", "literacy_level2_share eq100@2020 result",
		"learning_family eq70@2025", "learning_clan eq65@2025", "learning_community eq65@2025", "learning_unit ge80@2025",
		"learning_citizen_adults eq40@2025", "learning_citizen_officials eq60@2025", "khuyenhoc_members_trained eq100@2025",
		"learning_family approx75@2030", "learning_clan eq70@2030", "learning_citizen_adults range60@2030-65",
		"learning_citizen_officials gt80@2030", "learning_citizen_digital eq90@2030",
		"learning_locality_title eq1@2030 locality 718", // Thủ Dầu Một's title is the city's, not the province's
	}
	if g, w := strings.Join(got, "\n"), strings.Join(want, "\n"); g != w {
		t.Errorf("got\n%s\nwant\n%s", g, w)
	}
}

// TestSharedDistrictNames: with the official list loaded, several
// provinces have a "huyện Châu Thành"; the province the plan cites tells
// which, and without one the name stays without a code.
func TestSharedDistrictNames(t *testing.T) {
	places, err := gazetteer.Parse(strings.NewReader("code,name,level,parent_code\n808,Huyện Châu Thành,Huyện,80\n821,Huyện Châu Thành,Huyện,82\n"))
	if err != nil {
		t.Fatal(err)
	}
	x := targets.New(targets.Options{Gazetteer: gazetteer.Default().With(places)})
	head := "ỦY BAN NHÂN DÂN\nHUYỆN CHÂU THÀNH\nSố: 9/KH-UBND\nChâu Thành, ngày 5 tháng 4 năm 2022\nKẾ HOẠCH\nXây dựng xã hội học tập\n"
	body := "II. MỤC TIÊU\n1. Đến năm 2025\n- 45% dòng họ được công nhận “Dòng họ học tập”.\n"
	for _, tc := range []struct{ cite, want string }{
		{"Căn cứ Kế hoạch số 10/KH-UBND ngày 1/3/2022 của Ủy ban nhân dân tỉnh Tiền Giang;\n", "Huyện Châu Thành(821,district,82→82) learning_clan=45@2025"},
		{"Căn cứ Kế hoạch số 10/KH-UBND ngày 1/3/2022 của Ủy ban nhân dân tỉnh Long An;\n", "Huyện Châu Thành(808,district,80→80) learning_clan=45@2025"},
		{"", "Huyện Châu Thành(,district,→) learning_clan=45@2025"},
	} {
		res, err := x.Extract(doc(t, "ct.txt", head+tc.cite+body))
		if err != nil {
			t.Fatal(err)
		}
		if got := summary(res.Records()); got != tc.want {
			t.Errorf("cite %q:\n got %s\nwant %s", tc.cite, got, tc.want)
		}
	}
}

// TestLongLine checks a line of 180 KB with no full stop (a list run
// together): it is read in pieces of at most 4 KB cut between clauses, each
// of which gives its target (one per indicator and piece, as in any
// sentence), with offsets into the text.
func TestLongLine(t *testing.T) {
	const n = 2000
	part := "đến năm 2025 đạt 60% số người trong độ tuổi lao động được trang bị kỹ năng sống"
	text := "KẾ HOẠCH\nMục tiêu: " + strings.Repeat(part+"; ", n-1) + part + ".\n"
	d, res := extractString(t, "long.txt", text)
	recs := res.Records()
	if min := len(text) / 4096; len(recs) < min {
		t.Fatalf("%d records, want one per piece of 4 KB at least (%d)", len(recs), min)
	}
	for _, r := range recs {
		if r.Indicator != "life_skills" || r.Value != 60 || r.Year != 2025 || len(r.Text) > 4096 || d.Text[r.Start:r.End] != r.Text {
			t.Fatalf("record %+v", r)
		}
	}
}

// TestLocalityCodes gives plans of communes and districts their codes on
// both sides of 1 July 2025: a name many units share is settled by the
// province the plan cites, by its date (a 2026 plan's commune is one of
// the 3,321) or by the type word; with nothing to settle it, the name has
// no code and the document a warning.
func TestLocalityCodes(t *testing.T) {
	plan := func(issuer, date, cite string) string {
		return "ỦY BAN NHÂN DÂN\n" + issuer + "\n-------\nSố: 3/KH-UBND\nTân Phú, ngày " + date + "\nKẾ HOẠCH\nXây dựng xã hội học tập\n" +
			cite + "\nI. MỤC TIÊU\nĐến năm 2030: 60% gia đình được công nhận “Gia đình học tập”.\n"
	}
	for _, tc := range []struct {
		name, text           string
		locality, code, prov string // prov: province_2025_code
		warning              string
	}{
		{"ambiguous", plan("XÃ TÂN PHÚ", "2 tháng 3 năm 2023", ""), "Xã Tân Phú", "", "", "is the name of 13 units"},
		{"cited province", plan("XÃ TÂN PHÚ", "2 tháng 3 năm 2023", "Căn cứ Kế hoạch số 10/KH-UBND của Ủy ban nhân dân tỉnh Nghệ An;"),
			"Xã Tân Phú", "17272", "40", ""},
		{"2025 commune", plan("XÃ TÂN PHÚ", "5 tháng 11 năm 2025", "Căn cứ Kế hoạch số 10/KH-UBND của Ủy ban nhân dân tỉnh Đồng Nai;"),
			"Xã Tân Phú", "26116", "75", ""},
		{"2025 commune, unique", plan("XÃ CẦN GIUỘC", "22 tháng 9 năm 2025", ""), "Xã Cần Giuộc", "28159", "80", ""},
		{"old thị trấn", plan("THỊ TRẤN CẦN GIUỘC", "3 tháng 3 năm 2023", ""), "Thị trấn Cần Giuộc", "28159", "80", ""},
		{"district by province", plan("HUYỆN CHÂU THÀNH", "3 tháng 3 năm 2023", "Căn cứ Kế hoạch số 10/KH-UBND của Ủy ban nhân dân tỉnh Tiền Giang;"),
			"Huyện Châu Thành", "821", "82", ""},
	} {
		text, res := extractString(t, tc.name+".txt", tc.text)
		if len(res.Docs) == 0 {
			t.Fatalf("%s: no document", tc.name)
		}
		m := res.Docs[0].Meta
		if m.Locality != tc.locality || m.LocalityCode != tc.code || m.Province2025Code != tc.prov {
			t.Errorf("%s: locality %q %q (2025 province %q), want %q %q (%q)", tc.name, m.Locality, m.LocalityCode, m.Province2025Code, tc.locality, tc.code, tc.prov)
		}
		warned := strings.Join(text.Warnings, "; ")
		if tc.warning == "" && strings.Contains(warned, "locality:") || tc.warning != "" && !strings.Contains(warned, tc.warning) {
			t.Errorf("%s: warnings %q, want %q", tc.name, warned, tc.warning)
		}
	}
}

// TestBodyProvinceIgnoresSharedNames reads a page with no header: its
// body names one province and speaks of "tỉnh" as itself, and a commune
// whose name twenty units share; the commune says nothing of the province.
func TestBodyProvinceIgnoresSharedNames(t *testing.T) {
	text := "Đẩy mạnh xây dựng xã hội học tập\n" +
		"Thực hiện kế hoạch của UBND tỉnh Nghệ An, các địa phương phấn đấu đến năm 2025 có 60% gia đình được công nhận “Gia đình học tập”.\n" +
		"Tại xã Tân Phú, mô hình học tập cộng đồng được nhân rộng.\n"
	_, res := extractString(t, "tin.txt", text)
	if len(res.Docs) == 0 || res.Docs[0].Meta.Locality != "Tỉnh Nghệ An" {
		t.Errorf("locality %+v, want Tỉnh Nghệ An", res.Docs)
	}
}

// extractString reads a text as a file named name (doc) and extracts its
// targets with the default extractor.
func extractString(t *testing.T, name, text string) (*extract.Document, *targets.Result) {
	t.Helper()
	d := doc(t, name, text)
	res, err := targets.New(targets.Options{}).Extract(d)
	if err != nil {
		t.Fatal(err)
	}
	return d, res
}
