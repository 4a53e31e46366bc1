//go:build ignore

// Command office writes the HTML pages that make.sh turns into Word files
// and scans: each plan of the development set typed as documents are
// typed, its header a two-column table (issuer | motto), its paragraphs
// paragraphs, its "|" rows a table; and a flat OpenDocument file with
// automatic numbering and tracked changes.
//
//	go run office.go html DOCDIR OUTDIR
//	go run office.go fodt OUTFILE
package main

import (
	"fmt"
	"html"
	"os"
	"path/filepath"
	"strings"
)

func main() {
	if len(os.Args) < 3 {
		fmt.Fprintln(os.Stderr, "usage: go run office.go html DOCDIR OUTDIR | fodt OUTFILE")
		os.Exit(2)
	}
	var err error
	switch {
	case os.Args[1] == "html" && len(os.Args) == 4:
		err = pages(os.Args[2], os.Args[3])
	case os.Args[1] == "fodt" && len(os.Args) == 3:
		err = os.WriteFile(os.Args[2], []byte(fodt), 0o644)
	default:
		err = fmt.Errorf("usage: go run office.go html DOCDIR OUTDIR | fodt OUTFILE")
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

func pages(dir, out string) error {
	paths, err := filepath.Glob(filepath.Join(dir, "*.txt"))
	if err != nil {
		return err
	}
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		name := strings.TrimSuffix(filepath.Base(p), ".txt") + ".html"
		if err := os.WriteFile(filepath.Join(out, name), []byte(page(string(b))), 0o644); err != nil {
			return err
		}
	}
	return nil
}

const head = `<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8">
<style>body{font-family:"DejaVu Serif";font-size:12pt;margin:2cm} td{vertical-align:top;text-align:center} table.data td{text-align:left;border:1px solid #000} table{border-collapse:collapse;width:100%} p{margin:0 0 4pt 0}</style>
</head><body>
`

// page types a plan: the header lines before the motto go to the left
// cell with the number ("Số: ..."), the motto and the place and date to
// the right; the separator lines ("-----") are the rules under them.
func page(text string) string {
	lines := strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n")
	var b strings.Builder
	b.WriteString(head)
	motto := -1
	for i, l := range lines[:min(len(lines), 15)] {
		if strings.HasPrefix(strings.TrimSpace(l), "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM") {
			motto = i
			break
		}
	}
	body := 0
	if motto > 0 {
		var left, right []string
		for i := 0; i < motto; i++ {
			left = append(left, lines[i])
		}
		i := motto
		for ; i < len(lines) && i < motto+8; i++ {
			t := strings.TrimSpace(lines[i])
			switch {
			case strings.HasPrefix(t, "Số:") || strings.HasPrefix(t, "Số "):
				left = append(left, t)
			case strings.Contains(t, ", ngày") || strings.HasPrefix(t, "ngày"):
				right = append(right, t)
				i++
				goto done
			default:
				right = append(right, t)
			}
		}
	done:
		body = i
		b.WriteString("<table><tr><td>")
		cell(&b, left)
		b.WriteString("</td><td>")
		cell(&b, right)
		b.WriteString("</td></tr></table>\n")
	}
	var table [][]string
	flush := func() {
		if table == nil {
			return
		}
		b.WriteString(`<table class="data">`)
		for _, r := range table {
			b.WriteString("<tr>")
			for _, c := range r {
				b.WriteString("<td>" + html.EscapeString(c) + "</td>")
			}
			b.WriteString("</tr>")
		}
		b.WriteString("</table>\n")
		table = nil
	}
	for _, l := range lines[body:] {
		t := strings.TrimSpace(l)
		if strings.Count(t, "|") >= 1 && !strings.HasPrefix(t, "Giáo dục |") {
			cells := strings.Split(strings.Trim(t, "|"), "|")
			for i := range cells {
				cells[i] = strings.TrimSpace(cells[i])
			}
			table = append(table, cells)
			continue
		}
		flush()
		if t == "" || strings.Trim(t, "-_") == "" {
			continue
		}
		b.WriteString("<p>" + html.EscapeString(t) + "</p>\n")
	}
	flush()
	b.WriteString("</body></html>\n")
	return b.String()
}

func cell(b *strings.Builder, lines []string) {
	for _, l := range lines {
		if t := strings.TrimSpace(l); t != "" && strings.Trim(t, "-_") != "" {
			b.WriteString("<p>" + html.EscapeString(t) + "</p>")
		}
	}
}

// fodt is a plan whose headings and items are numbered by the word
// processor (I., 1., a), -) and which holds a tracked insertion and a
// tracked deletion: the figure 60% was changed to 65%.
const fodt = `<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" xmlns:dc="http://purl.org/dc/elements/1.1/" office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
<office:automatic-styles>
<text:list-style style:name="Muc">
<text:list-level-style-number text:level="1" style:num-format="I" style:num-suffix="."/>
<text:list-level-style-number text:level="2" style:num-format="1" style:num-suffix="."/>
<text:list-level-style-number text:level="3" style:num-format="a" style:num-suffix=")"/>
<text:list-level-style-bullet text:level="4" text:bullet-char="-"/>
</text:list-style>
</office:automatic-styles>
<office:body><office:text>
<text:tracked-changes>
<text:changed-region text:id="ct1"><text:insertion><office:change-info><dc:creator>Phòng GD&amp;ĐT</dc:creator><dc:date>2022-05-10T09:00:00</dc:date></office:change-info></text:insertion></text:changed-region>
<text:changed-region text:id="ct2"><text:deletion><office:change-info><dc:creator>Phòng GD&amp;ĐT</dc:creator><dc:date>2022-05-10T09:00:00</dc:date></office:change-info><text:p>60%</text:p></text:deletion></text:changed-region>
</text:tracked-changes>
<text:p>ỦY BAN NHÂN DÂN HUYỆN KIM SƠN</text:p>
<text:p>Số: 45/KH-UBND</text:p>
<text:p>Kim Sơn, ngày 12 tháng 5 năm 2022</text:p>
<text:p>KẾ HOẠCH</text:p>
<text:p>Xây dựng xã hội học tập trên địa bàn huyện Kim Sơn giai đoạn 2022-2025</text:p>
<text:list text:style-name="Muc">
<text:list-item><text:p>MỤC ĐÍCH, YÊU CẦU</text:p></text:list-item>
<text:list-item><text:p>MỤC TIÊU</text:p>
<text:list>
<text:list-item><text:p>Mục tiêu chung</text:p></text:list-item>
<text:list-item><text:p>Mục tiêu cụ thể đến năm 2025</text:p>
<text:list>
<text:list-item><text:p>Phấn đấu <text:change text:change-id="ct2"/><text:change-start text:change-id="ct1"/>65%<text:change-end text:change-id="ct1"/> số người trong độ tuổi lao động được trang bị kỹ năng sống.</text:p></text:list-item>
<text:list-item><text:p>100% trung tâm học tập cộng đồng ứng dụng công nghệ thông tin trong quản lý.</text:p>
<text:list>
<text:list-item><text:p>Phấn đấu 80% gia đình đạt danh hiệu “Gia đình học tập”.</text:p></text:list-item>
</text:list></text:list-item>
</text:list></text:list-item>
</text:list></text:list-item>
<text:list-item><text:p>NHIỆM VỤ VÀ GIẢI PHÁP</text:p></text:list-item>
</text:list>
</office:text></office:body></office:document>
`
