package targets

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/chitieu/chitieu/extract/gazetteer"
	"github.com/chitieu/chitieu/extract/structure"
	"github.com/chitieu/chitieu/extract/vntext"
)

// locality finds where a document is from: its issuer, its title (the
// header's, then the web page's), the place of its place-date line, then
// its body. The body counts only when it names one province and speaks of
// itself as "tỉnh" or "thành phố"; otherwise the locality stays unknown.
func (x *Extractor) locality(text string, sp structure.Span, h structure.Header, pageTitle string, evidenceOf func() *evidence) Locality {
	pick := func(s, source string) (Locality, bool) {
		ms := x.gaz.Find(s)
		// "trên địa bàn thị xã Bến Cát" is the strongest mention in a title.
		for i, m := range ms {
			if strings.HasSuffix(strings.TrimSpace(vntext.Fold(s[:m.Start])), "tren dia ban") {
				ms[0], ms[i] = ms[i], ms[0]
				break
			}
		}
		if len(ms) == 0 {
			return Locality{}, false
		}
		m := ms[0]
		cands := x.gaz.Narrow(s, ms, 0, h.Date, nil)
		if p := choose(x.gaz, evidenceOf, cands, h.Date, m.Type); p != nil {
			return Locality{Place: p, Type: m.Type, Source: source}, true
		}
		// A name several districts share, and nothing in the text to tell
		// which (or the text places it in a province where the gazetteer
		// has no such district): the name without a code.
		cands = gazetteer.PreferType(cands, m.Type)
		top := cands[0]
		typ := m.Type
		if typ == "" {
			typ = top.Type
		}
		return Locality{Place: &gazetteer.Place{Name: top.Name, Type: typ, Level: top.Level}, Type: m.Type, Source: source, Candidates: len(cands)}, true
	}
	l := x.namedLocality(text, sp, h, pageTitle, pick)
	if l.Place != nil && l.Place.Level > gazetteer.Province && x.gaz.Province(l.Place) == nil {
		l.Province = evidenceOf().one()
	}
	return l
}

// evidence is the provinces a document names: those of the plans it
// implements ("Căn cứ ... của Ủy ban nhân dân tỉnh Bình Dương") and all it
// names with their type ("tỉnh Đồng Nai").
type evidence struct {
	cited, named []*gazetteer.Place
}

// one returns the province the evidence points to, if only one.
func (e *evidence) one() *gazetteer.Place {
	switch {
	case len(e.cited) == 1:
		return e.cited[0]
	case len(e.named) == 1:
		return e.named[0]
	}
	return nil
}

// choose picks among the places a name can be: a province stands alone; a
// district or commune must be the only one of its name in force on the
// document's date, or the only one in a province the document names; the
// type word it was written with settles what is left. nil means the text
// cannot tell.
func choose(gaz *gazetteer.Gazetteer, evidenceOf func() *evidence, cands []*gazetteer.Place, date, typeWord string) *gazetteer.Place {
	if cands[0].Level <= gazetteer.Province {
		return cands[0]
	}
	e := evidenceOf()
	var same []*gazetteer.Place
	for _, c := range cands {
		if c.Level == cands[0].Level {
			same = append(same, c)
		}
	}
	same = gazetteer.AtDate(same, date)
	for _, provs := range [][]*gazetteer.Place{e.cited, e.named} {
		if len(provs) == 0 {
			continue
		}
		var in []*gazetteer.Place
		for _, c := range same {
			for _, p := range provs {
				if gaz.Within(c, p) {
					in = append(in, c)
					break
				}
			}
		}
		switch in = gazetteer.PreferType(in, typeWord); {
		case len(in) == 1:
			return in[0]
		case len(in) == 0 && len(provs) == 1:
			return nil // the text places it elsewhere
		}
	}
	if same = gazetteer.PreferType(same, typeWord); len(same) == 1 {
		return same[0]
	}
	return nil
}

// namedLocality is locality without the province of a place the gazetteer
// does not place.
func (x *Extractor) namedLocality(text string, sp structure.Span, h structure.Header, pageTitle string, pick func(string, string) (Locality, bool)) Locality {
	if h.Issuer != "" {
		if l, ok := pick(h.Issuer, "issuer"); ok {
			return l
		}
		if l, ok := unlisted(h.Issuer, "issuer"); ok {
			return l
		}
		f := vntext.Fold(h.Issuer)
		if containsAny(f, "thu tuong", "chinh phu", "quoc hoi") || strings.HasPrefix(f, "bo ") && !containsAny(f, "tinh", "thanh pho") {
			return Locality{National: true, Source: "issuer"}
		}
	}
	if h.Title != "" {
		if l, ok := pick(h.Title, "title"); ok {
			return l
		}
		if l, ok := unlisted(h.Title, "title"); ok {
			return l
		}
	}
	if pageTitle != "" {
		if l, ok := pick(pageTitle, "page title"); ok {
			return l
		}
	}
	if h.Place != "" {
		if l, ok := pick(h.Place, "place-date line"); ok {
			return l
		}
	}
	// The body: one province named, and the document speaks of "the
	// province" (or city) as itself.
	body := text[sp.Start:sp.End]
	var provinces []*gazetteer.Place
	seen := map[string]bool{}
	for _, ln := range strings.Split(body, "\n") {
		if strings.HasPrefix(vntext.Fold(strings.TrimSpace(ln)), "can cu") {
			continue
		}
		for _, m := range x.gaz.Find(ln) {
			// A name many units share ("xã Tân Phú") says nothing of
			// the province unless they all lie in one.
			var p *gazetteer.Place
			for i, c := range m.Places {
				q := x.gaz.Province(c)
				if c.New() {
					q = x.gaz.Namesake(c)
				}
				if i > 0 && q != p {
					p = nil
					break
				}
				p = q
			}
			if p != nil && !seen[p.Code] {
				seen[p.Code] = true
				provinces = append(provinces, p)
			}
		}
	}
	if len(provinces) == 1 {
		f := vntext.Fold(body)
		self := "tinh"
		if provinces[0].Type == "thành phố" {
			self = "thanh pho"
		}
		for _, w := range []string{"ubnd " + self, "uy ban nhan dan " + self, "dia ban " + self, "cua " + self, "toan " + self} {
			if strings.Contains(f, w) {
				return Locality{Place: provinces[0], Source: "body"}
			}
		}
	}
	// A page on the country's own plan: no place of its own, and a
	// national body or the whole country in its title or first lines
	// ("Phó Thủ tướng ... vừa ký Quyết định số 1373/QĐ-TTg phê duyệt Đề
	// án ...").
	if len(provinces) == 0 {
		lead := vntext.Fold(h.Title + " " + prefix(body, 600))
		if containsAny(lead, "thu tuong", "chinh phu", "qd-ttg", "ca nuoc", "toan quoc", "bo giao duc va dao tao ban hanh") {
			return Locality{National: true, Source: "body"}
		}
	}
	return Locality{}
}

// unlisted reads a place the gazetteer lacks from an issuer or a title: a
// type word and a capitalized name ("huyện Tân Phú", "xã An Bình"). It
// has no code.
func unlisted(s, source string) (Locality, bool) {
	ns := typedNames(s)
	if len(ns) == 0 {
		return Locality{}, false
	}
	l := ns[0]
	l.Source = source
	return l, true
}

// typedNames reads the places a text names after a type word, the type
// word shared by a list: "xã An Bình", "các huyện Kỳ Sơn, Tương Dương",
// "hai xã Đăk Rơ Wa và Ia Chim", "hai huyện miền núi Khánh Sơn và Khánh
// Vĩnh". A name is a run of capitalized words; "xã hội" and "thành phố
// học tập" are no places. In a line of capitals the name runs to the end
// of the line.
func typedNames(s string) []Locality {
	toks := vntext.Tokens(s)
	var out []Locality
	for i := 0; i < len(toks); i++ {
		w := vntext.Fold(s[toks[i].Start:toks[i].End])
		typ, level, n := "", gazetteer.Unknown, 0
		for _, t := range gazetteer.TypeWords {
			ws := strings.Fields(t.Fold)
			if i+len(ws) > len(toks) {
				continue
			}
			ok := true
			for k, x := range ws {
				if vntext.Fold(s[toks[i+k].Start:toks[i+k].End]) != x {
					ok = false
				}
			}
			if ok {
				// "thành phố" in a text is a district's unless the gazetteer says.
				typ, level, n = t.Word, t.Levels[len(t.Levels)-1], len(ws)
				break
			}
		}
		if typ == "" || w == "xa" && i+1 < len(toks) && vntext.Fold(s[toks[i+1].Start:toks[i+1].End]) == "hoi" {
			continue
		}
		// The names after it.
		j := i + n
		for j < len(toks) && descriptive[vntext.Fold(s[toks[j].Start:toks[j].End])] && !capitalizedWord(s[toks[j].Start:toks[j].End]) {
			j++
		}
		for j < len(toks) {
			k := j
			for k < len(toks) && capitalizedWord(s[toks[k].Start:toks[k].End]) && (k == j || strings.TrimSpace(s[toks[k-1].End:toks[k].Start]) == "" || s[toks[k-1].End:toks[k].Start] == "-") {
				k++
			}
			if k == j {
				break
			}
			name := s[toks[j].Start:toks[k-1].End]
			if f := vntext.Fold(name); !strings.HasPrefix(f, "hoc tap") && !strings.HasPrefix(f, "hoi") {
				out = append(out, Locality{Place: &gazetteer.Place{Name: name, Type: typ, Level: level}, Type: typ})
			}
			// Another name of the list: ", " or " và ".
			if k >= len(toks) {
				j = k
				break
			}
			gap := s[toks[k-1].End:toks[k].Start]
			nw := vntext.Fold(s[toks[k].Start:toks[k].End])
			switch {
			case strings.TrimSpace(gap) == ",":
				j = k
			case strings.TrimSpace(gap) == "" && nw == "va" && k+1 < len(toks):
				j = k + 1
			default:
				j = len(toks) + 1
			}
		}
		i = max(i, min(j, len(toks))-1)
	}
	return out
}

// descriptive words may stand between a type word and the names it lists.
var descriptive = map[string]bool{"mien": true, "nui": true, "vung": true, "cao": true, "bien": true, "gioi": true,
	"ven": true, "dac": true, "biet": true, "kho": true, "khan": true, "dong": true, "bang": true}

func capitalizedWord(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsUpper(r)
}

// placesIn returns the places a phrase names, each once, in order: the
// gazetteer's, resolved with what the document says of its province, and
// those it lacks, named after a type word.
func (x *Extractor) placesIn(s string, doc *Doc) []Locality {
	var out []Locality
	seen := map[string]bool{}
	add := func(l Locality) {
		k := vntext.Fold(l.Place.Name)
		if seen[k] {
			return
		}
		seen[k] = true
		out = append(out, l)
	}
	ev := doc.provinces(x, doc.View.Text)
	ms := x.gaz.Find(s)
	for i, m := range ms {
		if p := choose(x.gaz, ev, x.gaz.Narrow(s, ms, i, doc.Header.Date, nil), doc.Header.Date, m.Type); p != nil {
			add(Locality{Place: p, Type: m.Type})
		}
	}
	for _, l := range typedNames(s) {
		// A name the gazetteer knows at that level, in the document's
		// province: its code.
		if p := x.lookup(l, ev, doc.Header.Date); p != nil {
			l.Place = p
		}
		add(l)
	}
	return out
}

// lookup finds a typed name in the gazetteer, at a level its type allows.
func (x *Extractor) lookup(l Locality, ev func() *evidence, date string) *gazetteer.Place {
	var cands []*gazetteer.Place
	for _, m := range x.gaz.Find(l.Place.Display(l.Type)) {
		for _, p := range m.Places {
			if p.Level == l.Place.Level {
				cands = append(cands, p)
			}
		}
	}
	if len(cands) == 0 {
		return nil
	}
	return choose(x.gaz, ev, cands, date, l.Type)
}

// prefix returns s cut to about n bytes, at a character's start.
func prefix(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}

// provincesInText collects the provinces a document names with their
// type: those of its citations ("Căn cứ Kế hoạch số 1144/KH-UBND ... của Ủy
// ban nhân dân tỉnh Bình Dương"), and all.
func (x *Extractor) provincesInText(text string, sp structure.Span) *evidence {
	e := &evidence{}
	add := func(list []*gazetteer.Place, p *gazetteer.Place) []*gazetteer.Place {
		for _, q := range list {
			if q == p {
				return list
			}
		}
		return append(list, p)
	}
	for _, ln := range strings.Split(text[sp.Start:sp.End], "\n") {
		head := strings.TrimLeft(ln, " -+")
		citation := strings.HasPrefix(vntext.Fold(prefix(head, 12)), "can cu")
		for _, m := range x.gaz.Find(ln) {
			p := m.Places[0]
			// "tỉnh Đồng Nai", or a province named in parentheses after a
			// place: "huyện Châu Thành (Tiền Giang)".
			inParens := m.Start > 0 && strings.HasSuffix(strings.TrimRight(ln[:m.Start], " "), "(")
			if p.Level != gazetteer.Province || m.Type == "" && !inParens {
				continue
			}
			if citation {
				e.cited = add(e.cited, p)
			}
			e.named = add(e.named, p)
		}
	}
	return e
}
