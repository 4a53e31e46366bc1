//go:build unix

package index

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// lockDir takes the index's lock, a flock on DIR/lock, which the kernel
// releases when the process ends, however it ends, so a killed command
// leaves no stale lock.
//
// A writer takes it exclusively and writes who it is (Owner) into the
// file, for the processes that come after it. Readers take it shared:
// several at once, none while a writer has it. A writer that finds only
// readers waits for them (they are short) up to wait; any process that
// finds a writer gets an *InUseError naming it.
func lockDir(dir string, shared bool, me Owner, wait time.Duration) (release func(), err error) {
	path := dir + string(os.PathSeparator) + "lock"
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, fmt.Errorf("lock: %w", err)
	}
	how := syscall.LOCK_EX
	if shared {
		how = syscall.LOCK_SH
	}
	deadline := time.Now().Add(wait)
	for {
		err = syscall.Flock(int(f.Fd()), how|syscall.LOCK_NB)
		if err == nil {
			break
		}
		if !errors.Is(err, syscall.EWOULDBLOCK) {
			f.Close()
			return nil, fmt.Errorf("lock: %w", err)
		}
		// A writer not named yet is starting; readers alone end soon:
		// both are worth a wait.
		owner, ok := readOwner(path)
		if ok || time.Now().After(deadline) {
			f.Close()
			if !ok {
				owner = Owner{Command: "other commands reading it"}
			}
			return nil, &InUseError{Dir: dir, Owner: owner}
		}
		time.Sleep(20 * time.Millisecond)
	}
	if !shared {
		// A writer killed with -9 left its socket's directory behind.
		var stale Owner
		if b, err := os.ReadFile(path); err == nil && json.Unmarshal(b, &stale) == nil && stale.Socket != "" {
			if d := filepath.Dir(stale.Socket); strings.HasPrefix(filepath.Base(d), "chitieu-") && d != filepath.Dir(me.Socket) {
				os.RemoveAll(d)
			}
		}
		b, _ := json.Marshal(me)
		if err := f.Truncate(0); err == nil {
			f.WriteAt(append(b, '\n'), 0)
		}
	}
	return func() {
		if !shared {
			f.Truncate(0)
		}
		syscall.Flock(int(f.Fd()), syscall.LOCK_UN)
		f.Close()
	}, nil
}

// readOwner reads the writer named in a lock file; ok is false when the
// file names none, or a process that no longer runs (a writer killed
// with -9 leaves its name behind).
func readOwner(path string) (o Owner, ok bool) {
	b, err := os.ReadFile(path)
	if err != nil {
		return o, false
	}
	s := strings.TrimSpace(string(b))
	if json.Unmarshal([]byte(s), &o) != nil {
		// The format of older versions: the PID alone.
		pid, err := strconv.Atoi(s)
		if err != nil {
			return Owner{}, false
		}
		o = Owner{PID: pid}
	}
	if o.PID <= 0 {
		return Owner{}, false
	}
	if err := syscall.Kill(o.PID, 0); errors.Is(err, syscall.ESRCH) {
		return Owner{}, false
	}
	return o, true
}
