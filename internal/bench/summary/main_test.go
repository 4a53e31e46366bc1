package main

import (
	"strings"
	"testing"
)

func TestParse(t *testing.T) {
	in := `goos: linux
BenchmarkNormalize       	    3193	   1092301 ns/op	  51.34 MB/s	  363249 B/op	      39 allocs/op
BenchmarkLargePDF/go-2         	       6	 179450307 ns/op	      1271 pages/s
BenchmarkNational-2   	       1	        12.29 fts-ingest-s	         8.178 index/text	       530.0 ingest-MB
--- FAIL: BenchmarkOCR
`
	m, failed, err := parse(strings.NewReader(in))
	if err != nil || !failed {
		t.Fatalf("parse: %v, failed %v", err, failed)
	}
	for _, c := range []struct {
		name, unit, procs string
		want              float64
	}{
		{"BenchmarkNormalize", "MB/s", "1", 51.34},
		{"BenchmarkLargePDF/go", "pages/s", "2", 1271},
		{"BenchmarkNational", "ingest-MB", "2", 530},
		{"BenchmarkNational", "index/text", "2", 8.178},
	} {
		if v, ok := m.get(c.name, c.unit, c.procs); !ok || v != c.want {
			t.Errorf("%s %s on %s: %v %v, want %v", c.name, c.unit, c.procs, v, ok, c.want)
		}
	}
	if _, ok := m.get("BenchmarkNormalize", "MB/s", "2"); ok {
		t.Error("a metric of one core found for two")
	}
}
