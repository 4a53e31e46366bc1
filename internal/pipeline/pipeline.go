// Package pipeline runs text and target extraction over a set of
// documents in one call, for tests and tools that need every record of a
// corpus at once (the commands stream documents one by one instead).
package pipeline

import (
	"context"

	"github.com/chitieu/chitieu/corpus"
	"github.com/chitieu/chitieu/extract"
	"github.com/chitieu/chitieu/extract/targets"
)

// Output is what extraction gives for a set of documents.
type Output struct {
	Records    []targets.Record
	Programmes map[string][]string // by document ID
	Texts      map[string]string   // normalized text, by path
}

// Extract extracts docs with x (the default extractor if nil). It stops at
// the first document that fails.
func Extract(ctx context.Context, docs []*corpus.Document, x *targets.Extractor) (*Output, error) {
	if x == nil {
		x = targets.New(targets.Options{})
	}
	out := &Output{Programmes: map[string][]string{}, Texts: map[string]string{}}
	for _, doc := range docs {
		d, err := extract.Text(ctx, doc, extract.Options{})
		if err != nil {
			return nil, err
		}
		res, err := x.Extract(d)
		if err != nil {
			return nil, err
		}
		out.Texts[d.Path] = d.Text
		for _, dd := range res.Docs {
			out.Programmes[dd.ID] = dd.Programmes
		}
		out.Records = append(out.Records, res.Records()...)
	}
	return out, nil
}
