package corpus

import (
	"embed"
	"io/fs"
	"path"
)

// The sample corpus: the five seed plans, one file each, in the three
// formats the pipeline reads. 000 and 003 are news-portal pages with their
// menus and comments, 001 is plain text, 002 a multi-page PDF printed by
// LibreOffice with a font that lacks Vietnamese letters, 004 a page of a
// legal-document library with its metadata table. They are made from
// testdata/seeds by testdata/fixtures/make.sh.
//
//go:embed sample
var sampleFS embed.FS

// SampleFS returns the embedded sample corpus as a file system.
func SampleFS() fs.FS {
	sub, err := fs.Sub(sampleFS, "sample")
	if err != nil {
		panic(err) // the directory is embedded: cannot happen
	}
	return sub
}

// Sample returns the documents of the embedded sample corpus, in name
// order. Their paths are "sample:NAME".
func Sample() ([]*Document, error) {
	fsys := SampleFS()
	entries, err := fs.ReadDir(fsys, ".")
	if err != nil {
		return nil, err
	}
	var docs []*Document
	for _, e := range entries {
		data, err := fs.ReadFile(fsys, e.Name())
		if err != nil {
			return nil, err
		}
		doc, err := NewDocument("sample:"+e.Name(), data)
		if err != nil {
			return nil, err
		}
		doc.Name = path.Base(e.Name())
		docs = append(docs, doc)
	}
	return docs, nil
}

// The expected targets of the sample corpus: a copy of
// testdata/gold/seeds.jsonl (a test keeps the two equal), so that "chitieu
// eval" and the demo can score the embedded corpus with nothing on disk.
//
//go:embed samplegold/seeds.jsonl
var sampleGold []byte

// SampleGold returns the gold file of the sample corpus (JSON Lines, the
// format of package extract/gold).
func SampleGold() []byte { return sampleGold }
