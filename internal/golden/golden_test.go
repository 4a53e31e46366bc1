package golden

import (
	"strings"
	"testing"
)

func TestDiff(t *testing.T) {
	want := "một\nhai\nba\nbốn\n"
	got := "một\nhai\nBA\nbốn\n"
	d := Diff("testdata/x.txt", []byte(want), []byte(got))
	for _, line := range []string{"--- testdata/x.txt", "+++ got", "-ba", "+BA", " hai"} {
		if !strings.Contains(d, line+"\n") {
			t.Errorf("diff lacks %q:\n%s", line, d)
		}
	}
	if d := Diff("x", []byte(want), []byte(want)); d != "" {
		t.Errorf("diff of equal texts: %q", d)
	}
	long := strings.Repeat("dòng\n", 5000)
	if d := Diff("x", []byte(long), []byte(strings.ReplaceAll(long, "dòng", "line"))); len(d) > maxDiff+20 {
		t.Errorf("diff of %d bytes, want at most %d", len(d), maxDiff)
	}
}
