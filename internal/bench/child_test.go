package bench

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/chitieu/chitieu/corpus"
	"github.com/chitieu/chitieu/extract"
	"github.com/chitieu/chitieu/extract/targets"
	"github.com/chitieu/chitieu/index"
	"github.com/chitieu/chitieu/internal/ftspeer"
)

// Ingests run in child processes (this test binary again, told what to do
// by the environment), so that each one's peak memory and CPU time are its
// own.
const (
	envChild = "CHITIEU_BENCH_CHILD" // chitieu or fts
	envDocs  = "CHITIEU_BENCH_DOCS"  // the folders to ingest, separated by the OS list separator
	envOut   = "CHITIEU_BENCH_OUT"   // the index directory or database file to make
)

func TestMain(m *testing.M) {
	kind := os.Getenv(envChild)
	if kind == "" {
		os.Exit(m.Run())
	}
	docs := strings.Split(os.Getenv(envDocs), string(os.PathListSeparator))
	var res childResult
	var err error
	var anon float64
	stop := sampleAnon(&anon)
	switch kind {
	case "chitieu":
		res, err = ingestChitieu(docs, os.Getenv(envOut))
	case "fts":
		res, err = ingestFTS(docs, os.Getenv(envOut))
	default:
		err = fmt.Errorf("unknown child %q", kind)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	stop()
	res.PeakAnonMB = anon
	res.PeakMB = statusMB("VmHWM:")
	json.NewEncoder(os.Stdout).Encode(res)
	os.Exit(0)
}

// childResult is what a child ingest reports; its parent adds what the
// kernel measured.
type childResult struct {
	Wall      float64 `json:"wall_s"`
	Load      float64 `json:"load_s"` // SQLite only: time inside inserts and commits
	Docs      int     `json:"docs"`
	Passages  int     `json:"passages"`
	TextBytes int64   `json:"text_bytes"`
	// PeakAnonMB is the most anonymous memory (the heap, not the index
	// files bleve maps, which the resident set counts too) seen in
	// samples every 50 ms (Linux only; 0 elsewhere).
	PeakAnonMB float64 `json:"peak_anon_mb"`
	// PeakMB is the maximum resident set (VmHWM, which starts afresh at
	// exec: the kernel's rusage of a child counts its parent's resident
	// set at the fork, so a parent that had searched a large index would
	// show in its children's peaks).
	PeakMB float64 `json:"peak_mb"`
	// Filled by the parent.
	CPU float64 `json:"-"` // user + system seconds
}

func ingestChitieu(docs []string, dir string) (childResult, error) {
	start := time.Now()
	ix, err := index.Open(dir, index.Options{})
	if err != nil {
		return childResult{}, err
	}
	srcs, err := index.FileSources(corpus.Loader{}, docs)
	if err != nil {
		return childResult{}, err
	}
	sum, err := ix.Ingest(context.Background(), srcs, index.IngestOptions{})
	if err != nil {
		return childResult{}, err
	}
	if err := ix.Close(); err != nil {
		return childResult{}, err
	}
	if sum.Failed > 0 {
		return childResult{}, fmt.Errorf("%d files failed: %+v", sum.Failed, sum.Failures[0])
	}
	return childResult{Wall: time.Since(start).Seconds(), Docs: sum.Added, Passages: sum.Passages, TextBytes: sum.TextBytes}, nil
}

// ingestFTS reads the files with chitieu's pipeline on every core (the
// passages must be the same) and loads the passages into SQLite FTS5 from
// one goroutine, SQLite's one writer.
func ingestFTS(docs []string, path string) (childResult, error) {
	start := time.Now()
	db, err := ftspeer.Create(path)
	if err != nil {
		return childResult{}, err
	}
	defer db.Close()
	srcs, err := index.FileSources(corpus.Loader{}, docs)
	if err != nil {
		return childResult{}, err
	}
	x := targets.New(targets.Options{})
	in := make(chan index.Source)
	rows := make(chan ftspeer.Row, 1024)
	var wg sync.WaitGroup
	var mu sync.Mutex
	var res childResult
	var firstErr error
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for s := range in {
				n, ps, err := passagesOf(s, x)
				mu.Lock()
				if err != nil && firstErr == nil {
					firstErr = err
				}
				res.TextBytes += n
				res.Docs++
				mu.Unlock()
				for _, p := range ps {
					rows <- ftspeer.Row{
						DocID: p.DocID, Text: p.Text, Province: p.Province, ProvinceCode: p.ProvCode,
						District: p.District, DocType: p.DocType, Years: joinInts(p.Years), Indicators: strings.Join(p.Indicators, " "),
					}
				}
			}
		}()
	}
	go func() {
		for _, s := range srcs {
			in <- s
		}
		close(in)
		wg.Wait()
		close(rows)
	}()
	timed := make(chan ftspeer.Row)
	var load time.Duration
	loaded := make(chan error, 1)
	go func() {
		n, err := db.Load(context.Background(), timed, 5000)
		res.Passages = n
		loaded <- err
	}()
	for r := range rows {
		t := time.Now()
		timed <- r
		load += time.Since(t)
	}
	close(timed)
	t := time.Now()
	err = <-loaded
	if err == nil {
		err = db.Optimize()
	}
	load += time.Since(t)
	if err != nil {
		return childResult{}, err
	}
	if firstErr != nil {
		return childResult{}, firstErr
	}
	res.Wall, res.Load = time.Since(start).Seconds(), load.Seconds()
	return res, nil
}

// statusMB returns a field of /proc/self/status in MB (0 where there is
// none: not Linux).
func statusMB(field string) float64 {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, field); ok {
			kb, _ := strconv.ParseFloat(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 64)
			return kb / 1024
		}
	}
	return 0
}

// sampleAnon records in *peak the largest RssAnon of this process, read
// from /proc/self/status every 50 ms until the returned stop is called.
func sampleAnon(peak *float64) (stop func()) {
	done := make(chan struct{})
	finished := make(chan struct{})
	read := func() { *peak = max(*peak, statusMB("RssAnon:")) }
	go func() {
		defer close(finished)
		t := time.NewTicker(50 * time.Millisecond)
		defer t.Stop()
		for {
			read()
			select {
			case <-done:
				return
			case <-t.C:
			}
		}
	}()
	return func() { close(done); <-finished }
}

func passagesOf(s index.Source, x *targets.Extractor) (int64, []index.Passage, error) {
	if s.Err != nil {
		return 0, nil, s.Err
	}
	doc, err := s.Load()
	if err != nil {
		return 0, nil, err
	}
	d, err := extract.Text(context.Background(), doc, extract.Options{})
	if err != nil {
		return 0, nil, err
	}
	res, err := x.Extract(d)
	if err != nil {
		return 0, nil, err
	}
	ps, err := index.Passages(d, res)
	return int64(len(d.Text)), ps, err
}

func joinInts(v []int) string {
	s := make([]string, len(v))
	for i, n := range v {
		s[i] = strconv.Itoa(n)
	}
	return strings.Join(s, " ")
}

// runChild runs one child ingest and returns its report with its CPU time
// and peak memory.
func runChild(tb testing.TB, kind string, docs []string, out string, procs int) childResult {
	tb.Helper()
	r, err := childIngest(kind, docs, out, procs)
	if err != nil {
		tb.Fatal(err)
	}
	return r
}

// childIngest is runChild for any goroutine: it returns its error.
func childIngest(kind string, docs []string, out string, procs int) (childResult, error) {
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), envChild+"="+kind, envDocs+"="+strings.Join(docs, string(os.PathListSeparator)),
		envOut+"="+out, "GOMAXPROCS="+strconv.Itoa(procs))
	cmd.Stderr = os.Stderr
	stdout, err := cmd.Output()
	if err != nil {
		return childResult{}, fmt.Errorf("%s ingest of %s: %w", kind, strings.Join(docs, ", "), err)
	}
	var r childResult
	if err := json.Unmarshal(stdout, &r); err != nil {
		return childResult{}, fmt.Errorf("%s ingest: %w: %q", kind, err, stdout)
	}
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		r.CPU = time.Duration(ru.Utime.Nano() + ru.Stime.Nano()).Seconds()
		if r.PeakMB == 0 { // no /proc: the kernel's figure, however inflated
			r.PeakMB = float64(ru.Maxrss) / 1024
		}
	}
	return r, nil
}

func numCPU() int { return runtime.NumCPU() }
