package gazetteer

import (
	"strings"
	"unicode"

	"github.com/chitieu/chitieu/extract/vntext"
)

// Within reports whether p lies in q, across the reform where needed:
//
//   - an old commune lies in its district and province, and in the 2025
//     province that holds them;
//   - a 2025 commune lies in its 2025 province, in an old province that
//     province absorbed ("xã Cần Giuộc, tỉnh Tây Ninh" and, written by
//     habit, "tỉnh Long An"), and in an old district one of its
//     predecessors belonged to;
//   - an old district lies in its province.
func (g *Gazetteer) Within(p, q *Place) bool {
	if p == nil || q == nil || p == q || p.Level <= q.Level {
		return false
	}
	if q.Level == Province {
		if p.New() || q.New() {
			a, b := g.Province2025(p), g.Province2025(q)
			return a != nil && a == b
		}
		return g.Province(p) == q
	}
	// q is a district (of the old list).
	if q.New() || q.Level != District {
		return false
	}
	if !p.New() {
		return p.Parent == q.Code
	}
	for _, s := range g.Predecessors(p) {
		if s.Place == q || s.Place.Parent == q.Code {
			return true
		}
	}
	return false
}

// Resolve returns the units a place phrase can name, best first: its first
// place, narrowed by the places written after it that hold it ("xã Tân
// Phú, huyện Đồng Phú, tỉnh Bình Phước", "huyện Châu Thành (Tiền Giang)"),
// then by the provinces in within (those a document names elsewhere: its
// issuer, its citations), then to the units in force on date
// ("YYYY-MM-DD", "" for any). One place is a resolution; several are a
// name the phrase does not settle; none, no place it knows.
func (g *Gazetteer) Resolve(phrase, date string, within []*Place) []*Place {
	phrase = vntext.Normalize(phrase)
	ms := g.Find(phrase)
	if len(ms) == 0 {
		return nil
	}
	return PreferType(g.Narrow(phrase, ms, 0, date, within), ms[0].Type)
}

// PreferType keeps the places whose type is the type word a text wrote
// ("quận Tân Phú" is the quận, not the huyện of the same name), and all of
// them when none has it: the gazetteer's type is a default (of 2021 for
// districts), and a town's type changes more often than its name. Apply it
// last, after every other clue, for a clue outranks a type word.
func PreferType(cands []*Place, typeWord string) []*Place {
	t := TypeWordOf(typeWord)
	if t == nil || len(cands) < 2 {
		return cands
	}
	var typed []*Place
	for _, c := range cands {
		if c.Type == t.Word {
			typed = append(typed, c)
		}
	}
	if len(typed) == 0 {
		return cands
	}
	return typed
}

// Narrow is Resolve for the mention ms[i] of text (ms is g.Find(text)),
// without PreferType.
func (g *Gazetteer) Narrow(text string, ms []Mention, i int, date string, within []*Place) []*Place {
	cands := ms[i].Places
	if len(cands) > 1 && cands[0].Level <= Province {
		// A province's name is the province ("Bắc Ninh, ngày ..."), not
		// the city of the same name, unless a type word says otherwise.
		return cands[:1]
	}
	end := ms[i].End
	for _, m := range ms[i+1:] {
		if !holderGap(text[end:m.Start]) {
			break
		}
		if in := g.inAny(cands, m.Places); len(in) > 0 {
			cands = in
		}
		end = m.End
	}
	if len(within) > 0 {
		if in := g.inAny(cands, within); len(in) > 0 {
			cands = in
		}
	}
	cands = AtDate(cands, date)
	return cands
}

// holderGap reports whether the text between two places joins a place to
// the one that holds it: a comma, a dash, parentheses, "thuộc", "-".
func holderGap(s string) bool {
	s = strings.ToLower(strings.TrimSpace(s))
	for _, w := range []string{"(", ",", "-", "–", "thuộc", "của", "trực thuộc"} {
		s = strings.TrimSpace(strings.ReplaceAll(s, w, " "))
	}
	return len(s) == 0
}

// inAny keeps the places of cands that lie in one of holders.
func (g *Gazetteer) inAny(cands, holders []*Place) []*Place {
	var out []*Place
	for _, c := range cands {
		for _, h := range holders {
			if g.Within(c, h) {
				out = append(out, c)
				break
			}
		}
	}
	return out
}

// Query resolves a place as a user types it into a search box or a
// command line: case does not matter ("xa tan phu, tinh dong nai"), and a
// name with no type word is looked up at every level, communes included
// ("Tân Phú" is the districts and the communes of that name). The result
// is as Resolve's.
func (g *Gazetteer) Query(s, date string, within []*Place) []*Place {
	s = capitalizeNames(vntext.Normalize(strings.TrimSpace(s)))
	out := g.Resolve(s, date, within)
	if len(out) > 0 {
		if ms := g.Find(s); len(ms) > 0 && ms[0].Type != "" {
			return out
		}
	}
	seen := map[*Place]bool{}
	for _, p := range out {
		seen[p] = true
	}
	for _, t := range []string{"xã", "phường", "thị trấn", "đặc khu"} {
		for _, p := range g.Resolve(t+" "+s, date, within) {
			if !seen[p] && p.Level == Commune {
				seen[p] = true
				out = append(out, p)
			}
		}
	}
	return AtDate(out, date)
}

// capitalizeNames capitalizes every word of s but the type words and the
// words that join places ("thuộc", "của"), so that a query typed in lower
// case meets Find's rule that a name is capitalized.
func capitalizeNames(s string) string {
	keep := map[string]bool{"thuộc": true, "của": true, "thuoc": true, "cua": true}
	for _, t := range TypeWords {
		for _, w := range strings.Fields(t.Word + " " + t.Fold) {
			keep[w] = true
		}
		for _, a := range t.Abbr {
			keep[a] = true
		}
	}
	fs := strings.Fields(s)
	for i, w := range fs {
		low := strings.ToLower(w)
		if keep[strings.TrimRight(low, ".,()")] {
			fs[i] = low
			continue
		}
		r := []rune(w)
		r[0] = unicode.ToUpper(r[0])
		fs[i] = string(r)
	}
	return strings.Join(fs, " ")
}
