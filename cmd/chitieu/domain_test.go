package main

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chitieu/chitieu/index"
	"github.com/chitieu/chitieu/web"
)

// writeFiles writes files (name → content) under dir.
func writeFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for k, v := range files {
		if err := os.WriteFile(filepath.Join(dir, k), []byte(v), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

const extraBundleCatalog = `id: zz_info
unit: percent
label: Tỷ lệ người dân có thư viện số cá nhân
en: People with a personal digital library
terms: thư viện số cá nhân
`

// TestExtraDomain ingests with a domain bundle of one indicator and finds
// it through every reader: indicators, search, targets, compare, audit and
// the web; an ingest without --domain keeps the bundle, one with a changed
// catalog extracts the files again.
func TestExtraDomain(t *testing.T) {
	tmp := t.TempDir()
	bundle := filepath.Join(tmp, "thuvien")
	writeFiles(t, bundle, map[string]string{
		"domain.txt":     "name: thuvien\ntitle: Thư viện số\nen: Digital libraries\n",
		"catalog.txt":    extraBundleCatalog,
		"programmes.csv": "number,title,aliases,parent\n9/QĐ-TTg,Phát triển thư viện số,phát triển thư viện số,\n",
		"references.csv": "indicator,year,value,unit,basis,decision\nzz_info,2025,50,percent,people,9/QĐ-TTg\n",
	})
	docs := filepath.Join(tmp, "docs")
	writeFiles(t, docs, map[string]string{
		"tinh.txt":  "ỦY BAN NHÂN DÂN\nTỈNH NGHỆ AN\nSố: 11/KH-UBND\nNghệ An, ngày 3 tháng 3 năm 2023\nKẾ HOẠCH\nPhát triển thư viện số năm 2025\nThực hiện Quyết định số 9/QĐ-TTg.\nI. MỤC TIÊU\nTỷ lệ người dân có thư viện số cá nhân đạt 40%.\n",
		"huyen.txt": "ỦY BAN NHÂN DÂN\nHUYỆN KỲ SƠN\nSố: 12/KH-UBND\nKỳ Sơn, ngày 4 tháng 4 năm 2023\nKẾ HOẠCH\nPhát triển thư viện số năm 2025\nI. MỤC TIÊU\nTỷ lệ người dân có thư viện số cá nhân đạt 20%.\n",
	})
	dir := filepath.Join(tmp, "idx")
	if code, _, errs := runCmd("ingest", "--index", dir, "--domain", bundle, docs); code != 0 {
		t.Fatalf("ingest: exit %d, %s", code, errs)
	}

	code, out, errs := runCmd("indicators", "--index", dir)
	if code != 0 || !strings.Contains(out, "thuvien: Thư viện số") || !strings.Contains(out, "zz_info") || !strings.Contains(out, "2025: 50% (9/QĐ-TTg)") || !strings.Contains(out, "hoctap:") {
		t.Errorf("indicators: exit %d, %s\n%s", code, errs, out)
	}
	code, out, _ = runCmd("indicators", "--index", dir, "--domain", "thuvien", "--format", "json")
	var ds []domainJSON
	if err := json.Unmarshal([]byte(out), &ds); code != 0 || err != nil || len(ds) != 1 || len(ds[0].Indicators) != 1 || ds[0].Programmes[0].Number != "9/QĐ-TTg" {
		t.Errorf("indicators --domain thuvien --format json: exit %d, %v, %s", code, err, out)
	}

	code, out, errs = runCmd("search", "--index", dir, "--facets", "indicator:zz_info")
	if code != 0 || !strings.Contains(out, "2 passages") || !strings.Contains(out, "indicator: zz_info (2)") {
		t.Errorf("search indicator:zz_info: exit %d, %s\n%s", code, errs, out)
	}
	code, out, _ = runCmd("targets", "--index", dir, "--indicator", "zz_info", "--format", "csv")
	if code != 0 || strings.Count(out, "zz_info") != 2 {
		t.Errorf("targets --indicator zz_info: exit %d\n%s", code, out)
	}
	code, out, errs = runCmd("compare", "--index", dir, "--indicator", "zz_info", "--level", "district")
	if code != 0 || !strings.Contains(out, "Việt Nam (QĐ 9)") || !strings.Contains(out, "zz_info") || !strings.Contains(out, "20") {
		t.Errorf("compare --indicator zz_info: exit %d, %s\n%s", code, errs, out)
	}
	code, out, _ = runCmd("compare", "--index", dir, "--domain", "thuvien")
	if code != 0 || !strings.Contains(out, "Tỉnh Nghệ An") || !strings.Contains(out, "40") || strings.Contains(out, "info_competence") {
		t.Errorf("compare --domain thuvien: exit %d\n%s", code, out)
	}
	code, out, _ = runCmd("audit", "--index", dir, "--format", "json")
	if code != 0 && code != 1 || !strings.Contains(out, `"indicator": "zz_info"`) || !strings.Contains(out, "below") {
		t.Errorf("audit: exit %d\n%s", code, out)
	}

	// The web reads the index's domains too.
	st, err := index.OpenStore(dir, index.Options{})
	if err != nil {
		t.Fatal(err)
	}
	srv, err := web.New(st, web.Options{})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv.Handler())
	for _, path := range []string{"/compare?indicator=zz_info&domain=thuvien", "/?q=indicator%3Azz_info"} {
		resp, err := http.Get(ts.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 200 || !strings.Contains(string(b), "thư viện số cá nhân") {
			t.Errorf("GET %s: %d\n%.500s", path, resp.StatusCode, b)
		}
	}
	ts.Close()
	st.Close()

	// An ingest without --domain keeps the bundle; a changed catalog
	// extracts the files again.
	if code, _, errs := runCmd("ingest", "--index", dir, docs); code != 0 || !strings.Contains(errs, "skipped 2") {
		t.Errorf("ingest again: exit %d, %s", code, errs)
	}
	if code, out, _ := runCmd("indicators", "--index", dir, "--domain", "thuvien"); code != 0 {
		t.Errorf("the second ingest forgot the bundle: exit %d, %s", code, out)
	}
	writeFiles(t, bundle, map[string]string{"catalog.txt": extraBundleCatalog + "\nid: zz_other\nunit: percent\nlabel: Khác\nterms: khác hẳn\n"})
	if code, _, errs := runCmd("ingest", "--index", dir, "--domain", bundle, docs); code != 0 || !strings.Contains(errs, "updated 2") {
		t.Errorf("ingest with a changed catalog: exit %d, %s", code, errs)
	}
	if code, _, errs := runCmd("ingest", "--index", dir, "--domain", filepath.Join(tmp, "none"), docs); code != 2 || !strings.Contains(errs, "neither a built-in domain") {
		t.Errorf("ingest with a missing bundle: exit %d, %s", code, errs)
	}
}

// TestBuiltinDomains ingests plans of the two built-in domains besides the
// learning society and compares them with their national references, on
// the command line and on the web compare page; targets no catalog entry
// fits line up by label.
func TestBuiltinDomains(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "idx")
	open := "../../extract/targets/testdata/open"
	if code, _, errs := runCmd("ingest", "--index", dir, "--domain", "chuyendoiso,nongthonmoi", open); code != 0 {
		t.Fatalf("ingest: exit %d, %s", code, errs)
	}
	for _, tc := range []struct{ domain, want string }{
		{"chuyendoiso", "Việt Nam (QĐ 749, 411)"},
		{"nongthonmoi", "Việt Nam (QĐ 263)"},
	} {
		code, out, errs := runCmd("compare", "--index", dir, "--domain", tc.domain, "--year", "2025")
		if code != 0 || !strings.Contains(out, tc.want) || strings.Contains(out, "info_competence") {
			t.Errorf("compare --domain %s: exit %d, %s\n%s", tc.domain, code, errs, out)
		}
	}
	code, out, _ := runCmd("compare", "--index", dir, "--domain", "chuyendoiso", "--year", "2025", "--format", "csv")
	if code != 0 || !strings.Contains(out, "online_public_services") || !strings.Contains(out, ",80,") {
		t.Errorf("compare --domain chuyendoiso: the national 80%% of 749/QĐ-TTg is missing:\n%s", out)
	}
	if code, _, errs := runCmd("compare", "--index", dir, "--domain", "y-te"); code != 2 || !strings.Contains(errs, "hoctap, chuyendoiso, nongthonmoi") {
		t.Errorf("compare --domain of another index: exit %d, %s", code, errs)
	}
	code, out, _ = runCmd("compare", "--index", dir, "--indicator", "label:tỷ lệ bao phủ bảo hiểm y tế", "--year", "2024")
	if code != 0 || !strings.Contains(out, "tỷ lệ bao phủ bảo hiểm y tế (percent)") || !strings.Contains(out, "93.5") || !strings.Contains(out, "98.5") {
		t.Errorf("compare by label: exit %d\n%s", code, out)
	}
	code, out, _ = runCmd("search", "--index", dir, "--facets", `label:"ty le bao phu bao hiem y te"`)
	if code != 0 || !strings.Contains(out, "2 passages") || !strings.Contains(out, "label: tỷ lệ bao phủ bảo hiểm y tế (2)") {
		t.Errorf("search label: exit %d\n%s", code, out)
	}

	st, err := index.OpenStore(dir, index.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	srv, err := web.New(st, web.Options{})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv.Handler())
	defer ts.Close()
	resp, err := http.Get(ts.URL + "/compare?domain=nongthonmoi&year=2025")
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	for _, want := range []string{"Việt Nam (QĐ 263)", "ntm_advanced_share", `<option value="nongthonmoi" selected>`} {
		if resp.StatusCode != 200 || !strings.Contains(string(b), want) {
			t.Errorf("web compare of nongthonmoi: %d, lacks %q", resp.StatusCode, want)
		}
	}
	if strings.Contains(string(b), "online_public_services") {
		t.Error("web compare of nongthonmoi shows another domain's rows")
	}
	for _, path := range []string{"/compare?labels=1&year=2024", "/compare?indicator=" + url.QueryEscape("label:tỷ lệ bao phủ bảo hiểm y tế")} {
		resp, err = http.Get(ts.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		b, _ = io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 200 || !strings.Contains(string(b), "tỷ lệ bao phủ bảo hiểm y tế") || !strings.Contains(string(b), "93.5") {
			t.Errorf("GET %s: %d, no row of the label", path, resp.StatusCode)
		}
	}
}
