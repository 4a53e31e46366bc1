package main

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/chitieu/chitieu/extract/targets"
	"github.com/chitieu/chitieu/index"
	"github.com/chitieu/chitieu/internal/plangen"
)

// TestMain lets the tests run this binary as chitieu itself: with
// CHITIEU_TEST_MAIN set, it runs the command line and exits.
func TestMain(m *testing.M) {
	if os.Getenv("CHITIEU_TEST_MAIN") == "1" {
		os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
	}
	os.Exit(m.Run())
}

// chitieuCmd returns a command running this test binary as chitieu.
func chitieuCmd(args ...string) *exec.Cmd {
	cmd := exec.Command(os.Args[0], args...)
	cmd.Env = append(os.Environ(), "CHITIEU_TEST_MAIN=1")
	return cmd
}

// indexState is what a finished index holds: its counts and every target.
func indexState(t *testing.T, dir string) (index.Stats, []string) {
	t.Helper()
	ix, err := index.Open(dir, index.Options{NoCreate: true})
	if err != nil {
		t.Fatalf("open %s: %v", dir, err)
	}
	defer ix.Close()
	st, err := ix.Stats()
	if err != nil {
		t.Fatal(err)
	}
	recs, err := ix.Targets(context.Background(), index.TargetFilter{})
	if err != nil {
		t.Fatal(err)
	}
	var keys []string
	for _, r := range recs {
		keys = append(keys, recordID(r))
	}
	slices.Sort(keys)
	return st, keys
}

func recordID(r targets.Record) string {
	return strings.Join([]string{filepath.Base(r.Path), r.Indicator, num(r.Value), yearString(r.Year), r.Locality}, " ")
}

// TestIngestKilled kills ingests with SIGKILL at several moments: each
// time the index must open, and after a last complete run it must hold
// what an uninterrupted ingest holds.
func TestIngestKilled(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and kills several ingests")
	}
	// 300 plans by default; CHITIEU_CRASH_DOCS=10000 (make crash, part of
	// make test) for the robustness issue's full run.
	n := 300
	if v, err := strconv.Atoi(os.Getenv("CHITIEU_CRASH_DOCS")); err == nil && v > 0 {
		n = v
	}
	docs := filepath.Join(t.TempDir(), "docs")
	if _, err := plangen.New(7).WriteCorpus(docs, n); err != nil {
		t.Fatal(err)
	}
	ref := filepath.Join(t.TempDir(), "ref")
	start := time.Now()
	if out, err := chitieuCmd("ingest", "--quiet", "--index", ref, docs).CombinedOutput(); err != nil {
		t.Fatalf("reference ingest: %v\n%s", err, out)
	}
	refTime := time.Since(start)
	wantStats, wantTargets := indexState(t, ref)
	if wantStats.Documents != uint64(n) || len(wantTargets) == 0 {
		t.Fatalf("reference index: %+v, %d targets", wantStats, len(wantTargets))
	}

	dir := filepath.Join(t.TempDir(), "crashed")
	killed := 0
	// Kill each run (each resumes the last) after a delay that grows by a
	// tenth of the time a whole ingest takes, until the index holds half
	// the plans: what a run had not yet written is lost, the rest stays,
	// and the last run has the other half to complete. Small batches
	// (--batch 300) make every run write something before its kill.
	whole := refTime
	var moments []time.Duration
	var held []uint64 // documents in the index after each kill
	for after := whole / 10; len(moments) < 10; after += whole / 10 {
		cmd := chitieuCmd("ingest", "--quiet", "--batch", "300", "--index", dir, docs)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		done := make(chan error, 1)
		go func() { done <- cmd.Wait() }()
		select {
		case err := <-done:
			t.Fatalf("ingest ended on its own (%v) before the kill at %v", err, after)
		case <-time.After(after):
		}
		cmd.Process.Signal(syscall.SIGKILL)
		<-done
		killed++
		moments = append(moments, after)
		// The killed index opens, and a search works.
		ix, err := index.Open(dir, index.Options{NoCreate: true})
		if err != nil {
			// Killed before the index was created at all.
			if strings.Contains(err.Error(), "no index") {
				held = append(held, 0)
				continue
			}
			t.Fatalf("open after kill at %v: %v", after, err)
		}
		if _, err := ix.Search(context.Background(), index.Request{Query: "hoc tap"}); err != nil {
			t.Errorf("search after kill at %v: %v", after, err)
		}
		st, err := ix.Stats()
		ix.Close()
		if err != nil {
			t.Fatal(err)
		}
		held = append(held, st.Documents)
		if st.Documents >= uint64(n/2) {
			break
		}
	}
	t.Logf("documents in the index after each kill: %v", held)
	if killed == 0 {
		t.Fatal("every ingest finished before it could be killed")
	}
	out, err := chitieuCmd("ingest", "--index", dir, docs).CombinedOutput()
	if err != nil {
		t.Fatalf("completing ingest: %v\n%s", err, out)
	}
	if strings.Contains(string(out), "added 0, updated 0") || strings.Contains(string(out), "skipped 0,") {
		t.Errorf("the kills did not leave the last run a part of the work to complete:\n%s", out)
	}
	gotStats, gotTargets := indexState(t, dir)
	if gotStats != wantStats {
		t.Errorf("after %d kills and a complete run: %+v, want %+v\n%s", killed, gotStats, wantStats, out)
	}
	if !slices.Equal(gotTargets, wantTargets) {
		t.Errorf("targets differ from the uninterrupted ingest: %d vs %d", len(gotTargets), len(wantTargets))
	}
	t.Logf("%d plans, uninterrupted ingest %s; killed %d times, %v after each start; the last run: %s", n, refTime.Round(time.Millisecond), killed, moments, strings.TrimSpace(string(out)))
}
