package vntext

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

func seeds(t testing.TB) map[string]string {
	t.Helper()
	m, _ := filepath.Glob("../../testdata/seeds/*.txt")
	if len(m) != 5 {
		t.Fatalf("found %d seeds", len(m))
	}
	out := map[string]string{}
	for _, p := range m {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		out[filepath.Base(p)] = string(b)
	}
	return out
}

// A wrong guess must not damage real Unicode text: on every seed, legacy
// repair and mojibake repair change nothing, and normalization changes only
// whitespace and tone placement.
func TestSeedsUnchanged(t *testing.T) {
	for name, s := range seeds(t) {
		if got, enc := RepairLegacy(s); got != s || enc != Unicode {
			t.Errorf("%s: RepairLegacy changed the text (decoded as %v)", name, enc)
		}
		if got, n, _ := RepairMojibake(s); got != s || n != 0 {
			t.Errorf("%s: RepairMojibake changed %d words", name, n)
		}
		if e := Score(s); e.TCVN3 > 0 || e.VNI > 0 {
			t.Errorf("%s: Score = %+v, want no legacy evidence", name, e)
		}
		toned, _, _ := transform.String(TonePlacement(), norm.NFC.String(s))
		want := strings.Fields(toned)
		got := strings.Fields(Normalize(s))
		if strings.Join(got, " ") != strings.Join(want, " ") {
			t.Errorf("%s: Normalize changed more than whitespace and tone placement", name)
		}
	}
}

// A page can be TCVN3 while its neighbours are Unicode; a TCVN3 line pasted
// in a Unicode text is decoded alone, and a Unicode line in a TCVN3 text
// is left alone.
func TestMixedLines(t *testing.T) {
	uni := "Mục tiêu đến năm 2025: 50% số người được trang bị kỹ năng sống."
	tcvn := "Môc ti\u00aau \u00aeÕn n\u00a8m 2025: 50% sè ng\u00ad\u00eai \u00ae\u00ad\u00eec trang bÞ kü n\u00a8ng sèng."
	vni := "Muïc tieâu ñeán naêm 2025: 50% soá ngöôøi ñöôïc trang bò kyõ naêng soáng."
	tests := []struct {
		name string
		in   string
		want string
		enc  Encoding
	}{
		{"unicode", uni, uni, Unicode},
		{"tcvn3", tcvn, uni, TCVN3},
		{"vni", vni, uni, VNI},
		{"tcvn3 line in unicode text", uni + "\n" + uni + "\n" + tcvn + "\n" + uni, uni + "\n" + uni + "\n" + uni + "\n" + uni, TCVN3},
		{"unicode line in tcvn3 text", tcvn + "\n" + uni + "\n" + tcvn, uni + "\n" + uni + "\n" + uni, TCVN3},
		{"short neutral line follows the text", tcvn + "\nSè: 68\n" + tcvn, uni + "\nSố: 68\n" + uni, TCVN3},
		// A stray control code glued to a word hides it; the line is read
		// as it will be once Spaces has dropped the code.
		{"stray control code in a tcvn3 word", "ho\u00b9ch\x05 n\u00a8m 2025", "hoạch năm 2025", TCVN3},
		{"stray control code, fuzz", "\u00b5\x040\u00e9i", "à0ội", TCVN3},
	}
	for _, tt := range tests {
		got, enc := RepairLegacy(tt.in)
		if got != tt.want || enc != tt.enc {
			t.Errorf("%s: RepairLegacy = %+q, %v; want %+q, %v", tt.name, got, enc, tt.want, tt.enc)
		}
	}
}

// Text with Latin-1 letters that is not Vietnamese is not decoded.
func TestNoFalseLegacy(t *testing.T) {
	for _, s := range []string{
		"Café au lait, crème brûlée, naïve façade.",
		"Müller, Größe, Ångström, señor, São Paulo",
		"Nhiệt độ 25°C ± 2°, giá 1.000 € × 3 ¼",
		"HÀ NỘI, ngày 5 tháng 6 năm 2023",
		"Tổng số: 12 – 15 «hộ» © 2022",
	} {
		if got, enc := RepairLegacy(s); got != s {
			t.Errorf("RepairLegacy(%+q) = %+q (%v), want it unchanged", s, got, enc)
		}
	}
}

func TestDecodeBytes(t *testing.T) {
	enc := func(cm *charmap.Charmap, s string) []byte {
		b, err := cm.NewEncoder().Bytes([]byte(s))
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	tests := []struct {
		name     string
		in       []byte
		declared string
		want     string
		charset  string
	}{
		{"utf-8", []byte("Kế hoạch"), "", "Kế hoạch", "utf-8"},
		{"utf-8 declared otherwise", []byte("Kế hoạch"), "windows-1252", "Kế hoạch", "utf-8"},
		{"bom", []byte("\xef\xbb\xbfKế hoạch"), "", "Kế hoạch", "utf-8"},
		{"utf-16be", []byte("\xfe\xff\x00K\x1e\xbf"), "", "Kế", "utf-16be"},
		{"windows-1258 guessed", []byte("Vi\xea\xf2t Nam, ch\xfd\xf5ng tri\xccnh ho\xf2c t\xe2\xf2p"), "", "Việt Nam, chương trình học tập", "windows-1258"},
		{"windows-1258 declared", []byte("Vi\xea\xf2t"), "windows-1258", "Việt", "windows-1258"},
		{"tcvn3 bytes", []byte("K\xd5 ho\xb9ch s\xe8 68 c\xf1a \xf1y ban nh\xe2n d\xe2n"), "", "K\u00d5 ho\u00b9ch s\u00e8 68 c\u00f1a \u00f1y ban nh\u00e2n d\u00e2n", "windows-1252"},
		{"latin-1 label", enc(charmap.Windows1252, "Café"), "iso-8859-1", "Café", "windows-1252"},
		{"utf-8 declared, truncated", []byte(strings.Repeat("Kế hoạch ", 20) + "\xe1"), "utf-8", strings.Repeat("Kế hoạch ", 20) + "\ufffd", "utf-8"},
	}
	for _, tt := range tests {
		got, cs := DecodeBytes(tt.in, tt.declared)
		if got != tt.want || cs != tt.charset {
			t.Errorf("%s: DecodeBytes = %+q, %q; want %+q, %q", tt.name, got, cs, tt.want, tt.charset)
		}
	}
}

func FuzzNormalize(f *testing.F) {
	for _, s := range seeds(f) {
		f.Add(s[:min(len(s), 2000)])
	}
	for _, s := range []string{"C\u00e9ng ho\u00b5 x\u00b7 h\u00e9i", "Tieáng Vieät", "K\u00e1\u00ba\u00bf ho\u00e1\u00ba\u00a1ch",
		"hoà\u00ad\nbình", "Ð\u200bảm", "a\r\n\r\nb-\nc", "\xff\xfe", "ﬁ１", "qúy thuỷ", "Ng-\u00eai"} {
		f.Add(s)
	}
	n := New()
	f.Fuzz(func(t *testing.T, s string) {
		once, _ := n.Normalize(s)
		if !utf8.ValidString(once) {
			t.Fatalf("Normalize(%+q) = %+q: invalid UTF-8", s, once)
		}
		twice, _ := n.Normalize(once)
		if twice != once {
			t.Fatalf("not idempotent:\n in    %+q\n once  %+q\n twice %+q", s, once, twice)
		}
	})
}

func FuzzFold(f *testing.F) {
	for _, s := range []string{"Đường Nguyễn Huệ", "Uy\u0309 ban", "“x”–y", "\xff", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		folded, offs := FoldMap(s)
		if folded != Fold(s) {
			t.Fatalf("FoldMap and Fold differ on %+q", s)
		}
		if len(offs) != len(folded)+1 || offs[len(offs)-1] != len(s) {
			t.Fatalf("offsets of %+q: %d for %d bytes", s, len(offs), len(folded))
		}
		for i := 1; i < len(offs); i++ {
			if offs[i] < offs[i-1] || offs[i] > len(s) {
				t.Fatalf("offsets of %+q not monotonic at %d", s, i)
			}
		}
		if utf8.ValidString(s) && Fold(folded) != folded {
			t.Fatalf("Fold not idempotent on %+q: %+q then %+q", s, folded, Fold(folded))
		}
	})
}

func FuzzDecodeBytes(f *testing.F) {
	f.Add([]byte("Kế hoạch"), "")
	f.Add([]byte("Vi\xea\xf2t"), "windows-1258")
	f.Add([]byte("\xff\xfeK\x00"), "")
	f.Fuzz(func(t *testing.T, b []byte, declared string) {
		s, cs := DecodeBytes(b, declared)
		if !utf8.ValidString(s) || cs == "" {
			t.Fatalf("DecodeBytes(%q, %q) = %+q, %q", b, declared, s, cs)
		}
	})
}

// The TCVN3 table agrees with glibc's independent decoder, iconv -f
// TCVN5712-1, on every byte from 0xA1 to 0xFF.
func TestTCVN3AgainstIconv(t *testing.T) {
	path, err := exec.LookPath("iconv")
	if err != nil {
		t.Skip("iconv not installed")
	}
	var in []byte
	for b := 0xA1; b <= 0xFF; b++ {
		in = append(in, byte(b), '\n')
	}
	cmd := exec.Command(path, "-f", "TCVN5712-1", "-t", "UTF-8")
	cmd.Stdin = bytes.NewReader(in)
	out, err := cmd.Output()
	if err != nil {
		t.Skipf("iconv has no TCVN5712-1: %v", err)
	}
	lines := strings.Split(strings.TrimSuffix(string(out), "\n"), "\n")
	for i, l := range lines {
		b := rune(0xA1 + i)
		want := norm.NFC.String(l)
		if got := norm.NFC.String(tcvn3[b]); got != want {
			t.Errorf("byte %#x: table %+q, iconv %+q", b, got, want)
		}
	}
	if len(lines) != 0xFF-0xA1+1 {
		t.Errorf("iconv gave %d lines", len(lines))
	}
}
