package vntext

import (
	"strings"
	"testing"
)

// BenchmarkNormalize reports MB/s of normalization over the seeds.
func BenchmarkNormalize(b *testing.B) {
	var all strings.Builder
	for _, s := range seeds(b) {
		all.WriteString(s)
	}
	text := all.String()
	n := New()
	b.SetBytes(int64(len(text)))
	b.ResetTimer()
	for range b.N {
		n.Normalize(text)
	}
}

// BenchmarkNormalizeLegacy is the same over TCVN3 text, which takes the
// detection and decoding path.
func BenchmarkNormalizeLegacy(b *testing.B) {
	text := strings.Repeat("C\u00e9ng ho\u00b5 x\u00b7 h\u00e9i ch\u00f1 ngh\u00dca Vi\u00d6t Nam. Ng\u00ad\u00eai lao \u00ae\u00e9ng \u00ae\u00ad\u00eec tr\u00b6 l\u00ad\u00acng.\n", 400)
	n := New()
	b.SetBytes(int64(len(text)))
	for range b.N {
		n.Normalize(text)
	}
}

func BenchmarkFold(b *testing.B) {
	var all strings.Builder
	for _, s := range seeds(b) {
		all.WriteString(s)
	}
	text := all.String()
	b.SetBytes(int64(len(text)))
	for range b.N {
		Fold(text)
	}
}

// BenchmarkNormalizePathological runs inputs that were once quadratic
// (line joins that rebuilt the line each time).
func BenchmarkNormalizePathological(b *testing.B) {
	inputs := map[string]string{
		"hyphenated lines": strings.Repeat("ab-\ncd-\n", 20000),
		"lower lines":      strings.Repeat("abc\n\n", 50000),
		"hyphens":          strings.Repeat("\u00b5-", 20000),
		"long word":        strings.Repeat("\u00b5", 100000),
		"marks":            strings.Repeat("\u0301", 50000),
	}
	for name, s := range inputs {
		b.Run(name, func(b *testing.B) {
			b.SetBytes(int64(len(s)))
			for range b.N {
				Normalize(s)
			}
		})
	}
}
