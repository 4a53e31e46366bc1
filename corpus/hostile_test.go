//go:build unix

package corpus

import (
	"errors"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// A hostile corpus: links out of the tree (to a file, to a directory, to a
// device), a broken link, a FIFO, a socket and the index inside the tree.
// Nothing outside the root is listed as a file to read, nothing special is
// opened, and each is reported with its reason.
func TestWalkConfined(t *testing.T) {
	outside := t.TempDir()
	secret := write(t, outside, "shadow", []byte("root:x:0:0"))
	write(t, outside, "etc/passwd", []byte("root:x:0:0"))
	root := t.TempDir()
	write(t, root, "plan.txt", []byte("Mục tiêu"))
	write(t, root, "sub/inside.txt", []byte("Chỉ tiêu"))
	write(t, root, "chitieu.index/last-ingest.json", []byte("{}"))
	link := func(target, name string) {
		t.Helper()
		if err := os.Symlink(target, filepath.Join(root, name)); err != nil {
			t.Fatal(err)
		}
	}
	link(secret, "a-file-out.txt")
	link(filepath.Join(outside, "etc"), "b-dir-out")
	link("/dev/null", "c-device.txt")
	link(filepath.Join(root, "gone.txt"), "d-broken.txt")
	link(filepath.Join(root, "sub", "inside.txt"), "e-inside.txt")
	if err := syscall.Mkfifo(filepath.Join(root, "f-fifo.txt"), 0o644); err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("unix", filepath.Join(root, "g-socket"))
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()

	walk := func(l Loader) []string {
		var got []string
		err := l.Walk([]string{root}, func(it Item) error {
			rel := strings.TrimPrefix(it.Path, root+"/")
			switch {
			case it.Skippable():
				msg := strings.TrimPrefix(it.Err.Error(), it.Path+": ")
				msg = strings.ReplaceAll(msg, outside, "OUT")
				got = append(got, "skip "+rel+": "+msg)
			case it.Err != nil:
				got = append(got, "error "+rel+": "+it.Err.Error())
			default:
				got = append(got, "read "+rel+" "+string(it.Doc.Data))
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		return got
	}
	l := Loader{Exclude: []string{filepath.Join(root, "chitieu.index")}}
	want := []string{
		"skip a-file-out.txt: link leaves the corpus: → OUT/shadow (--follow-links to follow it)",
		"skip b-dir-out: link leaves the corpus: → OUT/etc (--follow-links to follow it)",
		"skip c-device.txt: link leaves the corpus: → /dev/null (--follow-links to follow it)",
		"skip d-broken.txt: broken link: → " + filepath.Join(root, "gone.txt"),
		"read e-inside.txt Chỉ tiêu",
		"skip f-fifo.txt: not a regular file (named pipe)",
		"skip g-socket: not a regular file (socket)",
		"read plan.txt Mục tiêu",
		"read sub/inside.txt Chỉ tiêu",
	}
	if got := walk(l); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("confined walk:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	// Following links on request reads the linked file and directory,
	// and still opens no device.
	l.FollowLinks = true
	got := strings.Join(walk(l), "\n")
	for _, w := range []string{"read a-file-out.txt root:x:0:0", "read b-dir-out/passwd root:x:0:0", "skip c-device.txt: not a regular file (character device)"} {
		if !strings.Contains(got, w) {
			t.Errorf("--follow-links walk lacks %q:\n%s", w, got)
		}
	}
	// A broken link named as a path says so, with its target.
	var broken []string
	l.List([]string{filepath.Join(root, "d-broken.txt")}, func(it Item) error {
		broken = append(broken, fmt.Sprint(it.Err))
		return nil
	})
	if want := filepath.Join(root, "d-broken.txt") + ": broken link: → " + filepath.Join(root, "gone.txt"); len(broken) != 1 || broken[0] != want {
		t.Errorf("a named broken link = %q, want %q", broken, want)
	}
	// The index named as a path is refused too.
	var named []string
	l.List([]string{filepath.Join(root, "chitieu.index", "last-ingest.json")}, func(it Item) error {
		named = append(named, fmt.Sprint(it.Err))
		return nil
	})
	if len(named) != 1 || !strings.Contains(named[0], "inside the index directory") {
		t.Errorf("a path inside the index = %q, want it refused", named)
	}
}

// A file swapped for a link after the walk is not followed when read.
func TestLoadItemSwappedForLink(t *testing.T) {
	outside := write(t, t.TempDir(), "shadow", []byte("root:x:0:0"))
	root := t.TempDir()
	p := write(t, root, "plan.txt", []byte("Mục tiêu"))
	var items []Item
	Loader{}.List([]string{root}, func(it Item) error { items = append(items, it); return nil })
	if len(items) != 1 {
		t.Fatalf("List = %v", items)
	}
	os.Remove(p)
	if err := os.Symlink(outside, p); err != nil {
		t.Fatal(err)
	}
	doc, err := Loader{}.LoadItem(items[0])
	if doc != nil || err == nil || !strings.Contains(err.Error(), "replaced by a symbolic link") {
		t.Errorf("LoadItem after the swap = %v, %v; want it refused", doc, err)
	}
	os.Remove(p)
	if err := syscall.Mkfifo(p, 0o644); err != nil {
		t.Fatal(err)
	}
	doc, err = Loader{}.LoadItem(items[0])
	if doc != nil || !errors.Is(err, ErrNotRegular) {
		t.Errorf("LoadItem of a FIFO = %v, %v; want ErrNotRegular without blocking", doc, err)
	}
}
