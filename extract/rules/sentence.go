package rules

import (
	"sort"
	"strings"

	"github.com/chitieu/chitieu/extract/structure"
	"github.com/chitieu/chitieu/extract/vntext"
)

// Modality is how a plan states a target.
type Modality int

// Modalities.
const (
	Achieve  Modality = iota // đạt, hoàn thành
	Maintain                 // duy trì, tiếp tục duy trì, củng cố, giữ vững
	Strive                   // phấn đấu
)

var modalityNames = []string{"achieve", "maintain", "strive"}

func (m Modality) String() string { return enumName(modalityNames, m, "achieve") }

// MarshalText writes the modality's name.
func (m Modality) MarshalText() ([]byte, error) { return []byte(m.String()), nil }

// UnmarshalText reads a modality's name.
func (m *Modality) UnmarshalText(b []byte) error { return enumParse(modalityNames, b, m, "modality") }

// Kind tells a target from a reported result.
type Kind int

// Kinds.
const (
	Target Kind = iota
	Result
)

var kindNames = []string{"target", "result"}

func (k Kind) String() string { return enumName(kindNames, k, "target") }

// MarshalText writes the kind's name.
func (k Kind) MarshalText() ([]byte, error) { return []byte(k.String()), nil }

// UnmarshalText reads a kind's name.
func (k *Kind) UnmarshalText(b []byte) error { return enumParse(kindNames, b, k, "kind") }

// Context is what the document around a sentence says about it.
type Context struct {
	Year    int  // the year in force from headings and earlier sentences; 0 if none
	Strive  bool // the phrase that set Year says "phấn đấu"
	Annual  int  // the year of an annual plan, for targets with no other year
	DocYear int  // the year of the document's date; 0 if unknown
	Zone    bool // inside a plan's objectives ("Mục tiêu", "Chỉ tiêu")
	Result  bool // inside a report of past results ("Kết quả", "Thực trạng")
}

// A Found is one target (or result) in a sentence.
type Found struct {
	Indicator *Indicator // nil when no catalog entry fits
	Label     string     // the plan's own words for what is measured
	Value     Value      // Start and End in the text given to Sentence
	Unit      Unit
	Year      int
	Modality  Modality
	Kind      Kind
	Sub       bool // introduced by "trong đó": a part of the figure before it
	Start     int  // the phrase: value and the words that name the indicator
	End       int
	Clause    [2]int // the clause (between semicolons) it was found in
}

// ID returns the indicator's ID, or "".
func (f Found) ID() string {
	if f.Indicator == nil {
		return ""
	}
	return f.Indicator.ID
}

// sentence is one sentence, folded, with its tokens and the catalog's hits.
type sentence struct {
	text string // the document's text
	base int    // where the sentence starts in text
	f    string // the folded sentence
	offs []int  // folded byte → byte of text[base:]
	toks []tok
	hits []hit
	vals []Value // in folded coordinates
	yrs  []yearMention
}

type tok struct {
	start, end int // in f
	key        string
	brk        bool // a clause break (. ; : ( )) stands between this token and the one before
}

type hit struct {
	ind, group int
	pat        *Pattern
	t0, t1     int // tokens [t0, t1)
	start, end int // in f
}

func (c *Catalog) newSentence(text string, start, end int) *sentence {
	s := &sentence{text: text, base: start}
	s.f, s.offs = vntext.FoldMap(text[start:end])
	prev := 0
	for _, t := range vntext.Tokens(s.f) {
		brk := strings.ContainsAny(s.f[prev:t.Start], ".;:()!?")
		s.toks = append(s.toks, tok{t.Start, t.End, matchKey(s.f[t.Start:t.End]), brk})
		prev = t.End
	}
	for i, t := range s.toks {
		for _, ref := range c.index[t.key] {
			n := len(ref.pat.Keys)
			if i+n > len(s.toks) {
				continue
			}
			ok := true
			for k := 1; k < n; k++ {
				if s.toks[i+k].brk || s.toks[i+k].key != ref.pat.Keys[k] {
					ok = false
					break
				}
			}
			if ok {
				s.hits = append(s.hits, hit{ref.ind, ref.group, ref.pat, i, i + n, t.start, s.toks[i+n-1].end})
			}
		}
	}
	s.vals = lexValues(s.f)
	s.yrs = lexYears(s.f)
	return s
}

// orig maps a folded offset to an offset of the document's text.
func (s *sentence) orig(i int) int { return s.base + s.offs[i] }

// clauses splits the folded sentence at semicolons outside parentheses.
func (s *sentence) clauses() [][2]int {
	var out [][2]int
	for _, c := range structure.Clauses(s.f, structure.Span{Start: 0, End: len(s.f)}) {
		out = append(out, [2]int{c.Start, c.End})
	}
	return out
}

// tokAt returns the index of the first token starting at or after i.
func (s *sentence) tokAt(i int) int {
	return sort.Search(len(s.toks), func(k int) bool { return s.toks[k].start >= i })
}

// has reports whether folded text f[a:b] holds one of the words, as whole
// words.
func has(f string, a, b int, words ...string) bool {
	if a < 0 {
		a = 0
	}
	if b > len(f) {
		b = len(f)
	}
	seg := f[a:b]
	for _, w := range words {
		for off := 0; ; {
			i := strings.Index(seg[off:], w)
			if i < 0 {
				break
			}
			i += off
			if (i == 0 || !isLetter(seg[i-1])) && (i+len(w) == len(seg) || !isLetter(seg[i+len(w)])) {
				return true
			}
			off = i + 1
		}
	}
	return false
}

var (
	maintainWords = []string{"duy tri", "giu vung", "cung co", "tiep tuc giu"}
	striveWords   = []string{"phan dau"}
	achieveWords  = []string{"dat", "hoan thanh", "cong nhan"}
	verbWords     = []string{"dat", "duy tri", "hoan thanh", "phan dau", "cung co", "giu vung", "cong nhan", "nang cao", "muc tieu", "chi tieu"}
	resultWords   = []string{"da dat", "da co", "da duoc", "da hoan thanh", "den nay", "hien nay", "hien co", "tinh den", "nam qua", "ket qua dat duoc", "so voi cung ky"}
)

// head is a percentage or a count with the text that tells what it counts.
type head struct {
	v          Value
	fwd        [2]int // the text after it that it governs
	bwd        [2]int // the text before it, back to the previous figure
	backward   bool   // bound to the words before it ("danh hiệu X: 40%")
	inds       []match
	level      int // index in s.vals of the level it took, or -1
	start, end int // the phrase
}

type match struct {
	ind   *Indicator
	hits  []hit
	score int
}

// Sentence returns the targets of text[start:end], one sentence of a
// document, given what the document around it says.
func (c *Catalog) Sentence(text string, start, end int, ctx Context) []Found {
	if start < 0 || end > len(text) || start >= end {
		return nil
	}
	s := c.newSentence(text, start, end)
	if len(s.vals) == 0 && !c.mayHaveStatus(s) {
		return nil
	}
	var out []Found
	for _, cl := range s.clauses() {
		out = append(out, c.clause(s, cl, ctx)...)
	}
	// One sentence stating the same figure twice ("100% các huyện; 100%
	// các xã ... hoàn thành ...") is one target.
	type key struct {
		id, label string
		unit      Unit
		cmp       Cmp
		kind      Kind
		num, max  float64
		year      int
	}
	seen := map[key]bool{}
	kept := out[:0]
	for _, f := range out {
		k := key{f.ID(), "", f.Unit, f.Value.Cmp, f.Kind, f.Value.Num, f.Value.Max, f.Year}
		if f.Indicator == nil {
			k.label = f.Label // figures no entry fits differ by their words
		}
		if seen[k] {
			continue
		}
		seen[k] = true
		kept = append(kept, f)
	}
	return kept
}

func (c *Catalog) mayHaveStatus(s *sentence) bool {
	for _, h := range s.hits {
		if c.Indicators[h.ind].Unit == Status {
			return true
		}
	}
	return false
}

func (c *Catalog) clause(s *sentence, cl [2]int, ctx Context) []Found {
	var heads []*head
	var levels []int // indices into s.vals
	for i, v := range s.vals {
		if v.Start < cl[0] || v.End > cl[1] {
			continue
		}
		if v.Unit == Level {
			levels = append(levels, i)
		} else {
			heads = append(heads, &head{v: v, level: -1})
		}
	}
	consumed := map[int]bool{}
	// Regions.
	for k, h := range heads {
		h.bwd = [2]int{cl[0], h.v.Start}
		if k > 0 {
			h.bwd[0] = heads[k-1].v.End
		}
		h.fwd = [2]int{h.v.End, cl[1]}
		if k+1 < len(heads) {
			h.fwd[1] = heads[k+1].v.Start
		}
		// A head takes the first level after it and no more: "40% đạt
		// chuẩn ... mức độ 3" is a share at level 3.
		for _, li := range levels {
			lv := s.vals[li]
			if lv.Start >= h.fwd[0] && lv.End <= h.fwd[1] {
				h.fwd[1], h.level = lv.End, li
				consumed[li] = true
				break
			}
		}
	}
	// Pass 1: figures after a colon name what the words before them name
	// ("danh hiệu “Gia đình học tập”: 40,0%").
	claimed := make([][2]int, 0, len(heads))
	for k, h := range heads {
		if !colonBefore(s.f, h.v.Start) {
			continue
		}
		// "- Về kỹ năng sống: 50% dân số ... chuyên môn kỹ thuật": a topic
		// before the colon, the figure's own words after it. The words
		// after count unless they lead to the next figure's colon.
		nextColon := k+1 < len(heads) && colonBefore(s.f, heads[k+1].v.Start)
		if !nextColon && len(c.matchRegion(s, h, h.fwd, true, false)) > 0 {
			continue
		}
		if m := c.matchRegion(s, h, h.bwd, false, false); len(m) > 0 {
			h.inds, h.backward = m, true
			claimed = append(claimed, h.bwd)
		}
	}
	// Pass 2: the words after a figure name it; failing that, the words
	// before it after "đạt", "là" ...; failing that, a predicate shared by
	// several figures ("60% người lao động ..., 80% cán bộ ... đạt danh
	// hiệu “Công dân học tập”").
	for k, h := range heads {
		if h.backward {
			continue
		}
		fwd := h.fwd
		for _, r := range claimed {
			if r[0] <= fwd[0] && fwd[1] <= r[1] || r == fwd {
				fwd = [2]int{fwd[0], fwd[0]}
			}
		}
		if k+1 < len(heads) && heads[k+1].backward && heads[k+1].bwd[0] <= fwd[0] {
			fwd[1] = min(fwd[1], heads[k+1].bwd[0])
		}
		h.fwd = fwd
		if m := c.matchRegion(s, h, fwd, true, false); len(m) > 0 {
			h.inds = m
			continue
		}
		if connectorBefore(s.f, h.v.Start) && !overlapsAny(h.bwd, claimed) {
			if m := c.matchRegion(s, h, h.bwd, false, false); len(m) > 0 {
				h.inds, h.backward = m, true
				continue
			}
		}
		if m := c.matchRegion(s, h, [2]int{h.v.End, cl[1]}, true, true); len(m) > 0 {
			h.inds = m
			continue
		}
		// The same indicator as the figure before: "(năm 2030 là 93,33%)",
		// "...: năm 2025 đạt 80%, năm 2030 đạt 90%", "độ tuổi 15-35 đạt
		// 99,5%, độ tuổi 15-60 đạt 98%".
		if k > 0 && len(heads[k-1].inds) > 0 && (inParens(s.f, h.v.Start) ||
			heads[k-1].backward && (connectorBefore(s.f, h.v.Start) || colonBefore(s.f, h.v.Start))) {
			h.inds = heads[k-1].inds
		}
	}
	var out []Found
	verb := has(s.f, cl[0], cl[1], verbWords...)
	// Figures no catalog entry fits are kept only among a plan's
	// objectives: elsewhere "giảm 10% chi phí" is not a target.
	targetish := ctx.Zone
	for k, h := range heads {
		// The words that belong to this figure start after the figure
		// before it, whatever its kind.
		boundary := cl[0]
		for _, v := range s.vals {
			if v.End <= h.v.Start && v.End > boundary && v.Start >= cl[0] {
				boundary = v.End
			}
		}
		// "trong đó", not "trong độ tuổi": the fold cannot tell them apart.
		sub := strings.Contains(strings.ToLower(s.text[s.orig(boundary):s.orig(h.v.Start)]), "trong đó")
		scopeEnd := max(h.fwd[1], h.v.End)
		base := Found{Value: h.v, Unit: h.v.Unit, Sub: sub, Clause: [2]int{s.orig(cl[0]), s.orig(cl[1])}}
		base.Year = s.yearFor(h.v.Start, h.v.End, boundary, nextStart(heads, k, cl[1]), ctx)
		base.Kind = s.kindFor(h.v.Start, base.Year, ctx)
		base.Modality = s.modalityFor(boundary, scopeEnd, cl, ctx)
		if len(h.inds) == 0 {
			// A figure no catalog entry fits: kept, with the plan's words,
			// where the plan sets targets.
			if !targetish || h.v.Unit == Count && h.level < 0 {
				continue
			}
			f := base
			a, b := boundary, scopeEnd
			f.Label = s.label(a, b)
			f.Start, f.End = s.orig(a), s.orig(b)
			f.Value = s.toOrig(h.v)
			out = append(out, f)
			continue
		}
		for _, m := range h.inds {
			f := base
			f.Indicator = m.ind
			a, b := h.v.Start, h.v.End
			for _, ht := range m.hits {
				a, b = min(a, ht.start), max(b, ht.end)
			}
			if h.backward {
				f.Label = s.label(h.bwd[0], h.bwd[1])
			} else {
				f.Label = s.label(h.v.End, b)
			}
			f.Start, f.End = s.orig(a), s.orig(b)
			f.Value = s.toOrig(h.v)
			out = append(out, f)
		}
	}
	// Levels no figure took: the locality's own standard ("đạt chuẩn xóa
	// mù chữ cấp tỉnh ở mức độ 2"), named by the nearest topic before.
	for _, li := range levels {
		if consumed[li] {
			continue
		}
		lv := s.vals[li]
		if !verb && !ctx.Zone {
			continue
		}
		best := -1
		for i, ht := range s.hits {
			ind := c.Indicators[ht.ind]
			if ind.Unit != Level || ht.group != 0 || ht.end > lv.Start {
				continue
			}
			if best < 0 || ht.start > s.hits[best].start {
				best = i
			}
		}
		if best < 0 {
			continue
		}
		ht := s.hits[best]
		boundary := cl[0]
		for _, v := range s.vals {
			if v.End <= lv.Start && v.End > boundary && v.Start >= cl[0] {
				boundary = v.End
			}
		}
		f := Found{Indicator: c.Indicators[ht.ind], Unit: Level, Value: s.toOrig(lv), Clause: [2]int{s.orig(cl[0]), s.orig(cl[1])}}
		f.Year = s.yearFor(lv.Start, lv.End, boundary, nextValue(s.vals, lv.End, cl[1]), ctx)
		f.Kind = s.kindFor(lv.Start, f.Year, ctx)
		f.Modality = s.modalityFor(boundary, lv.End, cl, ctx)
		a := ht.start
		f.Label = s.label(a, lv.End)
		if ht.end < boundary {
			// "phổ cập giáo dục tiểu học: 09 huyện ... và tỉnh duy trì đạt
			// mức độ 3": the topic, then the locality's own words.
			rest := strings.TrimPrefix(s.label(boundary, lv.End), "và ")
			f.Label = s.label(ht.start, ht.end) + " … " + rest
		}
		f.Start, f.End = s.orig(a), s.orig(lv.End)
		out = append(out, f)
	}
	// Standards and titles with no figure ("duy trì đạt chuẩn phổ cập giáo
	// dục mầm non cho trẻ 5 tuổi"), outside any figure's words.
	if verb || ctx.Zone {
		var taken [][2]int
		for _, h := range heads {
			taken = append(taken, [2]int{min(h.bwd[0], h.v.Start), max(h.fwd[1], h.v.End)})
			if h.backward {
				taken = append(taken, h.bwd)
			}
		}
		for i, ind := range c.Indicators {
			if ind.Unit != Status {
				continue
			}
			hs, ok := s.satisfied(i, ind, cl, taken)
			if !ok {
				continue
			}
			a, b := hs[0].start, hs[0].end
			for _, ht := range hs {
				a, b = min(a, ht.start), max(b, ht.end)
			}
			boundary := cl[0]
			for _, v := range s.vals {
				if v.End <= a && v.End > boundary && v.Start >= cl[0] {
					boundary = v.End
				}
			}
			f := Found{Indicator: ind, Unit: Status, Value: Value{Start: s.orig(a), End: s.orig(b), Unit: Status, Num: 1, Raw: s.text[s.orig(a):s.orig(b)]},
				Clause: [2]int{s.orig(cl[0]), s.orig(cl[1])}}
			f.Year = s.yearFor(a, b, boundary, nextValue(s.vals, b, cl[1]), ctx)
			f.Kind = s.kindFor(a, f.Year, ctx)
			f.Modality = s.modalityFor(boundary, b, cl, ctx)
			f.Label = s.label(a, b)
			f.Start, f.End = s.orig(a), s.orig(b)
			out = append(out, f)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Start < out[j].Start })
	return out
}

func nextStart(heads []*head, k, end int) int {
	if k+1 < len(heads) {
		return heads[k+1].v.Start
	}
	return end
}

func nextValue(vals []Value, from, end int) int {
	for _, v := range vals {
		if v.Start >= from && v.Start < end {
			return v.Start
		}
	}
	return end
}

// toOrig returns v with offsets in the document's text.
func (s *sentence) toOrig(v Value) Value {
	v.Start, v.End = s.orig(v.Start), s.orig(v.End)
	v.Raw = s.text[v.Start:v.End]
	return v
}

// label returns the plan's words in folded span [a, b), trimmed of
// punctuation at its ends (a quotation or parenthesis it opens keeps its
// close), at most a few dozen words.
func (s *sentence) label(a, b int) string {
	if a >= b {
		return ""
	}
	i, j := s.orig(a), s.orig(b)
	end := s.orig(len(s.f))
	// Take in a closing quote or parenthesis right after the words.
	for _, c := range []string{"”", "\"", ")", "’"} {
		if strings.HasPrefix(s.text[j:end], c) {
			j += len(c)
			break
		}
	}
	t := strings.Trim(s.text[i:j], " ,:;.–-")
	if strings.Count(t, "“") < strings.Count(t, "”") {
		t = strings.TrimSuffix(t, "”")
	}
	if strings.Count(t, "“") > strings.Count(t, "”") {
		t = strings.TrimPrefix(t, "“")
	}
	if strings.Count(t, "(") < strings.Count(t, ")") {
		t = strings.TrimSuffix(t, ")")
	}
	ws := strings.Fields(t)
	if len(ws) > 30 {
		ws = append(ws[:30], "…")
	}
	return strings.Join(ws, " ")
}

// colonBefore reports whether a colon (or a colon and a quote) stands right
// before folded offset i.
func colonBefore(f string, i int) bool {
	h := strings.TrimRight(f[:i], " \"'")
	return strings.HasSuffix(h, ":")
}

// connectorBefore reports whether the figure at i follows a verb that puts
// it after what it measures: "tỷ lệ ... đạt 99%", "là 93,33%".
func connectorBefore(f string, i int) bool {
	h := strings.TrimRight(f[:i], " \"'")
	for _, w := range []string{"dat", "la", "bang", "o muc", "chiem", "len", "o", "dat ty le", "dat tren", "dat khoang"} {
		if strings.HasSuffix(h, " "+w) || h == w {
			return true
		}
	}
	return false
}

func inParens(f string, i int) bool {
	open := strings.LastIndexByte(f[:i], '(')
	return open >= 0 && strings.LastIndexByte(f[:i], ')') < open
}

func overlapsAny(r [2]int, rs [][2]int) bool {
	for _, x := range rs {
		if r[0] < x[1] && x[0] < r[1] {
			return true
		}
	}
	return false
}

// matchRegion returns the indicators whose terms all stand in folded
// region r, for head h. Forward regions check the subject of entries that
// have one; with subjectOnly, only such entries count (a predicate shared
// across figures must be claimed by its subject).
func (c *Catalog) matchRegion(s *sentence, h *head, r [2]int, forward, subjectOnly bool) []match {
	if r[1] <= r[0] {
		return nil
	}
	unit := h.v.Unit
	if unit == Count {
		return nil
	}
	var cands []match
	firstTok := s.tokAt(h.v.End)
	for i, ind := range c.Indicators {
		if ind.Unit != unit {
			continue
		}
		if subjectOnly && len(ind.Subject) == 0 {
			continue
		}
		hs, ok := s.satisfied(i, ind, r, nil)
		if !ok {
			continue
		}
		score := ind.Priority * 1000
		for _, ht := range hs {
			score += ht.end - ht.start
		}
		if forward && len(ind.Subject) > 0 {
			best := -1
			for _, ht := range s.hits {
				if ht.ind != i || ht.group != groupSubject || ht.t0 < firstTok || ht.t0 > firstTok+2 || ht.start >= r[1] {
					continue
				}
				if n := ht.end - ht.start; n > best {
					best = n
				}
			}
			if best < 0 {
				continue
			}
			score += 100 + best
		}
		// With a level taken, an entry that names no level does not fit
		// better than one that does.
		cands = append(cands, match{ind, hs, score})
	}
	// Entries that match the same words: the best one wins.
	sort.SliceStable(cands, func(i, j int) bool { return cands[i].score > cands[j].score })
	var out []match
	for _, m := range cands {
		clash := false
		for _, o := range out {
			if hitsOverlap(m.hits, o.hits) {
				clash = true
				break
			}
		}
		if !clash {
			out = append(out, m)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].hits[0].start < out[j].hits[0].start })
	return out
}

func hitsOverlap(a, b []hit) bool {
	for _, x := range a {
		for _, y := range b {
			if x.start < y.end && y.start < x.end {
				return true
			}
		}
	}
	return false
}

// satisfied returns one hit for each term group of ind within folded
// region r, outside the taken regions, if every group has one and no "not"
// pattern stands in r.
func (s *sentence) satisfied(i int, ind *Indicator, r [2]int, taken [][2]int) ([]hit, bool) {
	hs := make([]hit, len(ind.Terms))
	found := make([]bool, len(ind.Terms))
	for _, ht := range s.hits {
		if ht.ind != i || ht.start < r[0] || ht.end > r[1] {
			continue
		}
		if ht.group == groupNot {
			return nil, false
		}
		if ht.group < 0 || overlapsAny([2]int{ht.start, ht.end}, taken) {
			continue
		}
		// The longest hit of a group, then the first.
		if !found[ht.group] || ht.end-ht.start > hs[ht.group].end-hs[ht.group].start {
			hs[ht.group], found[ht.group] = ht, true
		}
	}
	for _, ok := range found {
		if !ok {
			return nil, false
		}
	}
	sort.Slice(hs, func(a, b int) bool { return hs[a].start < hs[b].start })
	return hs, true
}

// yearFor returns the year of a figure at folded [a, b): a year stated
// between the previous figure and it ("năm 2025 có 80%"), or after it
// before the next ("... vào năm 2030"), or the context's.
func (s *sentence) yearFor(a, b, prev, next int, ctx Context) int {
	best := -1
	for i, y := range s.yrs {
		if y.start >= prev && y.end <= a {
			best = i
		}
	}
	if best >= 0 {
		return s.yrs[best].year
	}
	for _, y := range s.yrs {
		if y.start >= b && y.end <= next && y.lead != "" && y.lead != "cua" && y.lead != "la" {
			return y.year
		}
	}
	if ctx.Year != 0 {
		return ctx.Year
	}
	return ctx.Annual
}

// kindFor tells a result from a target: words of the past before the
// figure since the last words of a target ("Đến hết năm 2022 có 84,47%
// ..., phấn đấu đến năm 2025 đạt 90%" is a result, then a target), a past
// year, or a report section.
func (s *sentence) kindFor(b, year int, ctx Context) Kind {
	if ctx.Result {
		return Result
	}
	from := 0
	for _, w := range []string{"phan dau", "muc tieu", "chi tieu", "ke hoach"} {
		if i := strings.LastIndex(s.f[:b], w); i >= 0 && i+len(w) > from {
			from = i + len(w)
		}
	}
	if has(s.f, from, b, resultWords...) {
		return Result
	}
	for _, y := range s.yrs {
		if y.start >= from && y.end <= b && y.lead == "het" && (ctx.DocYear == 0 || y.year <= ctx.DocYear) {
			return Result
		}
	}
	if ctx.DocYear != 0 && year != 0 && year < ctx.DocYear {
		return Result
	}
	return Target
}

// modalityFor reads the verb of the words around a figure, then of its
// clause, then of the phrase that set the year.
func (s *sentence) modalityFor(a, b int, cl [2]int, ctx Context) Modality {
	switch {
	case has(s.f, a, b, maintainWords...):
		return Maintain
	case has(s.f, a, b, striveWords...):
		return Strive
	case has(s.f, a, b, achieveWords...):
		return Achieve
	case has(s.f, cl[0], b, maintainWords...):
		return Maintain
	case has(s.f, cl[0], b, striveWords...), has(s.f, 0, cl[0], striveWords...), ctx.Strive:
		return Strive
	}
	return Achieve
}
