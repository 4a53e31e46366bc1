package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

const fixtures = "../../testdata/fixtures"

func runCmd(args ...string) (code int, stdout, stderr string) {
	var out, errb bytes.Buffer
	code = run(args, &out, &errb)
	return code, out.String(), errb.String()
}

func TestDemo(t *testing.T) {
	var out, errb bytes.Buffer
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var page string
	err := runDemo(ctx, &out, &errb, func(url string) {
		// The server is up: the search page answers, then the demo ends.
		defer cancel()
		resp, err := http.Get(url + "?q=nang+luc+thong+tin")
		if err != nil {
			t.Errorf("GET %s: %v", url, err)
			return
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		page = string(b)
		if resp.StatusCode != 200 {
			t.Errorf("GET %s: %s", url, resp.Status)
		}
	})
	if err != nil || errb.Len() > 0 {
		t.Fatalf("demo: %v, stderr %q", err, errb.String())
	}
	o := out.String()
	for _, want := range []string{"000_5b0d46c1893f1883.news.html", "002_c57fbb1e870047eb.pdf #2", "68/KH-UBND", "Thị xã Bến Cát (issuer)",
		"lower_secondary_level3_share", "F1 0.993", "locality right for 71 of 71",
		"passages for nang luc thong tin", "«năng lực thông tin»", "chitieu: serving ", "http://127.0.0.1:"} {
		if !strings.Contains(o, want) {
			t.Errorf("demo output lacks %q:\n%s", want, o)
		}
	}
	if !strings.Contains(page, "<mark>năng lực thông tin</mark>") {
		t.Errorf("the demo's search page lacks the highlighted phrase:\n%.2000s", page)
	}
}

func TestHelp(t *testing.T) {
	tests := []struct {
		args []string
		code int
		want string
	}{
		{[]string{"help"}, 0, "Commands:"},
		{[]string{"--help"}, 0, "text"},
		{[]string{"help", "text"}, 0, "Usage: chitieu text"},
		{[]string{"text", "-h"}, 0, "-pdf-engine"},
		{[]string{"help", "nope"}, 2, ""},
		{[]string{"nope"}, 2, ""},
		{[]string{"text", "--bogus"}, 2, ""},
		{[]string{"text", "--pdf-engine", "mupdf"}, 2, ""},
		{[]string{"text", "--max-size", "lots"}, 2, ""},
		{[]string{"version"}, 0, "chitieu "},
	}
	for _, tt := range tests {
		code, out, errs := runCmd(tt.args...)
		if code != tt.code || !strings.Contains(out, tt.want) {
			t.Errorf("chitieu %s: exit %d, stdout %q, stderr %q; want exit %d with %q", strings.Join(tt.args, " "), code, out[:min(len(out), 80)], errs, tt.code, tt.want)
		}
		if tt.code == 2 && errs == "" {
			t.Errorf("chitieu %s: usage error without a message", strings.Join(tt.args, " "))
		}
	}
}

func TestTextOneFile(t *testing.T) {
	code, out, errs := runCmd("text", filepath.Join(fixtures, "pdf/004.tcvn3.pdf"))
	if code != 0 || errs != "" {
		t.Fatalf("exit %d, stderr %q", code, errs)
	}
	if strings.HasPrefix(out, "==>") || !strings.Contains(out, "năm 2022 thực hiện đề án “xây dựng xã hội học tập") {
		t.Errorf("output = %q", out[:min(200, len(out))])
	}
}

func TestTextJSON(t *testing.T) {
	a := filepath.Join(fixtures, "pdf/000.wk.pdf")
	b := "../../corpus/sample/004_6a3900f99d23612a.legal.html"
	// Flags may follow the paths.
	code, out, errs := runCmd("text", a, b, "--json")
	if code != 0 {
		t.Fatalf("exit %d, stderr %q", code, errs)
	}
	sc := bufio.NewScanner(strings.NewReader(out))
	sc.Buffer(nil, 1<<22)
	var docs []map[string]any
	for sc.Scan() {
		var d map[string]any
		if err := json.Unmarshal(sc.Bytes(), &d); err != nil {
			t.Fatalf("line is not JSON: %v", err)
		}
		docs = append(docs, d)
	}
	if len(docs) != 2 {
		t.Fatalf("%d JSON lines, want 2", len(docs))
	}
	for i, want := range []struct{ path, format string }{{a, "pdf"}, {b, "html"}} {
		d := docs[i]
		if d["path"] != want.path || d["format"] != want.format || len(d["doc_id"].(string)) != 64 {
			t.Errorf("doc %d = path %v format %v id %v", i, d["path"], d["format"], d["doc_id"])
		}
		pages := d["pages"].([]any)
		p := pages[0].(map[string]any)
		if p["offset"].(float64) != 0 || p["text"].(string) == "" {
			t.Errorf("doc %d page 1 = %v", i, p)
		}
		if _, ok := d["warnings"].([]any); !ok {
			t.Errorf("doc %d: warnings is not a list: %v", i, d["warnings"])
		}
	}
}

// Bad files are reported with their reason, the batch goes on, and the exit
// status is 1; in a directory, files of other kinds are skipped with a note.
func TestTextBatch(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "good.txt")
	os.WriteFile(good, []byte("Kế hoạch số 1"), 0o644)
	zip := filepath.Join(dir, "plan.pdf")
	os.WriteFile(zip, []byte("PK\x03\x04\x14\x00\x00\x00\x08\x00word/document.xml"), 0o644)
	empty := filepath.Join(dir, "empty.html")
	os.WriteFile(empty, nil, 0o644)
	loop := filepath.Join(dir, "loop.pdf")
	os.Symlink(loop, loop)
	enc := filepath.Join(fixtures, "pdf/encrypted-user.pdf")

	code, out, errs := runCmd("text", zip, good, empty, loop, enc)
	if code != 1 {
		t.Errorf("exit %d, want 1", code)
	}
	for _, want := range []string{
		zip + ": docx: not a readable zip package",
		empty + ": empty file",
		loop + ": symlink loop",
		enc + ": encrypted PDF: not supported",
	} {
		if !strings.Contains(errs, want) {
			t.Errorf("stderr lacks %q:\n%s", want, errs)
		}
	}
	if !strings.Contains(out, "==> "+good+" <==\nKế hoạch số 1") {
		t.Errorf("the good file was not printed:\n%s", out)
	}

	// A directory: the image is skipped, not a failure.
	sub := t.TempDir()
	os.WriteFile(filepath.Join(sub, "a.txt"), []byte("Mục tiêu"), 0o644)
	os.WriteFile(filepath.Join(sub, "b.png"), []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), 0o644)
	code, out, errs = runCmd("text", sub)
	if code != 0 || !strings.Contains(errs, "skipped "+filepath.Join(sub, "b.png")+": unsupported format (looks like PNG image; a scanned page? put it in a PDF to have it read: img2pdf FILE -o FILE.pdf)") || !strings.Contains(out, "Mục tiêu") {
		t.Errorf("directory: exit %d, stdout %q, stderr %q", code, out, errs)
	}
}

func TestTextLimits(t *testing.T) {
	big := filepath.Join(t.TempDir(), "big.txt")
	os.WriteFile(big, bytes.Repeat([]byte("Mục tiêu "), 500), 0o644)
	code, _, errs := runCmd("text", "--max-size", "1K", big)
	if code != 1 || !strings.Contains(errs, big+": file too large") {
		t.Errorf("exit %d, stderr %q", code, errs)
	}
	code, _, errs = runCmd("text", "--max-pages", "2", filepath.Join(fixtures, "pdf/002.wk.pdf"))
	if code != 1 || !strings.Contains(errs, "too many pages") {
		t.Errorf("exit %d, stderr %q", code, errs)
	}
}

func TestTextRawAndWarnings(t *testing.T) {
	f := filepath.Join(t.TempDir(), "a.txt")
	os.WriteFile(f, []byte("Hoà  bình"), 0o644)
	_, out, _ := runCmd("text", "--raw", f)
	if out != "Hoà  bình\n" {
		t.Errorf("--raw: %q", out)
	}
	scan := filepath.Join(fixtures, "pdf/scan.pdf")
	code, _, errs := runCmd("text", "--ocr", "never", scan)
	if code != 1 || !strings.Contains(errs, "no text: 2 page(s) without a text layer, and --ocr never") {
		t.Errorf("scan, --ocr never: exit %d, stderr %q", code, errs)
	}
	// Without Tesseract, the message says what to install.
	t.Setenv("PATH", t.TempDir())
	code, _, errs = runCmd("text", scan)
	if code != 1 || !strings.Contains(errs, "apt-get install tesseract-ocr tesseract-ocr-vie") {
		t.Errorf("scan without Tesseract: exit %d, stderr %q", code, errs)
	}
	if code, _, errs := runCmd("text", "--ocr", "sometimes", scan); code != 2 || !strings.Contains(errs, "want auto, always or never") {
		t.Errorf("--ocr sometimes: exit %d, stderr %q", code, errs)
	}
}

func TestByteSize(t *testing.T) {
	for in, want := range map[string]int64{"100MB": 100 << 20, "512K": 512 << 10, "1G": 1 << 30, "2048": 2048, "1.5M": 3 << 19, "10mib": 10 << 20} {
		var b byteSize
		if err := b.Set(in); err != nil || int64(b) != want {
			t.Errorf("Set(%q) = %d, %v; want %d", in, b, err, want)
		}
	}
	for _, in := range []string{"", "-1", "lots", "0"} {
		var b byteSize
		if err := b.Set(in); err == nil {
			t.Errorf("Set(%q): no error", in)
		}
	}
}

// text and extract do a folder's files on every core and print them in
// the order of the files.
func TestFolderInOrder(t *testing.T) {
	dir := t.TempDir()
	var want []string
	for i := range 24 {
		name := filepath.Join(dir, fmt.Sprintf("k%02d.txt", i))
		os.WriteFile(name, []byte(fmt.Sprintf("KẾ HOẠCH %d\nĐến năm 2025: %d%% số người được trang bị kỹ năng sống.\n", i, 40+i)), 0o644)
		want = append(want, "==> "+name+" <==")
	}
	code, out, errs := runCmd("text", dir)
	if code != 0 {
		t.Fatalf("text: %d %s", code, errs)
	}
	var got []string
	for _, l := range strings.Split(out, "\n") {
		if strings.HasPrefix(l, "==> ") {
			got = append(got, l)
		}
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("files out of order:\n%s", strings.Join(got, "\n"))
	}
	code, out, _ = runCmd("extract", "--format", "csv", dir)
	var values []string
	for _, l := range strings.Split(out, "\n")[1:] {
		if f := strings.Split(l, ","); len(f) > 1 {
			values = append(values, f[0])
		}
	}
	if code != 0 || len(values) != 24 || !sort.StringsAreSorted(values) {
		t.Errorf("extract: exit %d, files %v", code, values)
	}
}
