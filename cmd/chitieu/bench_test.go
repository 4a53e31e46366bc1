package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// BenchmarkBinary builds the binary and reports its size, which the
// embedded data (the gazetteer's 126 KB of communes, the sample corpus,
// the domains) adds to: 34.18 MB at the gazetteer of issue 17, 33.94 MB
// before it.
func BenchmarkBinary(b *testing.B) {
	out := filepath.Join(b.TempDir(), "chitieu")
	for b.Loop() {
		cmd := exec.Command("go", "build", "-o", out, ".")
		if msg, err := cmd.CombinedOutput(); err != nil {
			b.Fatalf("go build: %v\n%s", err, msg)
		}
	}
	fi, err := os.Stat(out)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportMetric(float64(fi.Size()), "binary-bytes")
}
