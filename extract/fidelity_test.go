package extract_test

import (
	"context"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/chitieu/chitieu/corpus"
	"github.com/chitieu/chitieu/extract"
	"github.com/chitieu/chitieu/extract/pdftext"
	"github.com/chitieu/chitieu/extract/vntext"
)

const fixtures = "../testdata/fixtures"

// seedText returns the seed NNN as the fidelity test compares it: its
// Markdown bold markers removed, normalized, whitespace collapsed.
func seedText(t testing.TB, n string) string {
	t.Helper()
	m, _ := filepath.Glob("../testdata/seeds/" + n + "_*.txt")
	if len(m) != 1 {
		t.Fatalf("seed %s: %d files", n, len(m))
	}
	b, err := os.ReadFile(m[0])
	if err != nil {
		t.Fatal(err)
	}
	return comparable(strings.ReplaceAll(string(b), "**", ""))
}

func comparable(s string) string {
	return strings.Join(strings.Fields(vntext.Normalize(s)), " ")
}

// similarity is 2M/(len(a)+len(b)) over runes, M the length of the longest
// common subsequence, computed with Myers' O(ND) algorithm. Past maxD edits
// it gives up and returns an upper bound.
func similarity(a, b string) float64 {
	x, y := []rune(a), []rune(b)
	n, m := len(x), len(y)
	if n+m == 0 {
		return 1
	}
	maxD := min(max((n+m)/10, 64), n+m)
	off := maxD + 1
	v := make([]int, 2*maxD+3)
	for d := 0; d <= maxD; d++ {
		for k := -d; k <= d; k += 2 {
			var i int
			if k == -d || k != d && v[off+k-1] < v[off+k+1] {
				i = v[off+k+1]
			} else {
				i = v[off+k-1] + 1
			}
			j := i - k
			for i < n && j < m && x[i] == y[j] {
				i++
				j++
			}
			v[off+k] = i
			if i >= n && j >= m {
				lcs := (n + m - d) / 2
				return 2 * float64(lcs) / float64(n+m)
			}
		}
	}
	return 2 * float64((n+m-maxD)/2) / float64(n+m)
}

func TestSimilarity(t *testing.T) {
	tests := []struct {
		a, b string
		want float64
	}{
		{"", "", 1}, {"abc", "abc", 1}, {"abcd", "abxd", 0.75}, {"kế hoạch", "kế hoạch", 1},
		{"abcdefghij", "abcdefghijXX", 2 * 10.0 / 22},
	}
	for _, tt := range tests {
		if got := similarity(tt.a, tt.b); got < tt.want-1e-9 || got > tt.want+1e-9 {
			t.Errorf("similarity(%q, %q) = %v, want %v", tt.a, tt.b, got, tt.want)
		}
	}
}

func load(t testing.TB, path string) *corpus.Document {
	t.Helper()
	doc, err := corpus.Load(path)
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

// TestFidelity checks that the text of every PDF and HTML fixture equals the
// text of the seed it was made from for at least 99% of its characters.
func TestFidelity(t *testing.T) {
	var files []string
	for _, pat := range []string{fixtures + "/pdf/*.pdf", fixtures + "/html/*.html", "../corpus/sample/*.html", "../corpus/sample/*.pdf"} {
		m, _ := filepath.Glob(pat)
		files = append(files, m...)
	}
	sort.Strings(files)
	if len(files) < 30 {
		t.Fatalf("found %d fixtures, want at least 40", len(files))
	}
	engines := []pdftext.Engine{pdftext.Go}
	if havePoppler(t) {
		engines = append(engines, pdftext.Poppler)
	}
	for _, f := range files {
		name := filepath.Base(f)
		if strings.Contains(name, ".tcvn3.") || strings.Contains(name, ".vni.") {
			continue // legacy copies are lower-cased: TestLegacyCopies
		}
		if name[0] < '0' || name[0] > '9' {
			continue // not made from a seed
		}
		want := seedText(t, name[:3])
		for _, eng := range engines {
			if eng == pdftext.Poppler && !strings.HasSuffix(name, ".pdf") {
				continue
			}
			doc, err := extract.Text(context.Background(), load(t, f), extract.Options{PDFEngine: eng})
			if err != nil {
				t.Errorf("%s: %v", name, err)
				continue
			}
			got := comparable(doc.Text)
			sim := similarity(want, got)
			t.Logf("fidelity %-28s %-7s %.4f", name, eng, sim)
			// The pure-Go engine must reach 99% on every fixture;
			// poppler is measured for comparison only.
			if eng == pdftext.Go && sim < 0.99 {
				t.Errorf("%s: fidelity %.4f < 0.99", name, sim)
			}
		}
	}
}

// havePoppler reports whether pdftotext is installed; in CI it must be.
func havePoppler(t testing.TB) bool {
	_, err := pdftext.Extract(context.Background(), minimalPDF, pdftext.Options{Engine: pdftext.Poppler})
	if err == pdftext.ErrNoPoppler {
		if os.Getenv("CI") != "" {
			t.Fatalf("CI: pdftotext is missing (.ci/run installs poppler-utils)")
		}
		return false
	}
	return true
}

var minimalPDF = []byte("%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n")
