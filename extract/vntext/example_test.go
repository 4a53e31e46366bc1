package vntext_test

import (
	"fmt"
	"strings"

	"github.com/chitieu/chitieu/extract/vntext"
)

func ExampleNormalize() {
	// TCVN3 text read as Latin-1, a misplaced tone mark, an NBSP and a
	// line broken inside a sentence.
	fmt.Println(vntext.Normalize("C\u00e9ng ho\u00b5 x\u00b7 h\u00e9i ch\u00f1 ngh\u00dca Vi\u00d6t Nam"))
	fmt.Println(vntext.Normalize("Uỷ ban\u00a0nhân dân tỉnh,\nthuỷ lợi và hoà bình"))
	// Output:
	// Cộng hòa xã hội chủ nghĩa Việt Nam
	// Ủy ban nhân dân tỉnh, thủy lợi và hòa bình
}

func ExampleFold() {
	fmt.Println(vntext.Fold("Đường Nguyễn Huệ, Thủ Đức"))
	// Output: duong nguyen hue, thu duc
}

func ExampleFoldMap() {
	s := "Năng lực THÔNG TIN"
	folded, offsets := vntext.FoldMap(s)
	i := strings.Index(folded, "thong tin")
	j := i + len("thong tin")
	fmt.Println(s[offsets[i]:offsets[j]])
	// Output: THÔNG TIN
}

func ExampleDecodeFontRun() {
	// Glyph codes of a PDF font named .VnTimeH (TCVN3 capitals).
	fmt.Println(vntext.DecodeFontRun("c\u00e9ng ho\u00b5", ".VnTimeH"))
	fmt.Println(vntext.DecodeFontRun("Quyeát ñònh", "VNI-Times"))
	// Output:
	// CỘNG HOÀ
	// Quyết định
}
