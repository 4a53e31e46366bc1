//go:build !unix

package index

import "time"

// lockDir does nothing where flock is missing: one process at a time is
// then the user's care.
func lockDir(dir string, shared bool, me Owner, wait time.Duration) (release func(), err error) {
	return func() {}, nil
}
