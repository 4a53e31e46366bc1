package rules

import (
	"fmt"
	"strings"
	"testing"

	"github.com/chitieu/chitieu/extract/vntext"
)

// render writes the targets of a sentence compactly:
// "info_competence=50@2025 strive", with the comparison when not eq, the
// kind when a result, and "-" for an indicator no entry fits.
func render(fs []Found) string {
	var parts []string
	for _, f := range fs {
		id := f.ID()
		if id == "" {
			id = "-"
		}
		v := formatNum(f.Value.Num)
		switch {
		case f.Value.Cmp == Range:
			v += "-" + formatNum(f.Value.Max)
		case f.Value.Cmp != Eq:
			v = f.Value.Cmp.String() + v
		}
		if f.Value.Total > 0 {
			v += fmt.Sprintf("(%d/%d)", f.Value.Count, f.Value.Total)
		}
		s := fmt.Sprintf("%s=%s@%d %s", id, v, f.Year, f.Modality)
		if f.Kind == Result {
			s += " result"
		}
		if f.Sub {
			s += " sub"
		}
		parts = append(parts, s)
	}
	return strings.Join(parts, "; ")
}

func extractSentence(s string, ctx Context) []Found {
	s = vntext.Normalize(s)
	return DefaultCatalog().Sentence(s, 0, len(s), ctx)
}

var zone2025 = Context{Year: 2025, Zone: true, DocYear: 2022}

func TestSentence(t *testing.T) {
	for _, tc := range []struct {
		name string
		ctx  Context
		in   string
		want string
	}{
		// Values and their qualifiers.
		{"plain", zone2025, "50% số người trong độ tuổi lao động được trang bị năng lực thông tin;",
			"info_competence=50@2025 achieve"},
		{"space before %", zone2025, "50 % dân số từ 15 tuổi trở lên được đào tạo trình độ chuyên môn kỹ thuật",
			"technical_training=50@2025 achieve"},
		{"decimal comma", zone2025, "Công nhận danh hiệu “Gia đình học tập”: 40,0%",
			"learning_family=40@2025 achieve"},
		{"two decimals", zone2025, "93,33% các trung tâm học tập cộng đồng ứng dụng công nghệ thông tin",
			"clc_ict=93.33@2025 achieve"},
		{"trở lên", zone2025, "60% trở lên số người trong độ tuổi lao động được trang bị kỹ năng sống",
			"life_skills=ge60@2025 achieve"},
		{"trên", zone2025, "Tỷ lệ người biết chữ trong độ tuổi 15-60 đạt trên 99%",
			"literacy_rate=gt99@2025 achieve"},
		{"khoảng", zone2025, "khoảng 23% dân số có trình độ đại học trở lên",
			"university_degree=approx23@2025 achieve"},
		{"ít nhất", zone2025, "ít nhất 70% các trường đại học triển khai đại học số",
			"digital_university=ge70@2025 achieve"},
		{"range dash", zone2025, "80-85% các cơ sở giáo dục triển khai hoạt động giảng dạy trên môi trường số",
			"digital_institutions=80-85@2025 achieve"},
		{"range words", zone2025, "từ 70% đến 80% gia đình được công nhận “Gia đình học tập”",
			"learning_family=70-80@2025 achieve"},
		{"fraction", zone2025, "101/101 xã, phường, thị trấn đạt chuẩn xóa mù chữ mức độ 2",
			"literacy_level2_share=100(101/101)@2025 achieve"},
		// Many targets in one sentence.
		{"two indicators", zone2025, "50% số người trong độ tuổi lao động được trang bị năng lực thông tin và kỹ năng sống;",
			"info_competence=50@2025 achieve; life_skills=50@2025 achieve"},
		{"sub-target", zone2025, "50% dân số từ 15 tuổi trở lên được đào tạo trình độ chuyên môn kỹ thuật, trong đó 15% dân số có trình độ đại học trở lên.",
			"technical_training=50@2025 achieve; university_degree=15@2025 achieve sub"},
		{"two years", Context{Zone: true, DocYear: 2022}, "Năm 2025 có 80% các trung tâm học tập cộng đồng ứng dụng công nghệ thông tin (năm 2030 là 93,33%).",
			"clc_ict=80@2025 achieve; clc_ict=93.33@2030 achieve"},
		{"shared predicate", Context{Year: 2030, DocYear: 2022}, "Mặt khác, 60% người lao động trong “Gia đình học tập”, “Dòng họ học tập” “Cộng đồng học tập”, 80% cán bộ, công chức, viên chức trong “Đơn vị học tập” trên địa bàn thị trấn, phường, xã đạt danh hiệu “Công dân học tập”.",
			"learning_citizen_adults=60@2030 achieve; learning_citizen_officials=80@2030 achieve"},
		{"a topic before a colon", zone2025, "- Về kỹ năng sống: 50% dân số từ 15 tuổi trở lên được đào tạo trình độ chuyên môn kỹ thuật",
			"technical_training=50@2025 achieve"},
		{"colon list", zone2025, "danh hiệu “Dòng họ học tập”: 35,0% danh hiệu “Cộng đồng học tập”: 60,0%, danh hiệu “Đơn vị học tập”: 50,0%",
			"learning_clan=35@2025 achieve; learning_community=60@2025 achieve; learning_unit=50@2025 achieve"},
		{"share at a level", zone2025, "Tiếp tục duy trì đạt chuẩn phổ cập giáo dục trung học cơ sở mức độ 2, trong đó có 40% đạt chuẩn phổ cập giáo dục trung học cơ sở mức độ 3.",
			"lower_secondary_universal_level=2@2025 maintain; lower_secondary_level3_share=40@2025 achieve sub"},
		{"levels of several standards", zone2025, "Tiếp tục củng cố vững chắc kết quả đạt chuẩn phổ cập giáo dục mầm non cho trẻ 5 tuổi, phổ cập giáo dục tiểu học mức độ 3 và phổ cập giáo dục trung học cơ sở mức độ 3.",
			"preschool_5y=1@2025 maintain; primary_universal_level=3@2025 maintain; lower_secondary_universal_level=3@2025 maintain"},
		{"counts of units are not the locality's level", Context{Zone: true, Annual: 2023}, "Củng cố và duy trì chuẩn phổ cập giáo dục tiểu học: 09 huyện/thành phố đạt mức độ 3 và tỉnh duy trì đạt mức độ 3.",
			"-=9@2023 maintain; primary_universal_level=3@2023 maintain"},
		{"strive and maintain", zone2025, "Phấn đấu đạt chuẩn xóa mù chữ cấp huyện ở mức độ 2;",
			"literacy_level=2@2025 strive"},
		{"status", zone2025, "Thị xã được công nhận danh hiệu thị xã học tập theo tiêu chí do cơ quan có thẩm quyền ban hành;",
			"learning_locality_title=1@2025 achieve"},
		{"title with a year after", Context{DocYear: 2022}, "TPHCM: Phấn đấu 75% cộng đồng được công nhận đạt danh hiệu “cộng đồng học tập” vào năm 2030",
			"learning_community=75@2030 strive"},
		{"figure after its indicator", Context{Zone: true}, "Tỷ lệ gia đình được công nhận danh hiệu “Gia đình học tập” đạt 75% trở lên.",
			"learning_family=ge75@0 achieve"},
		{"a year list after the indicator", Context{Zone: true}, "Tỷ lệ trung tâm học tập cộng đồng ứng dụng CNTT: năm 2025 đạt 80%, năm 2030 đạt 90%.",
			"clc_ict=80@2025 achieve; clc_ict=90@2030 achieve"},
		{"age bands", Context{Zone: true, Year: 2025}, "Tỷ lệ người biết chữ độ tuổi 15 - 35 đạt 99,5%, độ tuổi 15 - 60 đạt 98%.",
			"literacy_rate=99.5@2025 achieve; literacy_rate=98@2025 achieve"},
		{"shares of provinces and districts", Context{Year: 2030}, "Đến năm 2030, có ít nhất 35% tỉnh, thành phố được công nhận đạt tiêu chí “tỉnh học tập” và 50% huyện được công nhận “huyện học tập”.",
			"learning_province_share=ge35@2030 achieve; learning_district_share=50@2030 achieve"},
		// Folding: no diacritics, other tone placement, abbreviations, typos.
		{"no diacritics", zone2025, "50% so nguoi trong do tuoi lao dong duoc trang bi nang luc thong tin va ky nang song",
			"info_competence=50@2025 achieve; life_skills=50@2025 achieve"},
		{"old tone placement and kĩ", zone2025, "70% người lao động được trang bị kĩ năng sống",
			"life_skills=70@2025 achieve"},
		{"CNTT", zone2025, "70% các TTHTCĐ ứng dụng CNTT trong quản lý",
			"clc_ict=70@2025 achieve"},
		{"công đồng typo", zone2025, "40% các trung tâm học tập công đồng ứng dụng công nghệ thông tin",
			"clc_ict=40@2025 achieve"},
		{"learning citizens with digital skills", zone2025, "70% công dân học tập có kỹ năng số",
			"learning_citizen_digital=70@2025 achieve"},
		// Results are not targets.
		{"đã đạt", zone2025, "Năm 2021, toàn tỉnh đã đạt 65% số người được trang bị kỹ năng sống.",
			"life_skills=65@2021 achieve result"},
		{"đến nay", zone2025, "Đến nay, 84% gia đình được công nhận “Gia đình học tập”.",
			"learning_family=84@2025 achieve result"},
		{"đến hết năm", Context{Zone: true, DocYear: 2024}, "đến hết năm 2024 có 84,47% gia đình được công nhận “Gia đình học tập”",
			"learning_family=84.47@2024 achieve result"},
		{"a result, then a target", Context{Zone: true, DocYear: 2023}, "Đến hết năm 2022, toàn tỉnh có 84,47% gia đình được công nhận “Gia đình học tập”, phấn đấu đến năm 2025 đạt 90%.",
			"learning_family=84.47@2022 strive result; learning_family=90@2025 strive"},
		{"result zone", Context{Result: true}, "50% số người trong độ tuổi lao động được trang bị kỹ năng sống.",
			"life_skills=50@0 achieve result"},
		// Numbers that are not targets.
		{"document numbers and dates", zone2025, "Căn cứ Kế hoạch số 1144/KH-UBND ngày 16/3/2022 của Ủy ban nhân dân tỉnh Bình Dương;", ""},
		{"a count alone", zone2025, "Toàn tỉnh có 101 xã, phường, thị trấn.", ""},
		{"percent in an unrelated letter", Context{DocYear: 2022}, "Các đơn vị phấn đấu giảm 10% chi phí vận hành hệ thống.", ""},
		{"a figure no entry fits, among the objectives", zone2025, "Phấn đấu giảm 10% chi phí vận hành hệ thống.", "-=10@2025 strive"},
		{"age is not a value", zone2025, "dân số từ 15 tuổi trở lên", ""},
		{"model, not a title", Context{DocYear: 2022}, "Chỉ đạo, hướng dẫn tổ chức triển khai tiêu chí về mô hình công dân học tập, mô hình huyện học tập và mô hình tỉnh học tập.", ""},
		{"empty", zone2025, "", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := render(extractSentence(tc.in, tc.ctx)); got != tc.want {
				t.Errorf("Sentence(%+q)\n got %s\nwant %s", tc.in, got, tc.want)
			}
		})
	}
}

func TestParseValues(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"50%", "50% percent 50 eq"},
		{"50 %", "50 % percent 50 eq"},
		{"40,0%", "40,0% percent 40 eq"},
		{"93,33%", "93,33% percent 93.33 eq"},
		{"99.5%", "99.5% percent 99.5 eq"},
		{"60% trở lên", "60% trở lên percent 60 ge"},
		{"trên 99%", "trên 99% percent 99 gt"},
		{"không dưới 8%", "không dưới 8% percent 8 ge"},
		{"dưới 5%", "dưới 5% percent 5 lt"},
		{"không quá 2%", "không quá 2% percent 2 le"},
		{"khoảng 23%", "khoảng 23% percent 23 approx"},
		{"80-85%", "80-85% percent 80-85 range"},
		{"80 – 85 %", "80 – 85 % percent 80-85 range"},
		{"từ 70% đến 80%", "từ 70% đến 80% percent 70-80 range"},
		{"từ 70 đến 80%", "từ 70 đến 80% percent 70-80 range"},
		{"101/101 xã", "101/101 xã percent 100 eq 101/101"},
		{"45/50 trường", "45/50 trường percent 90 eq 45/50"},
		{"09 huyện", "09 huyện count 9 eq"},
		{"mức độ 2", "mức độ 2 level 2 eq"},
		{"mức 3", "mức 3 level 3 eq"},
		{"mức độ III", "mức độ III level 3 eq"},
		{"50 phần trăm", "50 phần trăm percent 50 eq"},
		{"ngày 16/3/2022", ""},
		{"số 1144/KH-UBND", ""},
		{"năm 2025", ""},
		{"15 tuổi", ""},
		{"mức độ cao", ""},
		{"Cách mạng công nghiệp 4.0", ""},
		{"", ""},
	} {
		var got []string
		for _, v := range ParseValues(tc.in) {
			s := fmt.Sprintf("%s %s %s", v.Raw, v.Unit, formatNum(v.Num))
			if v.Cmp == Range {
				s += "-" + formatNum(v.Max)
			}
			s += " " + v.Cmp.String()
			if v.Total > 0 {
				s += fmt.Sprintf(" %d/%d", v.Count, v.Total)
			}
			got = append(got, s)
		}
		if g := strings.Join(got, "; "); g != tc.want {
			t.Errorf("ParseValues(%+q) = %q, want %q", tc.in, g, tc.want)
		}
	}
}

func TestGoverning(t *testing.T) {
	for _, tc := range []struct {
		in     string
		year   int
		strive bool
	}{
		{"Mục tiêu đến năm 2025, đạt chuẩn xóa mù chữ cấp tỉnh ở mức độ 2; duy trì ...", 2025, false},
		{"Phấn đấu đến năm 2030, duy trì đạt chuẩn xóa mù chữ cấp tỉnh ở mức độ 2", 2030, true},
		{"Theo đó, TPHCM phấn đấu đến năm 2030, 100% cán bộ, hội viên", 2030, true},
		{"Mục tiêu đến năm 2025", 2025, false},
		{"Mục tiêu cụ thể đến năm 2030:", 2030, false},
		{"Đến năm 2025:", 2025, false},
		{"Năm 2023:", 2023, false},
		{"Giai đoạn 2021-2025:", 2025, false},
		{"Ban chỉ đạo xây dựng xã hội học tập tỉnh yêu cầu các cấp, các ngành tiếp tục xây dựng nhiệm vụ, giải pháp và triển khai Kế hoạch thực hiện Đề án xây dựng xã hội học tập đến năm 2030;", 0, false},
		{"Tiếp tục và tạo chuyển biến cơ bản trong xây dựng xã hội học tập bảo đảm đến năm 2030 mọi người dân đều có cơ hội", 0, false},
		{"Bắc Ninh, ngày 14 tháng 7 năm 2022", 0, false},
		{"", 0, false},
	} {
		y, strive, ok := Governing(tc.in)
		if y != tc.year || strive != tc.strive || ok != (tc.year != 0) {
			t.Errorf("Governing(%+q) = %d, %v, %v; want %d, %v", tc.in, y, strive, ok, tc.year, tc.strive)
		}
	}
}

func TestAnnualYear(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want int
	}{
		{"tổ chức triển khai thực hiện Kế hoạch năm 2023 trên địa bàn tỉnh", 2023},
		{"KẾ HOẠCH Xây dựng xã hội học tập năm 2024", 2024},
		{"Kế hoạch 374/KH-UBND năm 2022 thực hiện Đề án", 0},
		{"triển khai Kế hoạch thực hiện Đề án xây dựng xã hội học tập đến năm 2030", 0},
		{"kế hoạch giai đoạn 2021 - 2025", 0},
		{"xây dựng kế hoạch thực hiện hàng năm", 0},
	} {
		if got := AnnualYear(tc.in); got != tc.want {
			t.Errorf("AnnualYear(%+q) = %d, want %d", tc.in, got, tc.want)
		}
	}
}

func TestCatalog(t *testing.T) {
	c := DefaultCatalog()
	if n := len(c.Indicators); n != 30 {
		t.Errorf("%d indicators, want the 30 of spec/indicators.md", n)
	}
	for _, ind := range c.Indicators {
		if ind.Label == "" || ind.English == "" {
			t.Errorf("%s: no label", ind.ID)
		}
	}
	if c.Indicator("clc_ict").Unit != Percent || c.Indicator("literacy_level").Unit != Level || c.Indicator("preschool_5y").Unit != Status {
		t.Error("units")
	}
	// A catalog is data: an indicator added in a file works with no code.
	extra := catalogText + "\nid: digital_literacy\nunit: percent\nlabel: Người dân có kỹ năng số cơ bản\nen: Basic digital skills\nterms: kỹ năng số cơ bản\n"
	c2, err := ParseCatalog(strings.NewReader(extra))
	if err != nil {
		t.Fatal(err)
	}
	s := vntext.Normalize("Phấn đấu 80% người dân có kỹ năng số cơ bản.")
	if got := render(c2.Sentence(s, 0, len(s), Context{Year: 2025})); got != "digital_literacy=80@2025 strive" {
		t.Errorf("added indicator: %s", got)
	}
}

func TestParseCatalogErrors(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"unit: percent\n", "line 1: unit before any id"},
		{"id: a\nunit: litres\nterms: x\n", "line 2: rules: unknown unit"},
		{"id: a\nunit: percent\n", "a: no terms"},
		{"id: a\nterms: x\n", "a: no unit"},
		{"id: a\nunit: percent\nterms: x | \n", "empty alternative"},
		{"id: a\nunit: percent\nterms: x\nid: a\nunit: percent\nterms: y\n", "duplicate id"},
		{"id: a b\n", "bad id"},
		{"id: a\nunit: percent\ncolour: red\n", "unknown key"},
		{"id: a\nunit: percent\nterms x\n", "want key: value"},
		{"# nothing\n", "no indicators"},
		{"id: a\nunit: percent\nterms: x\npriority: high\n", "not a number"},
	} {
		_, err := ParseCatalog(strings.NewReader(tc.in))
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("ParseCatalog(%+q) error = %v, want %q", tc.in, err, tc.want)
		}
	}
}

func FuzzParseValues(f *testing.F) {
	for _, s := range []string{"50%", "từ 70% đến 80%", "101/101 xã", "mức độ 2", "80 – 85 %", "16/3/2022", "trên 99,5% trở lên"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, v := range ParseValues(s) {
			if v.Start < 0 || v.Start > v.End || v.End > len(s) || s[v.Start:v.End] != v.Raw {
				t.Fatalf("bad value %+v in %q", v, s)
			}
		}
	})
}

func FuzzSentence(f *testing.F) {
	for _, s := range []string{
		"Mục tiêu đến năm 2025, đạt chuẩn xóa mù chữ cấp tỉnh ở mức độ 2; 50% số người trong độ tuổi lao động được trang bị năng lực thông tin và kỹ năng sống",
		"Công nhận danh hiệu “Gia đình học tập”: 40,0%; danh hiệu “Dòng họ học tập”: 35,0%",
		"(năm 2030 là 93,33%)", "trong đó 15% dân số có trình độ đại học trở lên.",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, r := range DefaultCatalog().Sentence(s, 0, len(s), Context{Zone: true, Year: 2025}) {
			if r.Start < 0 || r.Start > r.End || r.End > len(s) || r.Value.Start < 0 || r.Value.End > len(s) {
				t.Fatalf("bad target %+v in %q", r, s)
			}
		}
	})
}
