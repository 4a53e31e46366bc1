//go:build unix

package index

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/chitieu/chitieu/extract/domain"
	"github.com/chitieu/chitieu/extract/targets"

	"github.com/chitieu/chitieu/corpus"
)

// Readers open an index beside each other; while a writer that shares it
// has it, they read through the writer, and errors keep their kinds.
func TestShare(t *testing.T) {
	dir := t.TempDir()
	ix, err := Open(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	docs, _ := corpus.Sample()
	// With a domain besides the learning society: readers through the
	// writer get the index's bundles too.
	set, err := domain.NewSet(domain.Builtin(domain.Default), domain.Builtin("chuyendoiso"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ix.Ingest(context.Background(), DocumentSources(docs), IngestOptions{Extractor: targets.New(targets.Options{Domains: set})}); err != nil {
		t.Fatal(err)
	}
	ix.Close()

	r1, err := OpenStore(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	r2, err := OpenStore(dir, Options{})
	if err != nil {
		t.Fatalf("a second reader: %v", err)
	}
	if _, ok := r1.(*Index); !ok {
		t.Errorf("a reader with no writer about is a %T, want *Index", r1)
	}
	if _, err := r1.Run(context.Background(), IngestJob{}, nil); !errors.Is(err, ErrReadOnly) {
		t.Errorf("ingest through a reader: %v, want ErrReadOnly", err)
	}
	// A writer waits for readers, up to its LockWait.
	if _, err := Open(dir, Options{LockWait: 50e6}); !errors.Is(err, ErrInUse) || !strings.Contains(err.Error(), "reading it") {
		t.Errorf("a writer beside readers: %v", err)
	}
	r1.Close()
	r2.Close()

	w, err := Open(dir, Options{Command: "ingest", Share: true})
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	st, err := OpenStore(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	c, ok := st.(*Client)
	if !ok {
		t.Fatalf("a reader beside a sharing writer is a %T, want *Client", st)
	}
	want, _ := w.Search(context.Background(), Request{Query: "nang luc thong tin"})
	got, err := c.Search(context.Background(), Request{Query: "nang luc thong tin"})
	if err != nil || got.Total != want.Total || got.Total == 0 || got.Hits[0].ID != want.Hits[0].ID {
		t.Errorf("search through the writer: %v, %+v; want %+v", err, got, want)
	}
	recs, err := c.Targets(context.Background(), TargetFilter{})
	wrecs, _ := w.Targets(context.Background(), TargetFilter{})
	if err != nil || len(recs) != len(wrecs) || recs[0].Text != wrecs[0].Text {
		t.Errorf("targets through the writer: %v, %d records, want %d", err, len(recs), len(wrecs))
	}
	if dom, err := c.Domains(); err != nil || dom.Hash() != set.Hash() || dom.Bundle("chuyendoiso") == nil {
		t.Errorf("domains through the writer: %v, %v", err, dom)
	}
	if _, err := c.Search(context.Background(), Request{Query: `"unclosed`}); !errors.Is(err, ErrBadQuery) {
		t.Errorf("a bad query through the writer: %v, want ErrBadQuery", err)
	}
	if _, err := c.Document(context.Background(), "nope"); !errors.Is(err, ErrNotFound) {
		t.Errorf("a missing document through the writer: %v, want ErrNotFound", err)
	}
	// An ingest writer takes no writes from others.
	if _, err := c.Run(context.Background(), IngestJob{}, nil); !errors.Is(err, ErrInUse) || !strings.Contains(err.Error(), "'chitieu ingest'") {
		t.Errorf("an ingest through an ingest: %v, want ErrInUse naming it", err)
	}
	if _, err := c.Check(context.Background(), true); !errors.Is(err, ErrInUse) {
		t.Errorf("a repair through an ingest: %v, want ErrInUse", err)
	}
}
