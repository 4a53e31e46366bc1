// Package gazetteer knows Vietnam's administrative units and finds them in
// text, before and after the reform of 1 July 2025:
//
//   - until 30 June 2025: the 63 provinces, the 696 district-level units
//     (and a few merged away since 2021) and the 10,035 communes, with
//     their GSO codes and parents;
//   - from 1 July 2025: the 34 provinces and the 3,321 communes, with their
//     2025 codes, and the old units each was formed from (Predecessors,
//     Successors, Province2025, Commune2025).
//
// The sources, their dates and licences are in the headers of the files
// under data/. The communes are read on first use. Fuller or newer lists
// can be merged in from a CSV file (Parse, With).
//
// Places are found by their names as the state writes them, with or
// without a type word before them ("tỉnh Bắc Ninh", "thị xã Bến Cát",
// "TP. Hồ Chí Minh"). Matching is on lower-cased text with its diacritics;
// a document typed without diacritics ("Binh Duong") is matched on the
// fold. Every syllable of a name must be capitalized in the text, so that
// common words that happen to spell a name do not count, and a name right
// after a family or middle name ("Nguyễn Lộc Hà") is a person's.
//
// Records keep the place as written at the time; the 2025 merger is a
// lookup (Province2025), never a rewrite.
package gazetteer

import (
	"bufio"
	"embed"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"iter"
	"sort"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/chitieu/chitieu/extract/vntext"
)

// Level is the tier of an administrative unit.
type Level int

// Levels, from the top.
const (
	Unknown Level = iota
	National
	Province
	District
	Commune
)

var levelNames = [...]string{"unknown", "national", "province", "district", "commune"}

func (l Level) String() string {
	if l < 0 || int(l) >= len(levelNames) {
		return "unknown"
	}
	return levelNames[l]
}

// MarshalText writes the level's name.
func (l Level) MarshalText() ([]byte, error) { return []byte(l.String()), nil }

// UnmarshalText reads a level's name.
func (l *Level) UnmarshalText(b []byte) error {
	for i, n := range levelNames {
		if string(b) == n {
			*l = Level(i)
			return nil
		}
	}
	return fmt.Errorf("gazetteer: unknown level %q", b)
}

// A Place is one administrative unit.
type Place struct {
	Code    string   // GSO code
	Name    string   // bare name: "Bến Cát"
	Type    string   // default type word, lower case: "thị xã"; may be ""
	Level   Level    // Province, District or Commune
	Parent  string   // code of the unit above (a district's province)
	Aliases []string // other spellings and short forms
	Typed   bool     // the bare name alone is not enough (see places.csv)
	Since   string   // first day in force, "YYYY-MM-DD": ReformDate for the units of 2025
	Until   string   // last day in force: 30 June 2025 for the units before; "" if open or unknown
}

// New reports whether p is a unit of the arrangement of 1 July 2025, whose
// code is of the 2025 list.
func (p *Place) New() bool { return p.Since != "" }

// Display returns the place's name with its type, as a heading would write
// it: "Thị xã Bến Cát", "Tỉnh Bắc Ninh", "Thành phố Hồ Chí Minh". typeWord,
// the type as a document wrote it, wins over the gazetteer's default;
// abbreviations are spelled out.
func (p *Place) Display(typeWord string) string {
	t := strings.ToLower(typeWord)
	if tw := TypeWordOf(t); tw != nil {
		t = tw.Word
	}
	if t == "" {
		t = p.Type
	}
	if t == "" {
		return p.Name
	}
	r, n := utf8.DecodeRuneInString(t)
	return string(unicode.ToUpper(r)) + t[n:] + " " + p.Name
}

func (p *Place) String() string { return p.Code + " " + p.Display("") }

// A Gazetteer is a set of places with an index to find them in text. It is
// safe for concurrent use once built.
type Gazetteer struct {
	places map[string]*Place // pre-2025 units by code
	new    map[string]*Place // the 34 units of 2025 by their 2025 code
	to2025 map[string]string // old province code → 2025 code
	// namesake maps a 2025 province's code to the code of the old
	// province whose name it carries (Namesake): compare asks for it
	// for every pair of localities.
	namesake map[string]string
	index    map[string][]name // first word (lower case) → names starting with it
	folded   map[string][]name // the same by folded first word
	com      func() *communes  // the commune level, read on first use
}

// name is one way of writing a place.
type name struct {
	words  []string // lower case
	folded []string
	place  *Place
	alias  bool
}

//go:embed data/places.csv data/provinces2025.csv data/communes.csv.gz data/communes2025.csv.gz
var data embed.FS

var defaultGazetteer = sync.OnceValue(func() *Gazetteer {
	g, err := builtin()
	if err != nil {
		panic("gazetteer: embedded data: " + err.Error()) // tested; cannot happen
	}
	return g
})

// Default returns the built-in gazetteer.
func Default() *Gazetteer { return defaultGazetteer() }

func builtin() (*Gazetteer, error) {
	g := &Gazetteer{places: map[string]*Place{}, new: map[string]*Place{}, to2025: map[string]string{}, namesake: map[string]string{}}
	f, _ := data.Open("data/places.csv")
	rows, err := readCSV(f, 6, true)
	f.Close()
	if err != nil {
		return nil, fmt.Errorf("places.csv: %w", err)
	}
	for _, r := range rows {
		p := &Place{Code: r[0], Name: r[1], Type: r[2], Parent: r[3], Level: Province, Typed: r[5] == "typed", Until: lastDay}
		if r[5] == "merged" {
			p.Until = ""
		}
		if p.Parent != "" {
			p.Level = District
		}
		if r[4] != "" {
			p.Aliases = strings.Split(r[4], "|")
		}
		g.places[p.Code] = p
	}
	f, _ = data.Open("data/provinces2025.csv")
	rows, err = readCSV(f, 4, true)
	f.Close()
	if err != nil {
		return nil, fmt.Errorf("provinces2025.csv: %w", err)
	}
	for _, r := range rows {
		p := &Place{Code: r[0], Name: r[1], Type: r[2], Level: Province, Since: ReformDate}
		g.new[p.Code] = p
		for _, old := range strings.Split(r[3], "|") {
			if _, ok := g.places[old]; !ok {
				return nil, fmt.Errorf("provinces2025.csv: %s absorbs unknown province %q", p.Code, old)
			}
			g.to2025[old] = p.Code
			if g.places[old].Name == p.Name {
				g.namesake[p.Code] = old
			}
		}
	}
	g.reindex()
	g.com = sync.OnceValue(func() *communes { return loadCommunes(g) })
	return g, nil
}

// readCSV reads comma-separated rows of n fields, skipping blank lines and
// "#" comments; normalize runs vntext.Normalize on each field (the
// generated commune files are normalized already: a test checks it).
func readCSV(r io.Reader, n int, normalize bool) ([][]string, error) {
	cr := csv.NewReader(r)
	cr.Comment = '#'
	cr.FieldsPerRecord = -1
	cr.TrimLeadingSpace = true
	var rows [][]string
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			return rows, nil
		}
		if err != nil {
			return nil, err
		}
		if len(rec) < n {
			line, _ := cr.FieldPos(0)
			return nil, fmt.Errorf("line %d: %d fields, want %d", line, len(rec), n)
		}
		for i := range rec {
			if normalize {
				rec[i] = vntext.Normalize(rec[i])
			}
			rec[i] = strings.TrimSpace(rec[i])
		}
		rows = append(rows, rec)
	}
}

func (g *Gazetteer) reindex() {
	g.index, g.folded = map[string][]name{}, map[string][]name{}
	for _, p := range byCode(g.places) {
		addName(g.index, g.folded, p.Name, p, false)
		for _, a := range p.Aliases {
			addName(g.index, g.folded, a, p, true)
		}
	}
}

// addName indexes one way of writing p by its first word, as written and
// folded.
func addName(index, folded map[string][]name, s string, p *Place, alias bool) {
	ws := words(s)
	if len(ws) == 0 {
		return
	}
	n := name{place: p, alias: alias}
	for _, w := range ws {
		n.words = append(n.words, strings.ToLower(w))
		n.folded = append(n.folded, vntext.Fold(w))
	}
	index[n.words[0]] = append(index[n.words[0]], n)
	folded[n.folded[0]] = append(folded[n.folded[0]], n)
}

func words(s string) []string {
	var out []string
	for _, t := range vntext.Tokens(s) {
		out = append(out, s[t.Start:t.End])
	}
	return out
}

// Place returns the unit of 30 June 2025 (or before) with the GSO code: a
// province, a district or a commune; nil if none.
func (g *Gazetteer) Place(code string) *Place {
	if p := g.places[code]; p != nil {
		return p
	}
	if len(code) == 5 {
		return g.communes().old[code]
	}
	return nil
}

// Province returns the province of 30 June 2025 that holds p: p itself for
// a province, nil when the chain of parents is broken or p is a unit of
// 2025 (see Province2025).
func (g *Gazetteer) Province(p *Place) *Place {
	if p != nil && p.New() {
		return nil
	}
	for i := 0; p != nil && i < 4; i++ {
		if p.Level <= Province {
			return p
		}
		p = g.places[p.Parent]
	}
	return nil
}

// Province2025 returns the provincial unit in force from 1 July 2025 that
// holds p's territory (p itself for a 2025 province, its parent for a 2025
// commune), or nil if p's province is unknown.
func (g *Gazetteer) Province2025(p *Place) *Place {
	if p != nil && p.New() {
		if p.Level <= Province {
			return p
		}
		return g.new[p.Parent]
	}
	prov := g.Province(p)
	if prov == nil {
		return nil
	}
	return g.new[g.to2025[prov.Code]]
}

// Provinces2025 returns the 34 provincial units of 2025, by code.
func (g *Gazetteer) Provinces2025() []*Place { return byCode(g.new) }

// Places returns every province and district-level unit of 30 June 2025
// (and before), and the places merged in (With), by code; Communes lists
// the communes.
func (g *Gazetteer) Places() []*Place { return byCode(g.places) }

func byCode(m map[string]*Place) []*Place {
	out := make([]*Place, 0, len(m))
	for _, p := range m {
		out = append(out, p)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Code < out[j].Code })
	return out
}

// Lookup returns the place a short text names ("Bình Dương", "thị xã Bến
// Cát", "TPHCM", "74"), preferring the higher level when a name is shared
// (Bắc Ninh the province over Bắc Ninh the city). Case and diacritics do
// not matter.
func (g *Gazetteer) Lookup(s string) *Place {
	s = strings.TrimSpace(s)
	if p := g.places[s]; p != nil {
		return p
	}
	// Capitalize every word so that the capitalization rule of Find holds.
	var b strings.Builder
	for i, w := range strings.Fields(s) {
		if i > 0 {
			b.WriteByte(' ')
		}
		r, n := utf8.DecodeRuneInString(w)
		b.WriteRune(unicode.ToUpper(r))
		b.WriteString(w[n:])
	}
	for _, m := range g.Find(b.String()) {
		if len(m.Places) > 0 {
			return m.Places[0]
		}
	}
	// A "typed" name written bare ("Hồ Chí Minh") still names the place
	// when it is all there is.
	_, bare := splitType(s)
	key := vntext.Fold(bare)
	var best *Place
	for _, p := range g.places {
		if vntext.Fold(p.Name) == key && (best == nil || p.Level < best.Level) {
			best = p
		}
	}
	return best
}

// A Mention is a place named in a text.
type Mention struct {
	Start, End int      // the mention in the text, type word included
	NameStart  int      // where the name itself starts
	Type       string   // the type word as written, lower case ("thị xã", "tp"); "" if none
	Places     []*Place // the units it can be, best first (higher level first)
}

// typeWords are the words that can stand before a name, longest first
// (TypeWords, then their abbreviations: "tp", "tx", "q").
var typeWords = func() [][]string {
	var out [][]string
	for _, t := range TypeWords {
		out = append(out, strings.Fields(t.Word))
	}
	for _, t := range TypeWords {
		for _, a := range t.Abbr {
			out = append(out, []string{a})
		}
	}
	return out
}()

// typeBefore returns the type word written just before toks[i] (only
// spaces and dots between; a one-letter abbreviation needs its dot: "Q.1",
// "H. Đức Trọng"), lower case, and the index of its first token.
func typeBefore(text string, toks []Token, i int) (string, int) {
	if i == 0 || !joinedBy(text, toks[i-1].End, toks[i].Start, " .") {
		return "", i
	}
	for _, tw := range typeWords {
		j := i - len(tw)
		if j < 0 {
			continue
		}
		ok := true
		for k, w := range tw {
			// A text typed without diacritics writes "xa", "huyen".
			tok := strings.ToLower(text[toks[j+k].Start:toks[j+k].End])
			if tok != w && !(isASCII(tok) && tok == vntext.Fold(w)) ||
				k > 0 && !joinedBy(text, toks[j+k-1].End, toks[j+k].Start, " ") {
				ok = false
				break
			}
		}
		if ok && len(tw) == 1 && len(tw[0]) == 1 && !strings.Contains(text[toks[i-1].End:toks[i].Start], ".") {
			ok = false
		}
		if ok {
			return strings.Join(tw, " "), j
		}
	}
	return "", i
}

// communeType reports whether a type word names communes.
func communeType(t string) bool {
	ls := levelsOf(t)
	return len(ls) == 1 && ls[0] == Commune || t == "tt"
}

// levelsOf returns the levels a type word allows.
func levelsOf(t string) []Level {
	if tw := TypeWordOf(t); tw != nil && t != "tt" {
		return tw.Levels
	}
	return nil
}

// Find returns the places named in text, in order of appearance.
func (g *Gazetteer) Find(text string) []Mention {
	toks := vntext.Tokens(text)
	var out []Mention
	for i := 0; i < len(toks); i++ {
		typ, j := typeBefore(text, toks, i)
		var extra [2]map[string][]name
		if communeType(typ) {
			// Communes are named only after their type word: ten thousand
			// names include most words of a plan's prose.
			c := g.communes()
			extra = [2]map[string][]name{c.index, c.fold}
		}
		best, n := g.matchAt(text, toks, i, extra)
		if best == nil {
			continue
		}
		m := Mention{Start: toks[j].Start, NameStart: toks[i].Start, End: toks[i+n-1].End, Type: typ}
		if m.Type == "" && i > 0 && personName(text, toks[i-1]) && joinedBy(text, toks[i-1].End, toks[i].Start, " ") {
			// "ông Nguyễn Lộc Hà": the end of a person's name, not the
			// district of Lộc Hà.
			i += n - 1
			continue
		}
		m.Places = g.candidates(best, m.Type)
		if len(m.Places) > 0 {
			out = append(out, m)
		}
		i += n - 1
	}
	return out
}

// personWords are the family names and the commonest middle names of
// Vietnamese people: a place name right after one of them, with no type
// word, is the rest of a person's name.
var personWords = map[string]bool{}

func init() {
	for _, w := range strings.Fields("nguyễn trần lê phạm hoàng huỳnh phan vũ võ đặng bùi đỗ hồ ngô dương lý đinh đào " +
		"trịnh đoàn lương tô tạ quách văn thị hữu đình công quốc thế bá trọng mạnh") {
		personWords[w] = true
	}
}

// personName reports whether token t is capitalized and one of
// personWords.
func personName(text string, t Token) bool {
	w := text[t.Start:t.End]
	return capitalized(w) && personWords[strings.ToLower(w)]
}

// joinedBy reports whether text[a:b], the gap between two words, is short
// and made only of runes in set.
func joinedBy(text string, a, b int, set string) bool {
	if b-a > 6 {
		return false
	}
	for _, r := range text[a:b] {
		if !strings.ContainsRune(set, r) {
			return false
		}
	}
	return true
}

// matchAt returns the names that match the longest run of tokens starting
// at toks[i], and the run's length.
func (g *Gazetteer) matchAt(text string, toks []Token, i int, extra [2]map[string][]name) ([]name, int) {
	first := text[toks[i].Start:toks[i].End]
	if !capitalized(first) {
		return nil, 0
	}
	low := strings.ToLower(first)
	// The names that start with the word, as written and (for a word
	// typed without diacritics) folded; not copied into one slice: a
	// common word starts hundreds of communes' names.
	lists := [4][]name{g.index[low]}
	if extra[0] != nil {
		lists[1] = extra[0][low]
	}
	if isASCII(first) {
		f := vntext.Fold(first)
		lists[2] = g.folded[f]
		if extra[1] != nil {
			lists[3] = extra[1][f]
		}
	}
	var best []name
	bestN := 0
	// The words after toks[i], lower case and (when ASCII) folded, read
	// once for all candidates; joined[k] says whether word k is joined to
	// the one before it as a name's words are.
	var lower, folded []string
	var joined []bool
	word := func(k int) bool {
		for len(lower) <= k {
			j := i + len(lower)
			w := text[toks[j].Start:toks[j].End]
			f := ""
			if isASCII(w) {
				f = vntext.Fold(w)
			}
			if !capitalized(w) {
				f += "\x00" // marks a word that is not capitalized
			}
			lower, folded = append(lower, strings.ToLower(w)), append(folded, f)
			joined = append(joined, len(joined) == 0 || joinedBy(text, toks[j-1].End, toks[j].Start, " -.–'’"))
		}
		return joined[k]
	}
	for c := range all(lists) {
		n := len(c.words)
		if n < bestN || i+n > len(toks) {
			continue
		}
		ok := true
		for k := 0; k < n && ok; k++ {
			if !word(k) {
				ok = false
				break
			}
			f, upper := strings.CutSuffix(folded[k], "\x00")
			upper = !upper
			switch {
			case lower[k] == c.words[k]:
			case f != "" && f == c.folded[k]:
			default:
				ok = false
			}
			// Every syllable of a name is capitalized; an alias only needs
			// its first ("Thủ đô").
			if ok && !c.alias && !upper {
				ok = false
			}
		}
		if !ok {
			continue
		}
		if n > bestN {
			best, bestN = nil, n
		}
		dup := false
		for _, b := range best {
			// The same unit under two spellings, or a commune merged in
			// (With) that the built-in list also knows: the first wins.
			if b.place == c.place || b.place.Code == c.place.Code && b.place.New() == c.place.New() && b.place.Level == c.place.Level {
				dup = true
			}
		}
		if !dup {
			best = append(best, c)
		}
	}
	return best, bestN
}

// all iterates over the names of several lists, in order.
func all(lists [4][]name) iter.Seq[name] {
	return func(yield func(name) bool) {
		for _, l := range lists {
			for _, n := range l {
				if !yield(n) {
					return
				}
			}
		}
	}
}

// Token is vntext.Token, named here for brevity.
type Token = vntext.Token

func capitalized(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsUpper(r) || unicode.IsDigit(r)
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// candidates orders the places of matching names by fit with the type
// word: places of a level the type allows, higher level first; with no
// type word, "typed" names are left out unless written as an alias.
func (g *Gazetteer) candidates(names []name, typeWord string) []*Place {
	allowed := levelsOf(typeWord)
	var out []*Place
	for _, n := range names {
		p := n.place
		if typeWord == "" && p.Typed && !n.alias {
			continue
		}
		if allowed != nil {
			ok := false
			for _, l := range allowed {
				// A province-level city ("thành phố Hồ Chí Minh") is a
				// province; "thành phố Bắc Ninh" is the district-level city.
				if l == p.Level && (l != Province || typeWord != "thành phố" && typeWord != "tp" || p.Type == "thành phố") {
					ok = true
				}
			}
			if !ok {
				continue
			}
		}
		out = append(out, p)
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Level < out[j].Level })
	return out
}

// Parse reads a list of places in CSV: code,name,level,parent_code, one per
// line, as the official list is published. A header line (its first field
// not a code) is skipped. level is a level name (province, district,
// commune) or a Vietnamese type ("Tỉnh", "Thành phố Trung ương", "Quận",
// "Huyện", "Thị xã", "Thành phố", "Xã", "Phường", "Thị trấn"). A name may
// carry its type ("Thị xã Bến Cát"): the type is split off.
func Parse(r io.Reader) ([]Place, error) {
	br := bufio.NewReader(r)
	cr := csv.NewReader(br)
	cr.FieldsPerRecord = -1
	cr.TrimLeadingSpace = true
	cr.Comment = '#'
	var out []Place
	for n := 0; ; n++ {
		rec, err := cr.Read()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			// A csv.ParseError names its line.
			return nil, fmt.Errorf("gazetteer: %w", err)
		}
		line, _ := cr.FieldPos(0)
		for i := range rec {
			rec[i] = strings.TrimSpace(vntext.Normalize(strings.TrimPrefix(rec[i], "\ufeff")))
		}
		if len(rec) < 3 {
			return nil, fmt.Errorf("gazetteer: line %d: %d fields, want code,name,level,parent_code", line, len(rec))
		}
		if n == 0 && !isCode(rec[0]) {
			continue // header
		}
		if !isCode(rec[0]) {
			return nil, fmt.Errorf("gazetteer: line %d: code %q is not a number", line, rec[0])
		}
		p := Place{Code: rec[0]}
		p.Type, p.Name = splitType(rec[1])
		if p.Name == "" {
			return nil, fmt.Errorf("gazetteer: line %d: empty name", line)
		}
		lvl, typ, err := parseLevel(rec[2])
		if err != nil {
			return nil, fmt.Errorf("gazetteer: line %d: %w", line, err)
		}
		p.Level = lvl
		if p.Type == "" {
			p.Type = typ
		}
		if len(rec) > 3 {
			p.Parent = rec[3]
		}
		if p.Level > Province && p.Parent == "" {
			return nil, fmt.Errorf("gazetteer: line %d: %s %q has no parent_code", line, p.Level, p.Name)
		}
		out = append(out, p)
	}
}

func isCode(s string) bool {
	if s == "" || len(s) > 8 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// splitType is SplitType.
func splitType(s string) (typ, bare string) { return SplitType(s) }

var errLevel = errors.New("unknown level")

func parseLevel(s string) (Level, string, error) {
	low := strings.ToLower(s)
	switch low {
	case "province":
		return Province, "", nil
	case "district":
		return District, "", nil
	case "commune", "ward":
		return Commune, "", nil
	case "thành phố trung ương", "thành phố trực thuộc trung ương", "thành phố tw":
		return Province, "thành phố", nil
	}
	if tw := TypeWordOf(low); tw != nil {
		// "thành phố" alone is a district's: a province's says "trung ương".
		return tw.Levels[len(tw.Levels)-1], tw.Word, nil
	}
	return Unknown, "", fmt.Errorf("%w %q (want province, district, commune or a type such as Tỉnh, Huyện, Xã)", errLevel, s)
}

// With returns a copy of g with places added; a place with the code of one
// already known replaces it, keeping the known aliases.
func (g *Gazetteer) With(places []Place) *Gazetteer {
	c := &Gazetteer{places: make(map[string]*Place, len(g.places)+len(places)), new: g.new, to2025: g.to2025, namesake: g.namesake, com: g.com}
	for k, v := range g.places {
		c.places[k] = v
	}
	for i := range places {
		p := places[i]
		if old := c.places[p.Code]; old != nil {
			p.Aliases = append(old.Aliases[:len(old.Aliases):len(old.Aliases)], p.Aliases...)
			p.Typed = p.Typed || old.Typed
			if p.Type == "" {
				p.Type = old.Type
			}
		}
		c.places[p.Code] = &p
	}
	c.reindex()
	return c
}
