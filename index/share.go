package index

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/chitieu/chitieu/internal/panics"
)

// The owner of an index shares it on a Unix socket in a directory of its
// own under the system's temporary directory (mode 0700: only its user,
// and root, can reach it), named in the index's lock file. The protocol
// is JSON over HTTP, private to chitieu: see Client.

// share starts the socket server; requests wait until Open is done.
func (ix *Index) share() (socket string, stop func(), err error) {
	tmp, err := os.MkdirTemp("", "chitieu-")
	if err != nil {
		return "", nil, err
	}
	if err := os.Chmod(tmp, 0o700); err != nil {
		os.RemoveAll(tmp)
		return "", nil, err
	}
	socket = filepath.Join(tmp, "index.sock")
	ln, err := net.Listen("unix", socket)
	if err != nil {
		os.RemoveAll(tmp)
		return "", nil, err
	}
	ready := make(chan struct{})
	var once sync.Once
	ix.ready = func() { once.Do(func() { close(ready) }) }
	srv := &http.Server{Handler: ix.shareHandler(ready), ReadHeaderTimeout: 10 * time.Second}
	go srv.Serve(ln)
	return socket, func() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		srv.Shutdown(ctx)
		os.RemoveAll(tmp)
	}, nil
}

// A wireError carries an error over the socket with its kind, so that
// errors.Is works on the other side.
type wireError struct {
	Message string `json:"error"`
	Kind    string `json:"kind,omitempty"`
}

var wireKinds = map[string]error{"bad_query": ErrBadQuery, "not_found": ErrNotFound, "in_use": ErrInUse, "no_text": ErrNoText, "no_index": ErrNoIndex}

func toWire(err error) *wireError {
	w := &wireError{Message: err.Error()}
	for k, e := range wireKinds {
		if errors.Is(err, e) {
			w.Kind = k
		}
	}
	return w
}

// remoteError is an error returned by the owner of an index.
type remoteError struct{ w wireError }

func (e *remoteError) Error() string        { return e.w.Message }
func (e *remoteError) Is(target error) bool { return wireKinds[e.w.Kind] == target && target != nil }

// reply is one answer (or one line of a streamed answer) on the socket.
type reply struct {
	Result   json.RawMessage `json:"result,omitempty"`
	Progress *Progress       `json:"progress,omitempty"`
	Err      *wireError      `json:"err,omitempty"`
}

func (ix *Index) shareHandler(ready <-chan struct{}) http.Handler {
	mux := http.NewServeMux()
	call := func(name string, fn func(ctx context.Context, body json.RawMessage) (any, error)) {
		mux.HandleFunc("POST /v1/"+name, func(w http.ResponseWriter, r *http.Request) {
			select {
			case <-ready:
			case <-r.Context().Done():
				return
			}
			body, err := io.ReadAll(io.LimitReader(r.Body, 1<<20))
			var v any
			if err == nil {
				v, err = safeCall(func() (any, error) { return fn(r.Context(), body) })
			}
			w.Header().Set("Content-Type", "application/json")
			var rep reply
			if err != nil {
				rep.Err = toWire(err)
			} else if rep.Result, err = json.Marshal(v); err != nil {
				rep.Err = toWire(err)
			}
			json.NewEncoder(w).Encode(rep)
		})
	}
	call("owner", func(ctx context.Context, _ json.RawMessage) (any, error) { return ix.owner, nil })
	call("version", func(ctx context.Context, _ json.RawMessage) (any, error) { return ix.Version(), nil })
	call("search", func(ctx context.Context, b json.RawMessage) (any, error) {
		var r Request
		if err := json.Unmarshal(b, &r); err != nil {
			return nil, err
		}
		return ix.Search(ctx, r)
	})
	call("targets", func(ctx context.Context, b json.RawMessage) (any, error) {
		var f TargetFilter
		if err := json.Unmarshal(b, &f); err != nil {
			return nil, err
		}
		return ix.Targets(ctx, f)
	})
	call("documents", func(ctx context.Context, _ json.RawMessage) (any, error) { return ix.Documents(ctx) })
	call("document", func(ctx context.Context, b json.RawMessage) (any, error) {
		var id string
		if err := json.Unmarshal(b, &id); err != nil {
			return nil, err
		}
		return ix.Document(ctx, id)
	})
	call("file", func(ctx context.Context, b json.RawMessage) (any, error) {
		var p string
		if err := json.Unmarshal(b, &p); err != nil {
			return nil, err
		}
		return ix.File(p)
	})
	call("files", func(ctx context.Context, _ json.RawMessage) (any, error) { return ix.Files() })
	call("status", func(ctx context.Context, _ json.RawMessage) (any, error) { return ix.Status() })
	call("domains", func(ctx context.Context, _ json.RawMessage) (any, error) { return ix.Domains() })
	call("check", func(ctx context.Context, b json.RawMessage) (any, error) {
		var repair bool
		if err := json.Unmarshal(b, &repair); err != nil {
			return nil, err
		}
		if repair && !ix.owner.Writes {
			return nil, ix.busy()
		}
		return ix.Check(ctx, repair)
	})
	// An ingest answers a line per file done, then its summary.
	mux.HandleFunc("POST /v1/ingest", func(w http.ResponseWriter, r *http.Request) {
		<-ready
		w.Header().Set("Content-Type", "application/x-ndjson")
		enc := json.NewEncoder(w)
		fl, _ := w.(http.Flusher)
		var job IngestJob
		err := json.NewDecoder(io.LimitReader(r.Body, 1<<20)).Decode(&job)
		if err == nil && !ix.owner.Writes {
			err = ix.busy()
		}
		var sum *Summary
		if err == nil {
			var mu sync.Mutex
			last := time.Time{}
			sum, err = ix.Run(r.Context(), job, func(p Progress) {
				mu.Lock()
				defer mu.Unlock()
				if time.Since(last) < 100*time.Millisecond && p.Done < p.Total {
					return
				}
				last = time.Now()
				enc.Encode(reply{Progress: &p})
				if fl != nil {
					fl.Flush()
				}
			})
		}
		var rep reply
		if sum != nil {
			rep.Result, _ = json.Marshal(sum)
		}
		if err != nil {
			rep.Err = toWire(err)
		}
		enc.Encode(rep)
	})
	return mux
}

// busy is the error of a write asked of an owner that takes none.
func (ix *Index) busy() error {
	return &InUseError{Dir: ix.dir, Owner: ix.owner}
}

// safeCall turns a panic into an error.
func safeCall(fn func() (any, error)) (v any, err error) {
	defer panics.Recover(&err, "index")
	return fn()
}

// Version counts the writes (ingests, repairs) that have ended since the
// index was opened; what was read before it changes may be stale.
func (ix *Index) Version() uint64 { return ix.version.Load() }
