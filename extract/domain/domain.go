// Package domain reads policy domains. A domain is a data bundle, a
// directory of four files:
//
//	domain.txt      name, title and English title ("name: hoctap")
//	catalog.txt     the indicator catalog (the format of rules.ParseCatalog)
//	programmes.csv  the national programmes whose plans the domain reads:
//	                number,title,aliases,parent
//	references.csv  the national reference targets:
//	                indicator,year,value,unit,basis,decision
//
// Three are built in (Builtin): the learning society (hoctap, Decisions
// 1373, 387 and 677/QĐ-TTg), the default; digital transformation
// (chuyendoiso); new rural development (nongthonmoi). Load reads one from
// a directory. A Set is the domains one index uses, with their catalogs
// joined; it is stored with the index (Set.MarshalJSON, Decode) so that
// every reader uses the domains the targets were extracted with. Adding an
// indicator, a programme or a reference is a data edit, never Go code.
package domain

import (
	"crypto/sha256"
	"embed"
	"encoding/csv"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/chitieu/chitieu/extract/rules"
	"github.com/chitieu/chitieu/extract/vntext"
)

// The files of a bundle.
const (
	InfoFile       = "domain.txt"
	CatalogFile    = "catalog.txt"
	ProgrammesFile = "programmes.csv"
	ReferencesFile = "references.csv"
)

// Default is the name of the domain every set holds unless told
// otherwise: the learning society.
const Default = "hoctap"

// ErrDomain is the sentinel of errors in a bundle.
var ErrDomain = errors.New("domain")

// A Programme is a national programme (a decision) whose plans a domain
// reads.
type Programme struct {
	Number string `json:"number"` // "1373/QĐ-TTg"
	Title  string `json:"title"`
	// Aliases are words of the scheme's title or aims that plans write
	// instead of the number ("mô hình công dân học tập").
	Aliases []string `json:"aliases,omitempty"`
	Parent  string   `json:"parent,omitempty"` // the number of the programme it serves, if any
	Domain  string   `json:"domain"`

	keys []string // folded number and aliases
}

// A Reference is a national target of a decision.
type Reference struct {
	Indicator string     `json:"indicator"`
	Year      int        `json:"year"`
	Value     float64    `json:"value"`
	Unit      rules.Unit `json:"unit"`
	// Basis is what the figure counts: "provinces" or "districts" (the
	// audit does not hold a province's own figure, which counts its
	// districts or communes, against it), "communes", "people" or "units".
	Basis    string `json:"basis"`
	Decision string `json:"decision"` // "1373/QĐ-TTg"
}

// A Bundle is one policy domain.
type Bundle struct {
	Name       string
	Title      string // Vietnamese
	English    string
	Builtin    bool
	Catalog    *rules.Catalog
	Programmes []Programme
	References []Reference

	files map[string]string
	hash  string
}

// Hash is the SHA-256 of the bundle's files, hex.
func (b *Bundle) Hash() string { return b.hash }

// Files returns the bundle's files by name, as read.
func (b *Bundle) Files() map[string]string {
	out := make(map[string]string, len(b.files))
	for k, v := range b.files {
		out[k] = v
	}
	return out
}

// Parse reads a bundle from its files' contents, by file name. The
// catalog is required; the programmes and the references may be missing.
// Errors name the file and the line.
func Parse(files map[string]string) (*Bundle, error) {
	b := &Bundle{files: map[string]string{}}
	for _, k := range []string{InfoFile, CatalogFile, ProgrammesFile, ReferencesFile} {
		if v, ok := files[k]; ok {
			if !utf8.ValidString(v) {
				return nil, fmt.Errorf("%w: %s is not UTF-8", ErrDomain, k)
			}
			b.files[k] = v
		}
	}
	if err := b.parseInfo(b.files[InfoFile]); err != nil {
		return nil, err
	}
	cat, ok := b.files[CatalogFile]
	if !ok {
		return nil, fmt.Errorf("%w %s: no %s", ErrDomain, b.Name, CatalogFile)
	}
	var err error
	if b.Catalog, err = rules.ParseCatalog(strings.NewReader(cat)); err != nil {
		return nil, fmt.Errorf("%w %s: %s: %w", ErrDomain, b.Name, CatalogFile, err)
	}
	for _, ind := range b.Catalog.Indicators {
		ind.Domain = b.Name
	}
	if b.Programmes, err = parseProgrammes(b.files[ProgrammesFile], b.Name); err != nil {
		return nil, fmt.Errorf("%w %s: %s: %w", ErrDomain, b.Name, ProgrammesFile, err)
	}
	if b.References, err = ParseReferences(strings.NewReader(b.files[ReferencesFile])); err != nil {
		return nil, fmt.Errorf("%w %s: %s: %w", ErrDomain, b.Name, ReferencesFile, err)
	}
	for _, r := range b.References {
		ind := b.Catalog.Indicator(r.Indicator)
		switch {
		case ind == nil:
			return nil, fmt.Errorf("%w %s: %s: indicator %q is not in its catalog", ErrDomain, b.Name, ReferencesFile, r.Indicator)
		case ind.Unit != r.Unit:
			return nil, fmt.Errorf("%w %s: %s: %s is a %s, the reference says %s", ErrDomain, b.Name, ReferencesFile, r.Indicator, ind.Unit, r.Unit)
		}
	}
	h := sha256.New()
	keys := make([]string, 0, len(b.files))
	for k := range b.files {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		fmt.Fprintf(h, "%s\x00%d\x00%s", k, len(b.files[k]), b.files[k])
	}
	b.hash = hex.EncodeToString(h.Sum(nil))
	return b, nil
}

// parseInfo reads domain.txt: "key: value" lines (name, title, en), #
// comments.
func (b *Bundle) parseInfo(s string) error {
	for n, line := range strings.Split(s, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		k, v, ok := strings.Cut(line, ":")
		if !ok {
			return fmt.Errorf("%w: %s: line %d: want key: value, got %q", ErrDomain, InfoFile, n+1, line)
		}
		v = strings.TrimSpace(v)
		switch strings.TrimSpace(k) {
		case "name":
			b.Name = v
		case "title":
			b.Title = vntext.Normalize(v)
		case "en":
			b.English = v
		default:
			return fmt.Errorf("%w: %s: line %d: unknown key %q", ErrDomain, InfoFile, n+1, k)
		}
	}
	if !validName(b.Name) {
		return fmt.Errorf("%w: %s: name %q: want lower-case letters, digits and dashes", ErrDomain, InfoFile, b.Name)
	}
	return nil
}

func validName(s string) bool {
	if s == "" || len(s) > 40 {
		return false
	}
	for _, c := range s {
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_') {
			return false
		}
	}
	return true
}

// parseProgrammes reads programmes.csv.
func parseProgrammes(s, domain string) ([]Programme, error) {
	rows, err := readCSV(s, 4, "number")
	if err != nil {
		return nil, err
	}
	var out []Programme
	for _, row := range rows {
		p := Programme{Number: strings.TrimSpace(row[0]), Title: vntext.Normalize(row[1]), Parent: strings.TrimSpace(row[3]), Domain: domain}
		if p.Number == "" {
			return nil, fmt.Errorf("a row with no number: %q", strings.Join(row, ","))
		}
		p.keys = append(p.keys, vntext.Fold(vntext.Normalize(p.Number)))
		for _, a := range strings.Split(row[2], "|") {
			if a = strings.TrimSpace(a); a != "" {
				a = vntext.Normalize(a)
				p.Aliases = append(p.Aliases, a)
				p.keys = append(p.keys, vntext.Fold(a))
			}
		}
		out = append(out, p)
	}
	return out, nil
}

// readCSV reads a CSV with # comments, n fields a row, and a header whose
// first field is head.
func readCSV(s string, n int, head string) ([][]string, error) {
	cr := csv.NewReader(strings.NewReader(s))
	cr.Comment = '#'
	cr.FieldsPerRecord = n
	rows, err := cr.ReadAll()
	if err != nil {
		return nil, err
	}
	if len(rows) > 0 && rows[0][0] == head {
		rows = rows[1:]
	}
	return rows, nil
}

// ParseReferences reads references in the format of references.csv:
// lines starting with # are comments, then a header line and rows of
// indicator,year,value,unit,basis,decision.
func ParseReferences(r io.Reader) ([]Reference, error) {
	b, err := io.ReadAll(r)
	if err != nil {
		return nil, err
	}
	rows, err := readCSV(string(b), 6, "indicator")
	if err != nil {
		return nil, err
	}
	var out []Reference
	for i, row := range rows {
		ref := Reference{Indicator: row[0], Basis: row[4], Decision: row[5]}
		bad := func(what string) error {
			return fmt.Errorf("row %d: bad %s %q", i+1, what, strings.Join(row, ","))
		}
		if ref.Year, err = strconv.Atoi(row[1]); err != nil {
			return nil, bad("year")
		}
		if ref.Value, err = strconv.ParseFloat(row[2], 64); err != nil {
			return nil, bad("value")
		}
		if err := ref.Unit.UnmarshalText([]byte(row[3])); err != nil {
			return nil, bad("unit")
		}
		out = append(out, ref)
	}
	return out, nil
}

// Load reads the bundle in a directory.
func Load(dir string) (*Bundle, error) {
	files := map[string]string{}
	for _, k := range []string{InfoFile, CatalogFile, ProgrammesFile, ReferencesFile} {
		b, err := os.ReadFile(filepath.Join(dir, k))
		switch {
		case errors.Is(err, fs.ErrNotExist) && k != CatalogFile && k != InfoFile:
			continue
		case err != nil:
			return nil, fmt.Errorf("%w %s: %w", ErrDomain, dir, err)
		}
		files[k] = string(b)
	}
	b, err := Parse(files)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", dir, err)
	}
	return b, nil
}

//go:embed data
var data embed.FS

var builtins = sync.OnceValue(func() map[string]*Bundle {
	out := map[string]*Bundle{}
	ents, _ := data.ReadDir("data")
	for _, e := range ents {
		files := map[string]string{}
		fs.WalkDir(data, "data/"+e.Name(), func(p string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() {
				b, _ := data.ReadFile(p)
				files[d.Name()] = string(b)
			}
			return nil
		})
		b, err := Parse(files)
		if err != nil {
			panic("domain: built-in " + e.Name() + ": " + err.Error()) // tested; cannot happen
		}
		b.Builtin = true
		out[b.Name] = b
	}
	return out
})

// Builtin returns the built-in bundle of the name, or nil.
func Builtin(name string) *Bundle { return builtins()[name] }

// BuiltinNames returns the names of the built-in bundles, sorted.
func BuiltinNames() []string {
	var out []string
	for k := range builtins() {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// Open returns the bundle arg names: a built-in one, or a directory.
func Open(arg string) (*Bundle, error) {
	if b := Builtin(arg); b != nil {
		return b, nil
	}
	if fi, err := os.Stat(arg); err == nil && fi.IsDir() {
		return Load(arg)
	}
	return nil, fmt.Errorf("%w %q: neither a built-in domain (%s) nor a directory", ErrDomain, arg, strings.Join(BuiltinNames(), ", "))
}

// WithCatalog returns a copy of b whose catalog is the text cat: the
// learning society with a corrected catalog, say. The references of
// indicators the new catalog lacks (or gives another unit) are dropped.
func (b *Bundle) WithCatalog(cat string) (*Bundle, error) {
	files := b.Files()
	files[CatalogFile] = cat
	c, err := rules.ParseCatalog(strings.NewReader(cat))
	if err != nil {
		return nil, fmt.Errorf("%w %s: %s: %w", ErrDomain, b.Name, CatalogFile, err)
	}
	var sb strings.Builder
	w := csv.NewWriter(&sb)
	w.Write([]string{"indicator", "year", "value", "unit", "basis", "decision"})
	for _, r := range b.References {
		if ind := c.Indicator(r.Indicator); ind != nil && ind.Unit == r.Unit {
			w.Write([]string{r.Indicator, strconv.Itoa(r.Year), strconv.FormatFloat(r.Value, 'f', -1, 64), r.Unit.String(), r.Basis, r.Decision})
		}
	}
	w.Flush()
	files[ReferencesFile] = sb.String()
	nb, err := Parse(files)
	if err != nil {
		return nil, err
	}
	return nb, nil
}
