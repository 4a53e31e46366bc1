package gold

import (
	"strings"
	"testing"

	"github.com/chitieu/chitieu/extract/rules"
	"github.com/chitieu/chitieu/extract/targets"
)

const goldText = `{"doc": "002_c57fbb1e870047eb.txt", "locality": "Bến Cát", "locality_code": "721", "indicator": "literacy_level", "value": 2, "unit": "level", "year": 2025, "evidence": "Phấn đấu đạt chuẩn"}
{"doc": "002_c57fbb1e870047eb.txt", "locality": "Bến Cát", "locality_code": "721", "indicator": "literacy_level", "value": 2, "unit": "level", "year": 2025, "evidence": "Tiếp tục duy trì (stated a second time)"}

{"doc": "001_f71544043631323e.txt", "locality": "", "locality_code": "", "indicator": "clc_ict", "value": 40, "unit": "percent", "year": 2023, "evidence": "40% các trung tâm"}
`

func rec(doc, ind string, v float64, year int, code string) targets.Record {
	r := targets.Record{Doc: doc, Indicator: ind, Value: v, Year: year}
	r.LocalityCode, r.Locality = code, map[string]string{"721": "Thị xã Bến Cát", "74": "Tỉnh Bình Dương"}[code]
	return r
}

// at is a record of a locality.
func at(locality, code string) targets.Record {
	var r targets.Record
	r.Locality, r.LocalityCode = locality, code
	return r
}

func TestScore(t *testing.T) {
	entries, err := Read(strings.NewReader(goldText))
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 3 {
		t.Fatalf("%d entries", len(entries))
	}
	recs := []targets.Record{
		rec("002_c57fbb1e870047eb.pdf", "literacy_level", 2, 2025, "721"), // matches by stem
		rec("002_c57fbb1e870047eb.pdf", "literacy_level", 2, 2025, "74"),  // the second statement, wrong locality
		rec("002_c57fbb1e870047eb.pdf", "literacy_level", 2, 2025, "721"), // a third: false positive
		rec("002_c57fbb1e870047eb.pdf", "literacy_level", 2, 2030, "721"), // another year: false positive
		rec("001_f71544043631323e.txt", "clc_ict", 40.001, 2023, ""),      // within rounding
		rec("001_f71544043631323e.txt", "", 100, 2023, ""),                // uncatalogued: not scored
		{Doc: "001_f71544043631323e.txt", Indicator: "clc_ict", Value: 30, Year: 2021, Kind: rules.Result},
		rec("999_other.txt", "clc_ict", 40, 2023, ""), // not in the gold file
	}
	rep := Score(entries, recs)
	if rep.TP != 3 || rep.FP != 2 || rep.FN != 0 {
		t.Errorf("TP %d FP %d FN %d, want 3 2 0", rep.TP, rep.FP, rep.FN)
	}
	if rep.Uncatalogued != 1 || rep.Results != 1 || rep.Unscored != 1 || rep.Docs != 2 {
		t.Errorf("uncatalogued %d results %d unscored %d docs %d", rep.Uncatalogued, rep.Results, rep.Unscored, rep.Docs)
	}
	if got := rep.Precision(); got != 0.6 {
		t.Errorf("precision %v", got)
	}
	if got := rep.F1(); got != 0.75 {
		t.Errorf("F1 %v", got)
	}
	if le := rep.LocalityErrors(); len(le) != 1 || le[0].Record.LocalityCode != "74" {
		t.Errorf("locality errors: %+v", le)
	}
	if c := rep.ByIndicator["literacy_level"]; c.TP != 2 || c.FP != 2 || c.FN != 0 {
		t.Errorf("literacy_level: %+v", c)
	}
	// Nothing found: recall 0, every entry a miss.
	rep = Score(entries, nil)
	if rep.FN != 3 || rep.Recall() != 0 || rep.F1() != 0 || len(rep.Misses) != 3 {
		t.Errorf("empty: %+v", rep.Counts)
	}
}

func TestLocalityOK(t *testing.T) {
	for _, tc := range []struct {
		g    Entry
		r    targets.Record
		want bool
	}{
		{Entry{LocalityCode: "721"}, at("", "721"), true},
		{Entry{LocalityCode: "721"}, at("", "74"), false},
		{Entry{}, targets.Record{}, true},
		{Entry{}, at("Tỉnh Bình Dương", "74"), false}, // unknown must stay unknown
		{Entry{Locality: "Bình Dương"}, at("Tỉnh Bình Dương", ""), true},
	} {
		if got := (Match{tc.g, tc.r}).LocalityOK(); got != tc.want {
			t.Errorf("LocalityOK(%+v, %+v) = %v", tc.g, tc.r, got)
		}
	}
}

func TestReadErrors(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"{\"doc\": \"a\", \"indicator\": \"x\"}\n{oops}\n", "line 2"},
		{"{\"doc\": \"a\"}\n", "line 1: doc and indicator are required"},
		{"{\"doc\": \"a\", \"indicator\": \"x\", \"value\": \"high\"}\n", "line 1"},
	} {
		if _, err := Read(strings.NewReader(tc.in)); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("Read(%+q) error = %v, want %q", tc.in, err, tc.want)
		}
	}
}

func TestStem(t *testing.T) {
	for in, want := range map[string]string{
		"002_c57fbb1e870047eb.txt": "002_c57fbb1e870047eb", "sample:002_c57fbb1e870047eb.pdf": "002_c57fbb1e870047eb",
		"dir/004_x.legal.html": "004_x", `c:\docs\a.b.c`: "a", "noext": "noext",
	} {
		if got := Stem(in); got != want {
			t.Errorf("Stem(%q) = %q, want %q", in, got, want)
		}
	}
}
