package index

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chitieu/chitieu/corpus"
	"github.com/chitieu/chitieu/extract/domain"
	"github.com/chitieu/chitieu/extract/targets"
)

// TestDomainsStored checks that an index keeps the domains its ingest
// used, reads them back when opened, and says so when their file is
// damaged, without refusing to open.
func TestDomainsStored(t *testing.T) {
	dir := t.TempDir()
	ix, err := Open(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if s, err := ix.Domains(); err != nil || s.Hash() != domain.DefaultSet().Hash() {
		t.Errorf("a new index's domains: %v, %v", s, err)
	}
	set, _ := domain.NewSet(domain.Builtin(domain.Default), domain.Builtin("nongthonmoi"))
	docs, _ := corpus.Sample()
	if _, err := ix.Ingest(context.Background(), DocumentSources(docs[:1]), IngestOptions{Extractor: targets.New(targets.Options{Domains: set})}); err != nil {
		t.Fatal(err)
	}
	ix.Close()
	ix, err = Open(dir, Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	if s, err := ix.Domains(); err != nil || s.Hash() != set.Hash() {
		t.Errorf("domains read back: %v, %v", s, err)
	}
	ix.Close()

	os.WriteFile(filepath.Join(dir, domainsFile), []byte(`[{"name":"x","hash":"0","files":{}}]`), 0o644)
	if ds := Verify(dir, false); len(ds) != 1 || ds[0].File != domainsFile || ds[0].Fatal {
		t.Errorf("Verify of a damaged domains.json: %+v", ds)
	}
	ix, err = Open(dir, Options{ReadOnly: true})
	if err != nil {
		t.Fatalf("an index with a damaged domains.json does not open: %v", err)
	}
	defer ix.Close()
	if _, err := ix.Domains(); err == nil || !strings.Contains(err.Error(), domainsFile) {
		t.Errorf("Domains of a damaged domains.json: %v", err)
	}
}
