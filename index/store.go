package index

import (
	"context"
	"errors"
	"time"

	"github.com/chitieu/chitieu/extract/domain"
	"github.com/chitieu/chitieu/extract/targets"
)

// A Store is an index as commands use it: open in this process (*Index),
// or written by another process and reached through it (*Client).
type Store interface {
	Dir() string
	Search(ctx context.Context, r Request) (*Result, error)
	Targets(ctx context.Context, f TargetFilter) ([]targets.Record, error)
	Documents(ctx context.Context) ([]DocSummary, error)
	Document(ctx context.Context, id string) (*Document, error)
	File(path string) (*Manifest, error)
	Files() ([]Manifest, error)
	Status() (*Status, error)
	// Domains are the policy domains the targets were extracted with.
	Domains() (*domain.Set, error)
	Check(ctx context.Context, repair bool) (*CheckReport, error)
	// Run ingests as the job says, calling progress after files.
	Run(ctx context.Context, j IngestJob, progress func(Progress)) (*Summary, error)
	// Version changes when a write ends: what was read before may be
	// stale.
	Version() uint64
	Close() error
}

var (
	_ Store = (*Index)(nil)
	_ Store = (*Client)(nil)
)

// OpenStore opens the index in dir for reading: itself, beside other
// readers, or, while another process writes it, through that process's
// socket. A Client it returns writes too when its owner takes writes (a
// server does, an ingest does not). opt.ReadOnly is implied.
func OpenStore(dir string, opt Options) (Store, error) {
	opt.ReadOnly = true
	deadline := time.Now().Add(5 * time.Second)
	for {
		ix, err := Open(dir, opt)
		if err == nil {
			return ix, nil
		}
		var iu *InUseError
		if !errors.As(err, &iu) {
			return nil, err
		}
		if iu.Owner.Socket != "" {
			c, cerr := Dial(dir, iu.Owner)
			if cerr == nil {
				return c, nil
			}
			if time.Now().After(deadline) {
				return nil, cerr
			}
		} else if iu.Owner.PID != 0 || time.Now().After(deadline) {
			return nil, err // a writer that shares nothing, or one that never says who it is
		}
		// The writer is starting or ending: try again.
		time.Sleep(50 * time.Millisecond)
	}
}
