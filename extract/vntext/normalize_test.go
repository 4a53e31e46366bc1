package vntext

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// The reference cases of ../shared/spec/normalization.md, numbered as there.
func TestNormalizeSpec(t *testing.T) {
	cp1258 := func(b string) string {
		s, err := charmap.Windows1258.NewDecoder().String(b)
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	tests := []struct {
		n        int
		in, want string
	}{
		{1, "Vie\u0302\u0323t Nam", "Việt Nam"},
		{2, "Vi\u00ea\u0323t", "Việt"},
		{3, cp1258("Vi\xea\xf2t Nam h\xf4\xec"), "Việt Nam hố"},
		{4, "C\u00e9ng ho\u00b5 x\u00b7 h\u00e9i ch\u00f1 ngh\u00dca Vi\u00d6t Nam", "Cộng hòa xã hội chủ nghĩa Việt Nam"},
		{5, "\u00a7\u00e9c l\u00cbp - T\u00f9 do - H\u00b9nh ph\u00f3c", "Độc lập - Tự do - Hạnh phúc"},
		{6, "Ng\u00ad\u00eai lao \u00ae\u00e9ng \u00ae\u00ad\u00eec tr\u00b6 l\u00ad\u00acng", "Người lao động được trả lương"},
		{7, "Ng-\u00eai lao \u00ae\u00e9ng \u00ae\u00ad\u00eec tr\u00b6 l-\u00acng", "Người lao động được trả lương"},
		{9, "Ti\u00d5ng Vi\u00d6t c\u00e3 29 ch\u00f7 c\u00b8i", "Tiếng Việt có 29 chữ cái"},
		{10, "Tieáng Vieät coù 29 chöõ caùi", "Tiếng Việt có 29 chữ cái"},
		{11, "Quyeát ñònh soá 1373 cuûa Thuû töôùng", "Quyết định số 1373 của Thủ tướng"},
		{13, "K\u00e1\u00ba\u00bf ho\u00e1\u00ba\u00a1ch", "Kế hoạch"},
		{14, "\u00c4\ufffd\u00e1\u00bb\u201cng Nai", "\u00c4\ufffd\u00e1\u00bb\u201cng Nai"},
		{15, "Ng\u00adười", "Người"},
		{16, "\u00d0ảm bảo", "Đảm bảo"},
		{17, "ﬁ １２３", "fi 123"},
		// UTF-8 read as Windows-1252 after a tab, beside a byte lost:
		// the tab ends the lost run, "Káº¿ hoáº¡ch" is repaired.
		{18, "\ufffd\tK\u00e1\u00ba\u00bf ho\u00e1\u00ba\u00a1ch", "\ufffd Kế hoạch"},
	}
	for _, tt := range tests {
		got := Normalize(tt.in)
		if got != tt.want {
			t.Errorf("case %d: Normalize(%+q) = %+q, want %+q", tt.n, tt.in, got, tt.want)
		}
	}
}

func TestNormalizeReport(t *testing.T) {
	_, rep := New().Normalize("\u00c4\ufffd\u00e1\u00bb\u201cng Nai")
	if rep.Lost != 1 {
		t.Errorf("Lost = %d, want 1 (the U+FFFD must be reported)", rep.Lost)
	}
	_, rep = New().Normalize("C\u00e9ng ho\u00b5 x\u00b7 h\u00e9i ch\u00f1 ngh\u00dca")
	if rep.Legacy != TCVN3 {
		t.Errorf("Legacy = %v, want tcvn3", rep.Legacy)
	}
	_, rep = New().Normalize("K\u00e1\u00ba\u00bf ho\u00e1\u00ba\u00a1ch")
	if rep.Mojibake != 2 {
		t.Errorf("Mojibake = %d, want 2", rep.Mojibake)
	}
}

func TestVIQROnlyOnRequest(t *testing.T) {
	in := "Tie^'ng Vie^.t co' 29 chu+~ ca'i"
	if got := Normalize(in); got != in {
		t.Errorf("Normalize(%+q) = %+q: VIQR must not be decoded unasked", in, got)
	}
	if got, want := New(WithVIQR()).String(in), "Tiếng Việt có 29 chữ cái"; got != want {
		t.Errorf("WithVIQR: got %+q, want %+q", got, want)
	}
	if got, want := New(WithVIQR()).String("DDa^y la` ca^u ho?i?"), "Đây là câu hỏi?"; got != want {
		t.Errorf("WithVIQR: got %+q, want %+q", got, want)
	}
}

func TestFontEncoding(t *testing.T) {
	tests := []struct {
		font string
		enc  Encoding
		caps bool
	}{
		{".VnTime", TCVN3, false},
		{"ABCDEF+.VnTimeH", TCVN3, true},
		{".VnArialH,Bold", TCVN3, true},
		{".VnTime,Bold", TCVN3, false},
		{"VNI-Times", VNI, false},
		{"VNI-Helve-Bold", VNI, false},
		{"TimesNewRomanPSMT", Unicode, false},
		{"AAAAAA+DejaVuSerif", Unicode, false},
	}
	for _, tt := range tests {
		enc, caps := FontEncoding(tt.font)
		if enc != tt.enc || caps != tt.caps {
			t.Errorf("FontEncoding(%q) = %v, %v; want %v, %v", tt.font, enc, caps, tt.enc, tt.caps)
		}
	}
	// Case 8: a capitals-only font.
	if got, want := Normalize(DecodeFontRun("c\u00e9ng ho\u00b5", ".VnTimeH")), "CỘNG HÒA"; got != want {
		t.Errorf("DecodeFontRun(.VnTimeH) = %+q, want %+q", got, want)
	}
	if got, want := DecodeFontRun("Quyeát ñònh", "VNI-Times"), "Quyết định"; got != want {
		t.Errorf("DecodeFontRun(VNI-Times) = %+q, want %+q", got, want)
	}
}

// Case 18-20: tone placement.
func TestTonePlacement(t *testing.T) {
	tests := []struct{ in, want string }{
		{"hoà", "hòa"}, {"thuỷ", "thủy"}, {"uỷ ban", "ủy ban"}, {"khoẻ", "khỏe"},
		{"thuý", "thúy"}, {"tuỳ", "tùy"}, {"Hoà", "Hòa"}, {"UỶ BAN", "ỦY BAN"},
		{"qúy", "quý"}, {"Qúy", "Quý"}, {"HOÀ BÌNH", "HÒA BÌNH"}, {"hoá", "hóa"},
		{"xoè", "xòe"}, {"loã", "lõa"},
	}
	for _, tt := range tests {
		got, _, err := transform.String(TonePlacement(), tt.in)
		if err != nil || got != tt.want {
			t.Errorf("TonePlacement(%+q) = %+q, %v; want %+q", tt.in, got, err, tt.want)
		}
	}
	unchanged := []string{"hoàng", "toán", "khuyến", "quốc", "của", "mùa", "người", "thuở",
		"khuya", "giữ", "gìn", "thuyền", "quý", "hòa", "Thủy", "quỳnh", "hoạch", "oái", "ngoài",
		"Hoàng Văn Thụ", "huấn", "luyện", "HOÀNG", "tuyệt", "khoảng", "loại"}
	for _, in := range unchanged {
		got, _, err := transform.String(TonePlacement(), in)
		if err != nil || got != in {
			t.Errorf("TonePlacement(%+q) = %+q, %v; want it unchanged", in, got, err)
		}
	}
}

// Case 21-23: the fold.
func TestFold(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Đường Nguyễn Huệ, Thủ Đức", "duong nguyen hue, thu duc"},
		{"Đ\u01b0\u01a1\u0300ng Nguy\u00ea\u0303n Hu\u00ea\u0323, Thu\u0309 \u0110\u01b0\u0301c", "duong nguyen hue, thu duc"},
		{"ĐỖ THỊ LẬP", "do thi lap"}, {"Ủy ban", "uy ban"}, {"Uỷ ban", "uy ban"},
		{"ưu tiên", "uu tien"}, {"Ơn", "on"}, {"“Gia đình học tập”", "\"gia dinh hoc tap\""},
		{"2021–2030", "2021-2030"}, {"", ""},
	}
	for _, tt := range tests {
		if got := Fold(tt.in); got != tt.want {
			t.Errorf("Fold(%+q) = %+q, want %+q", tt.in, got, tt.want)
		}
	}
}

func TestFoldMap(t *testing.T) {
	s := "Năng lực THÔNG TIN và kỹ năng sống"
	f, offs := FoldMap(s)
	if len(offs) != len(f)+1 {
		t.Fatalf("len(offsets) = %d, want %d", len(offs), len(f)+1)
	}
	i := strings.Index(f, "thong tin")
	j := i + len("thong tin")
	if got := s[offs[i]:offs[j]]; got != "THÔNG TIN" {
		t.Errorf("span of %q = %q, want %q", "thong tin", got, "THÔNG TIN")
	}
	i = strings.Index(f, "ky nang")
	if got := s[offs[i]:offs[i+len("ky nang")]]; got != "kỹ năng" {
		t.Errorf("span of %q = %q, want %q", "ky nang", got, "kỹ năng")
	}
}

func TestHasDiacritics(t *testing.T) {
	for in, want := range map[string]bool{"hoa": false, "HOA": false, "hòa": true, "đi": true, "Ðà": true, "x2": false, "ho\u0300a": true} {
		if got := HasDiacritics(in); got != want {
			t.Errorf("HasDiacritics(%+q) = %v, want %v", in, got, want)
		}
	}
}

func TestRepairLines(t *testing.T) {
	tests := []struct{ in, want string }{
		{"hệ thống giáo dục mở, đa dạng,\nlinh hoạt, liên thông", "hệ thống giáo dục mở, đa dạng, linh hoạt, liên thông"},
		{"Mục tiêu cụ thể\n\na) Mục tiêu đến năm 2025", "Mục tiêu cụ thể\n\na) Mục tiêu đến năm 2025"},
		{"2. Mục tiêu cụ thể\na) Mục tiêu đến năm 2025", "2. Mục tiêu cụ thể\na) Mục tiêu đến năm 2025"},
		{"Xóa mù chữ:\n- + Phấn đấu", "Xóa mù chữ:\n- + Phấn đấu"},
		{"hành động của thanh\n\n\n\nnhiên, các phong trào", "hành động của thanh nhiên, các phong trào"},
		{"kết thúc câu.\nmột câu mới", "kết thúc câu.\nmột câu mới"},
		{"phát triển kinh tế -\nxã hội", "phát triển kinh tế - xã hội"},
		{"phát triển kinh tế-\nxã hội", "phát triển kinh tế-xã hội"},
		{"the docu-\nment", "the document"},
		{"Ban chỉ đạo XMC-\nPCGD", "Ban chỉ đạo XMC-PCGD"},
		{"giai đoạn 2021-\n2030", "giai đoạn 2021-2030"},
		{"  a   b  \n\n\n\n C ", "a b\n\nC"},
		{"KẾ HOẠCH\nTriển khai thực hiện", "KẾ HOẠCH\nTriển khai thực hiện"},
		// Hard-wrapped lines that break before a percentage or an
		// abbreviation still continue; short lines (headings) do not.
		{"• Tỷ lệ gia đình được công nhận “Gia đình học tập” trong năm 2023 phấn đấu đạt\n65%, tiến tới 80%",
			"• Tỷ lệ gia đình được công nhận “Gia đình học tập” trong năm 2023 phấn đấu đạt 65%, tiến tới 80%"},
		{"+ Huyện duy trì chuẩn PCGD trung học cơ sở mức độ 2, trong đó 10/19 xã, thị trấn\n(52,6%) đạt mức độ 3.",
			"+ Huyện duy trì chuẩn PCGD trung học cơ sở mức độ 2, trong đó 10/19 xã, thị trấn (52,6%) đạt mức độ 3."},
		{"• Huyện duy trì đạt chuẩn XMC mức độ 2; 32/34 xã, thị trấn (94,1%) đạt chuẩn\nXMC mức độ 2.",
			"• Huyện duy trì đạt chuẩn XMC mức độ 2; 32/34 xã, thị trấn (94,1%) đạt chuẩn XMC mức độ 2."},
		{"Mục tiêu đến năm 2025\n50% số người", "Mục tiêu đến năm 2025\n50% số người"},
		{"d) Hội Cựu chiến binh, Hội Người cao tuổi thị xã, Hội Cựu giáo chức thị xã\nHướng dẫn các cấp hội",
			"d) Hội Cựu chiến binh, Hội Người cao tuổi thị xã, Hội Cựu giáo chức thị xã\nHướng dẫn các cấp hội"},
		{"STT | Chỉ tiêu | Đơn vị tính | Năm 2025 | Năm 2030 | Ghi chú thêm\n1 | Gia đình | 75%",
			"STT | Chỉ tiêu | Đơn vị tính | Năm 2025 | Năm 2030 | Ghi chú thêm\n1 | Gia đình | 75%"},
		{"", ""},
		{"\n\n", ""},
	}
	for _, tt := range tests {
		if got := RepairLines(tt.in); got != tt.want {
			t.Errorf("RepairLines(%+q) = %+q, want %+q", tt.in, got, tt.want)
		}
	}
}

func TestSpaces(t *testing.T) {
	tests := []struct{ in, want string }{
		{"a\u00a0b\u2003c\td", "a b c d"},
		{"zero\u200bwidth\ufeff", "zerowidth"},
		{"line\r\nbreak\rhere", "line\nbreak\nhere"},
		{"soft\u00adhyphen", "softhyphen"},
		{"hyphen\u00ad\nated", "hyphenated"},
		{"ctl\x00\x07x", "ctlx"},
		{"page\fnext", "page\nnext"},
		{"", ""},
	}
	for _, tt := range tests {
		got, _, err := transform.String(Spaces(), tt.in)
		if err != nil || got != tt.want {
			t.Errorf("Spaces(%+q) = %+q, %v; want %+q", tt.in, got, err, tt.want)
		}
	}
}

// Edges every stage must survive: empty input, invalid UTF-8, NFD, runes
// and words split across the transformer's buffers.
func TestNormalizeEdges(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"abc\xffdef", "abc\ufffddef"},
		{"\xe1\xba", "\ufffd\ufffd"},
		{"ho\u00e0", "hòa"},
		{"ho\u0061\u0300", "hòa"}, // NFD "hoà"
		{"Uy\u0309 ban", "Ủy ban"},
		{"\u00a0\u00a0Kế\u00a0hoạch\u200b", "Kế hoạch"},
	}
	for _, tt := range tests {
		got := Normalize(tt.in)
		if got != tt.want {
			t.Errorf("Normalize(%+q) = %+q, want %+q", tt.in, got, tt.want)
		}
		if !utf8.ValidString(got) {
			t.Errorf("Normalize(%+q) is not valid UTF-8", tt.in)
		}
	}
	// A long text makes the transformers cross many buffer boundaries.
	unit := "Thuỷ lợi hoà bình, uỷ ban khoẻ mạnh; Ðảm bảo\u00a0an toàn. "
	long := strings.Repeat(unit, 2000)
	want := strings.TrimSpace(strings.Repeat("Thủy lợi hòa bình, ủy ban khỏe mạnh; Đảm bảo an toàn. ", 2000))
	if got := Normalize(long); got != want {
		t.Errorf("Normalize(long text) differs from the repeated unit (len %d vs %d)", len(got), len(want))
	}
}

// runChunked drives t by hand with src handed over chunk bytes at a time and
// a dst of dstSize bytes, as transform.Reader does with small reads.
func runChunked(t transform.Transformer, in []byte, chunk, dstSize int) (string, error) {
	var out []byte
	dst := make([]byte, dstSize)
	src := in
	avail := min(chunk, len(src))
	for {
		atEOF := avail == len(src)
		nDst, nSrc, err := t.Transform(dst, src[:avail], atEOF)
		out = append(out, dst[:nDst]...)
		src, avail = src[nSrc:], avail-nSrc
		switch err {
		case nil:
			if atEOF {
				return string(out), nil
			}
			avail = min(avail+chunk, len(src))
		case transform.ErrShortSrc:
			if atEOF {
				return string(out), err
			}
			avail = min(avail+chunk, len(src))
		case transform.ErrShortDst:
			if nDst == 0 && nSrc == 0 {
				dst = make([]byte, 2*len(dst))
			}
		default:
			return string(out), err
		}
	}
}

func TestTransformersShortBuffers(t *testing.T) {
	tests := []struct {
		name string
		tr   transform.Transformer
		in   string
		want string
	}{
		{"TonePlacement", TonePlacement(), strings.Repeat("hoà thuỷ ", 50), strings.Repeat("hòa thủy ", 50)},
		{"LookAlikes", LookAlikes(), strings.Repeat("Ðảm bảo ", 50), strings.Repeat("Đảm bảo ", 50)},
		{"Spaces", Spaces(), strings.Repeat("a\u00a0b\r\nc\u00ad\nd\u200b ", 50), strings.Repeat("a b\ncd ", 50)},
	}
	for _, tt := range tests {
		for _, chunk := range []int{1, 2, 3, 5, 7, 16, 4096} {
			for _, dstSize := range []int{1, 3, 64} {
				got, err := runChunked(tt.tr, []byte(tt.in), chunk, dstSize)
				if err != nil || got != tt.want {
					t.Errorf("%s, src chunks of %d, dst %d: got %+q..., %v", tt.name, chunk, dstSize, got[:min(30, len(got))], err)
				}
			}
		}
	}
}

// TestNFCSafe: every character nfcSafe accepts is in NFC and never
// composes with the character before it, so that a text of them alone is
// in NFC and Normalize may skip the NFC pass.
func TestNFCSafe(t *testing.T) {
	n := 0
	for r := rune(0); r <= 0x10FFFF; r++ {
		if !nfcSafe(r) || !utf8.ValidRune(r) {
			continue
		}
		n++
		s := string(r)
		if p := norm.NFC.PropertiesString(s); !p.BoundaryBefore() || !norm.NFC.IsNormalString(s) {
			t.Errorf("%U: nfcSafe, but not in NFC or composes with what precedes it", r)
		}
	}
	if n < 1000 {
		t.Errorf("nfcSafe accepts %d characters only", n)
	}
	// A letter and a mark apart: classify must not call the text NFC.
	if !classify("hoa\u0300").notNFC {
		t.Error(`classify("hoa\u0300"): NFC`)
	}
}

// TestSpacesFastRange: the runes Spaces copies without a look (U+0100 to
// U+1FFF but U+1680) hold nothing it would change: no space, break or
// control (its zero-width characters are all above U+2000).
func TestSpacesFastRange(t *testing.T) {
	for r := rune(0x100); r < 0x2000; r++ {
		if r == 0x1680 {
			continue
		}
		if unicode.IsSpace(r) || unicode.Is(unicode.Zs, r) || unicode.IsControl(r) {
			t.Errorf("%U is a space, break or control character", r)
		}
	}
	// Every character Spaces changes begins with a byte of spaceLead.
	for r := rune(0); r <= utf8.MaxRune; r++ {
		if !utf8.ValidRune(r) || r == '\n' || r == ' ' {
			continue
		}
		changed := unicode.IsSpace(r) || unicode.Is(unicode.Zs, r) || unicode.IsControl(r) || r == 0xAD ||
			r == 0x2028 || r == 0x2029 || r == 0x200B || r == 0x200C || r == 0x200D || r == 0x2060 || r == 0xFEFF
		if changed && !spaceLead[string(r)[0]] {
			t.Errorf("%U: Spaces changes it, but its first byte %#x is not in spaceLead", r, string(r)[0])
		}
	}
}
