package index

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/chitieu/chitieu/corpus"
	"github.com/chitieu/chitieu/internal/plangen"
)

// benchDocs is the size of the generated corpus of the benchmarks.
const benchDocs = 10000

var genOnce sync.Map

// genCorpus writes n generated documents into a directory under the
// system's temporary directory, once: later runs reuse it.
func genCorpus(tb testing.TB, n int) string {
	dir := filepath.Join(os.TempDir(), "chitieu-bench", "plans-"+strconv.Itoa(n))
	v, _ := genOnce.LoadOrStore(dir, new(sync.Once))
	var err error
	v.(*sync.Once).Do(func() { _, err = plangen.New(1).WriteCorpus(dir, n) })
	if err != nil {
		tb.Fatal(err)
	}
	return dir
}

func dirSize(dir string) int64 {
	var n int64
	filepath.WalkDir(dir, func(_ string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			if fi, err := d.Info(); err == nil {
				n += fi.Size()
			}
		}
		return nil
	})
	return n
}

// BenchmarkIngest ingests the generated corpus of 10,000 plans into a new
// index, on as many workers as -cpu gives, and reports documents/s, MB/s
// of files, and the size of the index relative to the normalized text.
func BenchmarkIngest(b *testing.B) {
	docs := genCorpus(b, benchDocs)
	srcs, err := FileSources(corpus.Loader{}, []string{docs})
	if err != nil {
		b.Fatal(err)
	}
	var sum *Summary
	var size int64
	for b.Loop() {
		dir := b.TempDir()
		ix, err := Open(dir, Options{})
		if err != nil {
			b.Fatal(err)
		}
		sum, err = ix.Ingest(context.Background(), srcs, IngestOptions{})
		if err != nil {
			b.Fatal(err)
		}
		ix.Close()
		size = dirSize(dir)
	}
	if sum.Added != benchDocs {
		b.Fatalf("added %d of %d: %+v", sum.Added, benchDocs, sum.Failures[:min(3, len(sum.Failures))])
	}
	secs := b.Elapsed().Seconds() / float64(b.N)
	b.ReportMetric(float64(sum.Added)/secs, "docs/s")
	b.ReportMetric(float64(sum.Bytes)/1e6/secs, "MB/s")
	b.ReportMetric(float64(size)/float64(sum.TextBytes), "index/text")
	b.ReportMetric(float64(sum.Passages+sum.Targets)/secs, "entries/s")
}

var benchIndex struct {
	sync.Once
	dir string
	err error
}

// builtIndex returns the directory of an index of the generated corpus,
// built once and kept under the temporary directory for later runs.
func builtIndex(b *testing.B) string {
	benchIndex.Do(func() {
		docs := genCorpus(b, benchDocs)
		dir := filepath.Join(os.TempDir(), "chitieu-bench", "index-"+strconv.Itoa(benchDocs))
		ix, err := Open(dir, Options{})
		if err != nil {
			benchIndex.err = err
			return
		}
		defer ix.Close()
		srcs, err := FileSources(corpus.Loader{}, []string{docs})
		if err == nil {
			_, err = ix.Ingest(context.Background(), srcs, IngestOptions{})
		}
		benchIndex.dir, benchIndex.err = dir, err
	})
	if benchIndex.err != nil {
		b.Fatal(benchIndex.err)
	}
	return benchIndex.dir
}

// benchQueries are a few hundred queries of the kinds users type: words
// with and without diacritics, phrases, filters, target ranges.
func benchQueries() []string {
	words := []string{
		"xây dựng xã hội học tập", "xay dung xa hoi hoc tap", "năng lực thông tin", "nang luc thong tin",
		"kỹ năng sống", "ky nang song", "học tập suốt đời", "hoc tap suot doi", "trung tâm học tập cộng đồng",
		"gia đình học tập", "dong ho hoc tap", "chuyển đổi số", "khuyến học", "xóa mù chữ", "phổ cập giáo dục",
		"đại học số", "môi trường số", "công dân học tập", "hoà", "thuỷ", "1373/QĐ-TTg", "1373", "kinh phí",
		"\"xã hội học tập\"", "\"nang luc thong tin\"", "thư*", "hoc~", "đơn vị học tập -\"gia đình\"",
	}
	filters := []string{"", " year:2030", " year:>=2025", " province:\"Bắc Ninh\"", " province:74", " type:KH",
		" indicator:life_skills", " district:\"Bến Cát\""}
	var qs []string
	for _, w := range words {
		for _, f := range filters {
			qs = append(qs, w+f)
		}
	}
	for _, ind := range []string{"life_skills", "info_competence", "clc_ict", "learning_family", "digital_university"} {
		for _, v := range []string{">=50", ">=70", "<60", "80..90"} {
			qs = append(qs, fmt.Sprintf("indicator:%s value:%s year:2030", ind, v))
		}
	}
	return qs
}

// BenchmarkSearch runs the query set against the 10,000-plan index, with
// facets, and reports the latency percentiles of single queries.
func BenchmarkSearch(b *testing.B) {
	dir := builtIndex(b)
	ix, err := Open(dir, Options{NoCreate: true})
	if err != nil {
		b.Fatal(err)
	}
	defer ix.Close()
	qs := benchQueries()
	var lat []time.Duration
	for b.Loop() {
		for _, q := range qs {
			start := time.Now()
			if _, err := ix.Search(context.Background(), Request{Query: q, Facets: true}); err != nil {
				b.Fatalf("%q: %v", q, err)
			}
			lat = append(lat, time.Since(start))
		}
	}
	slices.Sort(lat)
	pct := func(p float64) float64 { return float64(lat[int(p*float64(len(lat)-1))].Microseconds()) / 1000 }
	b.ReportMetric(pct(0.50), "p50-ms")
	b.ReportMetric(pct(0.99), "p99-ms")
	b.ReportMetric(float64(len(qs)), "queries")
	b.ReportMetric(0, "ns/op")
}
