package rules

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/chitieu/chitieu/extract/structure"
	"github.com/chitieu/chitieu/extract/vntext"
)

// This file is the grammar of a plan's sentences: how a figure finds what
// it measures, its year and its kind. A sentence is read in named passes,
// each a rule of administrative writing:
//
//  1. lex: tokens, the catalog's hits, values, years, cue words,
//     parentheses and clauses (between semicolons);
//  2. measures: each figure takes the words after it ("45% người lớn
//     ..."), or before it after a verb or a colon ("tỷ lệ ... đạt 50%",
//     "danh hiệu “Gia đình học tập”: 40%"), or a predicate that
//     coordinated figures share ("45% người lớn ... và 65% cán bộ ... đạt
//     danh hiệu “Công dân học tập”");
//  3. standards: levels no figure took are the locality's own ("duy trì
//     đạt chuẩn xóa mù chữ mức độ 2"), and so are standards and titles
//     reached with no figure;
//  4. years: a year phrase binds to the figure beside it ("65% vào năm
//     2025", "năm 2025 đạt 50%", "(2030: 90%)"), opens the sentence or
//     clause for the figures after it ("Đến năm 2025, ..."), or is given
//     in order ("đến năm 2025 và 2030 lần lượt đạt 70% và 85%");
//  5. distribution and inheritance: "lần lượt" and "tương ứng" give
//     coordinated figures the years or measures listed before them or in
//     the clause before; a figure with no words of its own ("tiến tới 95%
//     vào năm 2030", "riêng các huyện X, Y phấn đấu đạt tối thiểu 55%")
//     measures what the figure before it measures; a part after "trong
//     đó" may take its total's topic;
//  6. cues: the nearest cue before a figure tells a target from a result;
//     a figure in parentheses or after a comparison that names another
//     plan ("chỉ tiêu chung của tỉnh là 75%") is a quotation; "riêng"
//     names the places a figure is for.
//
// What a sentence does not say (the section's year, a report's results)
// is left to the caller: Mention.YearFrom and Mention.Cue tell what the
// sentence said.

// Context is what the text around a sentence tells the sentence itself.
type Context struct {
	DocYear int    // the year of the document's date; 0 if unknown
	DocDate string // the date, YYYY-MM-DD; "" if unknown
	// Opener is the years an earlier sentence of the same block opened
	// ("Đến năm 2025, ..."): they apply until a sentence opens others.
	Opener []int
	// Prev is the figures of the earlier sentences of the block, for
	// "các tỷ lệ này lần lượt là 60% và 82%".
	Prev []Mention
	// Lead is how the heading or lead-in above the sentence states its
	// targets ("Năm 2023, huyện phấn đấu:"): the modality of a figure
	// whose own clause says none.
	Lead Modality
}

// tok is one word of a sentence's fold.
type tok struct {
	start, end int // folded offsets, relative to the sentence
	word       string
	key        string // matchKey(word)
	brk        bool   // a clause break (. ; : ( )) stands between this token and the one before
}

// hit is a catalog pattern found in a sentence.
type hit struct {
	ind, group int
	pat        *Pattern
	t0, t1     int // tokens [t0, t1)
	start, end int // folded offsets
}

// sent is one sentence under analysis. Offsets are folded and relative to
// the sentence; text maps them into the document's text.
type sent struct {
	c       *Catalog
	lex     *cueLexicon
	fold    *structure.Folded
	fa      int // folded offset of the sentence in the document's fold
	f       string
	toks    []tok
	hits    []hit
	vals    []Value
	yrs     []yearMention
	pers    []period
	cues    []cue
	groups  [][2]int // parenthesized groups: [open, close+1)
	clauses [][2]int
	ctx     Context
	heads   []*head
	openers []opener
	allow   func(hit) bool // when set, the only hits a match may use
}

// text returns the offset in the document's text of folded offset i.
func (s *sent) text(i int) int { return s.fold.Orig(s.fa + i) }

// tokText returns token k as the text writes it.
func (s *sent) tokText(k int) string {
	return s.fold.Text[s.text(s.toks[k].start):s.text(s.toks[k].end)]
}

// newSent lexes text[start:end] of fold: pass 1.
func (c *Catalog) newSent(fold *structure.Folded, start, end int) *sent {
	s := c.lightSent(fold, start, end)
	s.complete()
	return s
}

// lightSent lexes what tells whether a sentence states anything: its
// words, catalog matches and figures. complete lexes the rest.
func (c *Catalog) lightSent(fold *structure.Folded, start, end int) *sent {
	f, fa, _ := fold.Slice(start, end)
	s := &sent{c: c, lex: defaultCues(), fold: fold, fa: fa, f: f}
	prev := 0
	ts := vntext.Tokens(f)
	s.toks = make([]tok, 0, len(ts))
	for _, t := range ts {
		w := f[t.Start:t.End]
		brk := strings.ContainsAny(f[prev:t.Start], ".;:()!?")
		s.toks = append(s.toks, tok{t.Start, t.End, w, matchKey(w), brk})
		prev = t.End
	}
	s.hits = c.findHits(s.toks)
	s.vals = lexValues(f)
	return s
}

// complete lexes the years, cue words, parentheses and clauses of a
// sentence lightSent made.
func (s *sent) complete() {
	s.yrs, s.pers = lexYears(s.f)
	s.cues = s.lex.findCues(s)
	s.groups = parenGroups(s.f)
	s.clauses = splitClauses(s.f)
}

// findHits returns the catalog patterns found among toks.
func (c *Catalog) findHits(toks []tok) []hit {
	var out []hit
	for i, t := range toks {
		for _, ref := range c.index[t.key] {
			n := len(ref.pat.Keys)
			if i+n > len(toks) {
				continue
			}
			ok := true
			for k := 1; k < n; k++ {
				if toks[i+k].brk || toks[i+k].key != ref.pat.Keys[k] {
					ok = false
					break
				}
			}
			if ok {
				out = append(out, hit{ref.ind, ref.group, ref.pat, i, i + n, t.start, toks[i+n-1].end})
			}
		}
	}
	return out
}

// parenGroups returns the balanced parenthesized spans of f, [open,
// close+1), ordered by their opening.
func parenGroups(f string) [][2]int {
	var out [][2]int
	var stack []int
	for i := 0; i < len(f); i++ {
		switch f[i] {
		case '(':
			stack = append(stack, i)
		case ')':
			if n := len(stack); n > 0 {
				out = append(out, [2]int{stack[n-1], i + 1})
				stack = stack[:n-1]
			}
		}
	}
	sort.Slice(out, func(a, b int) bool { return out[a][0] < out[b][0] })
	return out
}

// splitClauses splits f at semicolons outside parentheses.
func splitClauses(f string) [][2]int {
	var out [][2]int
	for _, c := range structure.Clauses(f, structure.Span{Start: 0, End: len(f)}) {
		out = append(out, [2]int{c.Start, c.End})
	}
	if len(out) == 0 {
		out = append(out, [2]int{0, len(f)})
	}
	return out
}

// clauseOf returns the index of the clause that holds folded offset i.
func (s *sent) clauseOf(i int) int {
	k := sort.Search(len(s.clauses), func(k int) bool { return s.clauses[k][1] > i })
	if k == len(s.clauses) {
		k--
	}
	return k
}

// groupOf returns the innermost parenthesized group that holds [a, b), or
// -1.
func (s *sent) groupOf(a, b int) int {
	best := -1
	for g, sp := range s.groups {
		if sp[0] < a && b < sp[1] && (best < 0 || sp[0] >= s.groups[best][0]) {
			best = g
		}
	}
	return best
}

// tokAt returns the index of the first token starting at or after i.
func (s *sent) tokAt(i int) int {
	return sort.Search(len(s.toks), func(k int) bool { return s.toks[k].start >= i })
}

// cuesIn returns the cues of kind k within [a, b).
func (s *sent) cuesIn(k cueKind, a, b int) []cue {
	var out []cue
	for _, c := range s.cues {
		if c.kind == k && c.start >= a && c.end <= b {
			out = append(out, c)
		}
	}
	return out
}

// headKind is what a head of a sentence is.
type headKind int

const (
	figureHead headKind = iota // a percentage or a count
	levelHead                  // a level no figure took: the locality's own standard
	statusHead                 // a standard or title reached, with no figure
)

// head is one figure, own level or standard of a sentence, with what the
// passes find of it.
type head struct {
	kind       headKind
	v          Value // folded offsets
	start, end int   // the head: the value (with its qualifier), or a standard's words
	clause     int
	group      int
	fwd, bwd   [2]int // the words after and before it that may say what it measures
	connector  bool   // a verb, colon or quote stands right before the figure
	colon      bool   // a colon does
	ownFwd     bool   // a noun phrase follows the figure right away
	ownBwd     bool   // words of a measure stand before it, after a verb
	change     bool   // a change ("tăng 2%", "2%/năm", "2% so với ..."), not a level
	region     [2]int // the measure words chosen; [0 0] when none
	matches    []match
	level      int // for a figure: index in vals of the level it took, -1
	ind        *Indicator
	inherited  bool
	sub        bool
	year       int
	yearFrom   YearFrom
	listed     []int // years of an opener list it may be given in order
	except     [2]int
}

// match is a catalog entry whose terms stand in a head's measure words.
type match struct {
	ind     *Indicator
	hits    []hit
	score   int
	subject []hit // the subject it claims, for entries with one
}

// Sentence returns the mentions of text[start:end], one sentence of a
// document whose fold is fold, given what the text around it says, and
// the years opened for the sentences after it in the same block.
func (c *Catalog) Sentence(fold *structure.Folded, start, end int, ctx Context) ([]Mention, []int) {
	if start < 0 || end > len(fold.Text) || start >= end {
		return nil, ctx.Opener
	}
	if f, _, _ := fold.Slice(start, end); !c.worthReading(f) {
		return nil, ctx.Opener
	}
	s := c.lightSent(fold, start, end)
	s.ctx = ctx
	if len(s.vals) == 0 && !s.mayHaveStatus() {
		return nil, s.openerAtEnd()
	}
	s.complete()
	s.measures()
	s.standards()
	s.bindYears()
	s.distribute()
	s.inherit()
	return s.mentions(), s.openerAtEnd()
}

// worthReading reports whether a folded sentence may state a figure or a
// standard: it has a digit, a percentage in words, or the first word of a
// standard's terms. The rest is not lexed at all.
// LeadModality returns how a heading or lead-in, fold's text[start:end],
// states the targets under it: Strive after "phấn đấu", Maintain after
// "duy trì", else Achieve.
func (c *Catalog) LeadModality(fold *structure.Folded, start, end int) Modality {
	s := c.newSent(fold, start, end)
	switch {
	case len(s.cuesIn(cueStrive, 0, len(s.f))) > 0:
		return Strive
	case len(s.cuesIn(cueMaintain, 0, len(s.f))) > 0:
		return Maintain
	}
	return Achieve
}

func (c *Catalog) worthReading(f string) bool {
	for i := 0; i < len(f); i++ {
		if isDigit(f[i]) {
			return true
		}
	}
	if strings.Contains(f, "phan tram") || strings.Contains(f, "mot nua") {
		return true
	}
	for _, w := range c.statusWords {
		if strings.Contains(f, w) {
			return true
		}
	}
	return false
}

func (s *sent) mayHaveStatus() bool {
	for _, h := range s.hits {
		if s.c.Indicators[h.ind].Unit == Status {
			return true
		}
	}
	return false
}

// measures is pass 2: the regions and catalog matches of every figure.
func (s *sent) measures() {
	var levels []int
	for i, v := range s.vals {
		switch v.Unit {
		case Level:
			levels = append(levels, i)
		case Percent, Count, Money:
			h := &head{kind: figureHead, v: v, start: v.Start, end: v.End, level: -1}
			h.clause = s.clauseOf(v.Start)
			h.group = s.groupOf(v.Start, v.End)
			s.heads = append(s.heads, h)
		}
	}
	figs := s.heads
	for k, h := range figs {
		s.regions(figs, k)
		// A head takes the first level after it and no more: "40% đạt
		// chuẩn ... mức độ 3" is a share at level 3.
		for _, li := range levels {
			lv := s.vals[li]
			if lv.Start >= h.fwd[0] && lv.End <= h.fwd[1] {
				h.fwd[1], h.level = lv.End, li
				break
			}
		}
	}
	for k, h := range figs {
		s.choose(figs, k, h)
	}
	// A part after "trong đó" with no topic of its own takes its total's:
	// "duy trì chuẩn PCGD THCS mức độ 2, trong đó 10/19 xã (52,6%) đạt mức
	// độ 3".
	for k, h := range figs {
		sb := s.clauses[h.clause][0]
		if k > 0 && figs[k-1].clause == h.clause {
			sb = figs[k-1].end
		}
		h.sub = len(s.cuesIn(cueSub, sb, h.start)) > 0
	}
}

// regions sets the words before and after figure k that may say what it
// measures, and what stands right beside it.
func (s *sent) regions(figs []*head, k int) {
	h := figs[k]
	fwdEnd := s.forwardEnd(figs, k)
	bwdStart := s.backwardStart(figs, k)
	// The noun of a fraction ("3/3 trung tâm học tập cộng đồng (100%)")
	// is part of what it measures.
	fwdStart := h.v.End - len(h.v.Noun)
	if h.v.Unit == Money {
		fwdStart = h.v.End // the currency measures nothing
	}
	h.fwd, h.bwd = [2]int{fwdStart, max(h.v.End, fwdEnd)}, [2]int{min(bwdStart, h.start), h.start}
	s.beside(h)
}

// forwardEnd returns where the words after figure k that may measure it
// end: its clause's or parentheses' end, the next figure, or what starts
// another measure.
func (s *sent) forwardEnd(figs []*head, k int) int {
	h := figs[k]
	cl := s.clauses[h.clause]
	fwdEnd := cl[1]
	if h.group >= 0 {
		fwdEnd = min(fwdEnd, s.groups[h.group][1]-1)
	}
	if k+1 < len(figs) && figs[k+1].clause == h.clause {
		n := figs[k+1]
		if n.group != h.group && n.group >= 0 && s.groups[n.group][0] >= h.v.End {
			fwdEnd = min(fwdEnd, s.groups[n.group][0])
		} else {
			fwdEnd = min(fwdEnd, n.start)
		}
	}
	// A comparison or a new subject in parentheses after the figure is
	// not what it measures: "95% số xã ... (chỉ tiêu của Đề án ...)".
	for _, g := range s.groups {
		if g[0] >= h.v.End && g[0] < fwdEnd && s.quotesOther(g[0], g[1]) {
			fwdEnd = g[0]
		}
	}
	// "70% gia đình ..., riêng các huyện X, Y ... 55%": what follows
	// "riêng" is for other places.
	for _, c := range s.cuesIn(cueException, h.v.End, fwdEnd) {
		if s.exceptionEnd(c) > 0 {
			fwdEnd = c.start
			break
		}
	}
	// In a list "A: 35% B: 60%", the words after a figure are the next
	// one's topic.
	if k+1 < len(figs) && figs[k+1].clause == h.clause && figs[k+1].group == h.group {
		if strings.HasSuffix(strings.TrimRight(s.f[h.v.End:figs[k+1].start], " \""), ":") {
			fwdEnd = h.v.End
		}
	}
	// "100% xã ... mức độ 2, tỷ lệ người biết chữ ... đạt 99%": a rate
	// ("tỷ lệ ...") after a comma or "và" is the next figure's measure,
	// and the measure before a figure starts at its rate.
	for t := s.tokAt(h.v.End); t+1 < len(s.toks) && s.toks[t+1].end <= fwdEnd; t++ {
		if s.toks[t].word == "ty" && s.toks[t+1].word == "le" && t > 0 {
			gap := s.f[s.toks[t-1].end:s.toks[t].start]
			if strings.Contains(gap, ",") || s.toks[t-1].word == "va" {
				fwdEnd = s.toks[t].start
				break
			}
		}
	}
	return fwdEnd
}

// backwardStart returns where the words before figure k that may measure
// it start: its clause's or parentheses' start, the figure before it, the
// places after "riêng", "trong đó", or the rate ("tỷ lệ") that leads to
// it.
func (s *sent) backwardStart(figs []*head, k int) int {
	h := figs[k]
	bwdStart := s.clauses[h.clause][0]
	if h.group >= 0 {
		bwdStart = max(bwdStart, s.groups[h.group][0]+1)
	}
	if k > 0 && figs[k-1].clause == h.clause {
		p := figs[k-1]
		switch {
		case p.group == h.group && p.v.Unit == Count && p.v.Noun != "":
			// "có 120 trung tâm học tập cộng đồng ứng dụng công nghệ thông
			// tin, đạt tỷ lệ 75%": a share of what the count counts.
			bwdStart = max(bwdStart, p.v.End-len(p.v.Noun))
		case p.group == h.group:
			bwdStart = max(bwdStart, p.end)
		case p.group >= 0 && s.groups[p.group][1] <= h.start:
			bwdStart = max(bwdStart, s.groups[p.group][1])
		}
	}
	// "riêng các huyện X, Y, tỷ lệ ... đạt 93%": the places are not the
	// measure; nor is the total before "trong đó".
	for _, c := range s.cuesIn(cueException, bwdStart, h.start) {
		if e := s.exceptionEnd(c); e > 0 {
			bwdStart = max(bwdStart, e)
			h.except = [2]int{s.toks[c.t1].start, e}
		}
	}
	if t := s.subjectAfterRate([2]int{bwdStart, h.start}); t > 0 {
		bwdStart = max(bwdStart, s.toks[t-2].start)
	}
	for _, c := range s.cuesIn(cueSub, bwdStart, h.start) {
		bwdStart = max(bwdStart, c.end)
	}
	return bwdStart
}

// beside reads what stands right beside a figure: a verb, colon or quote
// that puts it after its measure, words of its own after or before it, a
// change ("tăng 2%") rather than a level.
func (s *sent) beside(h *head) {
	before := strings.TrimRight(s.f[h.bwd[0]:h.start], " ")
	h.colon = strings.HasSuffix(before, ":")
	h.connector = h.colon || strings.HasSuffix(before, "\"")
	for _, c := range s.cues {
		if (c.kind == cueConnector || c.kind == cueDistribute) && c.end <= h.start && strings.TrimSpace(s.f[c.end:h.start]) == "" {
			h.connector = true
		}
	}
	// Words of its own: a noun phrase right after the figure (or the noun
	// of a fraction: "19/24 ấp"), or a measure before the verb that leads
	// to it.
	if t := s.tokAt(h.v.End); t < len(s.toks) && s.toks[t].start < h.fwd[1] && h.v.Noun == "" {
		gap := s.f[h.v.End:s.toks[t].start]
		h.ownFwd = strings.TrimSpace(gap) == "" && !s.isFunctionWord(t) && !isDigit(s.toks[t].word[0])
	}
	if h.v.Noun != "" && h.v.Unit != Money {
		h.ownFwd = true
	}
	h.ownBwd = h.connector && s.hasContent(h.bwd[0], h.bwd[1])
	// "mỗi năm tăng ít nhất 2% số hộ", "giảm bình quân 1,5%/năm", "vượt
	// 2% so với kế hoạch": a change, not a level.
	for _, c := range s.cuesIn(cueChange, h.bwd[0], h.start) {
		if strings.TrimSpace(s.f[c.end:h.start]) == "" {
			h.change = true
		}
	}
	after := strings.TrimLeft(s.f[h.v.End:], " ")
	if strings.HasPrefix(after, "/nam") || strings.HasPrefix(after, "/ nam") || strings.HasPrefix(after, "so voi") {
		h.change = true
	}
}

// subjectOf returns the token where the subject of a figure's words after
// it stands: right after it, or the noun of a fraction ("19/24 ấp").
func (s *sent) subjectOf(h *head) int {
	if h.v.Noun != "" {
		return s.tokAt(h.v.End - len(h.v.Noun))
	}
	return s.tokAt(h.v.End)
}

// quotesOther reports whether the parenthesized group [a, b) quotes
// another plan's figure: a comparison, a reference to the country, a
// province or an average.
func (s *sent) quotesOther(a, b int) bool {
	for _, c := range s.cues {
		if c.start >= a && c.end <= b {
			switch c.kind {
			case cueNational, cueProvince, cueDistrict, cueAverage, cueCompare:
				return true
			}
		}
	}
	return false
}

// isFunctionWord reports whether token t starts a preposition or another
// word that cannot open a measure: "đối với", "vào", "năm".
func (s *sent) isFunctionWord(t int) bool {
	for _, c := range s.cues {
		if c.t0 == t {
			switch c.kind {
			case cuePreposition, cueConnector, cueDistribute, cueTarget, cueResult, cueSub, cueException, cueNarrow:
				return true
			}
		}
	}
	return false
}

// hasContent reports whether [a, b) holds a word that can name a measure:
// not a cue word, a year, a number, or a name.
func (s *sent) hasContent(a, b int) bool {
	skip := make(map[int]bool)
	for _, c := range s.cues {
		if c.start >= a && c.end <= b {
			switch c.kind {
			case cueAnaphor, cueConnector, cuePreposition, cueOpener, cueTarget, cueResult, cueStrive,
				cueMaintain, cueAchieve, cueDistribute, cueSub, cueException, cueFraming, cueNarrow:
				for k := c.t0; k < c.t1; k++ {
					skip[k] = true
				}
			}
		}
	}
	for t := s.tokAt(a); t < len(s.toks) && s.toks[t].end <= b; t++ {
		if skip[t] || isDigit(s.toks[t].word[0]) {
			continue
		}
		if r, _ := utf8.DecodeRuneInString(s.tokText(t)); unicode.IsUpper(r) && t > 0 && s.toks[t-1].end > a {
			continue // a name, not the first word
		}
		if inYear(s.yrs, s.toks[t].start) {
			continue
		}
		return true
	}
	return false
}

func inYear(ys []yearMention, i int) bool {
	for _, y := range ys {
		if y.start <= i && i < y.end {
			return true
		}
	}
	return false
}

// choose picks what figure k measures: the words after it when an entry
// with a subject fits them ("45% người lớn ..."), else the words before it
// after a verb or colon ("tỷ lệ ... đạt 50%"), else the words after it,
// else a predicate shared with the figures after it.
func (s *sent) choose(figs []*head, k int, h *head) {
	subj := s.subjectOf(h)
	fwd := s.matchRegion(h, h.fwd, subj, false)
	if len(fwd) > 0 && (fwd[0].subject != nil || h.ownFwd) {
		h.region, h.matches = h.fwd, fwd
		return
	}
	var bwd []match
	if h.connector || !h.ownFwd {
		bwd = s.matchRegion(h, h.bwd, s.subjectAfterRate(h.bwd), false)
	}
	// "Tỷ lệ người biết chữ đạt 99,7% đối với nhóm tuổi 15-35": the
	// measure before the figure, narrowed after it; "trong số người đạt
	// danh hiệu CDHT, có 60% có kỹ năng số": a measure split by it.
	both := [2]int{h.bwd[0], h.fwd[1]}
	if h.connector && h.ownBwd && !h.ownFwd {
		if bm := s.matchRegion(h, both, s.subjectAfterRate(h.bwd), false); len(bm) > 0 && (len(bwd) == 0 || bm[0].ind.Priority > bwd[0].ind.Priority) {
			h.region, h.matches = both, bm
			return
		}
	}
	// "kinh tế số của tỉnh chiếm 12% GRDP": a measure split by its figure
	// and the base after it.
	if len(fwd) == 0 && len(bwd) == 0 && h.connector && h.ownBwd && h.ownFwd {
		if bm := s.matchRegion(h, both, s.subjectAfterRate(h.bwd), false); len(bm) > 0 {
			h.region, h.matches = both, bm
			return
		}
	}
	switch {
	case h.connector && len(bwd) > 0:
		h.region, h.matches = h.bwd, bwd
	case len(fwd) > 0:
		h.region, h.matches = h.fwd, fwd
	case len(bwd) > 0 && !h.ownFwd:
		h.region, h.matches = h.bwd, bwd
	case !h.ownFwd && h.connector && h.ownBwd && len(s.matchRegion(h, both, s.subjectAfterRate(h.bwd), false)) > 0:
		h.region, h.matches = both, s.matchRegion(h, both, s.subjectAfterRate(h.bwd), false)
	case h.group >= 0 && !h.ownFwd && !h.ownBwd && s.groupLeads(h):
		// "Tỷ lệ người ... có kỹ năng số (2025: 70%; 2030: 90%)": the
		// measure stands before the parentheses.
		g := s.groups[h.group]
		r := [2]int{s.clauses[h.clause][0], g[0]}
		for _, o := range figs {
			if o.clause == h.clause && o.end <= g[0] && o.group < 0 {
				r[0] = max(r[0], o.end)
			}
		}
		if m := s.matchRegion(h, r, s.subjectAfterRate(r), false); len(m) > 0 {
			h.region, h.matches = r, m
		} else if s.hasContent(r[0], r[1]) {
			h.region = r // what no entry fits, for its words
		}
	case h.ownFwd:
		// A predicate shared by coordinated figures: "60% người lao động
		// ..., 80% cán bộ ... đạt danh hiệu “Công dân học tập”".
		cl := s.clauses[h.clause]
		end := cl[1]
		if h.group >= 0 {
			end = min(end, s.groups[h.group][1]-1)
		}
		if m := s.matchRegion(h, [2]int{h.v.End, end}, subj, true); len(m) > 0 {
			h.region, h.matches = [2]int{h.v.End, end}, m
			return
		}
		h.region = h.fwd
	case h.ownBwd:
		h.region = h.bwd
	}
	if h.region == [2]int{} && h.level >= 0 {
		h.region = h.fwd
	}
	// A figure no entry fits, with no words of its own after it: what it
	// measures stands before it, with or without a verb between ("tỷ lệ
	// hộ nghèo giảm bình quân 1,5%/năm", "thu nhập ... 80 triệu đồng").
	if h.region == [2]int{} && len(h.matches) == 0 && !h.ownFwd && s.hasContent(h.bwd[0], h.bwd[1]) {
		h.region = h.bwd
	}
}

// groupLeads reports whether a figure stands in parentheses that hold
// only figures and their years: "(2025: 70%; 2030: 90%)".
func (s *sent) groupLeads(h *head) bool {
	g := s.groups[h.group]
	return !s.hasContent(g[0]+1, g[1]-1)
}

// subjectAfterRate returns the token where a backward region's subject
// stands: after "tỷ lệ" ("tỷ lệ người lớn ... đạt 35%"), or -1 when the
// region names no rate, or one with no words between it and the figure
// (then entries are not held to their subjects).
func (s *sent) subjectAfterRate(r [2]int) int {
	t := -1
	for k := s.tokAt(r[0]); k+1 < len(s.toks) && s.toks[k+1].end <= r[1]; k++ {
		// "đạt tỷ lệ 79,2%", "chiếm tỷ lệ 80%": a rate that names nothing
		// before its figure leaves the subject to the words before it.
		if s.toks[k].word == "ty" && s.toks[k+1].word == "le" && k+2 < len(s.toks) && s.toks[k+2].end <= r[1] {
			t = k + 2
		}
	}
	return t
}

const subjectScore = 100

// matchRegion returns the catalog entries whose terms all stand in folded
// region r, for head h, best first, one per set of words. Entries with a
// subject list must find one of their subjects within the first words
// after subjAt (the figure, or "tỷ lệ"); subjAt < 0 holds none to it.
// With subjectOnly, entries without a subject list do not count (a
// predicate shared across figures must be claimed by its subject).
func (s *sent) matchRegion(h *head, r [2]int, subjAt int, subjectOnly bool) []match {
	if r[1] <= r[0] {
		return nil
	}
	unit := h.v.Unit
	if unit == Count || unit == Money {
		return nil // the catalog measures shares, levels and standards
	}
	var cands []match
	for i, ind := range s.c.Indicators {
		if ind.Unit != unit || subjectOnly && len(ind.Subject) == 0 {
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
		var subj []hit
		if len(ind.Subject) > 0 && subjAt >= 0 {
			best := -1
			for _, ht := range s.hits {
				// A subject, or a title that names its unit itself ("Tỷ
				// lệ GĐHT đạt 70%").
				if ht.ind != i || ht.group != groupSubject && ht.group < 0 || ht.t0 < subjAt || ht.t0 > subjAt+2 || ht.start >= r[1] || ht.start < r[0] {
					continue
				}
				// Right after: "80%, dòng họ ..." is the next figure's.
				if subjAt < len(s.toks) && subjAt > 0 && strings.ContainsAny(s.f[s.toks[subjAt-1].end:ht.start], ",;:()") {
					continue
				}
				if n := ht.end - ht.start; n > best {
					best, subj = n, []hit{ht}
				}
			}
			if best < 0 {
				continue
			}
			// The longer subject wins: "cán bộ, hội viên Hội Khuyến học"
			// are members of the association, not officials.
			score += subjectScore + 4*best
		}
		cands = append(cands, match{ind: ind, hits: hs, score: score, subject: subj})
	}
	// Entries that match the same words: the best one wins.
	sort.SliceStable(cands, func(i, j int) bool { return cands[i].score > cands[j].score })
	var out []match
	for _, m := range cands {
		clash := false
		for _, o := range out {
			if hitsOverlap(m.hits, o.hits) || hitsOverlap(m.subject, o.subject) || within(m.hits, o.hits) || within(o.hits, m.hits) {
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

func iabs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// within reports whether the hits of a fall inside the span of b's: a
// match inside another's words ("danh hiệu CDHT có kỹ năng số" is one
// measure, not the title and the skill).
func within(a, b []hit) bool {
	if len(a) == 0 || len(b) < 2 {
		return false
	}
	lo, hi := b[0].start, b[0].end
	for _, x := range b {
		lo, hi = min(lo, x.start), max(hi, x.end)
	}
	for _, x := range a {
		if x.start < lo || x.end > hi {
			return false
		}
	}
	return true
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

func overlapsAny(r [2]int, rs [][2]int) bool {
	for _, x := range rs {
		if r[0] < x[1] && x[0] < r[1] {
			return true
		}
	}
	return false
}

// satisfied returns one hit for each term group of ind within region r,
// outside the taken regions, if every group has one and no "not" pattern
// stands in r.
//
// A group's hit is its longest; among hits as long, the one nearest the
// other groups' in the catalog's order ("phổ cập giáo dục mầm non cho trẻ
// 5 tuổi, phấn đấu hoàn thành phổ cập giáo dục mầm non cho trẻ 4 tuổi":
// the second names the 4-year-olds' standard).
func (s *sent) satisfied(i int, ind *Indicator, r [2]int, taken [][2]int) ([]hit, bool) {
	all := make([][]hit, len(ind.Terms))
	for _, ht := range s.hits {
		if ht.ind != i || ht.start < r[0] || ht.end > r[1] {
			continue
		}
		if ht.group == groupNot {
			return nil, false
		}
		if ht.group < 0 || overlapsAny([2]int{ht.start, ht.end}, taken) || s.allow != nil && !s.allow(ht) {
			continue
		}
		g := all[ht.group]
		switch {
		case len(g) == 0 || ht.end-ht.start > g[0].end-g[0].start:
			all[ht.group] = []hit{ht}
		case ht.end-ht.start == g[0].end-g[0].start:
			all[ht.group] = append(g, ht)
		}
	}
	hs := make([]hit, len(ind.Terms))
	for g, c := range all {
		if len(c) == 0 {
			return nil, false
		}
		hs[g] = c[0]
	}
	for g, c := range all {
		if len(c) < 2 || len(hs) < 2 {
			continue
		}
		best, bestD := c[0], -1
		for _, ht := range c {
			// Terms stand in the order the catalog writes them: the
			// topic before its level or age.
			d := 0
			for o, x := range hs {
				switch {
				case o > g && x.start >= ht.start, o < g && x.start <= ht.start:
					d += iabs(x.start - ht.start)
				case o != g:
					d += 1 << 20
				}
			}
			if bestD < 0 || d < bestD {
				best, bestD = ht, d
			}
		}
		hs[g] = best
	}
	sort.Slice(hs, func(a, b int) bool { return hs[a].start < hs[b].start })
	return hs, true
}

// exceptionEnd returns where the places named after "riêng" end: type
// words, counts and names joined by commas and "và" ("riêng các huyện Kỳ
// Sơn, Tương Dương", "riêng hai huyện miền núi Khánh Sơn và Khánh Vĩnh"),
// or 0 when no name follows.
func (s *sent) exceptionEnd(c cue) int {
	end, names := 0, 0
	for t := c.t1; t < len(s.toks); t++ {
		gap := s.f[s.toks[t-1].end:s.toks[t].start]
		if strings.ContainsAny(gap, ";:()") || strings.Contains(gap, ",") && names == 0 {
			break
		}
		w := s.toks[t].word
		r, _ := utf8.DecodeRuneInString(s.tokText(t))
		switch {
		case unicode.IsUpper(r):
			names++
			end = s.toks[t].end
		case exceptionWords[w]:
			if names > 0 && w != "va" {
				return end
			}
		default:
			return end
		}
	}
	return end
}

// exceptionWords may stand between "riêng" and the names it lists.
var exceptionWords = map[string]bool{
	"cac": true, "hai": true, "ba": true, "bon": true, "nam": true, "nhung": true, "huyen": true, "xa": true,
	"thi": true, "tran": true, "thanh": true, "pho": true, "phuong": true, "tinh": true, "quan": true,
	"mien": true, "nui": true, "vung": true, "cao": true, "sau": true, "bien": true, "gioi": true,
	"dac": true, "biet": true, "kho": true, "khan": true, "ven": true, "va": true, "doi": true, "voi": true,
	"dia": true, "ban": true, "don": true, "vi": true,
}

// standards is pass 3: levels no figure took, and standards and titles
// reached with no figure.
func (s *sent) standards() {
	var taken [][2]int
	consumed := map[int]bool{}
	for _, h := range s.heads {
		if h.level >= 0 {
			consumed[h.level] = true
		}
		// What a figure's measure used is not a standard of its own.
		for _, m := range h.matches {
			for _, ht := range m.hits {
				taken = append(taken, [2]int{ht.start, ht.end})
			}
		}
		if h.region != [2]int{} && len(h.matches) > 0 {
			if h.region == h.bwd {
				for i, v := range s.vals {
					if v.Unit == Level && v.Start >= h.bwd[0] && v.End <= h.bwd[1] {
						consumed[i] = true
					}
				}
			}
		}
	}
	var extra []*head
	for i, lv := range s.vals {
		if lv.Unit != Level || consumed[i] {
			continue
		}
		cl := s.clauseOf(lv.Start)
		best := -1
		for k, ht := range s.hits {
			ind := s.c.Indicators[ht.ind]
			if ind.Unit != Level || ht.group != 0 || ht.end > lv.Start || ht.start < s.clauses[cl][0] ||
				overlapsAny([2]int{ht.start, ht.end}, taken) {
				continue
			}
			if best < 0 || ht.start > s.hits[best].start {
				best = k
			}
		}
		if best < 0 {
			continue
		}
		ht := s.hits[best]
		h := &head{kind: levelHead, v: lv, start: lv.Start, end: lv.End, clause: cl, level: i,
			ind: s.c.Indicators[ht.ind], group: s.groupOf(lv.Start, lv.End)}
		h.region = [2]int{ht.start, lv.End}
		extra = append(extra, h)
	}
	tk := taken
	for _, h := range extra {
		tk = append(tk, h.region) // a level's words are no standard of their own
	}
	for ci, cl := range s.clauses {
		for i, ind := range s.c.Indicators {
			if ind.Unit != Status {
				continue
			}
			hs, ok := s.satisfied(i, ind, cl, tk)
			if !ok {
				continue
			}
			a, b := hs[0].start, hs[0].end
			for _, ht := range hs {
				a, b = min(a, ht.start), max(b, ht.end)
			}
			h := &head{kind: statusHead, v: Value{Start: a, End: b, Unit: Status, Num: 1}, start: a, end: b,
				clause: ci, level: -1, ind: ind, group: s.groupOf(a, b)}
			h.region = [2]int{a, b}
			extra = append(extra, h)
		}
	}
	s.heads = append(s.heads, extra...)
	sort.SliceStable(s.heads, func(i, j int) bool { return s.heads[i].start < s.heads[j].start })
	// "riêng ..." names the places of the standards after it too.
	for _, h := range s.heads {
		if h.kind == figureHead {
			continue
		}
		cl := s.clauses[h.clause]
		for _, c := range s.cuesIn(cueException, cl[0], h.start) {
			if e := s.exceptionEnd(c); e > 0 {
				h.except = [2]int{c.end, e}
			}
		}
	}
}
