// Package panics turns a panic into an error at the boundary that owns
// the work, and nowhere else. The boundaries are: an exported entry point
// of a library package (no panic escapes a library call: extract.Text,
// targets.Extractor.Extract, the Index methods), a goroutine a package
// starts (an ingest worker, a batch writer, a PDF page), and a web
// request. Internal functions do not recover. The error says where and
// what; the stack goes to the debug output when one is set (the CLI:
// CHITIEU_DEBUG=1), so that a bug report can carry it without every
// message doing so.
package panics

import (
	"fmt"
	"io"
	"runtime/debug"
	"sync"
)

// An Error is a recovered panic.
type Error struct {
	Where string // the boundary: "index: search", "pdf: page 3"
	Value any    // what was panicked with
	Stack []byte // of the panicking goroutine
}

func (e *Error) Error() string {
	if e.Where == "" {
		return fmt.Sprintf("internal error: %v", e.Value)
	}
	return fmt.Sprintf("%s: internal error: %v", e.Where, e.Value)
}

// Unwrap returns the value panicked with when it is an error.
func (e *Error) Unwrap() error {
	err, _ := e.Value.(error)
	return err
}

var (
	mu  sync.Mutex
	out io.Writer // SetDebug's
)

// SetDebug sets where the stacks of recovered panics are written (the
// CLI: standard error, with CHITIEU_DEBUG=1); nil: nowhere.
func SetDebug(w io.Writer) {
	mu.Lock()
	out = w
	mu.Unlock()
}

// Recover, deferred at a boundary, turns a panic into *err:
//
//	defer panics.Recover(&err, "index: search")
func Recover(err *error, where string) {
	if p := recover(); p != nil {
		*err = New(where, p)
	}
}

// New makes the Error of a value recovered at where, and writes its stack
// to the debug output.
func New(where string, p any) *Error {
	e := &Error{Where: where, Value: p, Stack: debug.Stack()}
	mu.Lock()
	if out != nil {
		fmt.Fprintf(out, "panic at %s: %v\n%s\n", where, p, e.Stack)
	}
	mu.Unlock()
	return e
}
