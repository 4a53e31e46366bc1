package extract_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chitieu/chitieu/extract"
)

// TestLegacyCopies checks that the TCVN3 and VNI copies of every seed, made
// by an independent converter (testdata/fixtures/encode.js), come back as
// the seed's text, compared case-insensitively: as 8-bit text files, as
// the mis-decoded characters a page or a PDF yields, as an old web page, and
// as PDFs drawn in .VnTime/.VnTimeH and VNI-Times fonts.
func TestLegacyCopies(t *testing.T) {
	var files []string
	for _, pat := range []string{"legacy/*.tcvn3.txt", "legacy/*.tcvn3.chars.txt", "legacy/*.vni.txt", "legacy/*.vni.chars.txt", "legacy/*.tcvn3.html", "pdf/*.tcvn3.pdf", "pdf/*.vni.pdf"} {
		m, _ := filepath.Glob(filepath.Join(fixtures, pat))
		files = append(files, m...)
	}
	if len(files) < 23 {
		t.Fatalf("found %d legacy fixtures, want at least 23", len(files))
	}
	for _, f := range files {
		name := filepath.Base(f)
		doc, err := extract.Text(context.Background(), load(t, f), extract.Options{})
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		want := strings.ToLower(seedText(t, name[:3]))
		// The text copies keep seed 002's Markdown markers.
		got := strings.ToLower(comparable(strings.ReplaceAll(doc.Text, "**", "")))
		wantEnc := "tcvn3"
		if strings.Contains(name, ".vni.") {
			wantEnc = "vni"
		}
		if doc.Encoding != wantEnc {
			t.Errorf("%s: Encoding = %q, want %q", name, doc.Encoding, wantEnc)
		}
		if got == want {
			continue
		}
		sim := similarity(want, got)
		// PDFs wrap lines and the layout joins them again; text files
		// must come back exactly.
		if strings.HasSuffix(name, ".pdf") && sim >= 0.999 {
			t.Logf("%s: similarity %.4f", name, sim)
			continue
		}
		t.Errorf("%s: decoded text differs from the seed (similarity %.4f); first difference: %s", name, sim, firstDiff(want, got))
	}
}

func firstDiff(a, b string) string {
	ra, rb := []rune(a), []rune(b)
	i := 0
	for i < len(ra) && i < len(rb) && ra[i] == rb[i] {
		i++
	}
	lo := max(0, i-30)
	return "want …" + string(ra[lo:min(len(ra), i+30)]) + "…, got …" + string(rb[lo:min(len(rb), i+30)]) + "…"
}
