package main

import (
	"archive/zip"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/chitieu/chitieu/compare"
)

func TestCompareAudit(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "idx")
	if code, _, errs := runCmd("compare", "--index", dir); code != 1 || !strings.Contains(errs, "no index") {
		t.Errorf("compare before ingest: exit %d, %q", code, errs)
	}
	if code, _, errs := runCmd("ingest", "--quiet", "--index", dir); code != 0 {
		t.Fatalf("ingest: %d %s", code, errs)
	}

	code, out, errs := runCmd("compare", "--index", dir, "--year", "2025", "--indicator", "info_competence,life_skills")
	if code != 0 {
		t.Fatalf("compare: exit %d, %s", code, errs)
	}
	for _, want := range []string{"Việt Nam (QĐ 1373, 387, 677)", "Tỉnh Bắc Ninh", "Tỉnh Bình Dương", "info_competence", "70", "60"} {
		if !strings.Contains(out, want) {
			t.Errorf("compare table lacks %q:\n%s", want, out)
		}
	}
	code, out, _ = runCmd("compare", "--index", dir, "--format", "csv", "--year", "2030")
	if code != 0 || !strings.HasPrefix(out, "\ufeffindicator,label,year,\"Việt Nam (QĐ 1373, 387, 677)\",Tỉnh") {
		t.Errorf("compare --format csv: exit %d\n%.200s", code, out)
	}
	code, out, _ = runCmd("compare", "--index", dir, "--format", "md", "--level", "district", "--all")
	if code != 0 || !strings.Contains(out, "| Thị xã Bến Cát (Tỉnh Bình Dương) |") {
		t.Errorf("compare --format md --level district: exit %d\n%s", code, out)
	}
	code, out, _ = runCmd("compare", "--index", dir, "--format", "json", "--as-of", "2025-07-01")
	var tb compare.Table
	if err := json.Unmarshal([]byte(out), &tb); code != 0 || err != nil || tb.AsOf != "2025-07-01" || len(tb.Rows) == 0 {
		t.Errorf("compare --format json --as-of: exit %d, %v, as of %q, %d rows", code, err, tb.AsOf, len(tb.Rows))
	}

	xlsx := filepath.Join(t.TempDir(), "so-sanh.xlsx")
	if code, _, errs = runCmd("compare", "--index", dir, "--format", "xlsx", "-o", xlsx, "--year", "2025"); code != 0 {
		t.Fatalf("compare --format xlsx: exit %d, %s", code, errs)
	}
	f, err := excelize.OpenFile(xlsx)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got := f.GetSheetList(); len(got) != 2 || got[0] != "So sánh" || got[1] != "Nguồn" {
		t.Errorf("sheets %q", got)
	}
	rows, _ := f.GetRows("So sánh")
	if len(rows) < 2 || rows[0][0] != "Mã chỉ tiêu" || rows[0][3] != "Việt Nam (QĐ 1373, 387, 677)" {
		t.Errorf("header row %q", rows[0])
	}
	panes, err := f.GetPanes("So sánh")
	if err != nil || !panes.Freeze || panes.XSplit != 3 || panes.YSplit != 1 {
		t.Errorf("panes %+v, %v: want frozen at D2", panes, err)
	}
	// A number is a number: info_competence 2025 for Bắc Ninh is 70.
	checked := false
	for i, r := range rows {
		if len(r) > 4 && r[0] == "info_competence" {
			checked = true
			cell, _ := excelize.CoordinatesToCellName(5, i+1)
			typ, _ := f.GetCellType("So sánh", cell)
			raw, _ := f.GetCellValue("So sánh", cell, excelize.Options{RawCellValue: true})
			if raw != "70" || typ == excelize.CellTypeSharedString || typ == excelize.CellTypeInlineString {
				t.Errorf("Bắc Ninh info_competence: %q of type %v, want the number 70", raw, typ)
			}
		}
	}
	if !checked {
		t.Error("no info_competence row in the workbook")
	}
	// Read whole by readers that trust the dimension, filtered, with
	// percentages shown as such and whole numbers without a trailing dot.
	for _, sh := range []string{"So sánh", "Nguồn"} {
		rows, _ := f.GetRows(sh)
		dim, err := f.GetSheetDimension(sh)
		last, _ := excelize.CoordinatesToCellName(len(rows[0]), len(rows))
		if err != nil || dim != "A1:"+last {
			t.Errorf("%s: dimension %q (%v), want A1:%s", sh, dim, err, last)
		}
	}
	for n := 1; n <= 2; n++ {
		if !strings.Contains(sheetXML(t, xlsx, n), `<autoFilter ref="$A$1:`) {
			t.Errorf("sheet %d: no autofilter on the header row", n)
		}
	}
	for i, r := range rows {
		if len(r) > 4 && r[0] == "info_competence" {
			if shown, _ := f.GetCellValue("So sánh", "E"+strconv.Itoa(i+1)); shown != "70%" {
				t.Errorf("Bắc Ninh's 70 shows as %q, want 70%%", shown)
			}
		}
	}
	src, _ := f.GetRows("Nguồn")
	var all []string
	for _, r := range src {
		all = append(all, strings.Join(r, "\t"))
	}
	if joined := strings.Join(all, "\n"); !strings.Contains(joined, "info_competence\t2025\tTỉnh Bắc Ninh\t70\t004_6a3900f99d23612a.legal.html\t374/KH-UBND\t2022-07-14\t1\t") ||
		!strings.Contains(joined, "Quyết định 1373/QĐ-TTg") {
		t.Errorf("sources sheet lacks the source of Bắc Ninh's info_competence or of the national column:\n%s", joined)
	}

	code, out, errs = runCmd("audit", "--index", dir)
	if code != 0 {
		t.Fatalf("audit: exit %d, %s", code, errs)
	}
	for _, want := range []string{"self-contradiction", "Tiếp tục duy trì đạt chuẩn xóa mù chữ cấp thị xã", "missing-from-child", "Universities running a digital university", "findings"} {
		if !strings.Contains(out, want) {
			t.Errorf("audit output lacks %q:\n%s", want, out)
		}
	}
	code, out, _ = runCmd("audit", "--index", dir, "--format", "json", "--rule", "copy-down")
	var fs []compare.Finding
	if err := json.Unmarshal([]byte(out), &fs); code != 0 || err != nil || len(fs) == 0 {
		t.Fatalf("audit --format json: exit %d, %v\n%s", code, err, out)
	}
	for _, f := range fs {
		if f.Rule != "copy-down" || len(f.Evidence) == 0 || f.Evidence[0].Page == 0 {
			t.Errorf("finding %+v", f)
		}
	}
	for _, args := range [][]string{
		{"audit", "--index", dir, "--rule", "nope"},
		{"audit", "--index", dir, "--format", "xml"},
		{"audit", "--index", dir, "--as-of", "July"},
		{"compare", "--index", dir, "--level", "village"},
		{"compare", "--index", dir, "--indicator", "nope"},
		{"compare", "--index", dir, "--format", "pdf"},
	} {
		if code, _, errs := runCmd(args...); code != 2 || errs == "" {
			t.Errorf("chitieu %s: exit %d, %q; want 2 with a reason", strings.Join(args, " "), code, errs)
		}
	}
	if _, err := os.Stat(xlsx + ".tmp"); err == nil {
		t.Error("a temporary file was left behind")
	}
}

func TestCompareAll(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "idx")
	if code, _, errs := runCmd("ingest", "--quiet", "--index", dir, "../../testdata/audit"); code != 0 {
		t.Fatalf("ingest: %d %s", code, errs)
	}
	code, out, errs := runCmd("compare", "--index", dir, "--year", "2025", "--indicator", "info_competence", "--all")
	if code != 0 {
		t.Fatalf("compare --all: exit %d, %s", code, errs)
	}
	for _, want := range []string{"Tỉnh Bắc Ninh", "65", "Other documents", "info_competence 2025, Tỉnh Bắc Ninh: 60% in 101/KH-UBND province_bacninh.txt (2022-03-10), p.1"} {
		if !strings.Contains(out, want) {
			t.Errorf("compare --all lacks %q:\n%s", want, out)
		}
	}
	code, out, _ = runCmd("audit", "--index", dir, "--rule", "impossible,below-parent")
	for _, want := range []string{"[error] impossible", "120%", "[warning] below-parent", "below the national 50% of 1373/QĐ-TTg"} {
		if !strings.Contains(out, want) {
			t.Errorf("audit of the fixtures lacks %q:\n%s", want, out)
		}
	}
}

// sheetXML returns the XML of the nth worksheet of an XLSX file.
func sheetXML(t *testing.T, path string, n int) string {
	t.Helper()
	z, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer z.Close()
	for _, f := range z.File {
		if f.Name == fmt.Sprintf("xl/worksheets/sheet%d.xml", n) {
			r, err := f.Open()
			if err != nil {
				t.Fatal(err)
			}
			b, _ := io.ReadAll(r)
			r.Close()
			return string(b)
		}
	}
	t.Fatalf("%s: no sheet %d", path, n)
	return ""
}
