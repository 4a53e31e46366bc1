package index

import (
	"errors"
	"fmt"

	"github.com/blevesearch/bleve/v2"
)

// OpenShards opens several indexes for reading as one: a corpus too large
// for one index (or one machine's ingest) is split into shards, by
// province or by file, each ingested into its own directory by its own
// process, and searched together through a bleve IndexAlias. Searches,
// facets, targets and documents span every shard; hits of all shards are
// ranked together (each shard scores with its own term statistics, so
// scores of shards with very different vocabularies compare less well).
// The result is read-only: ingest writes one shard at a time, with Open.
func OpenShards(dirs []string, opt Options) (ix *Index, err error) {
	if len(dirs) == 0 {
		return nil, errors.New("index: no shards")
	}
	if len(dirs) == 1 {
		opt.ReadOnly = true
		return Open(dirs[0], opt)
	}
	opt.ReadOnly = true
	var shards []*Index
	defer func() {
		if err != nil {
			for _, s := range shards {
				s.Close()
			}
		}
	}()
	alias := bleve.NewIndexAlias()
	for _, d := range dirs {
		s, err := Open(d, opt)
		if err != nil {
			return nil, fmt.Errorf("shard %s: %w", d, err)
		}
		shards = append(shards, s)
		alias.Add(s.bleve)
	}
	// Every shard has the same mapping: the alias need not check it on
	// each search.
	if err := alias.SetIndexMapping(shards[0].bleve.Mapping()); err != nil {
		return nil, fmt.Errorf("index: shards: %w", err)
	}
	first := shards[0]
	ix = &Index{dir: dirs[0], bleve: alias, gaz: first.gaz, dom: first.dom, domErr: first.domErr, readOnly: true}
	ix.release = func() {
		for _, s := range shards {
			s.Close()
		}
	}
	return ix, nil
}
