package wordtext

import (
	"os"
	"path/filepath"
	"testing"
)

func benchRead(b *testing.B, glob string, read func([]byte, Options) (*Result, error)) {
	paths, _ := filepath.Glob(glob)
	var files [][]byte
	size := 0
	for _, p := range paths {
		d, err := os.ReadFile(p)
		if err != nil {
			b.Fatal(err)
		}
		files = append(files, d)
		size += len(d)
	}
	b.SetBytes(int64(size))
	b.ResetTimer()
	for range b.N {
		for _, f := range files {
			if _, err := read(f, Options{}); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// BenchmarkDOCX reads the development set's DOCX copies (MB/s of files).
func BenchmarkDOCX(b *testing.B) { benchRead(b, "../../testdata/office/docx/*.docx", DOCX) }

// BenchmarkDOC reads the development set's DOC copies (MB/s of files).
func BenchmarkDOC(b *testing.B) { benchRead(b, "../../testdata/office/doc/*.doc", DOC) }
