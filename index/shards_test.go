package index

import (
	"context"
	"path/filepath"
	"slices"
	"testing"

	"github.com/chitieu/chitieu/corpus"
)

// TestShards: the sample corpus in two shards answers as it does in one
// index: the same totals, facets and documents, and the hits of both.
func TestShards(t *testing.T) {
	docs, err := corpus.Sample()
	if err != nil {
		t.Fatal(err)
	}
	root := t.TempDir()
	build := func(name string, keep func(i int) bool) string {
		dir := filepath.Join(root, name)
		ix, err := Open(dir, Options{})
		if err != nil {
			t.Fatal(err)
		}
		var part []*corpus.Document
		for i, d := range docs {
			if keep(i) {
				part = append(part, d)
			}
		}
		if _, err := ix.Ingest(context.Background(), DocumentSources(part), IngestOptions{}); err != nil {
			t.Fatal(err)
		}
		if err := ix.Close(); err != nil {
			t.Fatal(err)
		}
		return dir
	}
	whole := build("whole", func(int) bool { return true })
	a := build("a", func(i int) bool { return i%2 == 0 })
	b := build("b", func(i int) bool { return i%2 == 1 })

	one, err := OpenShards([]string{whole}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer one.Close()
	two, err := OpenShards([]string{a, b}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer two.Close()
	if _, err := two.Ingest(context.Background(), nil, IngestOptions{}); err == nil {
		t.Error("ingest into shards opened together: no error")
	}
	for _, q := range []string{"nang luc thong tin", "xã hội học tập", `"học tập suốt đời"`, "hoc tap province:74", "value:>=50 indicator:life_skills"} {
		r1, err := one.Search(context.Background(), Request{Query: q, Limit: 1000, Facets: true})
		if err != nil {
			t.Fatal(err)
		}
		r2, err := two.Search(context.Background(), Request{Query: q, Limit: 1000, Facets: true})
		if err != nil {
			t.Fatal(err)
		}
		if r1.Total == 0 || r1.Total != r2.Total || len(r1.Hits) != len(r2.Hits) {
			t.Errorf("%q: %d hits in one index, %d in two shards", q, r1.Total, r2.Total)
		}
		ids := func(r *Result) []string {
			var s []string
			for _, h := range r.Hits {
				s = append(s, h.ID)
			}
			slices.Sort(s)
			return s
		}
		if !slices.Equal(ids(r1), ids(r2)) {
			t.Errorf("%q: the shards' hits differ from the index's", q)
		}
		for i := range r1.Facets {
			if f1, f2 := r1.Facets[i], r2.Facets[i]; f1.Total != f2.Total || len(f1.Terms) != len(f2.Terms) {
				t.Errorf("%q: facet %s: %+v in one index, %+v in two shards", q, f1.Name, f1, f2)
			}
		}
	}
	d1, err := one.Documents(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	d2, err := two.Documents(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if len(d1) < len(docs) || len(d1) != len(d2) {
		t.Errorf("documents: %d in one index, %d in two shards, %d files", len(d1), len(d2), len(docs))
	}
}
