package corpus

import (
	"archive/zip"
	"bytes"
	"errors"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func zipWith(t *testing.T, names ...string) []byte {
	t.Helper()
	var b bytes.Buffer
	w := zip.NewWriter(&b)
	for _, n := range names {
		f, err := w.Create(n)
		if err != nil {
			t.Fatal(err)
		}
		f.Write([]byte("x"))
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func pngBytes(t *testing.T) []byte {
	var b bytes.Buffer
	if err := png.Encode(&b, image.NewGray(image.Rect(0, 0, 2, 2))); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestSniff(t *testing.T) {
	tests := []struct {
		name string
		in   []byte
		want Format
		like string
	}{
		{"pdf", []byte("%PDF-1.7\n%âãÏÓ\n1 0 obj"), PDF, "PDF"},
		{"pdf after junk", append(bytes.Repeat([]byte{' '}, 100), "%PDF-1.4\n"...), PDF, "PDF"},
		{"html doctype", []byte("<!DOCTYPE html><html><body><p>Kế hoạch</p>"), HTML, "HTML"},
		{"html comment first", []byte("<!-- saved --><html><p>x</p></html>"), HTML, "HTML"},
		{"html with bom", []byte("\xef\xbb\xbf<html><body>x</body></html>"), HTML, "HTML"},
		{"xhtml", []byte(`<?xml version="1.0" encoding="utf-8"?><html xmlns="http://www.w3.org/1999/xhtml"><body/></html>`), HTML, "HTML"},
		{"html error page saved as pdf", []byte("<html><head><title>404 Not Found</title></head></html>"), HTML, "HTML"},
		{"utf-8 text", []byte("Kế hoạch số 68/KH-UBND\nMục tiêu đến năm 2025\n"), Text, "text"},
		{"utf-16 text", []byte("\xff\xfeK\x00\xbf\x1e"), Text, "text"},
		{"tcvn3 bytes", []byte("K\xd5 ho\xb9ch s\xe8 68\n\xa7\xe9c l\xcbp - T\xf9 do\n"), Text, "text"},
		{"zip", zipWith(t, "a.txt"), Unknown, "ZIP"},
		{"docx", zipWith(t, "[Content_Types].xml", "word/document.xml"), DOCX, "DOCX"},
		{"odt", append([]byte("PK\x03\x04"), "\x14\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x08\x00\x00\x00mimetypeapplication/vnd.oasis.opendocument.text"...), ODT, "ODT"},
		{"ods", append([]byte("PK\x03\x04"), "\x14\x00mimetypeapplication/vnd.oasis.opendocument.spreadsheet"...), Unknown, "ODF document (not text)"},
		{"xlsx", zipWith(t, "[Content_Types].xml", "xl/workbook.xml"), Unknown, "XLSX"},
		{"png", pngBytes(t), Unknown, "PNG image"},
		{"jpeg", []byte("\xff\xd8\xff\xe0\x00\x10JFIF\x00"), Unknown, "JPEG image"},
		{"doc", append([]byte("\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\x00\x00"), "W\x00o\x00r\x00d\x00D\x00o\x00c\x00u\x00m\x00e\x00n\x00t\x00"...), DOC, "DOC"},
		{"xls", []byte("\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\x00\x00"), Unknown, "XLS or PPT (OLE2)"},
		{"rtf", []byte(`{\rtf1\ansi Ke hoach}`), Unknown, "RTF"},
		{"gzip", []byte("\x1f\x8b\x08\x00\x00\x00"), Unknown, "gzip"},
		{"elf", []byte("\x7fELF\x02\x01\x01\x00"), Unknown, "ELF executable"},
		{"junk", []byte{0x00, 0x01, 0x02, 0x9f, 0x00, 0xff, 0x10, 0x00, 0x07, 0x00}, Unknown, "binary data"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, like := Sniff(tt.in)
			if got != tt.want || like != tt.like {
				t.Errorf("Sniff(%+q) = %v, %q; want %v, %q", tt.in[:min(len(tt.in), 24)], got, like, tt.want, tt.like)
			}
		})
	}
}

func write(t *testing.T, dir, name string, data []byte) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestLoadErrors(t *testing.T) {
	dir := t.TempDir()
	empty := write(t, dir, "empty.pdf", nil)
	big := write(t, dir, "big.txt", bytes.Repeat([]byte("a"), 2048))
	zipped := write(t, dir, "plan.pdf", zipWith(t, "xl/workbook.xml"))
	loop := filepath.Join(dir, "loop")
	if err := os.Symlink(loop, loop); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		path    string
		loader  Loader
		want    error
		message string
	}{
		{empty, Loader{}, ErrEmpty, empty + ": empty file"},
		{big, Loader{MaxSize: 1024}, ErrTooLarge, big + ": file too large: 2.0 KB, limit 1.0 KB (--max-size)"},
		{zipped, Loader{}, ErrUnsupported, zipped + ": unsupported format (looks like XLSX; a spreadsheet: save its tables as CSV or in a document)"},
		{loop, Loader{}, ErrSymlinkLoop, loop + ": symlink loop"},
		{dir, Loader{}, ErrNotRegular, dir + ": not a regular file"},
		{filepath.Join(dir, "missing.pdf"), Loader{}, nil, filepath.Join(dir, "missing.pdf") + ": no such file"},
	}
	for _, tt := range tests {
		doc, err := tt.loader.Load(tt.path)
		if doc != nil || err == nil {
			t.Errorf("Load(%q) = %v, nil; want an error", tt.path, doc)
			continue
		}
		if tt.want != nil && !errors.Is(err, tt.want) {
			t.Errorf("Load(%q) error %v is not %v", tt.path, err, tt.want)
		}
		var ce *Error
		if !errors.As(err, &ce) || ce.Path != tt.path {
			t.Errorf("Load(%q) error %v does not name the file", tt.path, err)
		}
		if err.Error() != tt.message {
			t.Errorf("Load(%q) error = %q, want %q", tt.path, err, tt.message)
		}
	}
}

func TestLoadUnreadable(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root reads every file")
	}
	p := write(t, t.TempDir(), "secret.txt", []byte("x"))
	os.Chmod(p, 0)
	_, err := Load(p)
	if err == nil || !strings.Contains(err.Error(), "permission denied") {
		t.Errorf("Load(unreadable) = %v, want permission denied", err)
	}
}

func TestLoad(t *testing.T) {
	p := write(t, t.TempDir(), "kế hoạch số 68.txt", []byte("Kế hoạch"))
	doc, err := Load(p)
	if err != nil {
		t.Fatal(err)
	}
	if doc.Format != Text || doc.Name != "kế hoạch số 68.txt" || doc.Path != p {
		t.Errorf("Load = %+v", doc)
	}
	// sha256sum of the bytes.
	if want := "4caeaa184af12abde106867a30c5460ff8c03b4b32195a6e36ae25feae59680c"; doc.ID != want {
		t.Errorf("ID = %q, want %q", doc.ID, want)
	}
	doc2, _ := NewDocument("other", []byte("Kế hoạch"))
	if doc2.ID != doc.ID {
		t.Errorf("the same bytes have ids %s and %s", doc.ID, doc2.ID)
	}
}

func TestWalk(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "b/plan.html", []byte("<html><body><p>Kế hoạch</p></body></html>"))
	write(t, dir, "a.txt", []byte("Mục tiêu"))
	write(t, dir, "b/photo.jpg", pngBytes(t))
	write(t, dir, ".hidden/x.txt", []byte("x"))
	write(t, dir, "c/broken.pdf", nil)
	if err := os.Symlink(dir, filepath.Join(dir, "b", "up")); err != nil {
		t.Fatal(err)
	}
	named := write(t, t.TempDir(), "named.png", pngBytes(t))
	var got []string
	err := Loader{}.Walk([]string{dir, named}, func(it Item) error {
		rel := strings.TrimPrefix(it.Path, dir+"/")
		switch {
		case it.Skippable():
			got = append(got, "skip "+rel)
		case it.Err != nil:
			kind := "error"
			if errors.Is(it.Err, ErrSymlinkLoop) {
				kind = "loop"
			}
			if it.FromDir {
				kind += " (dir)"
			}
			got = append(got, kind+" "+filepath.Base(rel))
		default:
			got = append(got, it.Doc.Format.String()+" "+rel)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"txt a.txt", "skip b/photo.jpg", "html b/plan.html", "skip b/up", "error (dir) broken.pdf", "error named.png"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("Walk:\n got %q\nwant %q", got, want)
	}
}

func TestSample(t *testing.T) {
	docs, err := Sample()
	if err != nil {
		t.Fatal(err)
	}
	formats := map[Format]int{}
	for _, d := range docs {
		formats[d.Format]++
		if !strings.HasPrefix(d.Path, "sample:") || len(d.ID) != 64 {
			t.Errorf("sample document %+v", d.Path)
		}
	}
	if len(docs) != 5 || formats[PDF] == 0 || formats[HTML] == 0 || formats[Text] == 0 {
		t.Errorf("sample corpus has %d documents, formats %v; want 5 with pdf, html and txt", len(docs), formats)
	}
}

func FuzzSniff(f *testing.F) {
	for _, s := range []string{"%PDF-1.4", "<html>", "Kế hoạch", "PK\x03\x04word/", "\xff\xfe\x00"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		fm, like := Sniff(b)
		if fm == Unknown && like == "" {
			t.Errorf("Sniff(%q): Unknown without a description", b)
		}
		if len(b) > 0 {
			if _, err := NewDocument("x", b); err != nil && fm != Unknown {
				t.Errorf("NewDocument failed on a %v: %v", fm, err)
			}
		}
	})
}

func TestSampleGoldIsTestdataCopy(t *testing.T) {
	want, err := os.ReadFile("../testdata/gold/seeds.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(SampleGold(), want) {
		t.Error("corpus/samplegold/seeds.jsonl differs from testdata/gold/seeds.jsonl: copy the latter over the former")
	}
}
