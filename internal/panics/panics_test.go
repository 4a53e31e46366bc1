package panics

import (
	"bytes"
	"errors"
	"io"
	"strings"
	"testing"
)

func boom(v any) (err error) {
	defer Recover(&err, "test: boom")
	panic(v)
}

func TestRecover(t *testing.T) {
	var buf bytes.Buffer
	SetDebug(&buf)
	defer SetDebug(nil)
	err := boom("hỏng")
	var pe *Error
	if !errors.As(err, &pe) || pe.Where != "test: boom" || err.Error() != "test: boom: internal error: hỏng" {
		t.Fatalf("err = %v", err)
	}
	if !strings.Contains(string(pe.Stack), "panics.boom") || !strings.Contains(buf.String(), "panic at test: boom: hỏng") {
		t.Errorf("stack %q, debug output %q", pe.Stack, buf.String())
	}
	if err := boom(io.EOF); !errors.Is(err, io.EOF) {
		t.Errorf("a panic with an error does not unwrap to it: %v", err)
	}
	ok := func() (err error) {
		defer Recover(&err, "test: ok")
		return nil
	}
	if err := ok(); err != nil {
		t.Errorf("no panic: %v", err)
	}
}
