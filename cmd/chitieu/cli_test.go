package main

import (
	"bytes"
	"errors"
	"strings"
	"testing"
)

// failingWriter fails every write, as a closed pipe does.
type failingWriter struct{}

func (failingWriter) Write([]byte) (int, error) { return 0, errors.New("broken pipe") }

// Output that cannot be written is a failure (exit 1), not a usage error,
// and no document is counted as failed for it.
func TestOutputFails(t *testing.T) {
	for _, args := range [][]string{{"extract"}, {"extract", "--format", "csv"}, {"eval", "--json"}} {
		var errb bytes.Buffer
		code := run(args, failingWriter{}, &errb)
		if code != exitFailed || !strings.Contains(errb.String(), "broken pipe") || strings.Contains(errb.String(), "files failed") {
			t.Errorf("chitieu %s to a broken pipe: exit %d\n%s", strings.Join(args, " "), code, errb.String())
		}
	}
}

// Every command takes -h, and names itself in its usage errors.
func TestEveryCommand(t *testing.T) {
	for name := range commands {
		code, out, _ := runCmd(name, "-h")
		if code != exitOK || !strings.HasPrefix(out, "Usage: chitieu "+name) {
			t.Errorf("chitieu %s -h: exit %d\n%.100s", name, code, out)
		}
		code, _, errs := runCmd(name, "--no-such-flag")
		if code != exitUsage || !strings.HasPrefix(errs, "chitieu "+name+": ") {
			t.Errorf("chitieu %s --no-such-flag: exit %d, %q", name, code, errs)
		}
	}
}
