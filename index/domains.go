package index

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/chitieu/chitieu/extract/domain"
)

// domainsFile holds the policy domains (domain.Set) the index's targets
// were extracted with: every file of every bundle, so that readers use
// them, not the built-in ones.
const domainsFile = "domains.json"

// loadDomains reads the index's domains: the built-in default when the
// index has never stored any (a new index, or one of an older chitieu).
func loadDomains(dir string) (*domain.Set, error) {
	b, err := os.ReadFile(filepath.Join(dir, domainsFile))
	if errors.Is(err, os.ErrNotExist) {
		return domain.DefaultSet(), nil
	}
	if err != nil {
		return nil, fmt.Errorf("index %s: %w", dir, err)
	}
	s, err := domain.Decode(b)
	if err != nil {
		return nil, fmt.Errorf("index %s: %s: %w (ingest again with --domain to rewrite it)", dir, domainsFile, err)
	}
	return s, nil
}

// Domains returns the policy domains of the index: those its last ingest
// used.
func (ix *Index) Domains() (*domain.Set, error) {
	ix.dmu.Lock()
	defer ix.dmu.Unlock()
	return ix.dom, ix.domErr
}

// setDomains stores s as the index's domains, if they are others.
func (ix *Index) setDomains(s *domain.Set) error {
	ix.dmu.Lock()
	defer ix.dmu.Unlock()
	if ix.domErr == nil && ix.dom.Hash() == s.Hash() {
		return nil
	}
	b, err := s.MarshalJSON()
	if err != nil {
		return err
	}
	if err := writeFileAtomic(filepath.Join(ix.dir, domainsFile), b); err != nil {
		return fmt.Errorf("index %s: %w", ix.dir, err)
	}
	ix.dom, ix.domErr = s, nil
	return nil
}

// domainsOrDefault is the index's domains, for reading queries; the
// built-in ones when they do not load (Domains says why, and so does
// 'chitieu check').
func (ix *Index) domainsOrDefault() *domain.Set {
	if s, err := ix.Domains(); err == nil {
		return s
	}
	return domain.DefaultSet()
}
