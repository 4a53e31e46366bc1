//go:build !linux

package index

// swapDirs puts the directory at fresh in place of the one at old; the
// old one is then at fresh.
func swapDirs(fresh, old string) error { return swapByRename(fresh, old) }
