package main

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chitieu/chitieu/extract/targets"
)

const seeds = "../../testdata/seeds"

func TestExtractJSONL(t *testing.T) {
	code, out, errs := runCmd("extract", filepath.Join(seeds, "002_c57fbb1e870047eb.txt"))
	if code != 0 {
		t.Fatalf("exit %d, stderr %q", code, errs)
	}
	if !strings.Contains(errs, "1 files, 2 documents, 28 records (0 results, 0 quotations of other plans, 0 with no catalog indicator)") {
		t.Errorf("summary: %q", errs)
	}
	sc := bufio.NewScanner(strings.NewReader(out))
	sc.Buffer(nil, 1<<20)
	n := 0
	for sc.Scan() {
		var r map[string]any
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			t.Fatalf("line %d: %v", n+1, err)
		}
		// The public format's field names.
		for _, k := range []string{"doc", "path", "doc_id", "doc_number", "doc_type", "doc_date", "issuer", "locality",
			"locality_code", "locality_level", "province", "province_code", "province_2025", "indicator", "indicator_label",
			"value", "unit", "cmp", "year", "modality", "kind", "text", "page", "start", "end"} {
			if _, ok := r[k]; !ok {
				t.Fatalf("record lacks %q: %s", k, sc.Text())
			}
		}
		n++
	}
	if n != 28 {
		t.Errorf("%d records, want 28", n)
	}
}

func TestExtractFormats(t *testing.T) {
	file := filepath.Join(seeds, "001_f71544043631323e.txt")
	code, out, errs := runCmd("extract", "--format", "csv", file)
	if code != 0 {
		t.Fatalf("csv: exit %d, stderr %q", code, errs)
	}
	if !strings.HasPrefix(out, "\ufeffdoc,path,doc_id") {
		t.Errorf("csv lacks the BOM and header: %q", out[:min(40, len(out))])
	}
	rows, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(out, "\ufeff"))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 18 || len(rows[0]) != len(csvColumns) {
		t.Errorf("csv: %d rows of %d columns", len(rows), len(rows[0]))
	}
	code, out, _ = runCmd("extract", "--format", "table", "--kind", "target", file)
	if code != 0 || !strings.Contains(out, "learning_family") || !strings.Contains(out, "100% (101/101)") || !strings.Contains(out, "mức 3") {
		t.Errorf("table: exit %d\n%s", code, out)
	}
	code, out, _ = runCmd("extract", "--kind", "result", file)
	if code != 0 || out != "" {
		t.Errorf("--kind result: exit %d, %q", code, out)
	}
	for _, args := range [][]string{{"extract", "--format", "xml"}, {"extract", "--kind", "some"}, {"extract", "--catalog", "/nonexistent"}} {
		if code, _, errs := runCmd(args...); code != 2 || errs == "" {
			t.Errorf("%v: exit %d, stderr %q; want 2 with a message", args, code, errs)
		}
	}
}

func TestExtractBatchGoesOn(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "a_empty.txt"), nil, 0o644)
	data, _ := os.ReadFile(filepath.Join(seeds, "003_3c3eae721d7a210b.txt"))
	os.WriteFile(filepath.Join(dir, "b.txt"), data, 0o644)
	code, out, errs := runCmd("extract", dir)
	if code != 1 {
		t.Errorf("exit %d, want 1", code)
	}
	if !strings.Contains(errs, "a_empty.txt: empty file") || !strings.Contains(errs, "1 files failed") {
		t.Errorf("stderr %q", errs)
	}
	if strings.Count(out, "\n") != 7 {
		t.Errorf("the good file's 7 records: %q", out)
	}
}

func TestExtractGazetteerAndCatalog(t *testing.T) {
	dir := t.TempDir()
	gaz := filepath.Join(dir, "dvhc.csv")
	os.WriteFile(gaz, []byte("code,name,level,parent_code\n25999,Phường Rạch Bắp,Phường,721\n"), 0o644)
	doc := filepath.Join(dir, "ub.txt")
	os.WriteFile(doc, []byte("ỦY BAN NHÂN DÂN\nPHƯỜNG RẠCH BẮP\nSố: 5/KH-UBND\nRạch Bắp, ngày 2 tháng 3 năm 2023\nKẾ HOẠCH\nXây dựng xã hội học tập năm 2023\nPhấn đấu 60% gia đình được công nhận “Gia đình học tập”.\n"), 0o644)
	code, out, errs := runCmd("extract", "--gazetteer", gaz, doc)
	if code != 0 {
		t.Fatalf("exit %d, %s", code, errs)
	}
	var r targets.Record
	json.Unmarshal([]byte(out), &r)
	if r.LocalityCode != "25999" || r.LocalityLevel != "commune" || r.ProvinceCode != "74" || r.Province2025Code != "79" || r.Year != 2023 {
		t.Errorf("record with the loaded gazetteer: %+v", r)
	}
	// A catalog from a file: a new indicator with no change to the code.
	cat := filepath.Join(dir, "catalog.txt")
	os.WriteFile(cat, []byte("id: family_recognised\nunit: percent\nlabel: Gia đình được công nhận\nterms: gia đình học tập\n"), 0o644)
	code, out, _ = runCmd("extract", "--catalog", cat, doc)
	if code != 0 || !strings.Contains(out, `"indicator":"family_recognised"`) {
		t.Errorf("--catalog: exit %d, %s", code, out)
	}
	os.WriteFile(cat, []byte("id: broken\n"), 0o644)
	if code, _, errs := runCmd("extract", "--catalog", cat, doc); code != 2 || !strings.Contains(errs, cat) {
		t.Errorf("broken catalog: exit %d, %q", code, errs)
	}
	os.WriteFile(gaz, []byte("code,name,level\nabc,X,Tỉnh\n"), 0o644)
	if code, _, errs := runCmd("extract", "--gazetteer", gaz, doc); code != 2 || !strings.Contains(errs, gaz) || !strings.Contains(errs, "line 2") {
		t.Errorf("broken gazetteer: exit %d, %q", code, errs)
	}
}

func TestEval(t *testing.T) {
	code, out, errs := runCmd("eval")
	if code != 0 {
		t.Fatalf("exit %d, %s", code, errs)
	}
	for _, want := range []string{"F1 0.993", "(TP 71, FP 1, FN 0)", "locality right for 71 of 71", "preschool_share", "Result taken as target (1)", "result taken as target        1"} {
		if !strings.Contains(out, want) {
			t.Errorf("eval output lacks %q:\n%s", want, out)
		}
	}
	// The seeds against the gold file on disk, as JSON.
	code, out, errs = runCmd("eval", "--json", "--gold", "../../testdata/gold/seeds.jsonl", seeds)
	if code != 0 {
		t.Fatalf("exit %d, %s", code, errs)
	}
	var rep struct {
		F1            float64 `json:"f1"`
		TP            int     `json:"tp"`
		LocalityRight int     `json:"locality_right"`
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil || rep.F1 < 0.95 || rep.TP != 71 || rep.LocalityRight != 71 {
		t.Errorf("eval --json: %v %+v", err, rep)
	}
	if code, _, _ := runCmd("eval", "--min-f1", "0.999"); code != 1 {
		t.Errorf("--min-f1 above the score: exit %d, want 1", code)
	}
	if code, _, errs := runCmd("eval", seeds); code != 2 || !strings.Contains(errs, "--gold is required") {
		t.Errorf("a PATH without --gold: exit %d, %q", code, errs)
	}
	bad := filepath.Join(t.TempDir(), "bad.jsonl")
	os.WriteFile(bad, []byte("{\"doc\": \"x\", \"indicator\": \"y\"}\nnot json\n"), 0o644)
	if code, _, errs := runCmd("eval", "--gold", bad, seeds); code != 2 || !strings.Contains(errs, "line 2") {
		t.Errorf("a bad gold file: exit %d, %q", code, errs)
	}
}
