// Command summary reads the output of make bench (go test -bench lines)
// and prints issue 15's table: each measure beside its goal, and whether
// the build meets it. It exits with status 1 when a benchmark failed.
//
//	go run ./internal/bench/summary bench.out
package main

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
)

// metrics maps a benchmark's name (without the -N of GOMAXPROCS, with the
// N kept apart) to its reported metrics by unit.
type metrics map[string]map[string]float64

func parse(r io.Reader) (metrics, bool, error) {
	m := metrics{}
	failed := false
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, "FAIL") || strings.HasPrefix(line, "--- FAIL") {
			failed = true
		}
		f := strings.Fields(line)
		if len(f) < 4 || !strings.HasPrefix(f[0], "Benchmark") {
			continue
		}
		name := f[0]
		procs := "1"
		if i := strings.LastIndexByte(name, '-'); i > 0 {
			if _, err := strconv.Atoi(name[i+1:]); err == nil {
				name, procs = name[:i], name[i+1:]
			}
		}
		key := name + "@" + procs
		if m[key] == nil {
			m[key] = map[string]float64{}
		}
		for i := 2; i+1 < len(f); i += 2 {
			if v, err := strconv.ParseFloat(f[i], 64); err == nil {
				m[key][f[i+1]] = v
			}
		}
	}
	return m, failed, sc.Err()
}

// get returns a metric of a benchmark run on procs cores, or of any run.
func (m metrics) get(name, unit string, procs ...string) (float64, bool) {
	for _, p := range procs {
		if v, ok := m[name+"@"+p][unit]; ok {
			return v, true
		}
	}
	return 0, false
}

type row struct {
	what, value, goal string
	met               *bool
}

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: summary BENCH-OUTPUT")
		os.Exit(2)
	}
	f, err := os.Open(os.Args[1])
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	m, failed, err := parse(f)
	f.Close()
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	var rows []row
	add := func(what, value, goal string, met bool, ok bool) {
		if !ok {
			rows = append(rows, row{what, "not measured", goal, nil})
			return
		}
		rows = append(rows, row{what, value, goal, &met})
	}
	n := "BenchmarkNational"
	ing, ok1 := m.get(n, "ingest-s", "2")
	fts, ok2 := m.get(n, "fts-ingest-s", "2")
	add("ingest 10,000 plans, wall, ÷ SQLite FTS5", fmt.Sprintf("%.1f s ÷ %.1f s = %.2f×", ing, fts, ing/fts), "≤ 2×", ing <= 2*fts, ok1 && ok2)
	mem, ok := m.get(n, "ingest-MB", "2")
	add("ingest peak memory (resident)", fmt.Sprintf("%.0f MB", mem), "≤ 600 MB", mem <= 600, ok)
	anon, ok := m.get(n, "ingest-anon-MB", "2")
	add("  of which not the index's mapped files", fmt.Sprintf("%.0f MB", anon), "≤ 600 MB", anon <= 600, ok)
	sz, ok := m.get(n, "index/text", "2")
	add("index size / text size", fmt.Sprintf("%.1f×", sz), "≤ 3×", sz <= 3, ok)
	p50, ok := m.get(n, "p50-ms", "2")
	add("10 typical queries with facets, p50", fmt.Sprintf("%.1f ms", p50), "≤ 20 ms", p50 <= 20, ok)
	p99, ok := m.get(n, "p99-ms", "2")
	add("10 typical queries with facets, p99", fmt.Sprintf("%.1f ms", p99), "≤ 100 ms", p99 <= 100, ok)
	slower, ok := m.get(n, "slower-than-fts", "2")
	add("typical queries slower than SQLite FTS5", fmt.Sprintf("%.0f of 10", slower), "0", slower == 0, ok)
	rps, ok := m.get(n, "req/s", "2")
	add("16 clients, /api/search with facets", fmt.Sprintf("%.0f req/s", rps), "≥ 100 req/s", rps >= 100, ok)
	nm, ok := m.get("BenchmarkNormalize", "MB/s", "1")
	add("normalization, one core", fmt.Sprintf("%.1f MB/s", nm), "≥ 50 MB/s", nm >= 50, ok)
	ex, ok := m.get("BenchmarkExtract200Pages", "MB/s", "1")
	add("target extraction, 200-page plan, one core", fmt.Sprintf("%.1f MB/s", ex), "≥ 20 MB/s", ex >= 20, ok)
	for _, procs := range []string{"1", "2"} {
		g, ok1 := m.get("BenchmarkLargePDF/go", "pages/s", procs)
		p, ok2 := m.get("BenchmarkLargePDF/poppler", "pages/s", procs)
		add("PDF text, one 228-page PDF, "+procs+" core(s), ÷ pdftotext", fmt.Sprintf("%.0f ÷ %.0f pages/s = %.2f×", g, p, g/p),
			"≥ 1.0×", g >= p, ok1 && ok2)
	}

	fmt.Println("\nIssue 15's goals (make bench):")
	fmt.Println()
	fmt.Printf("| %-46s | %-28s | %-12s | %-4s |\n", "what", "this build", "goal", "met")
	fmt.Printf("|%s|%s|%s|%s|\n", strings.Repeat("-", 48), strings.Repeat("-", 30), strings.Repeat("-", 14), strings.Repeat("-", 6))
	for _, r := range rows {
		met := "–"
		if r.met != nil {
			met = map[bool]string{true: "yes", false: "no"}[*r.met]
		}
		fmt.Printf("| %-46s | %-28s | %-12s | %-4s |\n", r.what, r.value, r.goal, met)
	}
	fmt.Println()
	if failed {
		fmt.Println("a benchmark FAILED: see above")
		os.Exit(1)
	}
}
