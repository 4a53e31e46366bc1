package web

import (
	"context"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/chitieu/chitieu/corpus"
	"github.com/chitieu/chitieu/index"
	"github.com/chitieu/chitieu/internal/plangen"
)

// BenchmarkSearchAPI serves an index of 1,000 generated plans on loopback
// and sends /api/search requests from 16 concurrent clients: requests/s
// and the latency percentiles of single requests.
// benchServer serves an index of 1,000 generated plans on loopback, once
// per test binary: the benchmark function runs several times.
var benchServer struct {
	sync.Once
	addr string
	err  error
}

func serveBenchIndex(b *testing.B) string {
	benchServer.Do(func() {
		benchServer.addr, benchServer.err = startBenchServer(b)
	})
	if benchServer.err != nil {
		b.Fatal(benchServer.err)
	}
	return benchServer.addr
}

func startBenchServer(b *testing.B) (string, error) {
	docs := filepath.Join(os.TempDir(), "chitieu-bench", "plans-1000")
	if _, err := plangen.New(1).WriteCorpus(docs, 1000); err != nil {
		return "", err
	}
	dir, err := os.MkdirTemp("", "chitieu-bench-web-")
	if err != nil {
		return "", err
	}
	ix, err := index.Open(dir, index.Options{})
	if err != nil {
		return "", err
	}
	srcs, err := index.FileSources(corpus.Loader{}, []string{docs})
	if err != nil {
		return "", err
	}
	if _, err := ix.Ingest(context.Background(), srcs, index.IngestOptions{}); err != nil {
		return "", err
	}
	s, err := New(ix, Options{})
	if err != nil {
		return "", err
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	go s.HTTPServer(ln.Addr().String()).Serve(ln)
	return ln.Addr().String(), nil
}

func BenchmarkSearchAPI(b *testing.B) {
	addr := serveBenchIndex(b)
	base := "http://" + addr + "/api/search?facets=1&q="
	queries := []string{"nang luc thong tin", "xây dựng xã hội học tập", `"kỹ năng sống" year:2030`, "hoc tap province:27",
		"trung tam hoc tap cong dong", "gia đình học tập", "indicator:life_skills value:>=60", "khuyen hoc", "chuyển đổi số", "thư*"}
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 64}}
	const clients = 16
	var next atomic.Int64
	var mu sync.Mutex
	var lat []time.Duration
	b.ResetTimer()
	start := time.Now()
	var wg sync.WaitGroup
	for range clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var mine []time.Duration
			for {
				i := next.Add(1)
				if i > int64(b.N) {
					break
				}
				t0 := time.Now()
				resp, err := client.Get(base + url.QueryEscape(queries[int(i)%len(queries)]))
				if err != nil {
					b.Error(err)
					return
				}
				io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				if resp.StatusCode != 200 {
					b.Errorf("status %d", resp.StatusCode)
					return
				}
				mine = append(mine, time.Since(t0))
			}
			mu.Lock()
			lat = append(lat, mine...)
			mu.Unlock()
		}()
	}
	wg.Wait()
	el := time.Since(start)
	b.StopTimer()
	if len(lat) == 0 {
		return
	}
	slices.Sort(lat)
	ms := func(p float64) float64 { return float64(lat[int(p*float64(len(lat)-1))].Microseconds()) / 1000 }
	b.ReportMetric(float64(len(lat))/el.Seconds(), "req/s")
	b.ReportMetric(ms(0.5), "p50-ms")
	b.ReportMetric(ms(0.99), "p99-ms")
}
