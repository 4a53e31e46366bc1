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
	// 300 plans by default; CHITIEU_CRASH_DOCS=10000 (make crash) for the
	// robustness issue's full run.
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
	// Kill at moments spread over the ingest: the reference run says how
	// long a whole one takes.
	whole := refTime
	moments := []time.Duration{50 * time.Millisecond}
	for _, f := range []float64{0.05, 0.15, 0.3, 0.5, 0.7} {
		moments = append(moments, time.Duration(f*float64(whole)))
	}
	for _, after := range moments {
		cmd := chitieuCmd("ingest", "--quiet", "--index", dir, docs)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		done := make(chan error, 1)
		go func() { done <- cmd.Wait() }()
		select {
		case err := <-done:
			if err != nil {
				t.Fatalf("ingest ended on its own with %v", err)
			}
			continue // finished before the kill: nothing left to interrupt
		case <-time.After(after):
		}
		cmd.Process.Signal(syscall.SIGKILL)
		<-done
		killed++
		// The killed index opens, and a search works.
		ix, err := index.Open(dir, index.Options{NoCreate: true})
		if err != nil {
			// Killed before the index was created at all.
			if strings.Contains(err.Error(), "no index") {
				continue
			}
			t.Fatalf("open after kill at %v: %v", after, err)
		}
		if _, err := ix.Search(context.Background(), index.Request{Query: "hoc tap"}); err != nil {
			t.Errorf("search after kill at %v: %v", after, err)
		}
		ix.Close()
	}
	if killed == 0 {
		t.Fatal("every ingest finished before it could be killed")
	}
	out, err := chitieuCmd("ingest", "--index", dir, docs).CombinedOutput()
	if err != nil {
		t.Fatalf("completing ingest: %v\n%s", err, out)
	}
	gotStats, gotTargets := indexState(t, dir)
	if gotStats != wantStats {
		t.Errorf("after %d kills and a complete run: %+v, want %+v\n%s", killed, gotStats, wantStats, out)
	}
	if !slices.Equal(gotTargets, wantTargets) {
		t.Errorf("targets differ from the uninterrupted ingest: %d vs %d", len(gotTargets), len(wantTargets))
	}
	t.Logf("%d plans, uninterrupted ingest %s; killed %d times at %v; the last run: %s", n, refTime.Round(time.Millisecond), killed, moments, strings.TrimSpace(string(out)))
}
