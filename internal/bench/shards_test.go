package bench

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/chitieu/chitieu/index"
)

// BenchmarkShards is the scale measurement of make bench-scale: the
// generated corpus (CHITIEU_BENCH_PLANS plans, 10,000 by default; 100,000
// in make bench-scale) ingested into one index, and into
// CHITIEU_BENCH_SHARDS shards (4 by default, files dealt in turn), each by
// its own process, all at once; then the typical queries with facets
// against the one index and against the shards through OpenShards, in
// interleaved rounds. Run it with -benchtime 1x.
func BenchmarkShards(b *testing.B) {
	plans := envInt("CHITIEU_BENCH_PLANS", 10000)
	k := envInt("CHITIEU_BENCH_SHARDS", 4)
	rounds := envInt("CHITIEU_BENCH_ROUNDS", 5)
	docs := corpusDir(b, plans)
	parts := dealShards(b, docs, k)
	work := filepath.Join(os.TempDir(), "chitieu-bench", fmt.Sprintf("shards-%d-%d", plans, k))
	procs := numCPU()
	for b.Loop() {
		os.RemoveAll(work)
		if err := os.MkdirAll(work, 0o755); err != nil {
			b.Fatal(err)
		}
		one := filepath.Join(work, "one")
		single := runChild(b, "chitieu", []string{docs}, one, procs)

		dirs := make([]string, k)
		res := make([]childResult, k)
		errs := make([]error, k)
		start := time.Now()
		var wg sync.WaitGroup
		for i := range k {
			dirs[i] = filepath.Join(work, "shard"+strconv.Itoa(i))
			wg.Add(1)
			go func() {
				defer wg.Done()
				res[i], errs[i] = childIngest("chitieu", []string{parts[i]}, dirs[i], max(1, procs/k))
			}()
		}
		wg.Wait()
		for _, err := range errs {
			if err != nil {
				b.Fatal(err)
			}
		}
		wall := time.Since(start).Seconds()
		var cpu, peak, anon float64
		var size int64
		for i, r := range res {
			cpu += r.CPU
			peak = max(peak, r.PeakMB)
			anon = max(anon, r.PeakAnonMB)
			size += dirSize(dirs[i])
		}

		ix1, err := index.Open(one, index.Options{ReadOnly: true})
		if err != nil {
			b.Fatal(err)
		}
		ixk, err := index.OpenShards(dirs, index.Options{})
		if err != nil {
			b.Fatal(err)
		}
		lat1, latk := shardRounds(b, ix1, ixk, rounds)
		ix1.Close()
		ixk.Close()

		t := &table{w: os.Stdout}
		fmt.Fprintf(os.Stdout, "\n%d generated plans, %d passages: one index, and %d shards each ingested by its own process (GOMAXPROCS %d each, all at once); %d interleaved rounds of the typical queries with facets\n\n",
			plans, single.Passages, k, max(1, procs/k), rounds)
		fmt.Fprintf(os.Stdout, "| %-44s | %-16s | %-12s | %-7s |\n", "what", "one index", fmt.Sprintf("%d shards", k), "ratio")
		fmt.Fprintf(os.Stdout, "|%s|%s|%s|%s|\n", dashes(46), dashes(18), dashes(14), dashes(9))
		row := func(what, a, c string, r float64) {
			fmt.Fprintf(t.w, "| %-44s | %-16s | %-12s | %-7s |\n", what, a, c, fmt.Sprintf("%.2f×", r))
		}
		row("ingest, wall", secs(single.Wall), secs(wall), wall/single.Wall)
		row("ingest, CPU", secs(single.CPU), secs(cpu), cpu/single.CPU)
		row("ingest, peak memory (per process, resident)", mb(single.PeakMB), mb(peak), peak/single.PeakMB)
		row("  of which not the index's mapped files", mb(single.PeakAnonMB), mb(anon), anon/single.PeakAnonMB)
		s1 := float64(dirSize(one))
		row("index size / text size", times(s1/float64(single.TextBytes)), times(float64(size)/float64(single.TextBytes)), float64(size)/s1)
		row("10 queries, facets: p50", ms(pct(lat1, 0.5)), ms(pct(latk, 0.5)), ratio(latk, lat1, 0.5))
		row("10 queries, facets: p90", ms(pct(lat1, 0.9)), ms(pct(latk, 0.9)), ratio(latk, lat1, 0.9))
		row("10 queries, facets: p99", ms(pct(lat1, 0.99)), ms(pct(latk, 0.99)), ratio(latk, lat1, 0.99))
		fmt.Fprintln(os.Stdout)

		b.ReportMetric(single.Wall, "ingest-s")
		b.ReportMetric(wall, "shards-ingest-s")
		b.ReportMetric(float64(pct(lat1, 0.5).Microseconds())/1000, "p50-ms")
		b.ReportMetric(float64(pct(latk, 0.5).Microseconds())/1000, "shards-p50-ms")
	}
	b.ReportMetric(0, "ns/op")
}

// dealShards deals the files of docs in turn into k folders of hard links
// (made once), so that each shard can be ingested on its own.
func dealShards(tb testing.TB, docs string, k int) []string {
	ents, err := os.ReadDir(docs)
	if err != nil {
		tb.Fatal(err)
	}
	var names []string
	for _, e := range ents {
		if e.Type().IsRegular() {
			names = append(names, e.Name())
		}
	}
	slices.Sort(names)
	root := docs + "-dealt-" + strconv.Itoa(k)
	parts := make([]string, k)
	for i := range parts {
		parts[i] = filepath.Join(root, "s"+strconv.Itoa(i))
		if err := os.MkdirAll(parts[i], 0o755); err != nil {
			tb.Fatal(err)
		}
	}
	for i, n := range names {
		dst := filepath.Join(parts[i%k], n)
		if _, err := os.Lstat(dst); err == nil {
			continue
		}
		if err := os.Link(filepath.Join(docs, n), dst); err != nil {
			tb.Fatal(err)
		}
	}
	return parts
}

// shardRounds runs the typical queries with facets against both, rounds
// times, alternating which goes first, and checks that both find as many.
func shardRounds(b *testing.B, one, shards *index.Index, rounds int) (lat1, latk []time.Duration) {
	ctx := context.Background()
	for r := range rounds {
		for _, q := range typicalQueries {
			var totals [2]uint64
			for k := range 2 {
				ix, lat := one, &lat1
				if (k+r)%2 == 1 {
					ix, lat = shards, &latk
				}
				start := time.Now()
				res, err := ix.Search(ctx, index.Request{Query: q.q, Facets: true})
				if err != nil {
					b.Fatalf("%q: %v", q.q, err)
				}
				*lat = append(*lat, time.Since(start))
				if ix == one {
					totals[0] = res.Total
				} else {
					totals[1] = res.Total
				}
			}
			if totals[0] != totals[1] {
				b.Fatalf("%q: %d hits in one index, %d in the shards", q.q, totals[0], totals[1])
			}
		}
	}
	return lat1, latk
}
