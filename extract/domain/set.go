package domain

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"strings"
	"sync"

	"github.com/chitieu/chitieu/extract/rules"
)

// A Set is the domains an index (or one extraction) uses: their bundles
// in order, and their catalogs joined. It is safe for concurrent use.
type Set struct {
	Bundles []*Bundle
	Catalog *rules.Catalog
}

// NewSet joins bundles. Two bundles of one name, or an indicator ID in two
// catalogs, are errors.
func NewSet(bs ...*Bundle) (*Set, error) {
	if len(bs) == 0 {
		return nil, fmt.Errorf("%w: no domain", ErrDomain)
	}
	seen := map[string]bool{}
	var cats []*rules.Catalog
	for _, b := range bs {
		if seen[b.Name] {
			return nil, fmt.Errorf("%w %s: given twice", ErrDomain, b.Name)
		}
		seen[b.Name] = true
		cats = append(cats, b.Catalog)
	}
	cat, err := rules.Join(cats...)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrDomain, err)
	}
	return &Set{Bundles: bs, Catalog: cat}, nil
}

var defaultSet = sync.OnceValue(func() *Set {
	s, err := NewSet(Builtin(Default))
	if err != nil {
		panic(err) // tested; cannot happen
	}
	return s
})

// DefaultSet returns the set of the built-in learning-society domain
// alone: what extraction uses when not told otherwise.
func DefaultSet() *Set { return defaultSet() }

// Bundle returns the bundle of the name, or nil.
func (s *Set) Bundle(name string) *Bundle {
	for _, b := range s.Bundles {
		if b.Name == name {
			return b
		}
	}
	return nil
}

// Names returns the names of the set's bundles, in order.
func (s *Set) Names() []string {
	out := make([]string, len(s.Bundles))
	for i, b := range s.Bundles {
		out[i] = b.Name
	}
	return out
}

// Programmes returns every programme of the set, in bundle order.
func (s *Set) Programmes() []Programme {
	var out []Programme
	for _, b := range s.Bundles {
		out = append(out, b.Programmes...)
	}
	return out
}

// References returns every national reference of the set, in bundle
// order.
func (s *Set) References() []Reference {
	var out []Reference
	for _, b := range s.Bundles {
		out = append(out, b.References...)
	}
	return out
}

// Cited returns the numbers of the programmes a document's folded text
// cites: by the decision's number ("1373/qd-ttg", folded) or by one of its
// aliases, in the set's order.
func (s *Set) Cited(folded string) []string {
	var out []string
	for _, b := range s.Bundles {
		for _, p := range b.Programmes {
			for _, k := range p.keys {
				if strings.Contains(folded, k) {
					out = append(out, p.Number)
					break
				}
			}
		}
	}
	return out
}

// Hash identifies the set: the hashes of its bundles, in order.
func (s *Set) Hash() string { return s.hashOf(func(b *Bundle) string { return b.hash }) }

// RulesHash identifies what extraction reads of the set: the catalogs and
// the programmes (references only serve comparison). A document extracted
// under another RulesHash is extracted again.
func (s *Set) RulesHash() string {
	return s.hashOf(func(b *Bundle) string { return b.files[CatalogFile] + "\x00" + b.files[ProgrammesFile] })
}

func (s *Set) hashOf(part func(*Bundle) string) string {
	h := sha256.New()
	for _, b := range s.Bundles {
		p := part(b)
		fmt.Fprintf(h, "%s\x00%d\x00%s", b.Name, len(p), p)
	}
	return hex.EncodeToString(h.Sum(nil))[:16]
}

// stored is a bundle as an index keeps it.
type stored struct {
	Name    string            `json:"name"`
	Hash    string            `json:"hash"`
	Builtin bool              `json:"builtin,omitempty"`
	Files   map[string]string `json:"files"`
}

// MarshalJSON writes the set with every file of its bundles, for Decode.
func (s *Set) MarshalJSON() ([]byte, error) {
	out := make([]stored, len(s.Bundles))
	for i, b := range s.Bundles {
		out[i] = stored{Name: b.Name, Hash: b.hash, Builtin: b.Builtin, Files: b.files}
	}
	return json.Marshal(out)
}

// Decode reads a set MarshalJSON wrote. A bundle whose files no longer
// give its hash is an error: the store is damaged.
func Decode(data []byte) (*Set, error) {
	var in []stored
	if err := json.Unmarshal(data, &in); err != nil {
		return nil, fmt.Errorf("%w: stored set: %v", ErrDomain, err)
	}
	var bs []*Bundle
	for _, st := range in {
		b, err := Parse(st.Files)
		if err != nil {
			return nil, err
		}
		if b.hash != st.Hash {
			return nil, fmt.Errorf("%w %s: stored files do not give their hash", ErrDomain, st.Name)
		}
		b.Builtin = st.Builtin
		bs = append(bs, b)
	}
	return NewSet(bs...)
}
