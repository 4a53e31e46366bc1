package rules

import (
	"fmt"
	"strings"
	"testing"

	"github.com/chitieu/chitieu/extract/structure"
	"github.com/chitieu/chitieu/extract/vntext"
)

// TestOpenMentions checks what the grammar reads of figures no catalog
// entry fits: the measure's words, unit, direction and change, counts and
// money; one sentence for each rule.
func TestOpenMentions(t *testing.T) {
	for _, tc := range []struct {
		name, in, want string
	}{
		{"a rate per year", "Tỷ lệ hộ nghèo đa chiều giảm bình quân 2%/năm.",
			`"Tỷ lệ hộ nghèo đa chiều" 2 percent_per_year decrease change`},
		{"a change without a period", "Số người tham gia bảo hiểm thất nghiệp tăng thêm 3.000 người.",
			`"Số người tham gia bảo hiểm thất nghiệp … người" 3000 count người increase change`},
		{"a level reached by going down", "Tỷ lệ trẻ em suy dinh dưỡng giảm xuống còn dưới 8%.",
			`"Tỷ lệ trẻ em suy dinh dưỡng" 8 percent decrease`},
		{"money per person and year", "Thu nhập bình quân đầu người đạt 120 triệu đồng/người/năm.",
			`"Thu nhập bình quân đầu người" 120000000 money đồng/người/năm`},
		{"money spent is no target", "Kinh phí thực hiện Kế hoạch là 12 tỷ đồng.", ``},
		{"money raised is no target", "Huy động các nguồn lực khoảng 300 tỷ đồng.", ``},
		{"a count with the verb before it", "Giải quyết việc làm mới cho 2.000 lao động.",
			`"Giải quyết việc làm mới … lao động" 2000 count lao động`},
		{"a count with its own words", "Có thêm 3 xã đạt chuẩn nông thôn mới kiểu mẫu.",
			`"xã đạt chuẩn nông thôn mới kiểu mẫu" 3 count xã increase`},
		{"a count that says what exists", "Toàn huyện có 15 xã, thị trấn.", ``},
		{"a year before a place is no count", "Năm 2024 huyện phấn đấu có thêm 3 trường đạt chuẩn.",
			`"trường đạt chuẩn" 3 count trường increase`},
		{"a count behind its share", "Có 45 thôn, chiếm tỷ lệ 90% số thôn.", `"số thôn" 90 percent result`},
		{"kept", "Duy trì 100% trạm y tế xã có bác sĩ làm việc.",
			`"trạm y tế xã có bác sĩ làm việc" 100 percent keep`},
		{"the words after a share are its base", "Tỷ lệ bao phủ bảo hiểm y tế đạt 93% dân số.",
			`"Tỷ lệ bao phủ bảo hiểm y tế" 93 percent`},
		{"a share of a base after the verb of share", "Giá trị sản xuất công nghiệp chiếm 40% GRDP.",
			`"Giá trị sản xuất công nghiệp … GRDP" 40 percent result`},
		{"the measure goes on after a comma", "Tỷ lệ che phủ rừng tăng bình quân 0,5%/năm, đến năm 2030 đạt 48%.",
			`"Tỷ lệ che phủ rừng" 0.5 percent_per_year increase change; "Tỷ lệ che phủ rừng" 48 percent`},
		{"a share of a base after the verb", "Phát triển hội viên nông dân đạt 25% dân số.",
			`"Phát triển hội viên nông dân … dân số" 25 percent`},
		{"a base with its narrowing", "Số người tham gia bảo hiểm xã hội đạt 30% lực lượng lao động trong độ tuổi.",
			`"Số người tham gia bảo hiểm xã hội … lực lượng lao động trong độ tuổi" 30 percent`},
		{"a baseline and a second clause", "Giảm 30% số vụ cháy rừng so với năm 2020 và trồng mới 500 ha rừng.",
			`"số vụ cháy rừng" 30 percent decrease change; "trồng mới … ha rừng" 500 count ha`},
		{"a change from one level to another", "Tỷ lệ hộ nghèo giảm từ 3,5% xuống còn 2%.",
			`"Tỷ lệ hộ nghèo" 3.5 percent decrease result; "Tỷ lệ hộ nghèo" 2 percent decrease`},
		{"years in parentheses", "Tỷ lệ hồ sơ được số hóa (2024: 60%; 2025: 90%).",
			`"Tỷ lệ hồ sơ được số hóa" 60 percent; "Tỷ lệ hồ sơ được số hóa" 90 percent`},
		{"money per unit", "Giá trị sản phẩm trên 1 ha đất nông nghiệp đạt 150 triệu đồng/ha.",
			`"Giá trị sản phẩm trên 1 ha đất nông nghiệp" 150000000 money đồng/ha`},
		{"growth is no direction", "Tốc độ tăng trưởng tổng sản phẩm đạt 8%.",
			`"Tốc độ tăng trưởng tổng sản phẩm" 8 percent`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := vntext.Normalize(tc.in)
			ms, _ := testCatalog().Sentence(structure.NewFolded(s), 0, len(s), Context{})
			var got []string
			for _, m := range ms {
				if m.Indicator != nil {
					continue
				}
				g := fmt.Sprintf("%q %s %s", m.Label, formatNum(m.Value.Num), m.Unit)
				if m.UnitText != "" && m.Unit != Percent {
					g += " " + m.UnitText
				}
				if m.Direction != DirNone {
					g += " " + m.Direction.String()
				}
				if m.Change {
					g += " change"
				}
				if m.Cue == CueResult {
					g += " result"
				}
				got = append(got, g)
			}
			if g := strings.Join(got, "; "); g != tc.want {
				t.Errorf("Sentence(%q)\n got %s\nwant %s", tc.in, g, tc.want)
			}
		})
	}
}

func TestCleanLabel(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"Tỷ lệ dân số tham gia bảo hiểm y tế đạt", "Tỷ lệ dân số tham gia bảo hiểm y tế"},
		{"Giảm tỷ lệ hộ nghèo theo chuẩn nghèo đa chiều từ", "tỷ lệ hộ nghèo theo chuẩn nghèo đa chiều"},
		{"Phấn đấu đến năm 2025 có", ""},
		{"Tổng vốn đầu tư", "Tổng vốn đầu tư"},
		{"huyện phấn đấu tỷ lệ trẻ đến trường đạt trên", "tỷ lệ trẻ đến trường"},
		{"xã đạt chuẩn, nâng tổng số lên", "xã đạt chuẩn"},
		{"việc làm cho lao động và giữ tỷ lệ thất nghiệp", "việc làm cho lao động"},
		{"- Cùng với đó, tỷ lệ trường đạt chuẩn quốc gia là", "tỷ lệ trường đạt chuẩn quốc gia"},
		{"", ""},
	} {
		if got := CleanLabel(tc.in); got != tc.want {
			t.Errorf("CleanLabel(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// TestShareOfFutureYear checks that "chiếm" states what stands, unless the
// figure's year is still to come when the document is written.
func TestShareOfFutureYear(t *testing.T) {
	for _, tc := range []struct {
		in      string
		docYear int
		want    Cue
	}{
		{"Đến năm 2030, kinh tế số chiếm 30% GRDP.", 2024, CueNone},
		{"Năm 2023, kinh tế số chiếm 9% GRDP.", 2024, CueResult},
		{"Kinh tế số chiếm 9% GRDP.", 2024, CueResult},
	} {
		s := vntext.Normalize(tc.in)
		ms, _ := testCatalog().Sentence(structure.NewFolded(s), 0, len(s), Context{DocYear: tc.docYear})
		if len(ms) != 1 || ms[0].Cue != tc.want {
			t.Errorf("Sentence(%q) in a document of %d: %+v, want one mention with cue %v", tc.in, tc.docYear, ms, tc.want)
		}
	}
}
