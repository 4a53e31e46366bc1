package structure

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/chitieu/chitieu/extract/gazetteer"
	"github.com/chitieu/chitieu/extract/vntext"
)

func seed(t testing.TB, name string) string {
	t.Helper()
	b, err := os.ReadFile("../../testdata/seeds/" + name)
	if err != nil {
		t.Fatal(err)
	}
	return vntext.Normalize(string(b))
}

// decision is a decision with its plan attached, in the style of the
// corpus.
const decision = `ỦY BAN NHÂN DÂN
TỈNH BÌNH DƯƠNG
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Số: 1234/QĐ-UBND
Thủ Dầu Một, ngày 10 tháng 5 năm 2022
QUYẾT ĐỊNH
Về việc ban hành Kế hoạch xây dựng xã hội học tập giai đoạn 2021-2030
CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH BÌNH DƯƠNG
Căn cứ Quyết định số 1373/QĐ-TTg ngày 30 tháng 7 năm 2021 của Thủ tướng Chính phủ phê duyệt Đề án “Xây dựng xã hội học tập giai đoạn 2021-2030”;
Điều 1. Ban hành kèm theo Quyết định này Kế hoạch xây dựng xã hội học tập giai đoạn 2021-2030 trên địa bàn tỉnh.
Điều 2. Quyết định này có hiệu lực kể từ ngày ký và các cơ quan, đơn vị có liên quan chịu trách nhiệm thi hành.
KẾ HOẠCH
Xây dựng xã hội học tập giai đoạn 2021-2030 trên địa bàn tỉnh Bình Dương
(Ban hành kèm theo Quyết định số 1234/QĐ-UBND ngày 10/5/2022 của Ủy ban nhân dân tỉnh)
I. MỤC TIÊU
Phấn đấu đến năm 2025, 50% số người trong độ tuổi lao động được trang bị kỹ năng sống.
`

func partsOf(text string) string {
	var out []string
	for _, p := range Split(text) {
		first, _, _ := strings.Cut(strings.TrimSpace(text[p.Start:p.End]), "\n")
		out = append(out, fmt.Sprintf("%d:%q", p.Parent, clip(first, 30)))
	}
	return strings.Join(out, " | ")
}

func clip(s string, n int) string {
	r := []rune(s)
	if len(r) > n {
		return string(r[:n])
	}
	return s
}

func TestSplit(t *testing.T) {
	for _, tc := range []struct {
		name, in, want string
	}{
		{"plan and an appended letter", seed(t, "002_c57fbb1e870047eb.txt"),
			`-1:"Số: **68** /KH-UBND" | -1:"UBND TỈNH BÌNH DƯƠNG"`},
		{"legal library: metadata above the header", seed(t, "004_6a3900f99d23612a.txt"),
			`-1:"Chủ nhật, Ngày 27/10/2024"`},
		{"news", seed(t, "003_3c3eae721d7a210b.txt"), `-1:"Thứ Năm, ngày 6 tháng 10 năm 2"`},
		{"decision with its plan", decision, `-1:"ỦY BAN NHÂN DÂN" | 0:"KẾ HOẠCH"`},
		{"two documents", decision[:strings.Index(decision, "KẾ HOẠCH")] + strings.Replace(decision[:strings.Index(decision, "KẾ HOẠCH")], "1234", "1235", -1),
			`-1:"ỦY BAN NHÂN DÂN" | -1:"ỦY BAN NHÂN DÂN"`},
		{"citations never start a document", "Căn cứ Quyết định số 324/QĐ-UBND ngày 28/01/2022 của UBND tỉnh về việc ban hành Chương trình phát triển đô thị của tỉnh;\nSố: 12/KH-UBND\nCăn cứ Kế hoạch số 1144/KH-UBND ngày 16/3/2022 của Ủy ban nhân dân tỉnh Bình Dương về việc triển khai Đề án;\n",
			`-1:"Căn cứ Quyết định số 324/QĐ-UB"`},
		{"empty", "", `-1:""`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := partsOf(tc.in); got != tc.want {
				t.Errorf("Split:\n got %s\nwant %s", got, tc.want)
			}
			// The parts cover the text, in order.
			ps := Split(tc.in)
			if ps[0].Start != 0 || ps[len(ps)-1].End != len(tc.in) {
				t.Errorf("parts do not cover the text: %+v", ps)
			}
			for i := 1; i < len(ps); i++ {
				if ps[i].Start != ps[i-1].End {
					t.Errorf("gap between parts %d and %d", i-1, i)
				}
			}
		})
	}
}

func header(text string, p Part) string {
	h := ParseHeader(text, p.Start, p.End, gazetteer.Default())
	return fmt.Sprintf("kind=%s number=%q type=%q date=%q place=%q issuer=%q title=%q attached=%q",
		h.Kind, h.Number, h.TypeCode, h.Date, h.Place, h.Issuer, clip(h.Title, 40), h.AttachedTo)
}

func TestParseHeader(t *testing.T) {
	s002 := seed(t, "002_c57fbb1e870047eb.txt")
	p002 := Split(s002)
	dec := Split(decision)
	for _, tc := range []struct {
		name, text string
		part       Part
		want       string
	}{
		{"district plan, issuer from the body", s002, p002[0],
			`kind=official number="68/KH-UBND" type="KH" date="2022-04-06" place="Bến Cát" issuer="Ủy ban nhân dân thị xã Bến Cát" title="Triển khai thực hiện Đề án “Xây dựng xã " attached=""`},
		{"letter: date after the body, V/v subject", s002, p002[1],
			`kind=official number="1091/SXD-PTĐT&HTKT" type="CV" date="2022-03-31" place="Bình Dương" issuer="Sở Xây dựng tỉnh Bình Dương" title="triển khai thực hiện Quyết định số 324/Q" attached=""`},
		{"legal library", seed(t, "004_6a3900f99d23612a.txt"), Part{Span{0, len(seed(t, "004_6a3900f99d23612a.txt"))}, -1},
			`kind=official number="374/KH-UBND" type="KH" date="2022-07-14" place="Bắc Ninh" issuer="Ủy ban nhân dân tỉnh Bắc Ninh" title="THỰC HIỆN ĐỀ ÁN “XÂY DỰNG XÃ HỘI HỌC TẬP" attached=""`},
		{"news", seed(t, "003_3c3eae721d7a210b.txt"), Part{Span{0, len(seed(t, "003_3c3eae721d7a210b.txt"))}, -1},
			`kind=news number="" type="" date="2022-10-06" place="" issuer="Ủy ban nhân dân TPHCM" title="TPHCM: Phấn đấu 75% cộng đồng được công " attached=""`},
		{"no header", seed(t, "001_f71544043631323e.txt"), Part{Span{0, len(seed(t, "001_f71544043631323e.txt"))}, -1},
			`kind=text number="" type="" date="" place="" issuer="" title="" attached=""`},
		{"decision", decision, dec[0],
			`kind=official number="1234/QĐ-UBND" type="QĐ" date="2022-05-10" place="Thủ Dầu Một" issuer="Ủy ban nhân dân tỉnh Bình Dương" title="Về việc ban hành Kế hoạch xây dựng xã hộ" attached=""`},
		{"attached plan", decision, dec[1],
			`kind=official number="" type="KH" date="" place="" issuer="" title="Xây dựng xã hội học tập giai đoạn 2021-2" attached="1234/QĐ-UBND"`},
		{"metadata values on their own lines", "Số hiệu\n98/2023/NĐ-CP\nNgày ban hành\n31/12/2023\nLoại văn bản\nNghị định\nCơ quan ban hành\nChính phủ\n", Part{Span{0, 1000}, -1},
			`kind=official number="98/2023/NĐ-CP" type="NĐ" date="2023-12-31" place="" issuer="Chính phủ" title="" attached=""`},
		{"national", "THỦ TƯỚNG CHÍNH PHỦ\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSố: 1373/QĐ-TTg\nHà Nội, ngày 30 tháng 7 năm 2021\nQUYẾT ĐỊNH\nPhê duyệt Đề án “Xây dựng xã hội học tập giai đoạn 2021 - 2030”\n", Part{Span{0, 1000}, -1},
			`kind=official number="1373/QĐ-TTg" type="QĐ" date="2021-07-30" place="Hà Nội" issuer="Thủ tướng chính phủ" title="Phê duyệt Đề án “Xây dựng xã hội học tập" attached=""`},
		{"citations are not the document's number or date", "KẾ HOẠCH\nXây dựng xã hội học tập năm 2023\nCăn cứ Kế hoạch số 1144/KH-UBND ngày 16/3/2022 của Ủy ban nhân dân tỉnh Bình Dương;\nCăn cứ Quyết định số 1373/QĐ-TTg ngày 30 tháng 7 năm 2021 của Thủ tướng Chính phủ;\n", Part{Span{0, 1000}, -1},
			`kind=official number="" type="KH" date="" place="" issuer="" title="Xây dựng xã hội học tập năm 2023" attached=""`},
		{"news: section and date, then the headline", "Giáo dục | Thứ Sáu, 21/10/2022 - 09:15\n\nĐại Lộc phấn đấu đến năm 2025 có 80% gia đình đạt danh hiệu học tập\n\n(QNO) - Sáng 20/10, UBND huyện Đại Lộc (tỉnh Quảng Nam) vừa ban hành Kế hoạch xây dựng xã hội học tập.\n", Part{Span{0, 1000}, -1},
			`kind=news number="" type="" date="2022-10-21" place="" issuer="Ủy ban nhân dân huyện Đại Lộc" title="Đại Lộc phấn đấu đến năm 2025 có 80% gia" attached=""`},
		{"news: a section's name, a date with no weekday", "Thời sự - Chính trị\nCập nhật: 08:30 | 25/11/2022\nHuyện Mộ Đức nâng cao chất lượng các mô hình học tập\nNăm 2022, huyện có 78,2% hộ được công nhận “Gia đình học tập”.\n", Part{Span{0, 1000}, -1},
			`kind=news number="" type="" date="2022-11-25" place="" issuer="" title="Huyện Mộ Đức nâng cao chất lượng các mô " attached=""`},
		{"a long title that ends no sentence", "KẾ HOẠCH\nThực hiện Chương trình “Đẩy mạnh phong trào học tập suốt đời trong gia đình, dòng họ, cộng đồng, đơn vị giai đoạn 2021-2030” và Đề án “Thúc đẩy xây dựng mô hình Công dân học tập giai đoạn 2021-2030” trên địa bàn tỉnh, giai đoạn 2023-2025\nCăn cứ Quyết định số 387/QĐ-TTg;\n", Part{Span{0, 1000}, -1},
			`kind=official number="" type="KH" date="" place="" issuer="" title="Thực hiện Chương trình “Đẩy mạnh phong t" attached=""`},
		{"invalid date", "Số: 5/KH-UBND\nBắc Ninh, ngày 31 tháng 2 năm 2022\n", Part{Span{0, 100}, -1},
			`kind=official number="5/KH-UBND" type="KH" date="" place="Bắc Ninh" issuer="" title="" attached=""`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := header(tc.text, tc.part); got != tc.want {
				t.Errorf("ParseHeader:\n got %s\nwant %s", got, tc.want)
			}
		})
	}
}

func TestOutline(t *testing.T) {
	text := "II. MỤC TIÊU\n1. Mục tiêu chung\nTiếp tục xây dựng.\n2. Mục tiêu cụ thể\na) Mục tiêu đến năm 2025\n- Xóa mù chữ:\n- + Phấn đấu đạt chuẩn;\n+ 50% dân số;\nTrong đó, 12% dân số.\n2.1. Mục tiêu đến năm 2030\n- III. NHIỆM VỤ\n40% người lao động"
	var got []string
	for _, b := range Outline(text, 0, len(text)) {
		parent := "-"
		if b.Parent >= 0 {
			parent = strings.Fields(text[Outline(text, 0, len(text))[b.Parent].Body:])[0]
		}
		got = append(got, fmt.Sprintf("%q/%d<%s", b.Marker, b.Depth, parent))
	}
	want := `"II."/1<- "1."/2<MỤC "" /3<Mục "2."/2<MỤC "a)"/3<Mục "-"/4<Mục "+"/5<Xóa "+"/5<Xóa ""/6<50% "2.1."/3<Mục "III."/1<- ""/2<NHIỆM`
	want = strings.ReplaceAll(want, `"" /3`, `""/3`)
	if g := strings.Join(got, " "); g != want {
		t.Errorf("Outline:\n got %s\nwant %s", g, want)
	}
}

func TestMarkerOf(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"I. MỤC ĐÍCH", "I."}, {"IV. KINH PHÍ", "IV."}, {"1. Mục đích", "1."}, {"2.1. Mục tiêu", "2.1."},
		{"2.1 Mục tiêu", "2.1"}, {"a) Xây dựng", "a)"}, {"đ) Xây dựng", "đ)"}, {"- Tiếp tục", "-"}, {"+ 50%", "+"},
		{"- + Phấn đấu", "+"}, {"- III. NHIỆM VỤ", "III."}, {"• Ý", "•"},
		{"40% số người", ""}, {"2022 là năm", ""}, {"Ixia", ""}, {"a", ""}, {"", ""}, {"1.", ""}, {"-", "-"},
		{"12) Đề nghị", "12)"}, {"1.000 người", ""},
		{"Điều 1. Các chỉ tiêu chủ yếu", "Điều 1."}, {"Điều 12: Tổ chức thực hiện", "Điều 12:"}, {"Điều kiện thực hiện", ""}, {"Điều 1.", ""},
	} {
		if got := markerOf(tc.in).text; got != tc.want {
			t.Errorf("markerOf(%+q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestSentences(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"40% số người được trang bị kỹ năng sống. 40% dân số từ 15 tuổi trở lên. Trong đó, 10% dân số.", "40% số người được trang bị kỹ năng sống.|40% dân số từ 15 tuổi trở lên.|Trong đó, 10% dân số."},
		{"Hội khuyến học TP. Hồ Chí Minh được học tập.", "Hội khuyến học TP. Hồ Chí Minh được học tập."},
		{"Cách mạng công nghiệp 4.0 và xu thế chuyển đổi số.", "Cách mạng công nghiệp 4.0 và xu thế chuyển đổi số."},
		{"cán bộ, công chức, viên chức ... tham gia học", "cán bộ, công chức, viên chức ... tham gia học"},
		{"Xóa mù chữ và phổ cập giáo dục:- + Phấn đấu đạt chuẩn xóa mù chữ;", "Xóa mù chữ và phổ cập giáo dục:|Phấn đấu đạt chuẩn xóa mù chữ;"},
		{"tổ chức hoạt động học tập… Phấn đấu đến năm 2030", "tổ chức hoạt động học tập…|Phấn đấu đến năm 2030"},
		{"“Gia đình học tập”. “Dòng họ học tập”.", "“Gia đình học tập”.|“Dòng họ học tập”."},
		{"quyết định./.", "quyết định./."},
		{"  ", ""},
	} {
		var got []string
		for _, s := range Sentences(tc.in, 0, len(tc.in)) {
			got = append(got, tc.in[s.Start:s.End])
		}
		if g := strings.Join(got, "|"); g != tc.want {
			t.Errorf("Sentences(%+q)\n got %q\nwant %q", tc.in, g, tc.want)
		}
	}
}

func TestClauses(t *testing.T) {
	in := "đạt chuẩn mức độ 2; duy trì (năm 2030; dự kiến) 50%;  ; 70%"
	var got []string
	for _, c := range Clauses(in, Span{0, len(in)}) {
		got = append(got, in[c.Start:c.End])
	}
	if g := strings.Join(got, "|"); g != "đạt chuẩn mức độ 2|duy trì (năm 2030; dự kiến) 50%|70%" {
		t.Errorf("Clauses = %q", g)
	}
}

// FuzzSplit checks that any text splits into parts that cover it in order,
// and that each part's header and outline stay inside it.
func FuzzSplit(f *testing.F) {
	// Small seeds keep the fuzzer fast: the end of seed 002 holds the
	// start of its second document.
	s002 := seed(f, "002_c57fbb1e870047eb.txt")
	f.Add(s002[len(s002)-5000:])
	f.Add(seed(f, "004_6a3900f99d23612a.txt"))
	f.Add(decision)
	f.Add("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSố: 1/KH\n\f- + I. a)")
	f.Fuzz(func(t *testing.T, text string) {
		ps := Split(text)
		if len(ps) == 0 || ps[0].Start != 0 || ps[len(ps)-1].End != len(text) {
			t.Fatalf("parts %+v do not cover %d bytes", ps, len(text))
		}
		for i, p := range ps {
			if p.Start > p.End || i > 0 && p.Start != ps[i-1].End || p.Parent >= i {
				t.Fatalf("bad part %d: %+v", i, p)
			}
			for _, b := range Outline(text, p.Start, p.End) {
				if b.Start < p.Start || b.End > p.End || b.Body < b.Start || b.Body > b.End {
					t.Fatalf("block %+v outside part %+v", b, p)
				}
				for _, s := range Sentences(text, b.Body, b.End) {
					if s.Start < b.Body || s.End > b.End || s.Start >= s.End {
						t.Fatalf("sentence %+v outside block %+v", s, b)
					}
				}
			}
		}
	})
}

// FuzzParseHeader checks that the spans of a header lie inside its part
// and its date, when set, is a valid date.
func FuzzParseHeader(f *testing.F) {
	for _, name := range []string{"002_c57fbb1e870047eb.txt", "003_3c3eae721d7a210b.txt", "004_6a3900f99d23612a.txt"} {
		s := seed(f, name)
		f.Add(s[:min(len(s), 2000)]) // the header is at the top
	}
	f.Add(decision)
	f.Add("Số hiệu\n98/2023/NĐ-CP\nNgày ban hành\n31/12/2023")
	f.Fuzz(func(t *testing.T, text string) {
		h := ParseHeader(text, 0, len(text), gazetteer.Default())
		for _, sp := range []Span{h.NumberSpan, h.DateSpan, h.IssuerSpan, h.TitleSpan} {
			if sp.Start < 0 || sp.End > len(text) || sp.Start > sp.End {
				t.Fatalf("span %+v outside the text", sp)
			}
		}
		if h.Date != "" && (len(h.Date) != 10 || h.Date[4] != '-' || h.Date[7] != '-') {
			t.Fatalf("date %q", h.Date)
		}
		if h.End > len(text) {
			t.Fatalf("end %d", h.End)
		}
	})
}
