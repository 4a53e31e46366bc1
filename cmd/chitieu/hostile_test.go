//go:build unix

package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// `chitieu ingest DIR` with the index inside DIR and links out of it: the
// links are listed with where they lead, --follow-links follows them, and
// the index never ingests itself.
func TestIngestConfined(t *testing.T) {
	outside := t.TempDir()
	os.WriteFile(filepath.Join(outside, "passwd"), []byte("root:x:0:0 nologin"), 0o644)
	root := t.TempDir()
	os.WriteFile(filepath.Join(root, "plan.txt"), []byte("KẾ HOẠCH\nMục tiêu đến năm 2025: 55% số người được trang bị kỹ năng sống.\n"), 0o644)
	os.Symlink(filepath.Join(outside, "passwd"), filepath.Join(root, "x.txt"))
	dir := filepath.Join(root, "chitieu.index")
	for range 2 {
		code, _, errs := runCmd("ingest", "--index", dir, root)
		want := "chitieu: skipped " + filepath.Join(root, "x.txt") + ": link leaves the corpus: → " + filepath.Join(outside, "passwd")
		if code != 0 || !strings.Contains(errs, want) || !strings.Contains(errs, "failed 0") || strings.Contains(errs, "last-ingest") {
			t.Fatalf("ingest: exit %d\n%s\nwant a line %q", code, errs, want)
		}
	}
	if code, out, _ := runCmd("search", "--index", dir, "nologin"); code != 0 || strings.Contains(out, "passwd") {
		t.Errorf("search nologin after a confined ingest: exit %d\n%s", code, out)
	}
	code, _, errs := runCmd("ingest", "--index", dir, "--follow-links", root)
	if code != 0 || !strings.Contains(errs, "added 1") {
		t.Errorf("ingest --follow-links: exit %d\n%s", code, errs)
	}
	if code, out, _ := runCmd("search", "--index", dir, "nologin"); code != 0 || !strings.Contains(out, "x.txt") {
		t.Errorf("search nologin after --follow-links: exit %d\n%s", code, out)
	}
}
