package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/chitieu/chitieu/index"
)

// indexFlag registers --index.
func indexFlag(fs *flag.FlagSet) *string {
	return fs.String("index", index.DefaultDir, "index directory (commands that only read take several, comma-separated: shards searched together)")
}

// noIndexError is openIndex's error for a directory with no index.
type noIndexError struct{ dir string }

func (e *noIndexError) Error() string {
	return "no index in " + e.dir + ": run 'chitieu ingest [PATH...]' first, or give --index"
}

func (e *noIndexError) Is(target error) bool { return target == index.ErrNoIndex }

// openIndex opens an existing index for reading commands: itself, or
// through the process that writes it.
func openIndex(dir string) (index.Store, error) {
	if strings.Contains(dir, ",") {
		// Shards, each ingested on its own, read together.
		ix, err := index.OpenShards(strings.Split(dir, ","), index.Options{})
		if errors.Is(err, index.ErrNoIndex) {
			return nil, fmt.Errorf("%w: run 'chitieu ingest --index SHARD PATH...' for each shard first", err)
		}
		return ix, err
	}
	st, err := index.OpenStore(dir, index.Options{})
	if errors.Is(err, index.ErrNoIndex) {
		return nil, &noIndexError{dir}
	}
	return st, err
}

// openWriter opens the index for a command that writes it; while a
// server has it open, the command writes through the server.
func openWriter(dir, command string, stderr io.Writer) (index.Store, error) {
	// Only ingest makes a new index.
	ix, err := index.Open(dir, index.Options{Command: command, Share: true, NoCreate: command != "ingest"})
	if errors.Is(err, index.ErrNoIndex) {
		return nil, &noIndexError{dir}
	}
	var iu *index.InUseError
	if err == nil {
		return ix, nil
	}
	if !errors.As(err, &iu) || !iu.Owner.Writes || iu.Owner.Socket == "" {
		return nil, err
	}
	c, derr := index.Dial(dir, iu.Owner)
	if derr != nil {
		return nil, derr
	}
	fmt.Fprintf(stderr, "chitieu %s: 'chitieu %s' (PID %d) has %s open; %s goes through it\n", command, iu.Owner.Command, iu.Owner.PID, dir, command)
	return c, nil
}

// withIndex opens the index in dir for reading, calls fn with it and
// closes it.
func withIndex(dir string, fn func(index.Store) error) error {
	st, err := openIndex(dir)
	if err != nil {
		return err
	}
	defer st.Close()
	return fn(st)
}
