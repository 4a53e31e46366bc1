package main

import (
	"fmt"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/chitieu/chitieu/internal/golden"
)

// TestSampleOutputs runs the commands on the sample corpus and compares
// everything they print, both streams and the exit status, with
// testdata/cli/*.txt: a change of the CLI's output shows as a diff, and a
// refactoring that keeps behaviour keeps every byte. Times, rates and the
// index's temporary path are masked.
func TestSampleOutputs(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "idx")
	if code, _, errs := runCmd("ingest", "--quiet", "--index", dir); code != 0 {
		t.Fatalf("ingest of the sample: exit %d\n%s", code, errs)
	}
	mask := []struct {
		re   *regexp.Regexp
		with string
	}{
		{regexp.MustCompile(regexp.QuoteMeta(dir)), "$INDEX"},
		{regexp.MustCompile(`"elapsed_ns": ?\d+`), `"elapsed_ns": 0`},
		{regexp.MustCompile(`\d+(\.\d+)?(µs|ms|s)\b`), "TIME"},
		{regexp.MustCompile(`\d+(\.\d+)? (files|MB|pages)/s`), "RATE"},
	}
	for _, c := range []struct {
		name string
		args []string
	}{
		{"extract-jsonl", []string{"extract"}},
		{"extract-table", []string{"extract", "--format", "table"}},
		{"extract-csv", []string{"extract", "--format", "csv"}},
		{"text-json", []string{"text", "--json"}},
		{"eval", []string{"eval", "--gold", "../../corpus/samplegold/seeds.jsonl"}},
		{"indicators", []string{"indicators", "--index", dir}},
		{"places", []string{"places", "Tân Phú"}},
		{"places-json", []string{"places", "--format", "json", "--as-of", "2025-07-01", "Bến Cát"}},
		{"search", []string{"search", "--index", dir, "--facets", "nang luc thong tin"}},
		{"search-json", []string{"search", "--index", dir, "--json", `"xã hội học tập" year:2030`}},
		{"search-bad", []string{"search", "--index", dir, `"unclosed`}},
		{"targets", []string{"targets", "--index", dir, "--indicator", "life_skills"}},
		{"targets-csv", []string{"targets", "--index", dir, "--year", "2030", "--format", "csv"}},
		{"compare", []string{"compare", "--index", dir}},
		{"compare-md", []string{"compare", "--index", dir, "--year", "2030", "--format", "md"}},
		{"compare-json", []string{"compare", "--index", dir, "--year", "2025", "--format", "json"}},
		{"compare-district", []string{"compare", "--index", dir, "--level", "district", "--as-of", "2025-07-01", "--format", "csv"}},
		{"compare-all", []string{"compare", "--index", dir, "--all"}},
		{"audit", []string{"audit", "--index", dir}},
		{"audit-json", []string{"audit", "--index", dir, "--format", "json"}},
		{"audit-csv", []string{"audit", "--index", dir, "--format", "csv"}},
		{"usage", []string{"targets", "--index", dir, "stray"}},
		{"status-stray", []string{"status", "--index", dir, "stray"}},
		{"check-stray", []string{"check", "--index", dir, "stray"}},
		{"format-bad", []string{"compare", "--index", dir, "--format", "pdf"}},
		{"unknown", []string{"nope"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			code, out, errs := runCmd(c.args...)
			got := fmt.Sprintf("$ chitieu %s\nexit %d\n--- stdout\n%s--- stderr\n%s", strings.Join(c.args, " "), code, out, errs)
			for _, m := range mask {
				got = m.re.ReplaceAllLiteralString(got, m.with)
			}
			golden.Check(t, filepath.Join("testdata", "cli", c.name+".txt"), []byte(got))
		})
	}
}
