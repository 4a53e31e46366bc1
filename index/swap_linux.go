package index

import (
	"errors"

	"golang.org/x/sys/unix"
)

// swapDirs puts the directory at fresh in place of the one at old (which
// may be missing), in one atomic exchange; the old one is then at fresh.
func swapDirs(fresh, old string) error {
	if !exists(old) {
		return unix.Rename(fresh, old)
	}
	err := unix.Renameat2(unix.AT_FDCWD, fresh, unix.AT_FDCWD, old, unix.RENAME_EXCHANGE)
	if errors.Is(err, unix.ENOSYS) || errors.Is(err, unix.EINVAL) {
		return swapByRename(fresh, old) // a file system that cannot exchange
	}
	return err
}
