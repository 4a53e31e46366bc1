package structure

import (
	"fmt"
	"strings"
	"testing"
)

// outlineOf renders an outline as "text<parent" per block, the parent by
// its first word.
func outlineOf(text string) string {
	bs := Outline(text, 0, len(text))
	var got []string
	for _, b := range bs {
		parent := "-"
		if b.Parent >= 0 {
			parent = strings.Fields(text[bs[b.Parent].Body:bs[b.Parent].End])[0]
		}
		got = append(got, fmt.Sprintf("%s<%s", strings.Fields(text[b.Body:b.End])[0], parent))
	}
	return strings.Join(got, " ")
}

// TestHeadingParagraphs: a paragraph that reads as a heading, or a bullet
// that does ("* Đến năm 2030:"), holds the items and paragraphs after it,
// closes the list items before it, and is followed by the next such
// heading as a sibling; an appendix starts afresh.
func TestHeadingParagraphs(t *testing.T) {
	for _, tc := range []struct{ name, in, want string }{
		{"paragraph heading holds list items",
			"2. Mục tiêu cụ thể\nTrên cơ sở kết quả, phấn đấu đạt 50%.\nĐến năm 2030:\n+ Hoàn thành phổ cập;\n+ 100% xã đạt chuẩn.\n3. Nhiệm vụ",
			"Mục<- Trên<Mục Đến<Mục Hoàn<Đến 100%<Đến Nhiệm<-"},
		{"bulleted headings are siblings, their paragraphs under each",
			"2. Mục tiêu cụ thể\n* Giai đoạn 2023 - 2025:\nPhấn đấu 40% người lớn.\nTỷ lệ GĐHT đạt 70%.\n* Giai đoạn 2026 - 2030:\nTỷ lệ cán bộ đạt 80%.",
			"Mục<- Giai<Mục Phấn<Giai Tỷ<Giai Giai<Mục Tỷ<Giai"},
		{"a heading after list items closes them",
			"a) Đến hết năm 2025\n- Xã duy trì chuẩn;\n- 21/24 ấp đạt danh hiệu.\n* Đến năm 2030:\n- Duy trì vững chắc chuẩn.\nb) Đến năm 2035",
			"Đến<- Xã<Đến 21/24<Đến Đến<Đến Duy<Đến Đến<-"},
		{"an appendix stands apart",
			"IV. TỔ CHỨC THỰC HIỆN\n1. Sở Giáo dục chủ trì.\nPHỤ LỤC\nCHỈ TIÊU ĐẾN NĂM 2025\nSTT | Đơn vị | Năm 2025",
			"TỔ<- Sở<TỔ PHỤ<- CHỈ<- STT<CHỈ"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := outlineOf(tc.in); got != tc.want {
				t.Errorf("Outline(%+q)\n got %s\nwant %s", tc.in, got, tc.want)
			}
		})
	}
}

// renderTables writes a view's tables: each row's cells between bars, the
// header rows marked with "h:".
func renderTables(text string, ts []Table) string {
	var out []string
	for _, t := range ts {
		var rows []string
		for _, r := range t.Head {
			rows = append(rows, "h:"+cells(text, r))
		}
		for _, r := range t.Rows {
			rows = append(rows, cells(text, r))
		}
		out = append(out, strings.Join(rows, " / "))
	}
	return strings.Join(out, " // ")
}

func cells(text string, r Row) string {
	var cs []string
	for c := range r.Cells {
		cs = append(cs, r.Cell(text, c))
	}
	return strings.Join(cs, "|")
}

func TestTables(t *testing.T) {
	for _, tc := range []struct{ name, in, want string }{
		{"bars with a header of years",
			"Bảng 1\nSTT | Chỉ tiêu | Năm 2025 | Năm 2030\n1 | Gia đình học tập | 75 | 85\n2 | Dòng họ học tập | 68 | 80\nHết bảng.",
			"h:STT|Chỉ tiêu|Năm 2025|Năm 2030 / 1|Gia đình học tập|75|85 / 2|Dòng họ học tập|68|80"},
		{"Markdown bars and rule",
			"| Chỉ tiêu | 2024 | 2025 |\n|---|---|---|\n| Gia đình học tập (%) | 70 | 72 |",
			"h:Chỉ tiêu|2024|2025 / Gia đình học tập (%)|70|72"},
		{"a row with its first cell empty",
			"STT | Đơn vị | Gia đình học tập (%)\n1 | Huyện Na Hang | 65\n| Toàn tỉnh | 72",
			"h:STT|Đơn vị|Gia đình học tập (%) / 1|Huyện Na Hang|65 / |Toàn tỉnh|72"},
		{"no header",
			"Gia đình học tập | 75 | 85\nDòng họ học tập | 68 | 80",
			"Gia đình học tập|75|85 / Dòng họ học tập|68|80"},
		{"spaces: a header ending in years, rows ending in as many figures",
			"TT Chỉ tiêu 2022 2023 2024 2025\n1 Tỷ lệ xã đạt chuẩn XMC mức độ 2 (%) 86,5 89 93 96\n2 Tỷ lệ TTHTCĐ ứng dụng CNTT (%) 45 55 - 70\nSau năm 2025, tiếp tục nâng tỷ lệ.",
			"h:TT Chỉ tiêu|2022|2023|2024|2025 / 1 Tỷ lệ xã đạt chuẩn XMC mức độ 2 (%)|86,5|89|93|96 / 2 Tỷ lệ TTHTCĐ ứng dụng CNTT (%)|45|55|-|70"},
		{"spaces with 'Năm' before each year",
			"STT Chỉ tiêu Đơn vị tính Năm 2025 Năm 2030\n1 Trung tâm học tập cộng đồng ứng dụng CNTT % 75 95",
			"h:STT Chỉ tiêu Đơn vị tính|Năm 2025|Năm 2030 / 1 Trung tâm học tập cộng đồng ứng dụng CNTT %|75|95"},
		{"one line with a bar is no table", "Giáo dục | Thứ Sáu, 21/10/2022 - 09:15\nĐại Lộc phấn đấu đến năm 2025", ""},
		{"a sentence ending in two years is no table", "Kế hoạch giai đoạn 2025 2030\nXây dựng xã hội học tập.", ""},
		{"", "", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			v := Analyze(NewFolded(tc.in), Span{0, len(tc.in)})
			if got := renderTables(tc.in, v.Tables); got != tc.want {
				t.Errorf("tables of %+q\n got %s\nwant %s", tc.in, got, tc.want)
			}
			for _, tb := range v.Tables {
				for _, r := range append(tb.Head, tb.Rows...) {
					if v.Blocks[r.Block].Table < 0 || v.Heading(r.Block) {
						t.Errorf("row %q: block not marked as a table row", tc.in[r.Start:r.End])
					}
				}
			}
		})
	}
}

// TestFolded checks the fold's map both ways, with letters of one, two and
// three bytes.
func TestFolded(t *testing.T) {
	text := "Đạt 50% “Gia đình học tập” – ĐVHT"
	f := NewFolded(text)
	if f.F != `dat 50% "gia dinh hoc tap" - dvht` {
		t.Fatalf("fold = %q", f.F)
	}
	for i := 0; i <= len(f.F); i++ {
		o := f.Orig(i)
		if o < 0 || o > len(text) || f.At(o) > i {
			t.Fatalf("folded %d → text %d → folded %d", i, o, f.At(o))
		}
	}
	if s, a, b := f.Slice(strings.Index(text, "Gia"), strings.Index(text, "”")); s != "gia dinh hoc tap" || text[f.Orig(a):f.Orig(b)] != "Gia đình học tập" {
		t.Errorf("Slice = %q", s)
	}
}

// FuzzAnalyze checks that any text analyses into blocks, tables and
// sentences inside it, and that the fold maps back into it.
func FuzzAnalyze(f *testing.F) {
	f.Add("STT | Chỉ tiêu | Năm 2025\n1 | Gia đình | 75\n| Toàn tỉnh | 72")
	f.Add("TT Chỉ tiêu 2022 2023\n1 Tỷ lệ (%) 86,5 89\nĐến năm 2030:\n* Giai đoạn:\n- a")
	f.Add("PHỤ LỤC\n|---|\n||\n| |")
	f.Fuzz(func(t *testing.T, text string) {
		fold := NewFolded(text)
		v := Analyze(fold, Span{0, len(text)})
		for i, b := range v.Blocks {
			if b.Start < 0 || b.End > len(text) || b.Body < b.Start || b.Body > b.End || b.Parent >= i {
				t.Fatalf("bad block %+v", b)
			}
			for _, s := range v.Sentences(i) {
				if s.Start < b.Start || s.End > b.End || s.Start > s.End {
					t.Fatalf("sentence %+v outside block %+v", s, b)
				}
			}
		}
		for _, tb := range v.Tables {
			for _, r := range append(tb.Head, tb.Rows...) {
				if len(r.Cells) != tb.Cols {
					t.Fatalf("row %+v has %d cells, table %d", r, len(r.Cells), tb.Cols)
				}
				for _, c := range r.Cells {
					if c.Start < r.Start || c.End > r.End || c.Start > c.End {
						t.Fatalf("cell %+v outside row %+v", c, r)
					}
				}
			}
		}
		for i := 0; i <= len(fold.F); i++ {
			if o := fold.Orig(i); o < 0 || o > len(text) {
				t.Fatalf("folded %d maps to %d", i, o)
			}
		}
	})
}
