package index

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"testing"

	"github.com/chitieu/chitieu/corpus"
	"github.com/chitieu/chitieu/internal/plangen"
)

var genOnce sync.Map

// genCorpus writes n generated documents once per test binary run into a
// directory under the system's temporary directory, reused across runs.
func genCorpus(tb testing.TB, n int) string {
	dir := filepath.Join(os.TempDir(), "chitieu-plangen-1", "n"+itoa(n))
	v, _ := genOnce.LoadOrStore(dir, new(sync.Once))
	var err error
	v.(*sync.Once).Do(func() { _, err = plangen.New(1).WriteCorpus(dir, n) })
	if err != nil {
		tb.Fatal(err)
	}
	return dir
}

func itoa(n int) string {
	return strconv.Itoa(n)
}

func BenchmarkIngestSmall(b *testing.B) {
	dir := genCorpus(b, 300)
	for b.Loop() {
		ix, err := Open(b.TempDir(), Options{})
		if err != nil {
			b.Fatal(err)
		}
		srcs, _ := FileSources(corpus.Loader{}, []string{dir})
		if _, err := ix.Ingest(context.Background(), srcs, IngestOptions{}); err != nil {
			b.Fatal(err)
		}
		ix.Close()
	}
}
