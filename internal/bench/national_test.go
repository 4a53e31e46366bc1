package bench

import (
	"context"
	"fmt"
	"io"
	"io/fs"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/chitieu/chitieu/index"
	"github.com/chitieu/chitieu/internal/ftspeer"
	"github.com/chitieu/chitieu/internal/plangen"
	"github.com/chitieu/chitieu/web"
)

// A typical query, as chitieu's query language and as the SQLite peer
// writes it.
type typical struct {
	q   string
	fts ftspeer.Query
}

// typicalQueries are ten queries of the kinds researchers type: words with
// and without diacritics, a phrase, and words with a filter.
var typicalQueries = []typical{
	{"xây dựng xã hội học tập", ftspeer.Query{Match: ftspeer.MatchWords("xây dựng xã hội học tập")}},
	{"xay dung xa hoi hoc tap", ftspeer.Query{Match: ftspeer.MatchWords("xay dung xa hoi hoc tap")}},
	{"năng lực thông tin", ftspeer.Query{Match: ftspeer.MatchWords("năng lực thông tin")}},
	{"ky nang song", ftspeer.Query{Match: ftspeer.MatchWords("ky nang song")}},
	{"trung tam hoc tap cong dong", ftspeer.Query{Match: ftspeer.MatchWords("trung tam hoc tap cong dong")}},
	{`"xã hội học tập"`, ftspeer.Query{Match: `"xã hội học tập"`}},
	{"khuyến học", ftspeer.Query{Match: ftspeer.MatchWords("khuyến học")}},
	{"chuyển đổi số year:2030", ftspeer.Query{Match: ftspeer.MatchWords("chuyển đổi số"),
		Where: `' ' || years || ' ' LIKE '% 2030 %'`}},
	{`gia đình học tập province:"Bắc Ninh"`, ftspeer.Query{Match: ftspeer.MatchWords("gia đình học tập"),
		Where: `province_code = ?`, Args: []any{"27"}}},
	{"phổ cập giáo dục type:KH", ftspeer.Query{Match: ftspeer.MatchWords("phổ cập giáo dục"),
		Where: `doc_type = ?`, Args: []any{"KH"}}},
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

func envInt(name string, def int) int {
	if n, err := strconv.Atoi(os.Getenv(name)); err == nil && n > 0 {
		return n
	}
	return def
}

// corpusDir writes n generated plans under the temporary directory, once:
// later runs reuse them.
func corpusDir(tb testing.TB, n int) string {
	dir := filepath.Join(os.TempDir(), "chitieu-bench", "plans-"+strconv.Itoa(n))
	if _, err := plangen.New(1).WriteCorpus(dir, n); err != nil {
		tb.Fatal(err)
	}
	return dir
}

func dirSize(path string) int64 {
	var n int64
	filepath.WalkDir(path, func(_ string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			if fi, err := d.Info(); err == nil {
				n += fi.Size()
			}
		}
		return nil
	})
	return n
}

// BenchmarkNational is the side-by-side table of make bench: a generated
// corpus (CHITIEU_BENCH_PLANS plans, 10,000 by default) ingested once by
// chitieu and once into SQLite FTS5, each in a child process on every
// core; then the typical queries against both, single client, with and
// without facets, in interleaved rounds (CHITIEU_BENCH_ROUNDS, 15), medians
// per query; then 16 concurrent clients on chitieu's /api/search with
// facets. Run it with -benchtime 1x.
func BenchmarkNational(b *testing.B) {
	plans := envInt("CHITIEU_BENCH_PLANS", 10000)
	rounds := envInt("CHITIEU_BENCH_ROUNDS", 15)
	docs := corpusDir(b, plans)
	work := filepath.Join(os.TempDir(), "chitieu-bench", "national-"+strconv.Itoa(plans))
	for b.Loop() {
		os.RemoveAll(work)
		if err := os.MkdirAll(work, 0o755); err != nil {
			b.Fatal(err)
		}
		ixDir, dbPath := filepath.Join(work, "index"), filepath.Join(work, "fts.db")
		procs := envInt("GOMAXPROCS", 0)
		if procs == 0 {
			procs = numCPU()
		}
		ci := runChild(b, "chitieu", []string{docs}, ixDir, procs)
		fi := runChild(b, "fts", []string{docs}, dbPath, procs)

		ix, err := index.Open(ixDir, index.Options{NoCreate: true, ReadOnly: true})
		if err != nil {
			b.Fatal(err)
		}
		db, err := ftspeer.Open(dbPath)
		if err != nil {
			b.Fatal(err)
		}
		s := searchRounds(b, ix, db, rounds)
		wide := wideSet(b, ix)
		conc := concurrent(b, ix, 16, 10*time.Second)
		db.Close()
		ix.Close()

		t := &table{w: os.Stdout}
		t.head(plans, ci.Passages, rounds)
		t.row("ingest, wall", secs(ci.Wall), secs(fi.Wall), ci.Wall/fi.Wall, "≤ 2×")
		t.row("ingest, CPU", secs(ci.CPU), secs(fi.CPU), ci.CPU/fi.CPU, "")
		t.row("ingest, SQLite inserts alone", "", secs(fi.Load), ci.Wall/fi.Load, "")
		t.row("ingest, peak memory (resident)", mb(ci.PeakMB), mb(fi.PeakMB), ci.PeakMB/fi.PeakMB, "≤ 600 MB")
		t.row("  of which not the index's mapped files", mb(ci.PeakAnonMB), mb(fi.PeakAnonMB), ci.PeakAnonMB/fi.PeakAnonMB, "")
		ixSize, dbSize := float64(dirSize(ixDir)), float64(dirSize(dbPath))
		t.row("index size / text size", times(ixSize/float64(ci.TextBytes)), times(dbSize/float64(fi.TextBytes)),
			ixSize/dbSize, "≤ 3×")
		for _, facets := range []bool{false, true} {
			name := "no facets"
			if facets {
				name = "facets"
			}
			c, f := s.all(facets, true), s.all(facets, false)
			t.row("10 queries, "+name+": p50", ms(pct(c, 0.5)), ms(pct(f, 0.5)), ratio(c, f, 0.5), "≤ 20 ms")
			t.row("10 queries, "+name+": p99", ms(pct(c, 0.99)), ms(pct(f, 0.99)), ratio(c, f, 0.99), "≤ 100 ms")
		}
		slower := 0
		for i, q := range typicalQueries {
			c, f := s.median(i, true, true), s.median(i, true, false)
			if c > f {
				slower++
			}
			t.row(fmt.Sprintf("  %q, facets, median", q.q), ms(c), ms(f), float64(c)/float64(f), "< 1×")
		}
		t.row(fmt.Sprintf("%d queries of every kind, facets: p50", len(benchQueries())), ms(pct(wide, 0.5)), "", 0, "")
		t.row("  p99", ms(pct(wide, 0.99)), "", 0, "")
		t.row("16 clients, /api/search with facets", fmt.Sprintf("%.0f req/s", conc.rate), "", 0, "≥ 100 req/s")
		t.row("  latency p50 / p99", ms(conc.p50)+" / "+ms(conc.p99), "", 0, "")
		fmt.Fprintf(os.Stdout, "queries where chitieu is slower than SQLite FTS5: %d of %d\n\n", slower, len(typicalQueries))

		b.ReportMetric(ci.Wall, "ingest-s")
		b.ReportMetric(fi.Wall, "fts-ingest-s")
		b.ReportMetric(ci.PeakMB, "ingest-MB")
		b.ReportMetric(ci.PeakAnonMB, "ingest-anon-MB")
		b.ReportMetric(ixSize/float64(ci.TextBytes), "index/text")
		b.ReportMetric(float64(pct(s.all(true, true), 0.5).Microseconds())/1000, "p50-ms")
		b.ReportMetric(float64(pct(s.all(true, true), 0.99).Microseconds())/1000, "p99-ms")
		b.ReportMetric(conc.rate, "req/s")
		b.ReportMetric(float64(slower), "slower-than-fts")
	}
	b.ReportMetric(0, "ns/op")
}

// searches holds latencies by query, facets and engine.
type searches struct {
	lat map[[3]int][]time.Duration // query, facets, chitieu
}

func key(i int, facets, chitieu bool) [3]int {
	k := [3]int{i, 0, 0}
	if facets {
		k[1] = 1
	}
	if chitieu {
		k[2] = 1
	}
	return k
}

func (s *searches) all(facets, chitieu bool) []time.Duration {
	var out []time.Duration
	for i := range typicalQueries {
		out = append(out, s.lat[key(i, facets, chitieu)]...)
	}
	return out
}

func (s *searches) median(i int, facets, chitieu bool) time.Duration {
	return pct(s.lat[key(i, facets, chitieu)], 0.5)
}

// searchRounds runs every typical query against both engines, rounds
// times, alternating which goes first.
func searchRounds(b *testing.B, ix *index.Index, db *ftspeer.DB, rounds int) *searches {
	ctx := context.Background()
	s := &searches{lat: map[[3]int][]time.Duration{}}
	for r := range rounds {
		for i, q := range typicalQueries {
			for _, facets := range []bool{false, true} {
				for k := range 2 {
					chitieu := (k+r)%2 == 0
					start := time.Now()
					if chitieu {
						res, err := ix.Search(ctx, index.Request{Query: q.q, Facets: facets})
						if err != nil || res.Total == 0 {
							b.Fatalf("%q: %v (%v hits)", q.q, err, res)
						}
					} else {
						res, err := db.Search(ctx, q.fts, 10, facets)
						if err != nil || res.Total == 0 {
							b.Fatalf("fts %q: %v (%v)", q.fts.Match, err, res)
						}
					}
					s.lat[key(i, facets, chitieu)] = append(s.lat[key(i, facets, chitieu)], time.Since(start))
				}
			}
		}
	}
	return s
}

// wideSet runs the queries of every kind (prefixes, fuzzy words, filters,
// exclusions, target ranges) once each, with facets.
func wideSet(b *testing.B, ix *index.Index) []time.Duration {
	var lat []time.Duration
	for _, q := range benchQueries() {
		start := time.Now()
		if _, err := ix.Search(context.Background(), index.Request{Query: q, Facets: true}); err != nil {
			b.Fatalf("%q: %v", q, err)
		}
		lat = append(lat, time.Since(start))
	}
	return lat
}

type concResult struct {
	rate     float64
	p50, p99 time.Duration
}

// concurrent serves ix on loopback and sends /api/search requests with
// facets, the typical queries in turn, from clients goroutines for d.
func concurrent(b *testing.B, ix *index.Index, clients int, d time.Duration) concResult {
	s, err := web.New(ix, web.Options{})
	if err != nil {
		b.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		b.Fatal(err)
	}
	srv := s.HTTPServer(ln.Addr().String())
	go srv.Serve(ln)
	defer srv.Close()
	base := "http://" + ln.Addr().String() + "/api/search?facets=1&q="
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 2 * clients}}
	var next atomic.Int64
	var mu sync.Mutex
	var lat []time.Duration
	var failed atomic.Int64
	stop := time.Now().Add(d)
	start := time.Now()
	var wg sync.WaitGroup
	for range clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var mine []time.Duration
			for time.Now().Before(stop) {
				i := next.Add(1)
				t0 := time.Now()
				resp, err := client.Get(base + url.QueryEscape(typicalQueries[int(i)%len(typicalQueries)].q))
				if err != nil {
					failed.Add(1)
					continue
				}
				io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				if resp.StatusCode != http.StatusOK {
					failed.Add(1)
					continue
				}
				mine = append(mine, time.Since(t0))
			}
			mu.Lock()
			lat = append(lat, mine...)
			mu.Unlock()
		}()
	}
	wg.Wait()
	elapsed := time.Since(start)
	if n := failed.Load(); n > 0 || len(lat) == 0 {
		b.Fatalf("%d requests failed, %d answered", n, len(lat))
	}
	return concResult{rate: float64(len(lat)) / elapsed.Seconds(), p50: pct(lat, 0.5), p99: pct(lat, 0.99)}
}

func pct(lat []time.Duration, p float64) time.Duration {
	if len(lat) == 0 {
		return 0
	}
	l := slices.Clone(lat)
	slices.Sort(l)
	return l[int(p*float64(len(l)-1)+0.5)]
}

func ratio(a, b []time.Duration, p float64) float64 {
	return float64(pct(a, p)) / float64(pct(b, p))
}

func secs(s float64) string     { return fmt.Sprintf("%.1f s", s) }
func mb(m float64) string       { return fmt.Sprintf("%.0f MB", m) }
func times(x float64) string    { return fmt.Sprintf("%.1f×", x) }
func ms(d time.Duration) string { return fmt.Sprintf("%.1f ms", float64(d.Microseconds())/1000) }

// table prints rows of the side-by-side table.
type table struct{ w io.Writer }

func (t *table) head(plans, passages, rounds int) {
	fmt.Fprintf(t.w, "\n%d generated plans, %d passages; %d interleaved rounds of the typical queries\n\n", plans, passages, rounds)
	fmt.Fprintf(t.w, "| %-44s | %-16s | %-12s | %-7s | %-12s |\n", "what", "chitieu", "SQLite FTS5", "ratio", "goal")
	fmt.Fprintf(t.w, "|%s|%s|%s|%s|%s|\n", dashes(46), dashes(18), dashes(14), dashes(9), dashes(14))
}

func (t *table) row(what, chitieu, peer string, r float64, goal string) {
	rs := ""
	if r > 0 {
		rs = fmt.Sprintf("%.2f×", r)
	}
	fmt.Fprintf(t.w, "| %-44s | %-16s | %-12s | %-7s | %-12s |\n", what, chitieu, peer, rs, goal)
}

func dashes(n int) string {
	b := make([]byte, n)
	for i := range b {
		b[i] = '-'
	}
	return string(b)
}
