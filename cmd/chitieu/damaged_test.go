package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A damaged index: every command names the damage and the way out, and
// check --repair rebuilds it.
func TestCheckRepairDamaged(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "idx")
	if code, _, errs := runCmd("ingest", "--quiet", "--index", dir); code != 0 {
		t.Fatalf("ingest: %d %s", code, errs)
	}
	os.Truncate(filepath.Join(dir, "bleve", "store", "root.bolt"), 0)
	for _, args := range [][]string{{"search", "hoc"}, {"status"}, {"ingest"}, {"serve"}} {
		code, _, errs := runCmd(append([]string{args[0], "--index", dir}, args[1:]...)...)
		if code != 1 || !strings.Contains(errs, "root.bolt is empty") || !strings.Contains(errs, "check --repair") {
			t.Errorf("%v on a damaged index: exit %d\n%s", args, code, errs)
		}
	}
	code, out, _ := runCmd("check", "--index", dir)
	if code != 1 || !strings.Contains(out, "root.bolt is empty") || !strings.Contains(out, "check --repair") {
		t.Errorf("check: exit %d\n%s", code, out)
	}
	code, out, errs := runCmd("check", "--repair", "--index", dir)
	if code != 0 || !strings.Contains(out, "Rebuilt from the 5 files listed in files.json: 5 ingested again") || !strings.Contains(out, "0 lost") {
		t.Errorf("check --repair: exit %d\n%s%s", code, out, errs)
	}
	code, out, _ = runCmd("check", "--index", dir)
	if code != 0 || !strings.Contains(out, "0 problems") {
		t.Errorf("check after the repair: exit %d\n%s", code, out)
	}
	if code, out, _ := runCmd("search", "--index", dir, "nang", "luc", "thong", "tin"); code != 0 || !strings.Contains(out, "năng lực thông tin") {
		t.Errorf("search after the repair: exit %d\n%s", code, out)
	}
	// A garbage last-ingest.json is told by status, not dropped.
	os.WriteFile(filepath.Join(dir, "last-ingest.json"), []byte("{]"), 0o644)
	if code, out, _ := runCmd("status", "--index", dir); code != 0 || !strings.Contains(out, "problem: last-ingest.json is not valid JSON") {
		t.Errorf("status with a garbage last-ingest.json: exit %d\n%s", code, out)
	}
}
