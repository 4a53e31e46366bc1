package index

import (
	"context"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"hash/fnv"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"unicode"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"
	"github.com/chitieu/chitieu/extract/vntext"
)

// Document identity. One plan is often published as several files: the
// signed scan as PDF, the Word file it was typed in, the portal's HTML
// page. Those are one document with several files: searches show it once,
// comparisons and audits count its targets once, and its page links every
// file.
//
// Two documents are the same when
//   - they have the same type, number, date and issuing locality (a number
//     such as 68/KH-UBND is reused by every province; with its issuer and
//     date it names one act), or
//   - their texts are near-identical (a sketch of their word shingles
//     agrees in at least sameText of its positions) and nothing in their
//     headers tells them apart: a district that copies its province's
//     plan gives it its own number and date, a commune plan made from a
//     template names its own commune.
//
// Of each group of the same document one file is shown, its primary: the
// one with the most targets (the text the extraction read best), then the
// one in the most faithful format, then the first ID. A search that
// matches only other files of the group shows the first of those.

// sketchSize is the number of minimum hashes in a text's sketch.
const sketchSize = 32

// shingle is the number of words hashed together.
const shingle = 5

// sameText is the fraction of a sketch's positions that must agree for
// two texts to be the same document's: the estimated Jaccard similarity
// of their shingles.
const sameText = 0.75

// sketch returns the MinHash sketch of a text's word shingles, folded (so
// that a legacy-encoded PDF and its Word file agree), as hex; "" for a
// text too short to tell apart.
func sketch(text string) string {
	words := strings.FieldsFunc(vntext.Fold(text), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	if len(words) < 4*shingle {
		return ""
	}
	var mins [sketchSize]uint64
	for i := range mins {
		mins[i] = ^uint64(0)
	}
	h := fnv.New64a()
	for i := 0; i+shingle <= len(words); i++ {
		h.Reset()
		for _, w := range words[i : i+shingle] {
			h.Write([]byte(w))
			h.Write([]byte{' '})
		}
		x := h.Sum64()
		for j := range mins {
			if v := mix(x + uint64(j)*0x9e3779b97f4a7c15); v < mins[j] {
				mins[j] = v
			}
		}
	}
	b := make([]byte, 4*sketchSize)
	for j, m := range mins {
		binary.BigEndian.PutUint32(b[4*j:], uint32(m>>32))
	}
	return hex.EncodeToString(b)
}

// mix is SplitMix64's finalizer: one of sketchSize independent hash
// functions per seed added to x.
func mix(x uint64) uint64 {
	x ^= x >> 30
	x *= 0xbf58476d1ce4e5b9
	x ^= x >> 27
	x *= 0x94d049bb133111eb
	return x ^ x>>31
}

// similarity is the fraction of positions where two sketches agree; 0 if
// either is missing.
func similarity(a, b string) float64 {
	if len(a) != 8*sketchSize || len(b) != 8*sketchSize {
		return 0
	}
	n := 0
	for i := 0; i < len(a); i += 8 {
		if a[i:i+8] == b[i:i+8] {
			n++
		}
	}
	return float64(n) / sketchSize
}

// A File is one file that holds a document.
type File struct {
	ID     string `json:"doc_id"` // the document's ID in that file
	Path   string `json:"path"`
	Format string `json:"format"`
}

// idDoc is what identity reads of a document entry.
type idDoc struct {
	File
	docType, number, date, locality string
	sketch                          string
	targets                         int
}

var idFields = append([]string{fieldPath, "format", "sketch", "targets"}, metaFields()...)

func idDocOf(id string, f map[string]any) idDoc {
	str := func(k string) string { s, _ := f[k].(string); return s }
	m := metaOf(f)
	d := idDoc{
		File:    File{ID: id, Path: str(fieldPath), Format: str("format")},
		docType: key(m.DocType), number: key(m.DocNumber), date: m.DocDate,
		locality: m.LocalityCode, sketch: str("sketch"), targets: int(num(f, "targets")),
	}
	if d.locality == "" {
		d.locality = key(m.Issuer)
	}
	return d
}

// actKey names the act a document is: its type, number, date and
// locality; "" when one is missing.
func (d *idDoc) actKey() string {
	if d.number == "" || d.date == "" || d.locality == "" {
		return ""
	}
	return d.docType + "|" + d.number + "|" + d.date + "|" + d.locality
}

// sameAs reports whether the headers of two documents whose texts are
// near-identical allow them to be one: numbers, where both have one, must
// agree (and then a locality read differently, as from a legacy-encoded
// header, does not matter); otherwise neither dates nor localities may
// differ.
func (d *idDoc) sameAs(o *idDoc) bool {
	differ := func(a, b string) bool { return a != "" && b != "" && a != b }
	if differ(d.docType, o.docType) || differ(d.date, o.date) {
		return false
	}
	if d.number != "" && o.number != "" {
		return d.number == o.number
	}
	return !differ(d.locality, o.locality)
}

// formatRank orders formats by how faithfully their text is read: typed
// text first, PDF (whose text layer may be odd) after.
var formatRank = map[string]int{"docx": 0, "odt": 1, "doc": 2, "html": 3, "txt": 4, "pdf": 5}

// better reports whether d should be shown rather than o.
func (d *idDoc) better(o *idDoc) bool {
	if d.targets != o.targets {
		return d.targets > o.targets
	}
	rd, okd := formatRank[d.Format]
	ro, oko := formatRank[o.Format]
	if !okd {
		rd = len(formatRank)
	}
	if !oko {
		ro = len(formatRank)
	}
	if rd != ro {
		return rd < ro
	}
	return d.ID < o.ID
}

// copies are the groups of documents that are one: for each document in
// a group of two or more, its group's files, the primary first.
type copies struct {
	version uint64
	groups  map[string][]File // document ID → its group
	list    [][]File          // the groups
	members []string          // the documents in groups
}

// Also returns the other files of a document's group, nil if it has none.
func (c *copies) Also(id string) []File {
	var out []File
	for _, f := range c.groups[id] {
		if f.ID != id {
			out = append(out, f)
		}
	}
	return out
}

// CopyOf returns the primary of a document's group, "" if it is its own.
func (c *copies) CopyOf(id string) string {
	if g := c.groups[id]; len(g) > 0 && g[0].ID != id {
		return g[0].ID
	}
	return ""
}

// hide returns q without the entries of the documents of a group but
// one: the first in the group's order that q matches, so that a word
// found only in one file (the scanned signature page, an appendix one
// file lacks) is still found, in that file.
func (c *copies) hide(ctx context.Context, ix *Index, q query.Query) (query.Query, error) {
	if len(c.list) == 0 {
		return q, nil
	}
	req := bleve.NewSearchRequestOptions(bleve.NewConjunctionQuery(q, docIDs(c.members)), 0, 0, false)
	req.AddFacet(fieldDocID, bleve.NewFacetRequest(fieldDocID, len(c.members)))
	sr, err := ix.bleve.SearchInContext(ctx, req)
	if err != nil {
		return nil, fmt.Errorf("index: search: %w", err)
	}
	matched := map[string]bool{}
	if fr := sr.Facets[fieldDocID]; fr != nil && fr.Terms != nil {
		for _, t := range fr.Terms.Terms() {
			matched[t.Term] = true
		}
	}
	var hidden []string
	for _, g := range c.list {
		shown := 0
		for i, f := range g {
			if matched[f.ID] {
				shown = i
				break
			}
		}
		for i, f := range g {
			if i != shown {
				hidden = append(hidden, f.ID)
			}
		}
	}
	b := bleve.NewBooleanQuery()
	b.AddMust(q)
	b.AddMustNot(docIDs(hidden))
	return b, nil
}

// docIDs is a query for the entries of documents.
func docIDs(ids []string) query.Query {
	qs := make([]query.Query, len(ids))
	for i, id := range ids {
		qs[i] = termQuery(fieldDocID, id)
	}
	return bleve.NewDisjunctionQuery(qs...)
}

// groupCopies groups docs that are the same document.
func groupCopies(docs []idDoc) *copies {
	parent := make([]int, len(docs))
	for i := range parent {
		parent[i] = i
	}
	var find func(int) int
	find = func(i int) int {
		for parent[i] != i {
			parent[i] = parent[parent[i]]
			i = parent[i]
		}
		return i
	}
	union := func(i, j int) {
		if a, b := find(i), find(j); a != b {
			parent[b] = a
		}
	}
	acts := map[string]int{}
	// Sketches meet in buckets by bands of bandSize positions: two
	// texts of similarity s share one of them with probability
	// 1-(1-s^4)^8, 0.9 at s = 0.75.
	const bandSize = 4
	bands := map[string][]int{}
	for i := range docs {
		d := &docs[i]
		if k := d.actKey(); k != "" {
			if j, ok := acts[k]; ok {
				union(j, i)
			} else {
				acts[k] = i
			}
		}
		if d.sketch == "" {
			continue
		}
		for b := 0; b < sketchSize/bandSize; b++ {
			k := string(rune('a'+b)) + d.sketch[8*bandSize*b:8*bandSize*(b+1)]
			for _, j := range bands[k] {
				if find(j) != find(i) && similarity(d.sketch, docs[j].sketch) >= sameText && d.sameAs(&docs[j]) {
					union(j, i)
				}
			}
			bands[k] = append(bands[k], i)
		}
	}
	members := map[int][]int{}
	for i := range docs {
		r := find(i)
		members[r] = append(members[r], i)
	}
	c := &copies{groups: map[string][]File{}}
	for _, m := range members {
		if len(m) < 2 {
			continue
		}
		sort.Slice(m, func(a, b int) bool { return docs[m[a]].better(&docs[m[b]]) })
		files := make([]File, len(m))
		for k, i := range m {
			files[k] = docs[i].File
		}
		for _, i := range m {
			c.groups[docs[i].ID] = files
			c.members = append(c.members, docs[i].ID)
		}
		c.list = append(c.list, files)
	}
	sort.Slice(c.list, func(i, j int) bool { return c.list[i][0].ID < c.list[j][0].ID })
	sort.Strings(c.members)
	return c
}

// copiesFile keeps the groups of copies beside the store, written after
// each write: finding them reads every document entry (about 50 ms a
// thousand documents), which a command should not pay at each search.
const copiesFile = "copies.json"

// copiesDisk is copiesFile's content.
type copiesDisk struct {
	Documents uint64   `json:"documents"` // in the index when written: another count means it is stale
	Groups    [][]File `json:"groups"`
}

// copies returns the index's groups of copies: as saved after the last
// write when that is current, else found again; kept until the next
// write.
func (ix *Index) copies(ctx context.Context) (*copies, error) {
	v := ix.version.Load()
	ix.cmu.Lock()
	defer ix.cmu.Unlock()
	if ix.cp != nil && ix.cp.version == v {
		return ix.cp, nil
	}
	n, err := ix.count(kindQuery(kindDocument))
	if err != nil {
		return nil, err
	}
	c := ix.loadCopies(n)
	if c == nil {
		if c, err = ix.findCopies(ctx); err != nil {
			return nil, err
		}
	}
	c.version = v
	ix.cp = c
	return c, nil
}

// findCopies reads every document entry and groups the copies.
func (ix *Index) findCopies(ctx context.Context) (*copies, error) {
	var docs []idDoc
	err := ix.each(kindQuery(kindDocument), idFields, func(id string, f map[string]any) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		docs = append(docs, idDocOf(id, f))
		return nil
	})
	if err != nil {
		return nil, err
	}
	return groupCopies(docs), nil
}

// loadCopies reads copiesFile, nil when it is missing, damaged or stale
// (it counted other than n documents).
func (ix *Index) loadCopies(n uint64) *copies {
	b, err := os.ReadFile(filepath.Join(ix.dir, copiesFile))
	var d copiesDisk
	if err != nil || json.Unmarshal(b, &d) != nil || d.Documents != n {
		return nil
	}
	c := &copies{groups: map[string][]File{}, list: d.Groups}
	for _, g := range d.Groups {
		for _, f := range g {
			c.groups[f.ID] = g
			c.members = append(c.members, f.ID)
		}
	}
	sort.Strings(c.members)
	return c
}

// saveCopies finds the groups of copies and writes copiesFile; the
// writer calls it after each write.
func (ix *Index) saveCopies() error {
	n, err := ix.count(kindQuery(kindDocument))
	if err != nil {
		return err
	}
	c, err := ix.findCopies(context.Background())
	if err != nil {
		return err
	}
	b, err := json.Marshal(copiesDisk{Documents: n, Groups: c.list})
	if err != nil {
		return err
	}
	return writeFileAtomic(filepath.Join(ix.dir, copiesFile), b)
}
