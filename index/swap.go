package index

import "os"

func exists(p string) bool {
	_, err := os.Stat(p)
	return err == nil
}

// swapByRename is swapDirs where the system cannot exchange two names:
// two renames, with the index's lock held between them.
func swapByRename(fresh, old string) error {
	if !exists(old) {
		return os.Rename(fresh, old)
	}
	tmp := old + ".old"
	os.RemoveAll(tmp)
	if err := os.Rename(old, tmp); err != nil {
		return err
	}
	if err := os.Rename(fresh, old); err != nil {
		return err
	}
	return os.Rename(tmp, fresh)
}
