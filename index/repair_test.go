package index

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/chitieu/chitieu/corpus"
	"github.com/chitieu/chitieu/internal/plangen"
)

// snapshot is what an index holds, for comparing two: every file's record
// (but the time of its ingest), the counts, and every target.
func snapshot(t *testing.T, dir string) string {
	t.Helper()
	ix, err := Open(dir, Options{NoCreate: true})
	if err != nil {
		t.Fatalf("open %s: %v", dir, err)
	}
	defer ix.Close()
	var b strings.Builder
	files, err := ix.Files()
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		fmt.Fprintf(&b, "%s %s %d %s %s %v\n", filepath.Base(f.Path), f.SHA, f.Size, f.Status, f.Reason, f.Docs)
	}
	st, _ := ix.Stats()
	fmt.Fprintf(&b, "%+v\n", st)
	recs, err := ix.Targets(context.Background(), TargetFilter{})
	if err != nil {
		t.Fatal(err)
	}
	var keys []string
	for _, r := range recs {
		keys = append(keys, fmt.Sprintf("%s %s %v %d %s", filepath.Base(r.Path), r.Indicator, r.Value, r.Year, r.Locality))
	}
	slices.Sort(keys)
	b.WriteString(strings.Join(keys, "\n"))
	return b.String()
}

func ingestInto(t *testing.T, dir string, paths ...string) {
	t.Helper()
	ix, err := Open(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	srcs, err := FileSources(corpus.Loader{}, paths)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ix.Ingest(context.Background(), srcs, IngestOptions{}); err != nil {
		t.Fatal(err)
	}
}

// liveSegment returns the path of the index's one segment.
func liveSegment(t *testing.T, dir string) string {
	t.Helper()
	live, err := liveSegments(filepath.Join(dir, boltFile))
	if err != nil || len(live) == 0 {
		t.Fatalf("live segments of %s: %v, %v", dir, live, err)
	}
	for name := range live {
		return filepath.Join(dir, segDir, name)
	}
	return ""
}

// Each of an index's own files damaged in turn: Open names the damage,
// and Repair ends with an index equal to a clean ingest of the same
// files.
func TestDamagedIndex(t *testing.T) {
	docs := t.TempDir()
	if _, err := plangen.New(5).WriteCorpus(docs, 12); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(docs, "empty.pdf"), nil, 0o644)
	ref := filepath.Join(t.TempDir(), "ref")
	ingestInto(t, ref, docs)
	want := snapshot(t, ref)

	for _, c := range []struct {
		name   string
		damage func(dir string)
		says   string
		opens  bool // Open still works; Status says what is wrong
	}{
		{"segment", func(dir string) {
			p := liveSegment(t, dir)
			fi, _ := os.Stat(p)
			os.Truncate(p, fi.Size()/2)
		}, "segment 0", false},
		{"root.bolt", func(dir string) { os.Truncate(filepath.Join(dir, boltFile), 0) }, "root.bolt is empty", false},
		{"chitieu.json", func(dir string) { os.WriteFile(filepath.Join(dir, "chitieu.json"), []byte(`{"form`), 0o644) }, "chitieu.json is not valid JSON", false},
		{"index_meta.json", func(dir string) { os.WriteFile(filepath.Join(dir, metaFile), []byte("\x00\x01garbage"), 0o644) }, "bleve/index_meta.json is not valid JSON", false},
		{"last-ingest.json", func(dir string) { os.WriteFile(filepath.Join(dir, lastIngest), []byte("{]"), 0o644) }, "last-ingest.json is not valid JSON", true},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "idx")
			ingestInto(t, dir, docs)
			c.damage(dir)
			ix, err := Open(dir, Options{NoCreate: true})
			if c.opens {
				if err != nil {
					t.Fatalf("Open: %v", err)
				}
				st, _ := ix.Status()
				ix.Close()
				if len(st.Problems) == 0 || !strings.Contains(st.Problems[0], c.says) {
					t.Errorf("Status problems %q, want one with %q", st.Problems, c.says)
				}
			} else if !errors.Is(err, ErrDamaged) || !strings.Contains(err.Error(), c.says) || !strings.Contains(err.Error(), "check --repair") {
				t.Fatalf("Open of a damaged %s: %v; want ErrDamaged saying %q", c.name, err, c.says)
			}
			ds := Verify(dir, true)
			if len(ds) == 0 || !strings.Contains(ds[0].What, c.says) {
				t.Errorf("Verify = %v, want %q", ds, c.says)
			}
			rep, err := Repair(context.Background(), dir, RepairOptions{})
			if err != nil {
				t.Fatalf("Repair: %v", err)
			}
			if len(rep.Lost) != 0 || rep.Files != 13 || rep.Recovered != 13 {
				t.Errorf("Repair: %d files, %d recovered, lost %v", rep.Files, rep.Recovered, rep.Lost)
			}
			if ds := Verify(dir, true); len(ds) != 0 {
				t.Errorf("Verify after Repair: %v", ds)
			}
			if got := snapshot(t, dir); got != want {
				t.Errorf("after Repair the index differs from a clean ingest:\n%s\nwant\n%s", got, want)
			}
			if _, err := os.Stat(filepath.Join(dir, ".rebuild")); !errors.Is(err, os.ErrNotExist) {
				t.Errorf("Repair left its work directory: %v", err)
			}
		})
	}
}

// What Repair cannot take back is reported: a file changed since it was
// indexed, and one that is gone.
func TestRepairLost(t *testing.T) {
	docs := t.TempDir()
	if _, err := plangen.New(6).WriteCorpus(docs, 4); err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), "idx")
	ingestInto(t, dir, docs)
	names, _ := filepath.Glob(filepath.Join(docs, "*"))
	slices.Sort(names)
	os.WriteFile(names[0], []byte("KẾ HOẠCH\nđã sửa\n"), 0o644)
	os.Remove(names[1])
	os.Truncate(liveSegment(t, dir), 100)
	rep, err := Repair(context.Background(), dir, RepairOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if rep.From != filesFile || rep.Recovered != 2 || len(rep.Lost) != 2 {
		t.Fatalf("Repair: %+v", rep)
	}
	for i, want := range []string{"the file changed since it was indexed", "the file changed since it was indexed: it is gone"} {
		if !strings.Contains(rep.Lost[i].Reason, want) {
			t.Errorf("lost %s: %q, want %q", rep.Lost[i].Path, rep.Lost[i].Reason, want)
		}
	}
	if !strings.Contains(rep.Lost[0].Reason, "chitieu ingest") {
		t.Errorf("lost %s does not say what to do: %q", rep.Lost[0].Path, rep.Lost[0].Reason)
	}
}
