//go:build unix

package corpus

import "syscall"

// Open flags of Loader: a FIFO put in a file's place does not block the
// open, and a resolved path is opened without following a link put in its
// place since.
const (
	oNonBlock = syscall.O_NONBLOCK
	oNoFollow = syscall.O_NOFOLLOW
)
