package plangen

import (
	"bytes"
	"context"
	"testing"

	"github.com/chitieu/chitieu/corpus"
	"github.com/chitieu/chitieu/extract"
	"github.com/chitieu/chitieu/extract/targets"
)

// TestDocsExtract checks that generated documents read back as what was
// written: in every format and encoding, the targets the generator wrote
// are the targets extraction finds, for the locality it chose.
func TestDocsExtract(t *testing.T) {
	g := New(1)
	x := targets.New(targets.Options{})
	formats := map[string]bool{}
	for i := range 24 {
		d := g.Doc(i)
		formats[d.Format] = true
		if again := New(1).Doc(i); !bytes.Equal(again.Data, d.Data) || again.Name != d.Name {
			t.Fatalf("doc %d differs between two generators of the same seed", i)
		}
		doc, err := corpus.NewDocument(d.Name, d.Data)
		if err != nil {
			t.Fatal(err)
		}
		td, err := extract.Text(context.Background(), doc, extract.Options{})
		if err != nil {
			t.Fatalf("%s: %v", d.Name, err)
		}
		res, err := x.Extract(td)
		if err != nil {
			t.Fatal(err)
		}
		recs := res.Records()
		if len(recs) != d.Targets {
			t.Errorf("%s (%s): %d targets found, %d written", d.Name, d.Format, len(recs), d.Targets)
		}
		for _, r := range recs {
			if r.Locality != d.Locality || r.Year == 0 || r.Indicator == "" {
				t.Errorf("%s (%s): record %q %s %d for %q", d.Name, d.Format, r.Locality, r.Indicator, r.Year, d.Locality)
				break
			}
		}
	}
	for _, f := range Formats {
		if !formats[f] {
			t.Errorf("no document in format %s", f)
		}
	}
}
