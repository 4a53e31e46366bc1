package gazetteer

import (
	"io/fs"
	"testing"
)

// BenchmarkLoad is what the first command that meets a place pays: the
// provinces and districts (every command that reads text), then the
// communes of both lists, read on first use. It reports the embedded
// data's size, compressed, as it adds to the binary.
func BenchmarkLoad(b *testing.B) {
	var size int64
	fs.WalkDir(data, "data", func(path string, d fs.DirEntry, err error) error {
		if info, err := d.Info(); err == nil && !d.IsDir() {
			size += info.Size()
		}
		return nil
	})
	b.Run("provinces+districts", func(b *testing.B) {
		for b.Loop() {
			if _, err := builtin(); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("communes", func(b *testing.B) {
		g, err := builtin()
		if err != nil {
			b.Fatal(err)
		}
		for b.Loop() {
			if c := loadCommunes(g); c.err != nil {
				b.Fatal(c.err)
			}
		}
		b.ReportMetric(float64(size), "embedded-bytes")
	})
}

// BenchmarkResolve resolves place phrases of every level and era, as a
// document's issuer and its clauses give them; it reports lookups/s.
func BenchmarkResolve(b *testing.B) {
	g := Default()
	g.Err() // loaded before the clock starts
	phrases := []string{
		"UBND xã Cần Giuộc, tỉnh Tây Ninh", "huyện Đức Trọng (tỉnh Lâm Đồng)", "xã Tân Phú", "Q.1, TP.HCM",
		"phường Ba Đình, thành phố Hà Nội", "thị xã Bến Cát", "Ủy ban nhân dân tỉnh Bình Dương",
		"xa Tan Phu, huyen Dong Phu, tinh Binh Phuoc", "đặc khu Phú Quốc", "riêng hai xã Đăk Rơ Wa và Ia Chim",
	}
	n := 0
	for b.Loop() {
		for _, p := range phrases {
			g.Resolve(p, "2025-09-01", nil)
			n++
		}
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "lookups/s")
}
