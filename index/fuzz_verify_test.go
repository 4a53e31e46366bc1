package index

import (
	"os"
	"path/filepath"
	"testing"
)

// Damaged files of every kind are told, never panicked on.
func FuzzVerifyFiles(f *testing.F) {
	f.Add([]byte{}, []byte{})
	f.Add([]byte("\xed\xda\x0c\xed"), make([]byte, 60))
	f.Add(make([]byte, 4096), []byte("garbage"))
	f.Fuzz(func(t *testing.T, bolt, seg []byte) {
		dir := t.TempDir()
		os.MkdirAll(filepath.Join(dir, segDir), 0o755)
		os.WriteFile(filepath.Join(dir, metaFile), []byte(`{"storage":"boltdb","index_type":"scorch"}`), 0o644)
		os.WriteFile(filepath.Join(dir, boltFile), bolt, 0o600)
		os.WriteFile(filepath.Join(dir, segDir, "000000000001.zap"), seg, 0o600)
		os.WriteFile(filepath.Join(dir, "chitieu.json"), seg, 0o644)
		ds := Verify(dir, true)
		if len(bolt) < 16 && len(ds) == 0 {
			t.Fatalf("a %d-byte root.bolt passes", len(bolt))
		}
		verifySegment(filepath.Join(dir, segDir, "000000000001.zap"), true)
	})
}
