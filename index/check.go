package index

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"time"

	"github.com/chitieu/chitieu/internal/panics"

	"github.com/blevesearch/bleve/v2"
)

// A Problem is an inconsistency Check finds.
type Problem struct {
	Path  string `json:"path,omitempty"` // the file, when one is concerned
	DocID string `json:"doc_id,omitempty"`
	What  string `json:"what"`
	Fixed bool   `json:"fixed,omitempty"` // by repair
}

// CheckReport is what Check found.
type CheckReport struct {
	Files, Documents, Passages, Targets int
	Problems                            []Problem
}

// Check verifies the index, waiting for a write in progress to end: every document of every file that ingest
// recorded as indexed is there with as many passages and targets as it
// recorded, and no entry belongs to a document no file holds. With
// repair, orphan entries are deleted and the files with missing entries
// are forgotten (their entries and record removed), so that the next
// ingest of their paths indexes them again.
func (ix *Index) Check(ctx context.Context, repair bool) (rep *CheckReport, err error) {
	defer panics.Recover(&err, "index: check")
	rep = &CheckReport{}
	if repair && ix.readOnly {
		return nil, ErrReadOnly
	}
	// Check compares several reads of the index: no write of this
	// process may come between them. (No other process writes an index
	// this one has open.)
	ix.wmu.Lock()
	defer ix.wmu.Unlock()
	if repair {
		defer ix.version.Add(1)
	}
	files, err := ix.manifests()
	if err != nil {
		return nil, err
	}
	rep.Files = len(files)
	counts := map[string]map[string]int{} // kind → doc ID → entries
	for _, kind := range []string{kindDocument, kindPassage, kindTarget} {
		counts[kind] = map[string]int{}
		err := ix.each(kindQuery(kind), nil, func(id string, f map[string]any) error {
			if err := ctx.Err(); err != nil {
				return err
			}
			d := id
			if kind != kindDocument {
				d = entryDocID(id)
			}
			counts[kind][d]++
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	for _, n := range counts[kindDocument] {
		rep.Documents += n
	}
	for _, n := range counts[kindPassage] {
		rep.Passages += n
	}
	for _, n := range counts[kindTarget] {
		rep.Targets += n
	}

	held := map[string]bool{} // document IDs some file holds
	var broken []*Manifest
	paths := make([]string, 0, len(files))
	for p := range files {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	for _, p := range paths {
		m := files[p]
		if m.Status != statusOK {
			continue
		}
		bad := false
		for _, d := range m.Docs {
			held[d.ID] = true
			for _, c := range []struct {
				kind string
				want int
			}{{kindDocument, 1}, {kindPassage, d.Passages}, {kindTarget, d.Targets}} {
				if got := counts[c.kind][d.ID]; got != c.want {
					rep.Problems = append(rep.Problems, Problem{Path: p, DocID: d.ID,
						What: fmt.Sprintf("%d %s entries, the file's record says %d", got, c.kind, c.want)})
					bad = true
				}
			}
		}
		if bad {
			broken = append(broken, m)
		}
	}
	orphans := map[string]bool{}
	for _, kind := range []string{kindDocument, kindPassage, kindTarget} {
		for d, n := range counts[kind] {
			if !held[d] && !orphans[d] {
				orphans[d] = true
				rep.Problems = append(rep.Problems, Problem{DocID: d, What: fmt.Sprintf("%d %s entries of a document no file holds", n, kind)})
			}
		}
	}
	if !repair || len(rep.Problems) == 0 {
		return rep, nil
	}
	w := writer{ix: ix, max: 5000, shaPaths: map[string][]string{}, known: files, inflight: 1}
	for _, m := range broken {
		w.remove(m.Path, m)
	}
	for d := range orphans {
		// The entries of an orphan document, whatever their number.
		for _, kind := range []string{kindDocument, kindPassage, kindTarget} {
			q := bleve.NewConjunctionQuery(kindQuery(kind), termQuery(fieldDocID, d))
			err := ix.each(q, nil, func(id string, _ map[string]any) error {
				w.batch().Delete(id)
				w.n++
				return nil
			})
			if err != nil {
				return rep, err
			}
		}
	}
	if err := w.close(); err != nil {
		return rep, err
	}
	for i := range rep.Problems {
		rep.Problems[i].Fixed = true
	}
	return rep, ix.saveFiles()
}

// lastIngest is the file that keeps the summary of the last ingest.
const lastIngest = "last-ingest.json"

// IngestRecord is the summary of the last ingest, kept beside the index.
type IngestRecord struct {
	Time    time.Time `json:"time"`
	Summary *Summary  `json:"summary"`
}

// saveSummary keeps the summary of an ingest for Status.
func (ix *Index) saveSummary(s *Summary) error {
	b, err := json.MarshalIndent(IngestRecord{Time: time.Now().UTC(), Summary: s}, "", "  ")
	if err != nil {
		return err
	}
	return writeFileAtomic(filepath.Join(ix.dir, lastIngest), b)
}

// Status is what an index holds and what its last ingest did.
type Status struct {
	Stats
	Failures []Failure     `json:"failures"` // every file recorded as failed, with its reason
	Last     *IngestRecord `json:"last_ingest,omitempty"`
	Problems []string      `json:"problems,omitempty"` // with the index's own files
	Domains  []string      `json:"domains,omitempty"`  // the policy domains of its targets
}

// Status returns the index's counts, its failed files and the summary of
// the last ingest.
func (ix *Index) Status() (*Status, error) {
	st, err := ix.Stats()
	if err != nil {
		return nil, err
	}
	s := &Status{Stats: st, Failures: []Failure{}}
	if dom, err := ix.Domains(); err == nil {
		s.Domains = dom.Names()
	} else {
		s.Problems = append(s.Problems, err.Error())
	}
	files, err := ix.Files()
	if err != nil {
		return nil, err
	}
	for _, f := range files {
		if f.Status == statusFailed {
			s.Failures = append(s.Failures, Failure{Path: f.Path, Reason: f.Reason})
		}
	}
	if b, err := os.ReadFile(filepath.Join(ix.dir, lastIngest)); err == nil {
		var rec IngestRecord
		if err := json.Unmarshal(b, &rec); err != nil {
			s.Problems = append(s.Problems, lastIngest+" is not valid JSON (the summary of the last ingest is lost); run 'chitieu check --repair'")
		} else {
			s.Last = &rec
		}
	}
	return s, nil
}
