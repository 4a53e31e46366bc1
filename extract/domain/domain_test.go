package domain

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/chitieu/chitieu/extract/rules"
	"github.com/chitieu/chitieu/extract/vntext"
)

func TestBuiltin(t *testing.T) {
	names := BuiltinNames()
	if len(names) == 0 || Builtin(Default) == nil {
		t.Fatalf("built-in domains %v, want %s among them", names, Default)
	}
	for _, n := range names {
		b := Builtin(n)
		if b.Name != n || b.Title == "" || b.English == "" || len(b.Catalog.Indicators) == 0 || len(b.Programmes) == 0 {
			t.Errorf("built-in %s: name %q, title %q, en %q, %d indicators, %d programmes", n, b.Name, b.Title, b.English, len(b.Catalog.Indicators), len(b.Programmes))
		}
		for _, ind := range b.Catalog.Indicators {
			if ind.Domain != n {
				t.Errorf("%s: indicator %s has domain %q", n, ind.ID, ind.Domain)
			}
		}
		for _, r := range b.References {
			found := false
			for _, p := range b.Programmes {
				found = found || p.Number == r.Decision
			}
			if !found {
				t.Errorf("%s: reference %s %d cites %s, not a programme of the domain", n, r.Indicator, r.Year, r.Decision)
			}
		}
	}
	// Every built-in bundle goes with every other: no ID in two catalogs.
	var all []*Bundle
	for _, n := range names {
		all = append(all, Builtin(n))
	}
	if _, err := NewSet(all...); err != nil {
		t.Fatal(err)
	}
	if got := len(Builtin(Default).Catalog.Indicators); got != 30 {
		t.Errorf("the learning society has %d indicators, want the 30 of the spec", got)
	}
}

func TestCited(t *testing.T) {
	s := DefaultSet()
	for _, c := range []struct {
		in   string
		want string
	}{
		{"Thực hiện Quyết định số 1373/QĐ-TTg ngày 30/7/2021", "1373/QĐ-TTg"},
		{"thuc hien quyet dinh 1373/qd-ttg", "1373/QĐ-TTg"},
		{"Đề án “Xây dựng xã hội học tập giai đoạn 2021-2030”", "1373/QĐ-TTg"},
		{"Chương trình “Đẩy mạnh phong trào học tập suốt đời trong gia đình, dòng họ, cộng đồng, đơn vị”", "387/QĐ-TTg"},
		{"Quyết định 387/QĐ-TTg và Quyết định 677/QĐ-TTg", "387/QĐ-TTg 677/QĐ-TTg"},
		{"Kế hoạch xây dựng mô hình công dân học tập trên địa bàn huyện", "677/QĐ-TTg"},
		{"góp phần xây dựng xã hội học tập", ""},
		{"", ""},
	} {
		if got := strings.Join(s.Cited(vntext.Fold(vntext.Normalize(c.in))), " "); got != c.want {
			t.Errorf("Cited(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

// writeBundle writes a bundle directory of the files.
func writeBundle(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for k, v := range files {
		if err := os.WriteFile(filepath.Join(dir, k), []byte(v), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

const extraCatalog = "id: health_insurance\nunit: percent\nlabel: Tỷ lệ dân số tham gia bảo hiểm y tế\nen: Health insurance coverage\nterms: bảo hiểm y tế | BHYT\n"

func TestLoad(t *testing.T) {
	dir := writeBundle(t, map[string]string{
		InfoFile:       "name: yte\ntitle: Y tế\nen: Health\n",
		CatalogFile:    extraCatalog,
		ReferencesFile: "indicator,year,value,unit,basis,decision\nhealth_insurance,2025,95,percent,people,1/QĐ-TTg\n",
	})
	b, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	if b.Name != "yte" || b.Catalog.Indicator("health_insurance").Domain != "yte" || len(b.References) != 1 || len(b.Programmes) != 0 {
		t.Fatalf("loaded %+v", b)
	}
	s, err := NewSet(Builtin(Default), b)
	if err != nil {
		t.Fatal(err)
	}
	if s.Catalog.Indicator("health_insurance") == nil || s.Catalog.Indicator("literacy_rate") == nil || len(s.References()) != len(Builtin(Default).References)+1 {
		t.Error("the set lacks an indicator or a reference of its bundles")
	}
	// Stored and read back, the set is the same.
	js, err := s.MarshalJSON()
	if err != nil {
		t.Fatal(err)
	}
	back, err := Decode(js)
	if err != nil {
		t.Fatal(err)
	}
	if back.Hash() != s.Hash() || back.RulesHash() != s.RulesHash() || strings.Join(back.Names(), ",") != "hoctap,yte" || !back.Bundle("hoctap").Builtin {
		t.Errorf("decoded set %v (%s), want %v (%s)", back.Names(), back.Hash(), s.Names(), s.Hash())
	}
	// References do not change what extraction reads.
	b2, err := Parse(map[string]string{InfoFile: "name: yte", CatalogFile: extraCatalog})
	if err != nil {
		t.Fatal(err)
	}
	s2, _ := NewSet(Builtin(Default), b2)
	if s2.Hash() == s.Hash() || s2.RulesHash() != s.RulesHash() {
		t.Error("a change of references alone should change Hash, not RulesHash")
	}
}

func TestErrors(t *testing.T) {
	for _, c := range []struct {
		name  string
		files map[string]string
		want  string
	}{
		{"no catalog", map[string]string{InfoFile: "name: x"}, "catalog.txt"},
		{"bad name", map[string]string{InfoFile: "name: Y Tế", CatalogFile: extraCatalog}, "name"},
		{"bad key", map[string]string{InfoFile: "name: x\ncolour: red", CatalogFile: extraCatalog}, "line 2"},
		{"bad catalog", map[string]string{InfoFile: "name: x", CatalogFile: "id: a\nterms: b\n"}, "no unit"},
		{"reference of no indicator", map[string]string{InfoFile: "name: x", CatalogFile: extraCatalog, ReferencesFile: "zz,2025,1,percent,people,1/QĐ-TTg\n"}, `"zz" is not in its catalog`},
		{"reference of another unit", map[string]string{InfoFile: "name: x", CatalogFile: extraCatalog, ReferencesFile: "health_insurance,2025,1,level,people,1/QĐ-TTg\n"}, "is a percent"},
		{"bad year", map[string]string{InfoFile: "name: x", CatalogFile: extraCatalog, ReferencesFile: "health_insurance,năm,1,percent,people,1/QĐ-TTg\n"}, "bad year"},
		{"not UTF-8", map[string]string{InfoFile: "name: x", CatalogFile: extraCatalog, ReferencesFile: "# \x9c\n"}, "references.csv is not UTF-8"},
		{"short programme row", map[string]string{InfoFile: "name: x", CatalogFile: extraCatalog, ProgrammesFile: "1/QĐ-TTg,Tên\n"}, "programmes.csv"},
	} {
		_, err := Parse(c.files)
		if err == nil || !errors.Is(err, ErrDomain) || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: error %v, want ErrDomain naming %q", c.name, err, c.want)
		}
	}
	if _, err := NewSet(Builtin(Default), Builtin(Default)); err == nil {
		t.Error("a domain given twice should be an error")
	}
	clash, _ := Parse(map[string]string{InfoFile: "name: x", CatalogFile: "id: literacy_rate\nunit: percent\nterms: biết chữ\n"})
	if _, err := NewSet(Builtin(Default), clash); err == nil || !strings.Contains(err.Error(), "literacy_rate") {
		t.Errorf("an ID in two catalogs: %v", err)
	}
	if _, err := Open(filepath.Join(t.TempDir(), "none")); err == nil || !strings.Contains(err.Error(), "neither a built-in domain") {
		t.Errorf("Open of nothing: %v", err)
	}
	if _, err := Load(writeBundle(t, map[string]string{InfoFile: "name: x"})); err == nil || !strings.Contains(err.Error(), "catalog.txt") {
		t.Errorf("Load of a bundle with no catalog: %v", err)
	}
}

func FuzzParse(f *testing.F) {
	f.Add("name: x", extraCatalog, "number,title,aliases,parent\n1/QĐ-TTg,T,a|b,\n", "health_insurance,2025,95,percent,people,1/QĐ-TTg\n")
	f.Fuzz(func(t *testing.T, info, cat, progs, refs string) {
		b, err := Parse(map[string]string{InfoFile: info, CatalogFile: cat, ProgrammesFile: progs, ReferencesFile: refs})
		if err != nil {
			return
		}
		s, err := NewSet(b)
		if err != nil {
			return
		}
		js, err := s.MarshalJSON()
		if err != nil {
			t.Fatal(err)
		}
		back, err := Decode(js)
		if err != nil || back.Hash() != s.Hash() {
			t.Fatalf("a parsed bundle does not come back from its store: %v", err)
		}
		s.Cited(vntext.Fold(cat))
	})
}

// TestReferences holds the national references of the built-in domains
// against the decisions they come from, as checked (see the sources in
// each references.csv): a change to a figure must change this table too.
func TestReferences(t *testing.T) {
	want := map[string][]string{
		"chuyendoiso": {
			"online_public_services 2025 80 749/QĐ-TTg",
			"digital_economy_gdp 2025 20 749/QĐ-TTg",
			"digital_economy_gdp 2030 30 411/QĐ-TTg",
			"digital_economy_sector 2025 10 749/QĐ-TTg",
			"ecommerce_retail 2025 10 411/QĐ-TTg",
			"ecommerce_retail 2030 20 411/QĐ-TTg",
			"smartphone_adults 2025 80 411/QĐ-TTg",
			"payment_account 2025 80 411/QĐ-TTg",
			"basic_digital_skills 2025 70 411/QĐ-TTg",
			"fibre_households 2025 80 411/QĐ-TTg",
			"health_records 2025 90 411/QĐ-TTg",
		},
		"nongthonmoi": {
			"ntm_commune_share 2025 80 263/QĐ-TTg",
			"ntm_advanced_share 2025 40 263/QĐ-TTg",
			"ntm_model_share 2025 10 263/QĐ-TTg",
			"ntm_district_share 2025 50 263/QĐ-TTg",
			"ntm_village_share 2025 60 263/QĐ-TTg",
		},
	}
	for name, rows := range want {
		var got []string
		for _, r := range Builtin(name).References {
			got = append(got, fmt.Sprintf("%s %d %s %s", r.Indicator, r.Year, strconv.FormatFloat(r.Value, 'f', -1, 64), r.Decision))
		}
		if strings.Join(got, "\n") != strings.Join(rows, "\n") {
			t.Errorf("%s references:\n%s\nwant\n%s", name, strings.Join(got, "\n"), strings.Join(rows, "\n"))
		}
	}
	for _, n := range BuiltinNames() {
		for _, r := range Builtin(n).References {
			if r.Decision == "" || r.Year < 2020 || r.Value <= 0 || r.Unit == rules.Percent && r.Value > 100 {
				t.Errorf("%s: reference %+v", n, r)
			}
		}
	}
	if n := len(Builtin(Default).References); n < 30 {
		t.Errorf("the learning society has %d references", n)
	}
}
