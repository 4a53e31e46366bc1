package ftspeer

import (
	"context"
	"path/filepath"
	"testing"
)

func TestSearch(t *testing.T) {
	db, err := Create(filepath.Join(t.TempDir(), "p.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	rows := make(chan Row, 4)
	rows <- Row{DocID: "a", Text: "Xây dựng xã hội học tập giai đoạn 2021-2030", Province: "Bắc Ninh", ProvinceCode: "27", Years: "2025 2030"}
	rows <- Row{DocID: "b", Text: "Nâng cao năng lực thông tin cho người dân", Province: "Bình Dương", ProvinceCode: "74", Years: "2030"}
	rows <- Row{DocID: "c", Text: "Học tập suốt đời trong cộng đồng", Province: "Bắc Ninh", ProvinceCode: "27"}
	close(rows)
	if n, err := db.Load(context.Background(), rows, 2); err != nil || n != 3 {
		t.Fatalf("Load = %d, %v", n, err)
	}
	if err := db.Optimize(); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		q     Query
		total int
		first string
	}{
		{Query{Match: MatchWords("hoc tap")}, 2, ""}, // diacritics removed on both sides
		{Query{Match: MatchWords("năng lực")}, 1, "b"},
		{Query{Match: `"xã hội học tập"`}, 1, "a"},
		{Query{Match: MatchWords("học tập"), Where: "province_code = ?", Args: []any{"27"}}, 2, ""},
		{Query{Match: MatchWords("học tập"), Where: "province_code = ?", Args: []any{"74"}}, 0, ""},
	} {
		res, err := db.Search(context.Background(), c.q, 10, true)
		if err != nil {
			t.Fatalf("%+v: %v", c.q, err)
		}
		if res.Total != c.total || len(res.Hits) != c.total {
			t.Errorf("%+v: total %d, %d hits, want %d", c.q, res.Total, len(res.Hits), c.total)
		}
		if c.first != "" && (len(res.Hits) == 0 || res.Hits[0].DocID != c.first) {
			t.Errorf("%+v: hits %+v, want %s first", c.q, res.Hits, c.first)
		}
		if c.total > 0 && res.Facets["province"][0][1] != c.total && len(res.Facets["province"]) == 1 {
			t.Errorf("%+v: province facet %v", c.q, res.Facets["province"])
		}
	}
}
