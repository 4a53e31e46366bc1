package targets

import (
	"bytes"
	"encoding/json"
	"slices"
	"testing"
)

// MetaNames are DocMeta's JSON names, in the order its JSON has them, and
// Values and Set agree with them.
func TestMeta(t *testing.T) {
	var m DocMeta
	for i, n := range MetaNames() {
		if !m.Set(n, "v"+n) {
			t.Fatalf("Set(%q) found no field", n)
		}
		if got := m.Values()[i]; got != "v"+n {
			t.Errorf("Values()[%d] = %q after Set(%q)", i, got, n)
		}
	}
	if m.Set("nope", "x") {
		t.Error("Set found a field named nope")
	}
	b, _ := json.Marshal(m)
	var keys []string
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.Token()
	for dec.More() {
		k, _ := dec.Token()
		keys = append(keys, k.(string))
		dec.Token()
	}
	if !slices.Equal(keys, MetaNames()) {
		t.Errorf("JSON keys %v, MetaNames %v", keys, MetaNames())
	}
	if m.DocNumber != "vdoc_number" || m.Commune2025Code != "vcommune_2025_code" {
		t.Errorf("Set reached %+v", m)
	}
}
