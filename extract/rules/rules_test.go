package rules

import (
	"fmt"
	"strings"
	"testing"

	"github.com/chitieu/chitieu/extract/structure"
	"github.com/chitieu/chitieu/extract/vntext"
)

// render writes the mentions of a sentence compactly:
// "info_competence=50@2025 strive", with the comparison when not eq, the
// count of a fraction, "-" for an indicator no entry fits, and then what
// the sentence says of its kind ("result", "target", "ref:national"), a
// part ("sub") and the places it names ("{Kỳ Sơn, Tương Dương}").
func render(text string, ms []Mention) string {
	var parts []string
	for _, m := range ms {
		id := m.ID()
		if id == "" {
			id = "-"
		}
		v := formatNum(m.Value.Num)
		switch {
		case m.Value.Cmp == Range:
			v += "-" + formatNum(m.Value.Max)
		case m.Value.Cmp != Eq:
			v = m.Value.Cmp.String() + v
		}
		if m.Value.Total > 0 {
			v += fmt.Sprintf("(%d/%d)", m.Value.Count, m.Value.Total)
		}
		s := fmt.Sprintf("%s=%s@%d %s", id, v, m.Year, m.Modality)
		switch m.Cue {
		case CueResult:
			s += " result"
		case CueReference:
			s += " ref:" + m.Scope.String()
		}
		if m.Sub {
			s += " sub"
		}
		if m.Places.End > m.Places.Start {
			s += " {" + text[m.Places.Start:m.Places.End] + "}"
		}
		parts = append(parts, s)
	}
	return strings.Join(parts, "; ")
}

// sentence returns the mentions of s read as one sentence.
func sentence(s string, ctx Context) (string, []Mention) {
	s = vntext.Normalize(s)
	ms, _ := testCatalog().Sentence(structure.NewFolded(s), 0, len(s), ctx)
	return s, ms
}

// plan is the context of a sentence of a plan dated 2022.
var plan = Context{DocYear: 2022, DocDate: "2022-05-10"}

func TestSentence(t *testing.T) {
	for _, tc := range []struct {
		name string
		ctx  Context
		in   string
		want string
	}{
		// Values and their qualifiers.
		{"plain", plan, "50% số người trong độ tuổi lao động được trang bị năng lực thông tin;",
			"info_competence=50@0 achieve"},
		{"space before %", plan, "50 % dân số từ 15 tuổi trở lên được đào tạo trình độ chuyên môn kỹ thuật",
			"technical_training=50@0 achieve"},
		{"decimal comma", plan, "Công nhận danh hiệu “Gia đình học tập”: 40,0%",
			"learning_family=40@0 achieve"},
		{"two decimals", plan, "93,33% các trung tâm học tập cộng đồng ứng dụng công nghệ thông tin",
			"clc_ict=93.33@0 achieve"},
		{"trở lên", plan, "60% trở lên số người trong độ tuổi lao động được trang bị kỹ năng sống",
			"life_skills=ge60@0 achieve"},
		{"trên", plan, "Tỷ lệ người biết chữ trong độ tuổi 15-60 đạt trên 99%",
			"literacy_rate=gt99@0 achieve"},
		{"khoảng", plan, "khoảng 23% dân số có trình độ đại học trở lên",
			"university_degree=approx23@0 achieve"},
		{"ít nhất", plan, "ít nhất 70% các trường đại học triển khai đại học số",
			"digital_university=ge70@0 achieve"},
		{"range dash", plan, "80-85% các cơ sở giáo dục triển khai hoạt động giảng dạy trên môi trường số",
			"digital_institutions=80-85@0 achieve"},
		{"range words", plan, "từ 70% đến 80% gia đình được công nhận “Gia đình học tập”",
			"learning_family=70-80@0 achieve"},
		{"fraction", plan, "101/101 xã, phường, thị trấn đạt chuẩn xóa mù chữ mức độ 2",
			"literacy_level2_share=100(101/101)@0 achieve"},
		{"fraction and its percentage", plan, "32/34 xã, thị trấn (94,1%) đạt chuẩn XMC mức độ 2",
			"literacy_level2_share=94.1(32/34)@0 achieve"},
		{"percentage and its fraction", plan, "100% huyện, thị xã, thành phố (15/15 đơn vị) đạt chuẩn xóa mù chữ mức độ 2",
			"literacy_level2_share=100(15/15)@0 achieve"},
		{"đạt và vượt", plan, "Đạt và vượt chỉ tiêu 65% cơ sở giáo dục phổ thông triển khai quản lý, dạy và học trên môi trường số",
			"digital_institutions=ge65@0 achieve"},
		{"in words", plan, "Một trăm phần trăm cán bộ, hội viên Hội Khuyến học được bồi dưỡng, quán triệt chủ trương mới",
			"khuyenhoc_members_trained=100@0 achieve"},
		// Many targets in one sentence.
		{"two indicators", plan, "50% số người trong độ tuổi lao động được trang bị năng lực thông tin và kỹ năng sống;",
			"info_competence=50@0 achieve; life_skills=50@0 achieve"},
		{"two shares of one figure", plan, "85% số xã hoàn thành phổ cập giáo dục mầm non và đạt chuẩn phổ cập giáo dục tiểu học mức độ 3.",
			"preschool_share=85@0 achieve; primary_level3_share=85@0 achieve"},
		{"sub-target", plan, "50% dân số từ 15 tuổi trở lên được đào tạo trình độ chuyên môn kỹ thuật, trong đó 15% dân số có trình độ đại học trở lên.",
			"technical_training=50@0 achieve; university_degree=15@0 achieve sub"},
		{"figure after its measure, part after its own", plan, "Tỷ lệ dân số từ 15 tuổi trở lên có trình độ CMKT đạt 40%, trong đó trình độ đại học trở lên đạt 8%.",
			"technical_training=40@0 achieve; university_degree=8@0 achieve sub"},
		{"shared predicate", plan, "Mặt khác, 60% người lao động trong “Gia đình học tập”, “Dòng họ học tập” “Cộng đồng học tập”, 80% cán bộ, công chức, viên chức trong “Đơn vị học tập” trên địa bàn thị trấn, phường, xã đạt danh hiệu “Công dân học tập”.",
			"learning_citizen_adults=60@0 achieve; learning_citizen_officials=80@0 achieve"},
		{"two measures, one predicate", plan, "Phấn đấu 52% người lớn trong GĐHT, DHHT, CĐHT và 70% cán bộ, công chức, viên chức, người lao động trong các đơn vị học tập đạt danh hiệu CDHT.",
			"learning_citizen_adults=52@0 strive; learning_citizen_officials=70@0 strive"},
		{"a topic before a colon", plan, "- Về kỹ năng sống: 50% dân số từ 15 tuổi trở lên được đào tạo trình độ chuyên môn kỹ thuật",
			"technical_training=50@0 achieve"},
		{"colon list", plan, "danh hiệu “Dòng họ học tập”: 35,0% danh hiệu “Cộng đồng học tập”: 60,0%, danh hiệu “Đơn vị học tập”: 50,0%",
			"learning_clan=35@0 achieve; learning_community=60@0 achieve; learning_unit=50@0 achieve"},
		{"titles before their figures", plan, "“Gia đình học tập” đạt 60% trở lên; “Dòng họ học tập” khoảng 40%; “Cộng đồng học tập” (thôn, làng, tổ dân phố) đạt trên 70%.",
			"learning_family=ge60@0 achieve; learning_clan=approx40@0 achieve; learning_community=gt70@0 achieve"},
		{"share at a level", plan, "Tiếp tục duy trì đạt chuẩn phổ cập giáo dục trung học cơ sở mức độ 2, trong đó có 40% đạt chuẩn phổ cập giáo dục trung học cơ sở mức độ 3.",
			"lower_secondary_universal_level=2@0 maintain; lower_secondary_level3_share=40@0 maintain sub"},
		{"a part at a level takes its total's topic", plan, "Huyện duy trì chuẩn PCGD trung học cơ sở mức độ 2, trong đó 10/19 xã, thị trấn (52,6%) đạt mức độ 3.",
			"lower_secondary_universal_level=2@0 maintain; lower_secondary_level3_share=52.6(10/19)@0 maintain sub"},
		{"a part says in its own words what it adds", plan, "Củng cố 95% trung tâm học tập cộng đồng hoạt động thường xuyên, trong đó 75% ứng dụng công nghệ thông tin trong tổ chức các lớp học.",
			"-=95@0 maintain; clc_ict=75@0 maintain sub"},
		{"a part of no measure of its own is not its total", plan, "Có 70% người lớn trong các gia đình, dòng họ đạt danh hiệu “Công dân học tập”, trong đó 35% là đồng bào dân tộc thiểu số.",
			"learning_citizen_adults=70@0 achieve"},
		{"levels of several standards", plan, "Tiếp tục củng cố vững chắc kết quả đạt chuẩn phổ cập giáo dục mầm non cho trẻ 5 tuổi, phổ cập giáo dục tiểu học mức độ 3 và phổ cập giáo dục trung học cơ sở mức độ 3.",
			"preschool_5y=1@0 maintain; primary_universal_level=3@0 maintain; lower_secondary_universal_level=3@0 maintain"},
		{"strive", plan, "Phấn đấu đạt chuẩn xóa mù chữ cấp huyện ở mức độ 2;",
			"literacy_level=2@0 strive"},
		{"status", plan, "Thị xã được công nhận danh hiệu thị xã học tập theo tiêu chí do cơ quan có thẩm quyền ban hành;",
			"learning_locality_title=1@0 achieve"},
		{"age bands", plan, "Tỷ lệ người biết chữ độ tuổi 15 - 35 đạt 99,5%, độ tuổi 15 - 60 đạt 98%.",
			"literacy_rate=99.5@0 achieve; literacy_rate=98@0 achieve"},
		{"age bands after the figures", plan, "Tỷ lệ người biết chữ đạt 99,7% đối với nhóm tuổi 15-35 và 98,9% đối với nhóm tuổi 15-60.",
			"literacy_rate=99.7@0 achieve; literacy_rate=98.9@0 achieve"},
		{"shares of provinces and districts", plan, "Đến năm 2030, có ít nhất 35% tỉnh, thành phố được công nhận đạt tiêu chí “tỉnh học tập” và 50% huyện được công nhận “huyện học tập”.",
			"learning_province_share=ge35@2030 achieve; learning_district_share=50@2030 achieve"},
		// Years.
		{"opener", plan, "Phấn đấu đến năm 2025, 50% số người trong độ tuổi lao động được trang bị kỹ năng sống; 60% dân số từ 15 tuổi trở lên được đào tạo trình độ chuyên môn kỹ thuật.",
			"life_skills=50@2025 strive; technical_training=60@2025 strive"},
		{"opener with a colon after a framing clause", plan, "Trên cơ sở kết quả đạt được giai đoạn 2012 - 2020, phấn đấu đến năm 2025: 85% hộ gia đình đạt danh hiệu GĐHT, 75% dòng họ đạt danh hiệu “Dòng họ học tập”.",
			"learning_family=85@2025 strive; learning_clan=75@2025 strive"},
		{"the year stays with the first items too", plan, "Đến năm 2025 có 80% gia đình đạt danh hiệu “Gia đình học tập”, 75% dòng họ đạt danh hiệu “Dòng họ học tập”, 70% thôn, ấp đạt danh hiệu “Cộng đồng học tập”.",
			"learning_family=80@2025 achieve; learning_clan=75@2025 achieve; learning_community=70@2025 achieve"},
		{"a year after each figure", plan, "Tỷ lệ gia đình đạt danh hiệu “Gia đình học tập” đạt 65% vào năm 2025 và 80% vào năm 2030.",
			"learning_family=65@2025 achieve; learning_family=80@2030 achieve"},
		{"a year in parentheses", plan, "Năm 2025 có 80% các trung tâm học tập cộng đồng ứng dụng công nghệ thông tin (năm 2030 là 93,33%).",
			"clc_ict=80@2025 achieve; clc_ict=93.33@2030 achieve"},
		{"years and dashes", plan, "Tỷ lệ thôn, tổ dân phố đạt danh hiệu “Cộng đồng học tập”: 2023 - 61%, 2024 – 64%, 2025 - 67,5%.",
			"learning_community=61@2023 achieve; learning_community=64@2024 achieve; learning_community=67.5@2025 achieve"},
		{"a dash before a year is a period, not a figure", plan, "Giai đoạn 2023 - 2025, 70% gia đình đạt danh hiệu “Gia đình học tập”.",
			"learning_family=70@0 achieve"},
		{"years and colons in parentheses", plan, "Tỷ lệ người đạt danh hiệu “Công dân học tập” có kỹ năng số đáp ứng yêu cầu học tập suốt đời (2025: 70%; 2030: 90%).",
			"learning_citizen_digital=70@2025 achieve; learning_citizen_digital=90@2030 achieve"},
		{"a year before its figure", plan, "Tỷ lệ người trong độ tuổi lao động được trang bị năng lực thông tin năm 2025 đạt 50% (năm 2030 là 70%); tỷ lệ được trang bị kỹ năng sống không dưới 55%.",
			"info_competence=50@2025 achieve; info_competence=70@2030 achieve; life_skills=ge55@0 achieve"},
		{"from one year to another", plan, "Tỷ lệ hộ gia đình đạt danh hiệu GĐHT tăng từ 86% năm 2025 lên 92% năm 2030.",
			"learning_family=86@2025 achieve; learning_family=92@2030 achieve"},
		{"tiến tới", plan, "75% TTHTCĐ ứng dụng CNTT trong quản lý, tổ chức hoạt động, tiến tới 95% vào năm 2030;",
			"clc_ict=75@0 achieve; clc_ict=95@2030 achieve"},
		{"coordinated figures share a year", plan, "Phấn đấu 52% người lớn đạt danh hiệu “Công dân học tập” (tiến tới 60% và 80% vào năm 2030).",
			"learning_citizen_adults=52@0 strive; learning_citizen_adults=60@2030 strive; learning_citizen_adults=80@2030 strive"},
		{"years listed in order", plan, "Tỷ lệ xóm, tiểu khu được công nhận danh hiệu “Cộng đồng học tập” đến năm 2025 và 2030 lần lượt đạt 70% và 85%.",
			"learning_community=70@2025 achieve; learning_community=85@2030 achieve"},
		{"an opener list in order", plan, "Đến năm 2025 và năm 2030, tỷ lệ người trong độ tuổi lao động được trang bị năng lực thông tin lần lượt đạt 50% và 70%; tỷ lệ được trang bị kỹ năng sống lần lượt đạt 55% và 75%.",
			"info_competence=50@2025 achieve; info_competence=70@2030 achieve; life_skills=55@2025 achieve; life_skills=75@2030 achieve"},
		{"measures listed in order", plan, "Tỷ lệ người lớn trong các GĐHT, CĐHT đạt danh hiệu CDHT và tỷ lệ cán bộ, công chức, viên chức trong các đơn vị học tập đạt danh hiệu CDHT lần lượt là 60% và 80%.",
			"learning_citizen_adults=60@0 achieve; learning_citizen_officials=80@0 achieve"},
		{"these rates", plan, "Phấn đấu đến năm 2025 có 45% người lớn trong các gia đình, dòng họ, cộng đồng học tập và 65% cán bộ, công chức, viên chức trong các đơn vị học tập đạt danh hiệu “Công dân học tập”; đến năm 2030, các tỷ lệ này lần lượt là 60% và 82%.",
			"learning_citizen_adults=45@2025 strive; learning_citizen_officials=65@2025 strive; learning_citizen_adults=60@2030 strive; learning_citizen_officials=82@2030 strive"},
		{"the years of the clause before", plan, "Huyện đặt mục tiêu 80% gia đình đạt danh hiệu “Gia đình học tập” vào năm 2025 và 88% vào năm 2030; tỷ lệ dòng họ đạt danh hiệu “Dòng họ học tập” tương ứng là 70% và 80%.",
			"learning_family=80@2025 achieve; learning_family=88@2030 achieve; learning_clan=70@2025 achieve; learning_clan=80@2030 achieve"},
		{"title with a year after", plan, "TPHCM: Phấn đấu 75% cộng đồng được công nhận đạt danh hiệu “cộng đồng học tập” vào năm 2030",
			"learning_community=75@2030 strive"},
		{"a standard with a year after", plan, "Duy trì vững chắc kết quả phổ cập giáo dục mầm non cho trẻ em 5 tuổi, phấn đấu hoàn thành phổ cập giáo dục mầm non cho trẻ em 4 tuổi vào năm 2030.",
			"preschool_5y=1@0 maintain; preschool_4y=1@2030 strive"},
		{"figure after its indicator", plan, "Tỷ lệ gia đình được công nhận danh hiệu “Gia đình học tập” đạt 75% trở lên.",
			"learning_family=ge75@0 achieve"},
		{"a year list after the indicator", plan, "Tỷ lệ trung tâm học tập cộng đồng ứng dụng CNTT: năm 2025 đạt 80%, năm 2030 đạt 90%.",
			"clc_ict=80@2025 achieve; clc_ict=90@2030 achieve"},
		{"an opener from the sentence before", Context{DocYear: 2022, Opener: []int{2030}}, "70% người trong độ tuổi lao động được trang bị kỹ năng sống.",
			"life_skills=70@2030 achieve"},
		// Places.
		{"for named districts only", plan, "Tỷ lệ người biết chữ đạt 97,8%; riêng các huyện Kỳ Sơn, Tương Dương phấn đấu tỷ lệ biết chữ nhóm tuổi 15 - 60 đạt tối thiểu 93%.",
			"literacy_rate=97.8@0 achieve; literacy_rate=ge93@0 strive {các huyện Kỳ Sơn, Tương Dương}"},
		{"for named communes, the measure before", plan, "Tỷ lệ người biết chữ trong độ tuổi từ 15 đến 60 đạt 98,5% trở lên; riêng hai xã Đăk Rơ Wa và Ia Chim đạt không dưới 96%.",
			"literacy_rate=ge98.5@0 achieve; literacy_rate=ge96@0 achieve {hai xã Đăk Rơ Wa và Ia Chim}"},
		{"for named districts in the same clause", plan, "70% gia đình được công nhận danh hiệu GĐHT, riêng các huyện Kông Chro, Krông Pa phấn đấu đạt tối thiểu 55%;",
			"learning_family=70@0 achieve; learning_family=ge55@0 strive {các huyện Kông Chro, Krông Pa}"},
		// Results, targets and quotations.
		{"đã đạt", plan, "Năm 2021, toàn tỉnh đã đạt 65% số người được trang bị kỹ năng sống.",
			"life_skills=65@2021 achieve result"},
		{"đến nay", plan, "Đến nay, 84% gia đình được công nhận “Gia đình học tập”.",
			"learning_family=84@0 achieve result"},
		{"đến hết năm", Context{DocYear: 2024}, "đến hết năm 2023 có 84,47% gia đình được công nhận “Gia đình học tập”",
			"learning_family=84.47@2023 achieve result"},
		{"a result, then a", Context{DocYear: 2023}, "Đến hết năm 2022, toàn tỉnh có 84,47% gia đình được công nhận “Gia đình học tập”, phấn đấu đến năm 2025 đạt 90%.",
			"learning_family=84.47@2022 strive result; learning_family=90@2025 strive"},
		{"a date to the month", Context{DocYear: 2025, DocDate: "2025-08-22"}, "Đến hết tháng 6/2025, có 19/24 ấp (79,17%) đạt danh hiệu “Cộng đồng học tập”.",
			"learning_community=79.17(19/24)@2025 achieve result"},
		{"framing results are not results", plan, "Trên cơ sở kết quả đạt được, 60% dòng họ được công nhận “Dòng họ học tập”.",
			"learning_clan=60@0 achieve"},
		{"the province's figure in parentheses", plan, "Phấn đấu 10% dân số có trình độ đại học trở lên (chỉ tiêu của tỉnh là 12%).",
			"university_degree=10@0 strive; university_degree=12@0 strive ref:province"},
		{"the country's figure in parentheses", plan, "95% số xã, phường, thị trấn đạt chuẩn xóa mù chữ mức độ 2 (chỉ tiêu của Đề án quốc gia là 70% số tỉnh).",
			"literacy_level2_share=95@0 achieve; literacy_level2_share=70@0 achieve ref:national"},
		{"a comparison", plan, "Huyện đặt mục tiêu có 55% người trong độ tuổi lao động được trang bị kỹ năng sống, cao hơn mức 50% mà Đề án của Chính phủ đề ra.",
			"life_skills=55@0 achieve; life_skills=50@0 achieve ref:national"},
		{"the country's plan as the subject", plan, "Mục tiêu của Chương trình quốc gia đến năm 2025 là 70% gia đình được công nhận “Gia đình học tập”.",
			"learning_family=70@2025 achieve ref:national"},
		{"the plan's figure a result is held against", Context{DocYear: 2024}, "Có 1.236 hộ đạt danh hiệu “Gia đình học tập”, chiếm tỷ lệ 84,1% (chỉ tiêu kế hoạch 82%).",
			"learning_family=84.1@0 achieve result; learning_family=82@0 achieve ref:"},
		{"the plan's figure abbreviated", Context{DocYear: 2024}, "Năm 2024, tỷ lệ dòng họ đạt danh hiệu “Dòng họ học tập” là 81% (KH: 80%).",
			"learning_clan=81@2024 achieve; learning_clan=80@2024 achieve ref:"},
		{"a later year in parentheses is the plan's own", plan, "Phấn đấu đến năm 2025 có 45% dòng họ đạt danh hiệu “Dòng họ học tập” (chỉ tiêu năm 2030: 60%).",
			"learning_clan=45@2025 strive; learning_clan=60@2030 strive"},
		{"a rate that names nothing keeps the subject before it", plan, "Toàn tỉnh có 120 trung tâm học tập cộng đồng ứng dụng công nghệ thông tin, đạt tỷ lệ 75%.",
			"clc_ict=75@0 achieve"},
		{"a province's goal as the subject", plan, "Ông cho biết, mục tiêu của tỉnh đến năm 2025 là 70% dòng họ đạt danh hiệu “Dòng họ học tập”.",
			"learning_clan=70@2025 achieve ref:province"},
		{"a decision cited before a target is no quotation", plan, "Thực hiện Quyết định số 1373/QĐ-TTg, tỉnh phấn đấu đến năm 2025 có 60% dòng họ được công nhận “Dòng họ học tập”.",
			"learning_clan=60@2025 strive"},
		// Rates, changes and amendments.
		{"a rate after a comma is the next figure's measure", plan, "Đến năm 2025, 100% xã, phường, thị trấn đạt chuẩn xóa mù chữ mức độ 2, tỷ lệ người biết chữ trong độ tuổi 15-60 đạt 99%.",
			"literacy_level2_share=100@2025 achieve; literacy_rate=99@2025 achieve"},
		{"the generic title after coordinated subjects", plan, "Đến năm 2025, toàn tỉnh có 72% gia đình, 67% dòng họ, 70% thôn, bản, tổ dân phố được công nhận danh hiệu học tập.",
			"learning_family=72@2025 achieve; learning_clan=67@2025 achieve; learning_community=70@2025 achieve"},
		{"a yearly increase is no level", plan, "Mỗi năm tăng ít nhất 2% số hộ gia đình đạt danh hiệu “Gia đình học tập”, phấn đấu đến năm 2030 đạt trên 88%.",
			"-=ge2@0 strive; learning_family=gt88@2030 strive"},
		{"a difference is no level", Context{DocYear: 2023}, "52% người trong độ tuổi lao động được trang bị kỹ năng sống, vượt 2% so với kế hoạch.",
			"life_skills=52@0 achieve; -=gt2@0 achieve"},
		{"a rate per year is no level", plan, "Tỷ lệ trung tâm học tập cộng đồng ứng dụng công nghệ thông tin tăng bình quân 5%/năm.", "-=5@0 achieve"},
		{"an amendment replaces the quoted figure", plan, "Sửa đổi điểm a như sau: \"Đến năm 2025, 60% người trong độ tuổi lao động được trang bị kỹ năng sống\" thành \"Đến năm 2025, 65% người trong độ tuổi lao động được trang bị kỹ năng sống\".",
			"life_skills=60@2025 achieve ref:; life_skills=65@2025 achieve"},
		{"the replacing words measure what they replace", plan, "Sửa đổi chỉ tiêu năm 2025 về dòng họ được công nhận “Dòng họ học tập”: thay cụm từ “50% dòng họ” bằng cụm từ “60% dòng họ”.",
			"learning_clan=50@2025 achieve ref:; learning_clan=60@2025 achieve"},
		{"a quotation without an amendment is a target", plan, "Phấn đấu “đến năm 2025 có 60% dòng họ đạt danh hiệu Dòng họ học tập” thành hiện thực.",
			"learning_clan=60@2025 strive"},
		{"a date to the month opens results", Context{DocYear: 2025, DocDate: "2025-10-05"}, "Tính đến tháng 9/2025, toàn phường có 76,4% hộ gia đình đạt danh hiệu “Gia đình học tập”.",
			"learning_family=76.4@2025 achieve result"},
		{"the past in a figure's own words", Context{DocYear: 2023}, "100% trung tâm học tập cộng đồng đã ứng dụng công nghệ thông tin trong quản lý.",
			"clc_ict=100@0 achieve result"},
		{"a baseline year is not the figure's", Context{DocYear: 2023}, "Tỷ lệ người dân được công nhận “Công dân học tập” đạt 38,6%, tăng so với năm 2022.",
			"learning_citizen=38.6@0 achieve"},
		{"this title", plan, "Đến năm 2025 có ít nhất 45% người lớn đạt danh hiệu “Công dân học tập”; trên 65% cán bộ, công chức, viên chức đạt danh hiệu này.",
			"learning_citizen_adults=ge45@2025 achieve; learning_citizen_officials=gt65@2025 achieve"},
		{"a year closed by a comma opens its clause", plan, "Mục tiêu của Đề án là đến năm 2025, 70% tỉnh, thành phố đạt chuẩn xóa mù chữ mức độ 2; 50% số người trong độ tuổi lao động được trang bị năng lực thông tin.",
			"literacy_level2_share=70@2025 achieve; info_competence=50@2025 achieve"},
		{"a subject after a comma is the next figure's", plan, "Năm 2023 huyện phấn đấu nâng tỷ lệ gia đình học tập lên 80%, dòng họ học tập lên 73%.",
			"learning_family=80@2023 strive; learning_clan=73@2023 strive"},
		{"accounting for is a result", Context{DocYear: 2022}, "Huyện có 21.350 hộ, chiếm 78,2% tổng số hộ được công nhận “Gia đình học tập”.",
			"learning_family=78.2@0 achieve result"},
		// Numbers that are not targets.
		{"document numbers and dates", plan, "Căn cứ Kế hoạch số 1144/KH-UBND ngày 16/3/2022 của Ủy ban nhân dân tỉnh Bình Dương;", ""},
		{"a count alone", plan, "Toàn tỉnh có 101 xã, phường, thị trấn.", ""},
		{"a figure no entry fits", plan, "Phấn đấu giảm 10% chi phí vận hành hệ thống.", "-=10@0 strive"},
		{"age is not a value", plan, "dân số từ 15 tuổi trở lên", ""},
		{"a club of families is no share", plan, "dòng họ có từ 20 hộ trở lên được công nhận “Dòng họ học tập”", ""},
		{"model, not a title", plan, "Chỉ đạo, hướng dẫn tổ chức triển khai tiêu chí về mô hình công dân học tập, mô hình huyện học tập và mô hình tỉnh học tập.", ""},
		{"empty", plan, "", ""},
		// Folding: no diacritics, other tone placement, abbreviations, typos.
		{"no diacritics", plan, "50% so nguoi trong do tuoi lao dong duoc trang bi nang luc thong tin va ky nang song",
			"info_competence=50@0 achieve; life_skills=50@0 achieve"},
		{"old tone placement and kĩ", plan, "70% người lao động được trang bị kĩ năng sống",
			"life_skills=70@0 achieve"},
		{"CNTT", plan, "70% các TTHTCĐ ứng dụng CNTT trong quản lý",
			"clc_ict=70@0 achieve"},
		{"công đồng typo", plan, "40% các trung tâm học tập công đồng ứng dụng công nghệ thông tin",
			"clc_ict=40@0 achieve"},
		{"learning citizens with digital skills", plan, "70% công dân học tập có kỹ năng số",
			"learning_citizen_digital=70@0 achieve"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			text, ms := sentence(tc.in, tc.ctx)
			if got := render(text, ms); got != tc.want {
				t.Errorf("Sentence(%+q)\n got %s\nwant %s", tc.in, got, tc.want)
			}
			for _, m := range ms {
				if m.Start < 0 || m.End > len(text) || m.Start > m.End || m.Value.Start < 0 || m.Value.End > len(text) || text[m.Value.Start:m.Value.End] != m.Value.Raw && m.Unit != Status {
					t.Errorf("mention %+v: offsets outside the text or not its words", m)
				}
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
		{"32/34 xã (94,1%)", "32/34 xã percent 94.1 eq 32/34"},
		{"186/230 dòng họ, đạt 80,9%", "186/230 dòng họ percent 80.9 eq 186/230"},
		{"28/30 xã chiếm tỷ lệ 93,3%", "28/30 xã percent 93.3 eq 28/30"},
		{"12/15 trường đạt chuẩn, đạt 60%", "12/15 trường percent 80 eq 12/15; 60% percent 60 eq"},
		{"20/25 ấp đạt 80% và 90% hộ", "20/25 ấp percent 80 eq 20/25; 90% percent 90 eq"},
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

// TestTable reads tables as the structure package finds them: a figure per
// cell, its measure from the row's label, else the column's header, else
// the caption; its year from the column; its places from a row of places.
func TestTable(t *testing.T) {
	for _, tc := range []struct {
		name, caption, table, want string
	}{
		{"years across", "Bảng 1. Lộ trình thực hiện",
			"STT | Chỉ tiêu | Đơn vị tính | Năm 2025 | Năm 2030\n1 | Gia đình được công nhận “Gia đình học tập” | % | 75 | 85\n2 | Huyện được công nhận “huyện học tập” | % | - | 50",
			"learning_family=75@2025 learning_family=85@2030 learning_district_share=50@2030"},
		{"a past year is a result", "Kết quả và lộ trình",
			"Chỉ tiêu | 2021 | 2025\nTỷ lệ dòng họ đạt danh hiệu “Dòng họ học tập” (%) | 61,5 | 70",
			"learning_clan=61.5@2021:result learning_clan=70@2025"},
		{"what a header says of its column", "",
			"Chỉ tiêu | Thực hiện 2022 | Kế hoạch 2025\nTrung tâm học tập cộng đồng ứng dụng CNTT (%) | 64 | 80",
			"clc_ict=64@2022:result clc_ict=80@2025:target"},
		{"rows of places, columns of measures", "Chỉ tiêu đến năm 2025",
			"STT | Đơn vị | Gia đình học tập (%) | Dòng họ học tập (%)\n1 | Huyện Na Hang | 65 | 60\n| Toàn tỉnh | 72 | 67",
			"learning_family=65@0{Huyện Na Hang} learning_clan=60@0{Huyện Na Hang} learning_family=72@0{Toàn tỉnh} learning_clan=67@0{Toàn tỉnh}"},
		{"the caption's measure", "Tỷ lệ hộ gia đình đạt danh hiệu “Gia đình học tập” năm 2026 (%)",
			"STT | Tên ấp | Chỉ tiêu\n1 | Ấp Tân Hòa | 80\n2 | Ấp Tân Lợi | 85",
			"learning_family=80@2026:target{Ấp Tân Hòa} learning_family=85@2026:target{Ấp Tân Lợi}"},
		{"spaces", "",
			"TT Chỉ tiêu 2024 2025\n1 Tỷ lệ xã, phường đạt chuẩn PCGD THCS mức độ 3 (%) 55 60",
			"lower_secondary_level3_share=55@2024 lower_secondary_level3_share=60@2025"},
		{"counts are no percentages", "",
			"Chỉ tiêu | Năm 2025\nSố lớp xóa mù chữ được mở | 120",
			""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			text := tc.caption + "\n" + tc.table + "\n"
			text = vntext.Normalize(text)
			fold := structure.NewFolded(text)
			v := structure.Analyze(fold, structure.Span{Start: 0, End: len(text)})
			if len(v.Tables) != 1 {
				if tc.want != "" {
					t.Fatalf("%d tables", len(v.Tables))
				}
				return
			}
			var caps []structure.Span
			if tc.caption != "" {
				caps = []structure.Span{{Start: 0, End: len(vntext.Normalize(tc.caption))}}
			}
			var got []string
			for _, m := range testCatalog().Table(fold, &v.Tables[0], caps, Context{DocYear: 2022}) {
				s := fmt.Sprintf("%s=%s@%d", m.ID(), formatNum(m.Value.Num), m.Year)
				if m.Cue != CueNone {
					s += ":" + m.Cue.String()
				}
				if m.Places.End > m.Places.Start {
					s += "{" + text[m.Places.Start:m.Places.End] + "}"
				}
				if m.Cell == nil || text[m.Cell.Value.Start:m.Cell.Value.End] != m.Value.Raw {
					t.Errorf("%s: the cell's evidence is not its value", s)
				}
				got = append(got, s)
			}
			if g := strings.Join(got, " "); g != tc.want {
				t.Errorf("Table(%+q)\n got %s\nwant %s", tc.table, g, tc.want)
			}
		})
	}
}

func TestHorizon(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want int
	}{
		{"Mục tiêu đến năm 2025", 2025},
		{"Mục tiêu cụ thể đến năm 2030:", 2030},
		{"Đến năm 2025:", 2025},
		{"Năm 2023:", 2023},
		{"a) Giai đoạn 2021-2025:", 2025},
		{"II. MỤC TIÊU, CHỈ TIÊU NĂM 2024", 2024},
		{"2.1. Đến hết năm 2025", 2025},
		{"KẾ HOẠCH Xây dựng xã hội học tập năm 2024", 2024},
		{"Thực hiện công tác phổ cập giáo dục giai đoạn 2022 - 2025, định hướng đến năm 2030", 2025},
		{"Thực hiện Đề án “Xây dựng xã hội học tập giai đoạn 2021 - 2030” trên địa bàn tỉnh Nghệ An", 0},
		{"Kế hoạch 374/KH-UBND năm 2022 thực hiện Đề án", 0},
		{"Bắc Ninh, ngày 14 tháng 7 năm 2022", 0},
		{"Đến hết tháng 6/2025", 0},
		{"Bảng 1. Lộ trình thực hiện các chỉ tiêu giai đoạn 2022 - 2025", 2025},
		{"", 0},
	} {
		if got, ok := Horizon(tc.in); got != tc.want || ok != (tc.want != 0) {
			t.Errorf("Horizon(%+q) = %d, %v; want %d", tc.in, got, ok, tc.want)
		}
	}
}

func TestCatalog(t *testing.T) {
	c := testCatalog()
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
	extra := testCatalogText() + "\nid: digital_literacy\nunit: percent\nlabel: Người dân có kỹ năng số cơ bản\nen: Basic digital skills\nterms: kỹ năng số cơ bản\n"
	c2, err := ParseCatalog(strings.NewReader(extra))
	if err != nil {
		t.Fatal(err)
	}
	s := vntext.Normalize("Phấn đấu đến năm 2025, 80% người dân có kỹ năng số cơ bản.")
	ms, _ := c2.Sentence(structure.NewFolded(s), 0, len(s), plan)
	if got := render(s, ms); got != "digital_literacy=80@2025 strive" {
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
		"Đến năm 2025 và năm 2030, tỷ lệ người trong độ tuổi lao động được trang bị năng lực thông tin lần lượt đạt 50% và 70%; tỷ lệ được trang bị kỹ năng sống lần lượt đạt 55% và 75%.",
		"Phấn đấu 52% người lớn trong GĐHT, DHHT, CĐHT và 70% cán bộ đạt danh hiệu CDHT (tiến tới 60% và 80% vào năm 2030).",
		"Sửa đổi điểm a: \"60% dòng họ\" thành \"65% dòng họ\"; riêng các huyện Kỳ Sơn, Tương Dương phấn đấu đạt tối thiểu 93%.",
		"Huyện duy trì chuẩn PCGD THCS mức độ 2, trong đó 10/19 xã, thị trấn (52,6%) đạt mức độ 3 (chỉ tiêu chung của tỉnh là 40%).",
		"Tính đến tháng 9/2025, có 32/34 tổ dân phố (94,1%); mỗi năm tăng ít nhất 2%, tăng từ 86% năm 2025 lên 92% năm 2030.",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		ms, _ := testCatalog().Sentence(structure.NewFolded(s), 0, len(s), plan)
		for _, r := range ms {
			if r.Start < 0 || r.Start > r.End || r.End > len(s) || r.Value.Start < 0 || r.Value.End > len(s) || r.Value.Start > r.Value.End {
				t.Fatalf("bad mention %+v in %q", r, s)
			}
		}
	})
}
