//go:build unix

package web

import (
	"context"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/chitieu/chitieu/corpus"
	"github.com/chitieu/chitieu/index"
)

// A hostile corpus: links out of the tree to a file and a directory, a
// link to a device, a FIFO, and the index inside the corpus. Nothing
// outside the root is indexed or served, and a file swapped after the
// ingest is not served.
func TestHostileCorpus(t *testing.T) {
	outside := t.TempDir()
	secret := "root:x:0:0:root:/root:/bin/bash nologin"
	os.WriteFile(filepath.Join(outside, "passwd"), []byte(secret), 0o644)
	os.MkdirAll(filepath.Join(outside, "etc"), 0o755)
	os.WriteFile(filepath.Join(outside, "etc", "shadow"), []byte(secret), 0o644)
	root := t.TempDir()
	plan := "KẾ HOẠCH\nMục tiêu đến năm 2025: 55% số người trong độ tuổi lao động được trang bị kỹ năng sống.\n"
	os.WriteFile(filepath.Join(root, "plan.txt"), []byte(plan), 0o644)
	os.WriteFile(filepath.Join(root, "plan2.txt"), []byte(plan+"Ghi chú.\n"), 0o644)
	os.Symlink(filepath.Join(outside, "passwd"), filepath.Join(root, "x.txt"))
	os.Symlink(filepath.Join(outside, "etc"), filepath.Join(root, "etc"))
	os.Symlink("/dev/zero", filepath.Join(root, "zero.txt"))
	// A link to a file inside the corpus that the walk does not meet
	// itself (hidden directories are passed over).
	os.MkdirAll(filepath.Join(root, ".drafts"), 0o755)
	os.WriteFile(filepath.Join(root, ".drafts", "plan3.txt"), []byte(plan+"Phụ lục.\n"), 0o644)
	os.Symlink(filepath.Join(root, ".drafts", "plan3.txt"), filepath.Join(root, "via-link.txt"))
	if err := syscall.Mkfifo(filepath.Join(root, "fifo.txt"), 0o644); err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(root, "chitieu.index")
	ix, err := index.Open(dir, index.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	l := corpus.Loader{Exclude: []string{dir}}
	for range 2 { // the second ingest must not find the index's own files
		srcs, err := index.FileSources(l, []string{root})
		if err != nil {
			t.Fatal(err)
		}
		sum, err := ix.Ingest(context.Background(), srcs, index.IngestOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if sum.Added+sum.Skipped != 3 || sum.Failed != 0 || len(sum.Skips) != 4 {
			t.Fatalf("ingest: %+v", sum)
		}
	}
	files, _ := ix.Files()
	for _, f := range files {
		if !strings.HasPrefix(f.Path, root+"/plan") && f.Path != filepath.Join(root, "via-link.txt") {
			t.Errorf("indexed %s", f.Path)
		}
	}
	res, err := ix.Search(context.Background(), index.Request{Query: "nologin"})
	if err != nil || res.Total != 0 {
		t.Errorf("search nologin: %v, %d hits", err, res.Total)
	}
	s, err := New(ix, Options{})
	if err != nil {
		t.Fatal(err)
	}
	h := s.Handler()
	docs, _ := ix.Documents(context.Background())
	ids := map[string]string{}
	for _, d := range docs {
		ids[filepath.Base(d.Path)] = d.ID
	}
	if rec := get(h, "/file/"+ids["plan.txt"]); rec.Code != 200 || rec.Body.String() != plan {
		t.Fatalf("/file of an untouched plan: %d %q", rec.Code, rec.Body.String())
	}
	// A link inside the corpus is served from the file it led to.
	if rec := get(h, "/file/"+ids["via-link.txt"]); rec.Code != 200 || rec.Body.String() != plan+"Phụ lục.\n" {
		t.Errorf("/file of a plan indexed through a link inside the corpus: %d %q", rec.Code, rec.Body.String())
	}
	// The swap after ingest: the plan becomes a link to a secret.
	os.Remove(filepath.Join(root, "plan.txt"))
	os.Symlink(filepath.Join(outside, "passwd"), filepath.Join(root, "plan.txt"))
	// The other plan keeps its size but not its content.
	os.WriteFile(filepath.Join(root, "plan2.txt"), []byte(strings.Repeat("x", len(plan+"Ghi chú.\n"))), 0o644)
	for _, name := range []string{"plan.txt", "plan2.txt"} {
		rec := get(h, "/file/"+ids[name])
		if rec.Code != http.StatusGone || strings.Contains(rec.Body.String(), "root:x") || strings.Contains(rec.Body.String(), "xxxx") {
			t.Errorf("/file of %s after a swap: %d %q", name, rec.Code, rec.Body.String())
		}
		if !strings.Contains(rec.Body.String(), "ingest") {
			t.Errorf("/file of %s after a swap does not say what to do: %q", name, rec.Body.String())
		}
	}
}
