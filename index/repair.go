package index

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/chitieu/chitieu/extract/domain"
	"github.com/chitieu/chitieu/internal/panics"

	"github.com/blevesearch/bleve/v2"

	"github.com/chitieu/chitieu/corpus"
)

// saveFiles keeps the list of files beside the store (files.json): if
// the store is lost, Repair still knows what to ingest again. It keeps
// the groups of copies too (copiesFile): every write ends with it.
func (ix *Index) saveFiles() error {
	if err := ix.saveCopies(); err != nil {
		return err
	}
	files, err := ix.Files()
	if err != nil {
		return err
	}
	b, err := json.Marshal(files)
	if err != nil {
		return err
	}
	return writeFileAtomic(filepath.Join(ix.dir, filesFile), b)
}

// RepairOptions configure Repair. The zero value ingests with the default
// options.
type RepairOptions struct {
	Ingest   IngestOptions // Progress, Workers, extraction (Extractor, Text)
	LockWait time.Duration // see Options.LockWait
}

// RepairReport says what Repair found and did.
type RepairReport struct {
	Damages   []Damage  `json:"damages"`
	From      string    `json:"from"`      // where the list of files came from: "the index" or "files.json"
	Files     int       `json:"files"`     // files it lists
	Recovered int       `json:"recovered"` // ingested again
	Lost      []Failure `json:"lost"`      // not ingested again, and why
	Summary   *Summary  `json:"summary"`   // of the new ingest
}

// Repair rebuilds the index in dir from the files it recorded: the list
// of files comes from the old store when that still opens whole, else
// from files.json; each file that still exists and still matches its
// SHA-256 is ingested again into a fresh index (the embedded sample's
// from the binary), which then replaces the old store in one rename. The
// files that are gone or changed are reported as lost: ingest them again
// to index them as they are now. Repair takes the index's lock for
// writing.
func Repair(ctx context.Context, dir string, opt RepairOptions) (rep *RepairReport, err error) {
	defer panics.Recover(&err, "index "+dir+": repair")
	if _, err := os.Stat(dir); err != nil {
		return nil, fmt.Errorf("%w in %s (run 'chitieu ingest' first)", ErrNoIndex, dir)
	}
	wait := opt.LockWait
	if wait <= 0 {
		wait = 30 * time.Second
	}
	release, err := lockDir(dir, false, Owner{PID: os.Getpid(), Command: "check --repair", Since: time.Now().UTC().Truncate(time.Second)}, wait)
	if err != nil {
		return nil, err
	}
	defer release()

	rep = &RepairReport{Damages: Verify(dir, true), Lost: []Failure{}}
	files, from, err := recordedFiles(dir, rep.Damages)
	if err != nil {
		return rep, err
	}
	rep.From, rep.Files = from, len(files)

	fresh := filepath.Join(dir, ".rebuild")
	if err := os.RemoveAll(fresh); err != nil {
		return rep, fmt.Errorf("index %s: repair: %w", dir, err)
	}
	nix, err := Open(fresh, Options{})
	if err != nil {
		return rep, fmt.Errorf("index %s: repair: %w", dir, err)
	}
	srcs, lost := repairSources(files)
	rep.Lost = append(rep.Lost, lost...)
	// The files are extracted again with the domains they were extracted
	// with (domains.json stays where it is).
	if nix.dom, nix.domErr = loadDomains(dir); nix.domErr != nil {
		nix.dom, nix.domErr = domain.DefaultSet(), nil
	}
	rep.Summary, err = nix.Ingest(ctx, srcs, opt.Ingest)
	if err == nil {
		err = nix.saveFiles()
	}
	if cerr := nix.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.RemoveAll(fresh)
		return rep, fmt.Errorf("index %s: repair: %w", dir, err)
	}
	rep.Recovered = rep.Summary.Added + rep.Summary.Updated + rep.Summary.Skipped + rep.Summary.Failed
	// The new store replaces the old one in a single rename (an exchange
	// where the system has one): no moment without a whole store.
	if err := swapDirs(filepath.Join(fresh, storeDir), filepath.Join(dir, storeDir)); err != nil {
		return rep, fmt.Errorf("index %s: repair: replacing the store: %w", dir, err)
	}
	for _, f := range []string{"chitieu.json", lastIngest, filesFile} {
		if err := os.Rename(filepath.Join(fresh, f), filepath.Join(dir, f)); err != nil {
			return rep, fmt.Errorf("index %s: repair: %w", dir, err)
		}
	}
	os.RemoveAll(fresh)
	sort.Slice(rep.Lost, func(i, j int) bool { return rep.Lost[i].Path < rep.Lost[j].Path })
	return rep, nil
}

// recordedFiles returns what the index recorded of its files: from the
// store if it opens whole, else from files.json.
func recordedFiles(dir string, damages []Damage) ([]Manifest, string, error) {
	storeOK := true
	for _, d := range damages {
		if d.File == boltFile || strings.HasPrefix(d.File, segDir+"/") || d.File == storeDir {
			storeOK = false
		}
		if d.File == metaFile {
			// bleve's own metadata holds nothing of ours: write it anew.
			os.WriteFile(filepath.Join(dir, metaFile), []byte(`{"storage":"boltdb","index_type":"scorch"}`), 0o644)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, boltFile)); storeOK && err == nil {
		if b, err := bleve.OpenUsing(filepath.Join(dir, storeDir), map[string]any{"read_only": true}); err == nil {
			old := &Index{dir: dir, bleve: b}
			files, err := old.Files()
			b.Close()
			if err == nil {
				return files, "the index", nil
			}
		}
	}
	b, err := os.ReadFile(filepath.Join(dir, filesFile))
	if err != nil {
		return nil, "", fmt.Errorf("index %s: the store is damaged and %s is missing: the list of files is lost; remove %s and ingest the corpus again", dir, filesFile, dir)
	}
	var files []Manifest
	if err := json.Unmarshal(b, &files); err != nil {
		return nil, "", fmt.Errorf("index %s: the store is damaged and %s is not valid: the list of files is lost; remove %s and ingest the corpus again", dir, filesFile, dir)
	}
	return files, filesFile, nil
}

// repairSources makes sources of the recorded files that are still what
// they were.
func repairSources(files []Manifest) (srcs []Source, lost []Failure) {
	var sample map[string]*corpus.Document
	for _, m := range files {
		if name, ok := strings.CutPrefix(m.Path, "sample:"); ok {
			if sample == nil {
				sample = map[string]*corpus.Document{}
				docs, _ := corpus.Sample()
				for _, d := range docs {
					sample[d.Path] = d
				}
			}
			d := sample[m.Path]
			if d == nil || (m.SHA != "" && d.ID != m.SHA) {
				lost = append(lost, Failure{Path: m.Path, Reason: "no longer in this binary's sample " + name})
				continue
			}
			srcs = append(srcs, Source{Path: m.Path, Load: func() (*corpus.Document, error) { return d, nil }})
			continue
		}
		if m.Status != statusOK || m.SHA == "" {
			// A file that failed is tried again, as an ingest would.
			p := m.Path
			srcs = append(srcs, Source{Path: p, Load: func() (*corpus.Document, error) { return corpus.Load(p) }})
			continue
		}
		from := m.Path
		if m.Real != "" {
			from = m.Real
		}
		data, err := corpus.ReadVerified(from, m.Size, m.SHA)
		if err != nil {
			why := strings.TrimPrefix(err.Error(), from+": ")
			if errors.Is(err, corpus.ErrChanged) {
				why += "; run 'chitieu ingest " + m.Path + "' to index it as it is now"
			}
			lost = append(lost, Failure{Path: m.Path, Reason: why})
			continue
		}
		m := m
		srcs = append(srcs, Source{Path: m.Path, Load: func() (*corpus.Document, error) {
			d, err := corpus.NewDocument(m.Path, data)
			if d != nil {
				d.Real = m.Real
			}
			return d, err
		}})
	}
	return srcs, lost
}
