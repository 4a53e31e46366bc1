// Package golden compares test output with golden files under testdata/
// and rewrites them when the tests run with -update.
package golden

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/aymanbagabas/go-udiff"
)

// maxDiff bounds the diff a failure prints, in bytes.
const maxDiff = 8000

var update = flag.Bool("update", false, "rewrite the golden files")

// Updating reports whether the tests run with -update.
func Updating() bool { return *update }

// Check compares got with the file at path; with -update it writes got
// there instead.
func Check(t testing.TB, path string, got []byte) {
	t.Helper()
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("output differs from %s (run go test -update after checking the change):\n%s", path, Diff(path, want, got))
	}
}

// Diff returns the unified diff from want (the golden file at path) to
// got, cut at maxDiff bytes.
func Diff(path string, want, got []byte) string {
	d := udiff.Unified(path, "got", string(want), string(got))
	if len(d) > maxDiff {
		d = d[:maxDiff] + "\n… (diff cut)"
	}
	return d
}
