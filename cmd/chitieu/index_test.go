package main

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chitieu/chitieu/extract/targets"
	"github.com/chitieu/chitieu/index"
)

func TestIngestSearchTargets(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "idx")

	code, out, errs := runCmd("search", "--index", dir, "hoc")
	if code != 1 || !strings.Contains(errs, "no index") || !strings.Contains(errs, "chitieu ingest") {
		t.Errorf("search before ingest: exit %d, stderr %q", code, errs)
	}

	code, out, errs = runCmd("ingest", "--index", dir)
	if code != 0 {
		t.Fatalf("ingest: exit %d, stderr %q", code, errs)
	}
	for _, want := range []string{"5 files", "added 5, updated 0, skipped 0, failed 0", "6 documents", "77 targets"} {
		if !strings.Contains(errs, want) {
			t.Errorf("ingest summary lacks %q:\n%s", want, errs)
		}
	}
	if strings.Contains(errs, "ETA") || out != "" {
		t.Errorf("a short ingest off a terminal shows progress lines or prints on stdout: %q %q", out, errs)
	}
	code, _, errs = runCmd("ingest", "--index", dir)
	if code != 0 || !strings.Contains(errs, "added 0, updated 0, skipped 5, failed 0") || !strings.Contains(errs, "written: 0 documents, 0 passages, 0 targets") {
		t.Errorf("second ingest: exit %d\n%s", code, errs)
	}
	code, out, errs = runCmd("ingest", "--index", dir, "--quiet")
	if code != 0 || out != "" || errs != "" {
		t.Errorf("ingest --quiet: exit %d, stdout %q, stderr %q", code, out, errs)
	}

	code, out, errs = runCmd("search", "--index", dir, "--limit", "3", "--facets", "nang", "luc", "thong", "tin")
	if code != 0 {
		t.Fatalf("search: exit %d, stderr %q", code, errs)
	}
	for _, want := range []string{"passages for nang luc thong tin", "1. ", "«năng lực thông tin»", "province: Bình Dương", "indicator: info_competence"} {
		if !strings.Contains(out, want) {
			t.Errorf("search output lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "4. ") {
		t.Errorf("--limit 3 printed a fourth hit:\n%s", out)
	}

	code, out, _ = runCmd("search", "--index", dir, "--json", "value:>=70", "year:2030", "indicator:clc_ict")
	var res index.Result
	if err := json.Unmarshal([]byte(out), &res); code != 0 || err != nil {
		t.Fatalf("search --json: exit %d, %v\n%s", code, err, out)
	}
	if res.Kind != "target" || len(res.Hits) == 0 {
		t.Errorf("search --json with value: kind %q, %d hits", res.Kind, len(res.Hits))
	}
	for _, h := range res.Hits {
		if h.Record == nil || h.Record.Indicator != "clc_ict" || h.Record.Year != 2030 || h.Record.Value < 70 {
			t.Errorf("hit %s: record %+v", h.ID, h.Record)
		}
	}

	for _, q := range []string{`"unclosed`, "tinh:x", "year:abc"} {
		code, _, errs = runCmd("search", "--index", dir, q)
		if code != 2 || !strings.Contains(errs, "bad query") {
			t.Errorf("search %q: exit %d, stderr %q; want 2 and the reason", q, code, errs)
		}
	}
	if code, _, _ = runCmd("search", "--index", dir); code != 2 {
		t.Errorf("search without a query: exit %d, want 2", code)
	}

	code, out, errs = runCmd("targets", "--index", dir, "--format", "jsonl", "--indicator", "info_competence", "--province", "Bắc Ninh")
	if code != 0 {
		t.Fatalf("targets: exit %d, stderr %q", code, errs)
	}
	n := 0
	sc := bufio.NewScanner(strings.NewReader(out))
	for sc.Scan() {
		var r targets.Record
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			t.Fatal(err)
		}
		if r.Indicator != "info_competence" || r.ProvinceCode != "27" {
			t.Errorf("targets: record %+v", r)
		}
		n++
	}
	if n == 0 {
		t.Error("targets: no records for info_competence in Bắc Ninh")
	}
	code, out, _ = runCmd("targets", "--index", dir, "--format", "csv", "--year", "2030", "--min", "90")
	if code != 0 || !strings.HasPrefix(out, "\ufeffdoc,path,") || strings.Count(out, "\n") < 2 {
		t.Errorf("targets --format csv: exit %d\n%.300s", code, out)
	}
	code, out, _ = runCmd("targets", "--index", dir, "--year", "2030", "--max", "10")
	if code != 0 || strings.Contains(out, "%") {
		t.Errorf("targets --max 10: exit %d\n%s", code, out)
	}
	if code, _, errs = runCmd("targets", "--index", dir, "--min", "many"); code != 2 {
		t.Errorf("targets --min many: exit %d, %q", code, errs)
	}
	if code, _, errs = runCmd("targets", "--index", dir, "--indicator", "nope"); code != 2 || !strings.Contains(errs, "nope") {
		t.Errorf("targets --indicator nope: exit %d, %q", code, errs)
	}
}

func TestIngestFailures(t *testing.T) {
	docs := t.TempDir()
	dir := filepath.Join(t.TempDir(), "idx")
	os.WriteFile(filepath.Join(docs, "empty.pdf"), nil, 0o644)
	os.WriteFile(filepath.Join(docs, "plan.txt"), []byte("KẾ HOẠCH\nPhấn đấu đến năm 2025: 60% số người trong độ tuổi lao động được trang bị kỹ năng sống.\n"), 0o644)
	os.WriteFile(filepath.Join(docs, "photo.jpg"), []byte("\xff\xd8\xff\xe0 JFIF"), 0o644)
	code, _, errs := runCmd("ingest", "--index", dir, docs, filepath.Join(docs, "missing.pdf"))
	if code != 1 {
		t.Errorf("ingest with failures: exit %d, want 1\n%s", code, errs)
	}
	for _, want := range []string{"empty.pdf: empty file", "missing.pdf: ", "added 1, updated 0, skipped 0, failed 2, not indexed 1 (listed above)", "photo.jpg: unsupported format"} {
		if !strings.Contains(errs, want) {
			t.Errorf("stderr lacks %q:\n%s", want, errs)
		}
	}
	// Another process (here: another open) gets the owner's PID.
	ix, err := index.Open(dir, index.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	code, _, errs = runCmd("search", "--index", dir, "hoc")
	if code != 1 || !strings.Contains(errs, "is being written by PID") || !strings.Contains(errs, "run this again when it has finished") {
		t.Errorf("search of a locked index: exit %d, %q", code, errs)
	}
}

func TestProgressBar(t *testing.T) {
	var tty strings.Builder
	b := newProgressBar(&tty, true)
	b.update(index.Progress{Done: 1, Total: 4, Elapsed: time.Second})
	b.update(index.Progress{Done: 4, Total: 4, Elapsed: 2 * time.Second})
	b.finish()
	for _, want := range []string{"\r[##############################] 4/4 files  2.0 files/s  ETA 0s", "\n"} {
		if !strings.Contains(tty.String(), want) {
			t.Errorf("terminal bar %q lacks %q", tty.String(), want)
		}
	}

	var plain strings.Builder
	b = newProgressBar(&plain, false)
	b.every = 0 // every update draws
	b.update(index.Progress{Done: 1, Total: 4, Elapsed: time.Second})
	b.finish()
	if got, want := plain.String(), "chitieu ingest: 1/4 files  1.0 files/s  ETA 3s\n"; got != want {
		t.Errorf("plain progress %q, want %q", got, want)
	}
	if strings.ContainsAny(plain.String(), "\r\x1b") {
		t.Error("plain progress has terminal controls")
	}
}

func TestStatusCheck(t *testing.T) {
	docs := t.TempDir()
	dir := filepath.Join(t.TempDir(), "idx")
	os.WriteFile(filepath.Join(docs, "empty.pdf"), nil, 0o644)
	os.WriteFile(filepath.Join(docs, "cut.pdf"), []byte("%PDF-1.4\n1 0 obj\n<<"), 0o644)
	os.WriteFile(filepath.Join(docs, "kế hoạch 1.txt"), []byte("KẾ HOẠCH\nPhấn đấu đến năm 2025: 60% số người trong độ tuổi lao động được trang bị kỹ năng sống.\n"), 0o644)
	runCmd("ingest", "--quiet", "--index", dir, docs)
	code, out, errs := runCmd("status", "--index", dir)
	if code != 0 {
		t.Fatalf("status: exit %d, %s", code, errs)
	}
	for _, want := range []string{"3 files (2 failed), 1 documents", "last ingest", "added 1, updated 0, skipped 0, failed 2",
		"failed files by reason:", "empty file", "malformed PDF", "empty.pdf: empty file"} {
		if !strings.Contains(out, want) {
			t.Errorf("status lacks %q:\n%s", want, out)
		}
	}
	code, out, _ = runCmd("status", "--index", dir, "--json")
	var st index.Status
	if err := json.Unmarshal([]byte(out), &st); code != 0 || err != nil || st.Failed != 2 || len(st.Failures) != 2 || st.Last == nil {
		t.Errorf("status --json: exit %d, %v, %+v", code, err, st)
	}
	code, out, _ = runCmd("check", "--index", dir)
	if code != 0 || !strings.Contains(out, "0 problems") {
		t.Errorf("check: exit %d\n%s", code, out)
	}
}

// TestSearchShards: search reads several indexes given as --index A,B and
// counts the hits of both.
func TestSearchShards(t *testing.T) {
	root := t.TempDir()
	a, b := filepath.Join(root, "a"), filepath.Join(root, "b")
	plans := filepath.Join(root, "plans")
	if err := os.MkdirAll(plans, 0o755); err != nil {
		t.Fatal(err)
	}
	plan := "ỦY BAN NHÂN DÂN\nHUYỆN TÂN UYÊN\nKẾ HOẠCH\nXây dựng xã hội học tập\nĐến năm 2025, 60% người dân được trang bị năng lực thông tin.\n"
	if err := os.WriteFile(filepath.Join(plans, "ke-hoach.txt"), []byte(plan), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, _, errs := runCmd("ingest", "--quiet", "--index", a); code != 0 {
		t.Fatalf("ingest a: %d %s", code, errs)
	}
	if code, _, errs := runCmd("ingest", "--quiet", "--index", b, plans); code != 0 {
		t.Fatalf("ingest b: %d %s", code, errs)
	}
	total := func(dir string) uint64 {
		code, out, errs := runCmd("search", "--index", dir, "--json", "nang luc thong tin")
		var res index.Result
		if err := json.Unmarshal([]byte(out), &res); code != 0 || err != nil {
			t.Fatalf("search --index %s: exit %d, %v, %s", dir, code, err, errs)
		}
		return res.Total
	}
	ta, tb, both := total(a), total(b), total(a+","+b)
	if ta == 0 || tb == 0 || both != ta+tb {
		t.Errorf("hits: %d in a, %d in b, %d in both", ta, tb, both)
	}
	if code, _, errs := runCmd("search", "--index", a+","+filepath.Join(root, "none"), "hoc"); code != 1 || !strings.Contains(errs, "none") {
		t.Errorf("a missing shard: exit %d, %q", code, errs)
	}
}
