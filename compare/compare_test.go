package compare

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chitieu/chitieu/corpus"
	"github.com/chitieu/chitieu/extract"
	"github.com/chitieu/chitieu/extract/gazetteer"
	"github.com/chitieu/chitieu/extract/targets"
	"github.com/chitieu/chitieu/internal/pipeline"
)

// extractDocs runs the pipeline over documents and returns their records
// and programmes.
func extractDocs(t *testing.T, docs []*corpus.Document) ([]targets.Record, map[string][]string) {
	t.Helper()
	out, err := pipeline.Extract(context.Background(), docs, nil)
	if err != nil {
		t.Fatal(err)
	}
	return out.Records, out.Programmes
}

func sampleSet(t *testing.T, asOf time.Time) *Set {
	docs, err := corpus.Sample()
	if err != nil {
		t.Fatal(err)
	}
	recs, progs := extractDocs(t, docs)
	return New(recs, Options{Programmes: progs, AsOf: asOf})
}

// fixtureSet reads testdata/audit: plans written for each rule.
func fixtureSet(t *testing.T, names ...string) *Set {
	recs, progs := fixtureRecords(t, names...)
	return New(recs, Options{Programmes: progs})
}

// fixtureRecords returns the records and programmes of testdata/audit's
// plans.
func fixtureRecords(t *testing.T, names ...string) ([]targets.Record, map[string][]string) {
	var docs []*corpus.Document
	for _, n := range names {
		d, err := corpus.Load(filepath.Join("../testdata/audit", n))
		if err != nil {
			t.Fatal(err)
		}
		docs = append(docs, d)
	}
	return extractDocs(t, docs)
}

// summary writes findings one per line: rule, locality, indicator, year,
// and the evidence as document:page:start-end.
func summary(fs []Finding) []string {
	var out []string
	for _, f := range fs {
		out = append(out, fmt.Sprintf("%s %s %s %d", f.Rule, f.Locality, f.Indicator, f.Year))
	}
	return out
}

func has(fs []Finding, line string) bool { return slices.Contains(summary(fs), line) }

// checkEvidence checks that every finding points at sentences: each
// record's text is its document's text at its offsets.
func checkEvidence(t *testing.T, fs []Finding) {
	t.Helper()
	texts := map[string]string{}
	for _, f := range fs {
		if f.Message == "" || f.MessageVI == "" || f.Message == f.MessageVI {
			t.Errorf("%s: messages %q / %q", f.Rule, f.Message, f.MessageVI)
		}
		if len(f.Evidence) == 0 {
			t.Errorf("%s %s: no evidence", f.Rule, f.Locality)
		}
		// Words, not IDs: the indicator is named, its ID is a field.
		if f.Indicator != "" && strings.Contains(f.Message+" "+f.MessageVI, f.Indicator) {
			t.Errorf("%s: an indicator ID in %q / %q", f.Rule, f.Message, f.MessageVI)
		}
		for _, r := range f.Evidence {
			if r.Page < 1 || r.Start >= r.End || r.Text == "" || r.Path == "" {
				t.Errorf("%s: evidence %+v does not point at a sentence", f.Rule, r)
				continue
			}
			text, ok := texts[r.Path]
			if !ok {
				var doc *corpus.Document
				var err error
				if name, ok := strings.CutPrefix(r.Path, "sample:"); ok {
					docs, _ := corpus.Sample()
					for _, d := range docs {
						if d.Name == name {
							doc = d
						}
					}
				} else {
					doc, err = corpus.Load(r.Path)
				}
				if doc == nil || err != nil {
					t.Fatalf("load %s: %v", r.Path, err)
				}
				td, _ := extract.Text(context.Background(), doc, extract.Options{})
				text = td.Text
				texts[r.Path] = text
			}
			if r.End > len(text) || text[r.Start:r.End] != r.Text {
				t.Errorf("%s: evidence at %d-%d of %s is not %q", f.Rule, r.Start, r.End, r.Path, r.Text)
			}
		}
	}
}

func TestAuditSample(t *testing.T) {
	s := sampleSet(t, time.Time{})
	fs := s.Audit()
	checkEvidence(t, fs)
	for _, want := range []string{
		// Bến Cát against Bình Dương: the province's digital-university
		// target is not in the town's plan; every figure they share is
		// the same.
		"missing-from-child Thị xã Bến Cát digital_university 2025",
		"missing-from-child Thị xã Bến Cát digital_university 2030",
		"copy-down Thị xã Bến Cát  0",
		// Seed 002: "Phấn đấu đạt chuẩn ... cấp huyện" and "Tiếp tục duy
		// trì ... cấp thị xã" for 2025.
		"self-contradiction Thị xã Bến Cát literacy_level 2025",
		"unknown-locality 001_f71544043631323e.txt  0",
	} {
		if !has(fs, want) {
			t.Errorf("no finding %q in\n%s", want, strings.Join(summary(fs), "\n"))
		}
	}
	for _, f := range fs {
		// Bắc Ninh 2025 is above the national reference for information
		// competence (70 ≥ 50): no finding; nothing in the sample is below
		// its parent.
		if f.Rule == RuleBelowParent || f.Rule == RuleRegression || f.Rule == RuleImpossible {
			t.Errorf("unexpected finding: %s", f.Message)
		}
	}
}

func TestAuditAsOfMerger(t *testing.T) {
	s := sampleSet(t, MergerDate)
	bc := s.locs["721"]
	if bc == nil {
		t.Fatal("no Bến Cát in the sample")
	}
	if p := s.Parent(bc); p == nil || p.Name != "Thành phố Hồ Chí Minh" {
		t.Errorf("Bến Cát's parent on %s: %+v, want Thành phố Hồ Chí Minh", MergerDate.Format("2006-01-02"), p)
	}
	if p := s.Parent(s.locs["74"]); p == nil || p.Code != "79" {
		t.Errorf("Bình Dương's parent after the merger: %+v, want HCMC (79)", p)
	}
	before := sampleSet(t, time.Date(2025, 6, 30, 0, 0, 0, 0, time.UTC))
	if p := before.Parent(before.locs["721"]); p == nil || p.Code != "74" {
		t.Errorf("Bến Cát's parent before the merger: %+v, want Bình Dương (74)", p)
	}
	// After the merger HCMC's 387 plan is Bến Cát's parent: its learning
	// family target is missing from Bến Cát's plan, which cites 387.
	if fs := s.Audit(); !has(fs, "missing-from-child Thị xã Bến Cát learning_family 2030") {
		t.Errorf("as of the merger, no learning_family finding for Bến Cát:\n%s", strings.Join(summary(fs), "\n"))
	}
	tb := s.Table(TableOptions{Year: 2030})
	var groups []string
	for _, c := range tb.Columns[1:] {
		groups = append(groups, c.Name+" < "+c.Group)
	}
	if !slices.Contains(groups, "Tỉnh Bình Dương < Thành phố Hồ Chí Minh") || tb.AsOf != "2025-07-01" {
		t.Errorf("columns as of the merger: %q (as of %q)", groups, tb.AsOf)
	}
}

func TestAuditFixtures(t *testing.T) {
	for _, c := range []struct {
		name  string
		files []string
		want  []string // findings that must be there
		not   []string // rules that must not fire (rule, or rule and locality)
	}{
		{"below parent, regression, missing", []string{"province_bacninh.txt", "district_tiendu_below.txt"},
			[]string{
				"below-parent Huyện Tiên Du info_competence 2025",
				"below-parent Huyện Tiên Du info_competence 2030",
				"regression Huyện Tiên Du info_competence 2030",
				"missing-from-child Huyện Tiên Du clc_ict 2025",
			},
			[]string{"below-parent Huyện Tiên Du life_skills", "below-parent Tỉnh Bắc Ninh", "regression Tỉnh Bắc Ninh", "copy-down", "impossible", "self-contradiction"}},
		{"copy down", []string{"province_bacninh.txt", "district_tuson_copy.txt"},
			[]string{"copy-down Thị xã Từ Sơn  0"},
			[]string{"below-parent", "missing-from-child", "regression", "copy-down Tỉnh Bắc Ninh"}},
		{"self contradiction", []string{"province_bacninh.txt", "district_quevo_contradiction.txt"},
			[]string{
				"self-contradiction Huyện Quế Võ literacy_level 2025",
				"self-contradiction Huyện Quế Võ life_skills 2025",
			},
			[]string{"self-contradiction Huyện Quế Võ info_competence", "self-contradiction Tỉnh Bắc Ninh", "below-parent Huyện Quế Võ"}},
		{"impossible", []string{"district_yenphong_impossible.txt"},
			[]string{
				"impossible Huyện Yên Phong info_competence 2025",
				"impossible Huyện Yên Phong university_degree 2025",
				"impossible Huyện Yên Phong life_skills 2021",
			},
			[]string{"impossible Huyện Yên Phong clc_ict", "impossible Huyện Yên Phong technical_training"}},
		{"province below the national reference", []string{"province_langson_below_national.txt"},
			[]string{"below-parent Tỉnh Lạng Sơn info_competence 2025"},
			// 50% life skills meets the reference; 1373's 20% counts
			// provinces, not a province's communes.
			[]string{"below-parent Tỉnh Lạng Sơn life_skills", "below-parent Tỉnh Lạng Sơn lower_secondary_level3_share", "copy-down"}},
		{"unknown locality", []string{"nolocality.txt", "province_bacninh.txt"},
			[]string{"unknown-locality nolocality.txt  0"},
			[]string{"unknown-locality province_bacninh.txt"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			fs := fixtureSet(t, c.files...).Audit()
			checkEvidence(t, fs)
			for _, f := range fs {
				if f.Rule == RuleBelowParent && len(f.Evidence) == 1 && (f.Reference == nil || f.Reference.Decision != "1373/QĐ-TTg") {
					t.Errorf("%s: a finding against the nation without its reference: %+v", f.Message, f.Reference)
				}
			}
			got := summary(fs)
			for _, w := range c.want {
				if !slices.Contains(got, w) {
					t.Errorf("no finding %q in\n%s", w, strings.Join(got, "\n"))
				}
			}
			for _, n := range c.not {
				for _, g := range got {
					if strings.HasPrefix(g, n) {
						t.Errorf("unexpected finding %q", g)
					}
				}
			}
		})
	}
}

func TestTable(t *testing.T) {
	s := sampleSet(t, time.Time{})
	tb := s.Table(TableOptions{Year: 2025, Indicators: []string{"info_competence", "literacy_level", "learning_citizen"}})
	var cols []string
	for _, c := range tb.Columns {
		cols = append(cols, c.Name)
	}
	if want := []string{"Việt Nam (QĐ 1373, 387, 677)", "Tỉnh Bắc Ninh", "Tỉnh Bình Dương", "Thành phố Hồ Chí Minh"}; !slices.Equal(cols, want) {
		t.Errorf("columns %q, want %q", cols, want)
	}
	var rows []string
	for _, r := range tb.Rows {
		var cells []string
		for _, c := range r.Cells {
			cells = append(cells, c.Text)
		}
		rows = append(rows, fmt.Sprintf("%s %d: %s", r.Indicator, r.Year, strings.Join(cells, "|")))
	}
	want := []string{
		"literacy_level 2025: |mức 2|mức 2|",
		"info_competence 2025: 50|70|50|",
		"learning_citizen 2025: 40|||",
	}
	if !slices.Equal(rows, want) {
		t.Errorf("rows\n%s\nwant\n%s", strings.Join(rows, "\n"), strings.Join(want, "\n"))
	}
	dist := s.Table(TableOptions{Level: 2 + 1}) // districts
	if len(dist.Columns) != 2 || dist.Columns[1].Name != "Thị xã Bến Cát" {
		t.Errorf("district columns: %+v", dist.Columns)
	}
}

func TestLatestDocumentWins(t *testing.T) {
	s := fixtureSet(t, "province_bacninh.txt", "province_bacninh_2024.txt", "district_tiendu_below.txt")
	tb := s.Table(TableOptions{Year: 2025, Indicators: []string{"info_competence"}})
	if len(tb.Rows) != 1 || len(tb.Columns) != 2 {
		t.Fatalf("table %+v", tb)
	}
	c := tb.Rows[0].Cells[1]
	if c.Text != "65" || c.Record.DocNumber != "210/KH-UBND" || len(c.Others) != 1 || c.Others[0].Value != 60 || c.Others[0].DocNumber != "101/KH-UBND" {
		t.Errorf("Bắc Ninh's cell: %q from %s, others %+v; want 65 from the 2024 plan, 60 of 2022 beside it", c.Text, c.Record.DocNumber, c.Others)
	}
	// The audit holds Tiên Du against the latest provincial plan: 55 is
	// below 65.
	fs := s.Audit()
	for _, f := range fs {
		if f.Rule == RuleBelowParent && f.Indicator == "info_competence" && f.Year == 2025 {
			if f.Evidence[1].DocNumber != "210/KH-UBND" {
				t.Errorf("below-parent compared with %s, want the latest plan", f.Evidence[1].DocNumber)
			}
			return
		}
	}
	t.Errorf("no below-parent finding for Tiên Du's 2025 information competence:\n%s", strings.Join(summary(fs), "\n"))
}

// TestAcrossReform puts plans of the same places from both sides of 1 July
// 2025 side by side: huyện Cần Giuộc (2022), thị trấn Cần Giuộc (2023) and
// the xã Cần Giuộc of Tây Ninh formed from it and two other communes
// (2025); xã Ngọc Long of Hà Giang (2023) and the xã Ngọc Long of Tuyên
// Quang formed from it alone (2025).
func TestAcrossReform(t *testing.T) {
	recs, progs := fixtureRecords(t, "reform_huyen_cangiuoc_2022.txt", "reform_tt_cangiuoc_2023.txt", "reform_xa_cangiuoc_2025.txt",
		"reform_xa_ngoclong_2023.txt", "reform_xa_ngoclong_2025.txt")
	cols := func(s *Set) []string {
		var out []string
		for _, c := range s.Table(TableOptions{Level: gazetteer.Commune}).Columns[1:] {
			out = append(out, fmt.Sprintf("%s|%s|%v|%s|%d", c.Name, c.Group, c.Of2025, c.Note, len(c.Former)))
		}
		return out
	}
	// As written: four commune columns; the 2025 commune of three says so.
	written := New(recs, Options{Programmes: progs})
	want := []string{
		"Xã Ngọc Long|Tỉnh Hà Giang|false||0",
		"Xã Ngọc Long|Tỉnh Tuyên Quang|true||0",
		"Xã Cần Giuộc|Tỉnh Tây Ninh|true|formed on 1 July 2025 from Thị trấn Cần Giuộc, Xã Long Hậu, Xã Phước Lại: no earlier plan covers the same area|0",
		"Thị trấn Cần Giuộc|Tỉnh Long An|false||0",
	}
	if got := cols(written); !slices.Equal(got, want) {
		t.Errorf("columns as written:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if fs := written.Audit(); has(fs, "across-reform Xã Ngọc Long life_skills 2030") {
		t.Errorf("across-reform without a 2025 grouping: %v", summary(fs))
	}
	// As of 1 July 2025: Ngọc Long's two plans share a column (the same
	// area); the thị trấn is part of a larger commune now.
	merged := New(recs, Options{Programmes: progs, AsOf: MergerDate})
	want = []string{
		"Xã Ngọc Long|Tỉnh Tuyên Quang|true||1",
		"Thị trấn Cần Giuộc|Tỉnh Tây Ninh|false|part of Xã Cần Giuộc since 1 July 2025, which is larger: not comparable|0",
		"Xã Cần Giuộc|Tỉnh Tây Ninh|true|formed on 1 July 2025 from Thị trấn Cần Giuộc, Xã Long Hậu, Xã Phước Lại: no earlier plan covers the same area|0",
	}
	if got := cols(merged); !slices.Equal(got, want) {
		t.Errorf("columns as of 2025-07-01:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	dist := merged.Table(TableOptions{Level: gazetteer.District})
	if len(dist.Columns) != 2 || !strings.HasPrefix(dist.Columns[1].Note, "a district until 30 June 2025; its territory is now 5 communes: Xã Cần Giuộc") {
		t.Errorf("district column: %+v", dist.Columns)
	}
	var b strings.Builder
	dist.WriteText(&b)
	if !strings.Contains(b.String(), "Huyện Cần Giuộc (Tỉnh Tây Ninh) [1]") || !strings.Contains(b.String(), "\n[1] Huyện Cần Giuộc: cấp huyện đến 30/06/2025") {
		t.Errorf("text table without its note:\n%s", b.String())
	}
	fs := merged.Audit()
	checkEvidence(t, fs)
	var reform []string
	for _, f := range fs {
		if f.Rule == RuleAcrossReform {
			reform = append(reform, f.Severity.String()+" "+f.Message)
		}
	}
	want = []string{
		"info Xã Cần Giuộc sets 75% for 2030, below the 90% of Huyện Cần Giuộc's plan 118/KH-UBND; not comparable: a district until 30 June 2025; its territory is now 5 communes: Xã Cần Giuộc, Xã Phước Lý, Xã Mỹ Lộc, Xã Phước Vĩnh Tây, Xã Tân Tập",
		"warning Xã Ngọc Long sets 60% for 2030, below the 70% of Xã Ngọc Long's plan 12/KH-UBND (the same area before 1 July 2025)",
	}
	if !slices.Equal(reform, want) {
		t.Errorf("across-reform findings:\n%s\nwant\n%s", strings.Join(reform, "\n"), strings.Join(want, "\n"))
	}
}

// TestFindingsCitePlans checks that a finding names every plan it
// concerns, the child plan that leaves an indicator out included, by
// number and file, in every format.
func TestFindingsCitePlans(t *testing.T) {
	s := fixtureSet(t, "province_bacninh.txt", "district_tiendu_below.txt")
	var f *Finding
	fs := s.Audit()
	for i := range fs {
		if fs[i].Rule == RuleMissingFromChild && fs[i].Locality == "Huyện Tiên Du" && fs[i].Indicator == "clc_ict" {
			f = &fs[i]
		}
	}
	if f == nil {
		t.Fatalf("no missing-from-child finding for Tiên Du: %v", summary(fs))
	}
	if len(f.Plans) != 2 || f.Plans[0].Locality != "Tỉnh Bắc Ninh" || f.Plans[1].Locality != "Huyện Tiên Du" || f.Plans[1].Doc != "district_tiendu_below.txt" {
		t.Fatalf("plans %+v, want the province's and the district's", f.Plans)
	}
	child := f.Plans[1].Cite()
	if !strings.HasSuffix(child, ", district_tiendu_below.txt") || !strings.Contains(f.Message, child) || !strings.Contains(f.MessageVI, child) {
		t.Errorf("the child plan %q is not named in %q / %q", child, f.Message, f.MessageVI)
	}
	var text, md, csv strings.Builder
	WriteFindingsText(&text, []Finding{*f})
	WriteFindingsMarkdown(&md, []Finding{*f})
	WriteFindingsCSV(&csv, []Finding{*f})
	for name, out := range map[string]string{"text": text.String(), "md": md.String()} {
		if !strings.Contains(out, f.Plans[0].Cite()+", p.") && !strings.Contains(out, f.Plans[0].Cite()+" p.") {
			t.Errorf("%s: the parent's sentence is not cited by number and file:\n%s", name, out)
		}
		if !strings.Contains(out, child+" (Huyện Tiên Du): no such target") {
			t.Errorf("%s: the child plan is not cited:\n%s", name, out)
		}
	}
	lines := strings.Split(strings.TrimSpace(csv.String()), "\n")
	if len(lines) != 2 || !strings.HasPrefix(lines[0], "\ufeffrule,severity,locality") || !strings.Contains(lines[1], "district_tiendu_below.txt") {
		t.Errorf("csv:\n%s", csv.String())
	}
}

// Every rule has what the CLI's help and the web show, in both
// languages, and a check; IDs are unique.
func TestRulesTable(t *testing.T) {
	seen := map[string]bool{}
	for _, r := range Rules {
		if r.ID == "" || r.Title == "" || r.TitleVI == "" || r.Help == "" || r.check == nil {
			t.Errorf("rule %+v lacks a field", r)
		}
		if seen[r.ID] {
			t.Errorf("rule %s twice", r.ID)
		}
		seen[r.ID] = true
		if RuleByID(r.ID) == nil || !strings.Contains(RulesHelp(), r.ID+" ") {
			t.Errorf("rule %s is not found by its ID or not in the help", r.ID)
		}
	}
	if RuleByID("nope") != nil {
		t.Error("RuleByID found an unknown rule")
	}
}
