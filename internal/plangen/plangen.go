// Package plangen writes plan-like documents for benchmarks and crash
// tests: provincial and district plans implementing Decision 1373/QĐ-TTg,
// in the layouts, formats and encodings the portals publish, with
// localities from the gazetteer and random targets, years and filler.
// Document i of a seed is always the same bytes.
package plangen

import (
	"fmt"
	"html"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"github.com/chitieu/chitieu/extract/gazetteer"
	"github.com/chitieu/chitieu/extract/vntext"
)

// A Doc is one generated document.
type Doc struct {
	Name     string // file name, with the format's extension
	Data     []byte
	Locality string // the issuing locality, as the header writes it
	Format   string // txt, txt-nfd, html, txt-tcvn3
	Targets  int    // target sentences written
}

// Formats, in the order Generate cycles through them.
var Formats = []string{"txt", "html", "txt-nfd", "html", "txt", "txt-tcvn3"}

type target struct {
	text  string // with %s for the value
	level bool   // a level ("mức độ %s"), not a percent
}

var targetTemplates = []target{
	{text: "%s số người trong độ tuổi lao động được trang bị năng lực thông tin"},
	{text: "%s số người trong độ tuổi lao động được trang bị kỹ năng sống"},
	{text: "%s các trung tâm học tập cộng đồng ứng dụng công nghệ thông tin trong quản lý, tổ chức hoạt động giáo dục"},
	{text: "%s các trường đại học trên địa bàn triển khai đại học số và xây dựng học liệu số"},
	{text: "%s các cơ sở giáo dục phổ thông, cơ sở giáo dục thường xuyên triển khai quản lý, dạy và học trong môi trường số"},
	{text: "%s gia đình được công nhận danh hiệu “Gia đình học tập”"},
	{text: "%s dòng họ được công nhận danh hiệu “Dòng họ học tập”"},
	{text: "%s cộng đồng được công nhận danh hiệu “Cộng đồng học tập”"},
	{text: "%s đơn vị được công nhận danh hiệu “Đơn vị học tập”"},
	{text: "%s dân số từ 15 tuổi trở lên có trình độ chuyên môn kỹ thuật"},
	{text: "%s cán bộ, hội viên Hội Khuyến học được học tập, quán triệt chủ trương, đường lối của Đảng"},
	{text: "duy trì đạt chuẩn xóa mù chữ mức độ %s", level: true},
	{text: "đạt chuẩn phổ cập giáo dục tiểu học mức độ %s", level: true},
}

var filler = []string{
	"Quán triệt, triển khai thực hiện có hiệu quả các quan điểm, mục tiêu, nhiệm vụ, giải pháp của Đề án “Xây dựng xã hội học tập giai đoạn 2021-2030”.",
	"Nâng cao nhận thức của các cấp ủy đảng, chính quyền, đoàn thể và người dân về vai trò, ý nghĩa của học tập suốt đời.",
	"Tạo cơ hội bình đẳng cho mọi người dân được tiếp cận các chương trình giáo dục, đào tạo, bồi dưỡng nâng cao trình độ.",
	"Phát huy vai trò của Hội Khuyến học các cấp trong việc vận động, xây dựng các mô hình học tập tại cộng đồng.",
	"Đẩy mạnh ứng dụng công nghệ thông tin, chuyển đổi số trong dạy và học, tổ chức các khóa học trực tuyến mở.",
	"Huy động các nguồn lực xã hội hóa để đầu tư cơ sở vật chất cho trung tâm học tập cộng đồng, thư viện, nhà văn hóa.",
	"Tăng cường công tác kiểm tra, giám sát, đánh giá việc thực hiện kế hoạch; định kỳ sơ kết, tổng kết, khen thưởng kịp thời.",
	"Phối hợp với các tổ chức, các lực lượng xã hội trong việc tuyên truyền, vận động người dân tích cực học tập.",
	"Các cơ quan, đơn vị căn cứ chức năng, nhiệm vụ được giao xây dựng kế hoạch cụ thể và tổ chức triển khai thực hiện.",
	"Trong quá trình thực hiện, nếu có khó khăn, vướng mắc, các cơ quan, đơn vị kịp thời báo cáo để xem xét, giải quyết.",
	"Kinh phí thực hiện được bố trí từ nguồn ngân sách nhà nước theo phân cấp hiện hành và các nguồn hợp pháp khác.",
	"Rà soát, củng cố mạng lưới trung tâm giáo dục nghề nghiệp - giáo dục thường xuyên, trung tâm học tập cộng đồng.",
}

var sections = []string{"MỤC ĐÍCH, YÊU CẦU", "MỤC TIÊU", "NHIỆM VỤ, GIẢI PHÁP", "KINH PHÍ THỰC HIỆN", "TỔ CHỨC THỰC HIỆN"}

// Generator makes documents from a seed.
type Generator struct {
	seed      uint64
	provinces []*gazetteer.Place
	districts []*gazetteer.Place
	gaz       *gazetteer.Gazetteer
}

// New returns a generator with the built-in gazetteer.
func New(seed uint64) *Generator {
	g := &Generator{seed: seed, gaz: gazetteer.Default()}
	for _, p := range g.gaz.Places() {
		switch p.Level {
		case gazetteer.Province:
			g.provinces = append(g.provinces, p)
		case gazetteer.District:
			g.districts = append(g.districts, p)
		}
	}
	return g
}

// Doc returns document i.
func (g *Generator) Doc(i int) Doc {
	r := rand.New(rand.NewPCG(g.seed, uint64(i)))
	var place *gazetteer.Place
	district := r.IntN(4) == 0 && len(g.districts) > 0
	if district {
		place = g.districts[r.IntN(len(g.districts))]
	} else {
		place = g.provinces[r.IntN(len(g.provinces))]
	}
	name := place.Display("")
	typeWord, bare := splitDisplay(name)
	year := 2021 + r.IntN(3)
	num := 10 + r.IntN(400)
	var b strings.Builder
	line := func(s string) { b.WriteString(s); b.WriteByte('\n') }

	line("ỦY BAN NHÂN DÂN")
	line(strings.ToUpper(name))
	line("-------")
	line("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
	line("Độc lập - Tự do - Hạnh phúc")
	line("")
	line(fmt.Sprintf("Số: %d/KH-UBND", num))
	at := bare
	if strings.Trim(bare, "0123456789") == "" {
		at = name // "Quận 6, ngày ...", not "6, ngày ..."
	}
	line(fmt.Sprintf("%s, ngày %d tháng %d năm %d", at, 1+r.IntN(28), 1+r.IntN(12), year))
	line("")
	line("KẾ HOẠCH")
	line(fmt.Sprintf("Thực hiện Đề án “Xây dựng xã hội học tập giai đoạn 2021-2030” trên địa bàn %s %s", strings.ToLower(typeWord), bare))
	line("")
	line(fmt.Sprintf("Thực hiện Quyết định số 1373/QĐ-TTg ngày 30 tháng 7 năm 2021 của Thủ tướng Chính phủ, Ủy ban nhân dân %s ban hành Kế hoạch thực hiện như sau:", name))

	bullets := [][2]string{{"1.", "a)"}, {"1.", "-"}, {"a)", "-"}, {"-", "+"}}[r.IntN(4)]
	roman := []string{"I.", "II.", "III.", "IV.", "V."}
	targets := 0
	for si, sec := range sections {
		line(roman[si] + " " + sec)
		if sec == "MỤC TIÊU" {
			for k, by := range []int{2025, 2030} {
				marker := bullets[0]
				if marker == "1." {
					marker = fmt.Sprintf("%d.", k+1)
				} else if marker == "a)" {
					marker = string(rune('a'+k)) + ")"
				}
				line(fmt.Sprintf("%s Mục tiêu đến năm %d", marker, by))
				n := 3 + r.IntN(6)
				perm := r.Perm(len(targetTemplates))[:n]
				if r.IntN(3) == 0 {
					// One paragraph, targets joined by semicolons, as news
					// articles write them.
					var parts []string
					for _, t := range perm {
						parts = append(parts, g.targetText(r, targetTemplates[t]))
					}
					line(fmt.Sprintf("Phấn đấu đến năm %d: %s.", by, strings.Join(parts, "; ")))
				} else {
					for _, t := range perm {
						line(fmt.Sprintf("%s %s.", bullets[1], upperFirst(g.targetText(r, targetTemplates[t]))))
					}
				}
				targets += n
			}
			continue
		}
		for k := range 1 + r.IntN(4) {
			line(fmt.Sprintf("%d. %s", k+1, filler[r.IntN(len(filler))]))
			for range r.IntN(4) {
				line(bullets[1] + " " + filler[r.IntN(len(filler))])
			}
		}
	}
	line("")
	line("TM. ỦY BAN NHÂN DÂN")
	line("CHỦ TỊCH")

	format := Formats[i%len(Formats)]
	text := b.String()
	d := Doc{Locality: name, Format: format, Targets: targets}
	base := fmt.Sprintf("%05d_%s", i, slug(bare))
	switch format {
	case "txt":
		d.Name, d.Data = base+".txt", []byte(text)
	case "txt-nfd":
		d.Name, d.Data = base+".txt", append([]byte("\ufeff"), norm.NFD.String(text)...)
	case "txt-tcvn3":
		d.Name, d.Data = base+".txt", encodeTCVN3(text)
	case "html":
		d.Name, d.Data = base+".html", []byte(toHTML(text, name))
	}
	return d
}

// targetText writes one target with a random value and qualifier.
func (g *Generator) targetText(r *rand.Rand, t target) string {
	if t.level {
		return fmt.Sprintf(t.text, fmt.Sprint(1+r.IntN(3)))
	}
	v := fmt.Sprint(40 + 5*r.IntN(13))
	switch r.IntN(5) {
	case 0:
		v += "% trở lên"
	case 1:
		v = "ít nhất " + v + "%"
	case 2:
		v = "khoảng " + v + "%"
	default:
		v += "%"
	}
	return fmt.Sprintf(t.text, v)
}

func splitDisplay(name string) (typeWord, bare string) {
	for _, t := range []string{"Thành phố", "Thị xã", "Tỉnh", "Huyện", "Quận", "Thị trấn"} {
		if strings.HasPrefix(name, t+" ") {
			return t, strings.TrimPrefix(name, t+" ")
		}
	}
	return "tỉnh", name
}

func upperFirst(s string) string {
	for i, r := range s {
		return string(unicode.ToUpper(r)) + s[i+len(string(r)):]
	}
	return s
}

func slug(s string) string {
	return strings.ReplaceAll(vntext.Fold(s), " ", "-")
}

// toHTML writes the text as a portal's page: a title, paragraphs, and
// some letters as numeric character references.
func toHTML(text, place string) string {
	var b strings.Builder
	b.WriteString("<!DOCTYPE html>\n<html lang=\"vi\"><head><meta charset=\"utf-8\"><title>Kế hoạch xây dựng xã hội học tập - ")
	b.WriteString(html.EscapeString(place))
	b.WriteString(" - Cổng thông tin điện tử</title></head>\n<body><nav><a href=\"/\">Trang chủ</a></nav><div class=\"content\">\n")
	for _, l := range strings.Split(strings.TrimRight(text, "\n"), "\n") {
		if l == "" {
			continue
		}
		e := html.EscapeString(l)
		e = strings.ReplaceAll(e, "ệ", "&#7879;")
		b.WriteString("<p>" + e + "</p>\n")
	}
	b.WriteString("</div><footer>Bản quyền thuộc về Ủy ban nhân dân</footer></body></html>\n")
	return b.String()
}

// encodeTCVN3 writes text in TCVN3 (the .VnTime fonts' bytes). TCVN3 has
// no small-font codes for capitals with tone marks: those are written in
// lower case, as a document typed in .VnTime shows them.
func encodeTCVN3(text string) []byte {
	out := make([]byte, 0, len(text))
	for _, r := range norm.NFC.String(text) {
		switch {
		case r < 0x80:
			out = append(out, byte(r))
		case r == '“' || r == '”':
			out = append(out, '"')
		default:
			if c, ok := vntext.TCVN3Byte(r); ok {
				out = append(out, c)
			} else if c, ok := vntext.TCVN3Byte(unicode.ToLower(r)); ok {
				out = append(out, c)
			} else {
				out = append(out, '?')
			}
		}
	}
	return out
}

// WriteCorpus writes documents 0..n-1 into dir (created if missing) and
// returns the bytes written. Existing files of the same name are kept, so
// a corpus is written once and reused.
func (g *Generator) WriteCorpus(dir string, n int) (int64, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return 0, err
	}
	var total int64
	for i := range n {
		d := g.Doc(i)
		p := filepath.Join(dir, d.Name)
		total += int64(len(d.Data))
		if _, err := os.Stat(p); err == nil {
			continue
		}
		if err := os.WriteFile(p, d.Data, 0o644); err != nil {
			return total, err
		}
	}
	return total, nil
}
