package wordtext

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// zipOf makes a package of the given parts.
func zipOf(t testing.TB, parts ...string) []byte {
	t.Helper()
	var b bytes.Buffer
	w := zip.NewWriter(&b)
	for i := 0; i+1 < len(parts); i += 2 {
		f, err := w.Create(parts[i])
		if err != nil {
			t.Fatal(err)
		}
		f.Write([]byte(parts[i+1]))
	}
	w.Close()
	return b.Bytes()
}

const wNS = `xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"`

func docx(t testing.TB, body string, extra ...string) []byte {
	return zipOf(t, append([]string{"word/document.xml", `<w:document ` + wNS + `><w:body>` + body + `</w:body></w:document>`}, extra...)...)
}

// Automatic numbering and a tracked change, as LibreOffice writes them
// (testdata/office/make.sh): the numbers are not in the text; 60% was
// deleted and 65% inserted.
func TestNumberedDOCX(t *testing.T) {
	b, err := os.ReadFile("../../testdata/office/numbered.docx")
	if err != nil {
		t.Fatal(err)
	}
	res, err := DOCX(b, Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"I. MỤC ĐÍCH, YÊU CẦU\nII. MỤC TIÊU\n1. Mục tiêu chung\n2. Mục tiêu cụ thể đến năm 2025\na) Phấn đấu 65% số người",
		"- Phấn đấu 80% gia đình đạt danh hiệu “Gia đình học tập”.\nIII. NHIỆM VỤ VÀ GIẢI PHÁP",
	} {
		if !strings.Contains(res.Text, want) {
			t.Errorf("text lacks %q:\n%s", want, res.Text)
		}
	}
	if strings.Contains(res.Text, "60%") {
		t.Errorf("a tracked deletion was read:\n%s", res.Text)
	}
}

// What Word files hold besides paragraphs: a text box given twice (the
// shape and its fallback), a moved-from copy, a field's code, footnotes,
// a header table of lines, a table of figures.
func TestDOCXParts(t *testing.T) {
	body := `<w:tbl><w:tr><w:tc><w:p><w:r><w:t>ỦY BAN NHÂN DÂN</w:t></w:r></w:p><w:p><w:r><w:t>Số: 12/KH-UBND</w:t></w:r></w:p></w:tc>` +
		`<w:tc><w:p><w:r><w:t>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</w:t></w:r></w:p></w:tc></w:tr></w:tbl>` +
		`<w:p><w:r><w:t xml:space="preserve">Đạt </w:t></w:r><w:moveFrom><w:r><w:t>cũ</w:t></w:r></w:moveFrom><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>PAGE</w:instrText></w:r><w:r><w:t>70%</w:t></w:r>` +
		`<w:r><w:footnoteReference w:id="1"/></w:r><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wps:txbx><w:txbxContent><w:p><w:r><w:t>Hộp chữ</w:t></w:r></w:p></w:txbxContent></wps:txbx></w:drawing></mc:Choice>` +
		`<mc:Fallback><w:pict><w:txbxContent><w:p><w:r><w:t>Hộp chữ</w:t></w:r></w:p></w:txbxContent></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>` +
		`<w:tbl><w:tr><w:tc><w:p><w:r><w:t>Chỉ tiêu</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>2025</w:t></w:r></w:p></w:tc></w:tr>` +
		`<w:tr><w:tc><w:p><w:r><w:t>Gia đình học tập</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>80%</w:t></w:r></w:p></w:tc></w:tr></w:tbl>`
	notes := `<w:footnotes ` + wNS + `><w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>` +
		`<w:footnote w:id="1"><w:p><w:r><w:t>Theo Quyết định 1373/QĐ-TTg.</w:t></w:r></w:p></w:footnote></w:footnotes>`
	res, err := DOCX(docx(t, body, "word/footnotes.xml", notes), Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := "ỦY BAN NHÂN DÂN\nSố: 12/KH-UBND\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐạt 70%\nHộp chữ\nChỉ tiêu | 2025\nGia đình học tập | 80%"
	if res.Text != want {
		t.Errorf("text:\n%s\nwant\n%s", res.Text, want)
	}
	if res.Notes != "Theo Quyết định 1373/QĐ-TTg." {
		t.Errorf("notes = %q", res.Notes)
	}
}

// The development set's Word copies: their tables come out as rows.
func TestDevCopies(t *testing.T) {
	for _, c := range []struct {
		path string
		read func([]byte, Options) (*Result, error)
	}{{"docx/D12_chogao_kh_lotrinh_2022_2025.docx", DOCX}, {"doc/D12_chogao_kh_lotrinh_2022_2025.doc", DOC}} {
		b, err := os.ReadFile(filepath.Join("../../testdata/office", c.path))
		if err != nil {
			t.Fatal(err)
		}
		res, err := c.read(b, Options{})
		if err != nil {
			t.Fatalf("%s: %v", c.path, err)
		}
		for _, want := range []string{"ỦY BAN NHÂN DÂN\nHUYỆN CHỢ GẠO", "TT | Chỉ tiêu | ĐVT | 2022 | 2023 | 2024 | 2025\n1 | Gia đình được công nhận \"Gia đình học tập\" | % | 64 | 67 | 71 | 75"} {
			if !strings.Contains(res.Text, want) {
				t.Errorf("%s lacks %q:\n%s", c.path, want, res.Text)
			}
		}
	}
}

func TestODT(t *testing.T) {
	content := `<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0">
<office:automatic-styles><text:list-style style:name="L1"><text:list-level-style-number text:level="1" style:num-format="I" style:num-suffix="."/><text:list-level-style-number text:level="2" style:num-format="1" style:num-suffix="."/></text:list-style></office:automatic-styles>
<office:body><office:text><text:tracked-changes><text:changed-region text:id="c1"><text:deletion><text:p>60%</text:p></text:deletion></text:changed-region></text:tracked-changes>
<text:h>KẾ HOẠCH</text:h><text:list text:style-name="L1"><text:list-item><text:p>MỤC TIÊU</text:p><text:list><text:list-item><text:p>Phấn đấu<text:s/>65%<text:note><text:note-citation>1</text:note-citation><text:note-body><text:p>Chỉ tiêu của tỉnh.</text:p></text:note-body></text:note> người học.</text:p></text:list-item></text:list></text:list-item></text:list>
<table:table><table:table-row><table:table-cell><text:p>Chỉ tiêu</text:p></table:table-cell><table:table-cell><text:p>2025</text:p></table:table-cell></table:table-row><table:table-row><table:table-cell><text:p>Dòng họ học tập</text:p></table:table-cell><table:table-cell><text:p>70%</text:p></table:table-cell></table:table-row></table:table>
</office:text></office:body></office:document-content>`
	res, err := ODT(zipOf(t, "mimetype", "application/vnd.oasis.opendocument.text", "content.xml", content), Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := "KẾ HOẠCH\nI. MỤC TIÊU\n1. Phấn đấu 65% người học.\nChỉ tiêu | 2025\nDòng họ học tập | 70%"
	if res.Text != want || res.Notes != "Chỉ tiêu của tỉnh." {
		t.Errorf("ODT:\n%s\nnotes %q\nwant\n%s", res.Text, res.Notes, want)
	}
}

// Bombs and traps are refused with their reason, never a panic or a hang.
func TestBounds(t *testing.T) {
	big := docx(t, "<w:p><w:r><w:t>"+strings.Repeat("a", 1<<20)+"</w:t></w:r></w:p>")
	if _, err := DOCX(big, Options{MaxBytes: 1 << 16}); !errors.Is(err, ErrTooLarge) || !strings.Contains(err.Error(), "--max-text") {
		t.Errorf("a part over the bound: %v", err)
	}
	deep := docx(t, strings.Repeat("<w:sdt>", 300)+strings.Repeat("</w:sdt>", 300))
	if _, err := DOCX(deep, Options{}); err == nil || !strings.Contains(err.Error(), "nested deeper") {
		t.Errorf("deep nesting: %v", err)
	}
	for name, read := range map[string]func([]byte, Options) (*Result, error){"DOCX": DOCX, "DOC": DOC, "ODT": ODT} {
		if _, err := read([]byte("PK\x03\x04 not really"), Options{}); err == nil {
			t.Errorf("%s of garbage: no error", name)
		}
	}
}

func fuzzSeeds(f *testing.F, glob string) {
	paths, _ := filepath.Glob(glob)
	for _, p := range paths[:min(len(paths), 4)] {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(b)
		}
	}
}

func FuzzDOCX(f *testing.F) {
	fuzzSeeds(f, "../../testdata/office/docx/*.docx")
	f.Add(docx(f, `<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr><w:r><w:t>x</w:t></w:r></w:p>`))
	f.Fuzz(func(t *testing.T, b []byte) {
		DOCX(b, Options{MaxBytes: 8 << 20})
	})
}

func FuzzDOC(f *testing.F) {
	fuzzSeeds(f, "../../testdata/office/doc/*.doc")
	f.Fuzz(func(t *testing.T, b []byte) {
		DOC(b, Options{MaxBytes: 8 << 20})
	})
}

func FuzzODT(f *testing.F) {
	f.Add(zipOf(f, "mimetype", "application/vnd.oasis.opendocument.text", "content.xml", `<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:text><text:p>a</text:p></office:text></office:body></office:document-content>`))
	f.Fuzz(func(t *testing.T, b []byte) {
		ODT(b, Options{MaxBytes: 8 << 20})
	})
}

// A DOC file the Go reader cannot read goes to an installed antiword (or
// LibreOffice), with a warning; without either, the Go reader's error.
// The antiword here is a stand-in on PATH that prints what it was given.
func TestDOCFallback(t *testing.T) {
	b, err := os.ReadFile("../../testdata/office/doc/D05_trieuson_congvan_2023.doc")
	if err != nil {
		t.Fatal(err)
	}
	// The header of the Word stream broken, the compound file whole.
	broken := bytes.Replace(b, []byte{0xEC, 0xA5}, []byte{0, 0}, 1)
	if _, err := DOC(broken, Options{}); err == nil {
		t.Fatal("the Go reader read a broken file")
	}
	bin := t.TempDir()
	t.Setenv("PATH", bin)
	if _, err := DOCWithFallback(context.Background(), broken, Options{}); err == nil || !strings.Contains(err.Error(), "no Word 97 file information block") {
		t.Errorf("no fallback installed: %v", err)
	}
	script := "#!/bin/sh\necho \"Kế hoạch học tập ($1 $2)\"\n"
	if err := os.WriteFile(filepath.Join(bin, "antiword"), []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	res, err := DOCWithFallback(context.Background(), broken, Options{})
	if err != nil || len(res.Warnings) == 0 || !strings.Contains(res.Warnings[0], "read by antiword: the Go reader could not") || !strings.Contains(res.Text, "Kế hoạch học tập (-m UTF-8.txt)") {
		t.Errorf("fallback: %v, %+v", err, res)
	}
	// A file the Go reader reads never goes to the tool.
	if res, err := DOCWithFallback(context.Background(), b, Options{}); err != nil || len(res.Warnings) != 0 {
		t.Errorf("a good file: %v, %v", err, res.Warnings)
	}
}
