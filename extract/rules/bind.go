package rules

import (
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/chitieu/chitieu/extract/structure"
)

// opener is a year phrase that opens a sentence or clause ("Đến năm 2025,
// ...", "Năm 2023: ...") and governs the figures after it.
type opener struct {
	pos   int
	years []int
}

// bindYears is pass 4: every year phrase binds to the figure beside it or
// opens what follows.
func (s *sent) bindYears() {
	for _, y := range s.yrs {
		if s.baseline(y) {
			continue // the year a figure is compared with
		}
		yg := s.groupOf(y.start, y.end)
		if y.month > 0 {
			// A date of results opens them: "Tính đến tháng 9/2025, ...".
			if yg < 0 && s.openerPositioned(y) {
				s.openers = append(s.openers, opener{y.end, y.years})
			}
			continue
		}
		cl := s.clauseOf(y.start)
		ai, bi := -1, -1
		for k, h := range s.heads {
			if h.clause != cl || h.group != yg {
				continue
			}
			if h.end <= y.start {
				ai = k
			}
			if bi < 0 && h.start >= y.end {
				bi = k
			}
		}
		// A year phrase closed by a comma or a colon before any figure of
		// its clause opens it too: "Mục tiêu của Đề án là đến năm 2025,
		// 70% ...; 50% ...".
		closed := strings.HasPrefix(strings.TrimLeft(s.f[y.end:], " "), ",") || y.colon
		switch {
		case yg < 0 && (s.openerPositioned(y) || closed && ai < 0):
			s.openers = append(s.openers, opener{y.end, y.years})
		case y.colon && bi >= 0:
			s.bindForward(y, bi)
		case ai >= 0 && y.lead == "vao":
			s.bindBack(y, ai)
		case bi >= 0 && s.onlyConnectors(y.end, s.heads[bi].start) &&
			!(ai >= 0 && strings.TrimSpace(s.f[s.heads[ai].end:y.start]) == "" && y.lead == ""):
			s.bindForward(y, bi)
		case ai >= 0:
			s.bindBack(y, ai)
		case yg < 0:
			s.openers = append(s.openers, opener{y.end, y.years})
		}
	}
	// Figures with no year of their own: the one a coordinated figure
	// binds ("tiến tới 60% và 80% vào năm 2030"), else the opener before.
	for k := len(s.heads) - 2; k >= 0; k-- {
		h, n := s.heads[k], s.heads[k+1]
		if h.yearFrom == YearNone && (n.yearFrom == YearBound || n.yearFrom == YearShared) && s.coordinated(h, n) && !h.ownFwd && !n.ownFwd {
			h.year, h.yearFrom = n.year, YearShared
		}
	}
	for _, h := range s.heads {
		if h.yearFrom != YearNone {
			continue
		}
		ys := s.ctx.Opener
		for _, o := range s.openers {
			if o.pos <= h.start {
				ys = o.years
			}
		}
		if len(ys) > 0 {
			h.year, h.yearFrom = ys[0], YearOpener
			if len(ys) > 1 {
				h.listed = ys
			}
		}
	}
}

// baseline reports whether a year phrase is what a figure is compared
// with: "tăng 4,2 điểm phần trăm so với năm 2022".
func (s *sent) baseline(y yearMention) bool {
	for _, c := range s.cues {
		if c.kind == cueCompare && c.end <= y.start && strings.TrimSpace(s.f[c.end:y.start]) == "" {
			return true
		}
	}
	return false
}

// openerAtEnd returns the years open when the sentence ends.
func (s *sent) openerAtEnd() []int {
	if n := len(s.openers); n > 0 {
		return s.openers[n-1].years
	}
	return s.ctx.Opener
}

// openerPositioned reports whether year phrase y opens its clause: only
// opener words ("phấn đấu", "đến", "năm", a place's name) stand between
// the clause's start, or the comma or colon before it, and the phrase.
func (s *sent) openerPositioned(y yearMention) bool {
	cl := s.clauses[s.clauseOf(y.start)]
	from := cl[0]
	if i := strings.LastIndexAny(s.f[cl[0]:y.start], ",:"); i >= 0 {
		from = cl[0] + i + 1
	}
	words := map[int]bool{}
	for _, c := range s.cues {
		if c.kind == cueOpener && c.start >= from && c.end <= y.start {
			for k := c.t0; k < c.t1; k++ {
				words[k] = true
			}
		}
	}
	for t := s.tokAt(from); t < len(s.toks) && s.toks[t].end <= y.start; t++ {
		if words[t] {
			continue
		}
		if r, _ := utf8.DecodeRuneInString(s.tokText(t)); unicode.IsUpper(r) {
			continue // a name: "Đại Lộc đặt mục tiêu đến năm 2025, ..."
		}
		return false
	}
	return true
}

// onlyConnectors reports whether [a, b) holds nothing but verbs that lead
// to a figure, qualifiers and punctuation: "năm 2025 phấn đấu đạt 60%",
// "năm 2030 là 70%".
func (s *sent) onlyConnectors(a, b int) bool {
	if a >= b {
		return true
	}
	words := map[int]bool{}
	for _, c := range s.cues {
		switch c.kind {
		case cueConnector, cueDistribute, cueStrive, cueAchieve, cueMaintain, cueTarget:
			if c.start >= a && c.end <= b {
				for k := c.t0; k < c.t1; k++ {
					words[k] = true
				}
			}
		}
	}
	for t := s.tokAt(a); t < len(s.toks) && s.toks[t].end <= b; t++ {
		if !words[t] {
			return false
		}
	}
	return !strings.ContainsAny(s.f[a:b], "()")
}

// coordinated reports whether two heads of a clause stand side by side,
// with nothing but "và", a comma or a verb between them: "60% và 80%".
func (s *sent) coordinated(h, n *head) bool {
	if h.clause != n.clause || h.group != n.group || h.kind != figureHead || n.kind != figureHead {
		return false
	}
	gap := s.f[h.end:n.start]
	for _, w := range strings.Fields(strings.NewReplacer(",", " ").Replace(gap)) {
		switch w {
		case "va", "hoac", "den", "voi":
		default:
			return false
		}
	}
	return true
}

// run returns the coordinated figures from head k on (forward) or up to
// head k (backward).
func (s *sent) run(k int, forward bool) []int {
	out := []int{k}
	if forward {
		for j := k + 1; j < len(s.heads) && s.coordinated(s.heads[j-1], s.heads[j]); j++ {
			out = append(out, j)
		}
		return out
	}
	for j := k - 1; j >= 0 && s.coordinated(s.heads[j], s.heads[j+1]); j-- {
		out = append([]int{j}, out...)
	}
	return out
}

// bindForward gives year phrase y to head k, or its list of years to the
// coordinated figures from k on, in order.
func (s *sent) bindForward(y yearMention, k int) {
	s.bindList(y, s.run(k, true), k)
}

// bindBack gives year phrase y to head k, or its list to the coordinated
// figures that end at k.
func (s *sent) bindBack(y yearMention, k int) {
	s.bindList(y, s.run(k, false), k)
}

func (s *sent) bindList(y yearMention, run []int, k int) {
	if len(y.years) > 1 && len(run) == len(y.years) {
		for i, j := range run {
			if s.heads[j].yearFrom == YearNone {
				s.heads[j].year, s.heads[j].yearFrom = y.years[i], YearListed
			}
		}
		return
	}
	if h := s.heads[k]; h.yearFrom == YearNone {
		h.year, h.yearFrom = y.years[0], YearBound
		if len(y.years) > 1 {
			h.listed = y.years
		}
	}
}

// distribute is pass 5a: "lần lượt" and "tương ứng" give coordinated
// figures, in order, the years and measures listed before them.
//
// Parentheses of bare figures after as many figures distribute the same
// way without saying so: "52% người lớn ... và 70% cán bộ ... (tiến tới 60%
// và 80% vào năm 2030)".
func (s *sent) distribute() {
	cues := s.cues
	for g, sp := range s.groups {
		for k, h := range s.heads {
			if h.kind == figureHead && h.group == g && !h.ownFwd && !h.ownBwd && !s.quotesOther(sp[0], sp[1]) {
				if len(s.run(k, true)) >= 2 {
					cues = append(cues, cue{kind: cueDistribute, start: sp[0], end: h.start, t0: -1})
				}
				break
			}
		}
	}
	for _, d := range cues {
		if d.kind != cueDistribute {
			continue
		}
		first := -1
		for k, h := range s.heads {
			if h.kind == figureHead && h.start >= d.end && h.clause == s.clauseOf(d.start) {
				first = k
				break
			}
		}
		if first < 0 {
			continue
		}
		run := s.run(first, true)
		if len(run) < 2 {
			continue
		}
		n := len(run)
		cl := s.clauses[s.heads[first].clause]
		// Years: an opener list of as many years, or the years of the
		// figures of the clause before ("80% ... vào năm 2025 và 88% vào
		// năm 2030; tỷ lệ dòng họ ... tương ứng là 70% và 80%").
		bound := false
		for _, j := range run {
			if f := s.heads[j].yearFrom; f == YearBound || f == YearListed || f == YearShared {
				bound = true
			}
		}
		if !bound {
			var ys []int
			if l := s.heads[first].listed; len(l) == n {
				ys = l
			} else if prev := s.previousYears(d.start, n); prev != nil {
				ys = prev
			}
			for i, j := range run {
				if ys != nil {
					s.heads[j].year, s.heads[j].yearFrom, s.heads[j].listed = ys[i], YearListed, nil
				}
			}
		}
		// Measures.
		bare := true
		for _, j := range run {
			if s.heads[j].ownFwd {
				bare = false
			}
		}
		if !bare {
			continue
		}
		from := cl[0]
		for _, o := range s.openers {
			if o.pos > from && o.pos <= d.start {
				from = o.pos
			}
		}
		var nps [][]match
		if d.t0 >= 0 { // not parentheses
			nps = s.rateMatches(from, d.start, s.heads[first])
		}
		anaphor := len(s.cuesIn(cueAnaphor, cl[0], d.start)) > 0
		switch {
		case len(nps) == n:
			for i, j := range run {
				s.heads[j].matches, s.heads[j].region = nps[i], [2]int{from, d.start}
			}
		case len(nps) == 1 && !anaphor:
			for _, j := range run {
				s.heads[j].matches, s.heads[j].region = nps[0], [2]int{from, d.start}
			}
		default:
			prev := s.previousMeasures(d.start, n)
			if prev == nil {
				continue
			}
			for i, j := range run {
				s.heads[j].matches, s.heads[j].inherited = prev[i], true
			}
		}
	}
}

// rateMatches splits [a, b) at "tỷ lệ" into the measures it lists ("tỷ lệ
// người lớn ... và tỷ lệ cán bộ ...") and returns the matches of each
// that one fits.
func (s *sent) rateMatches(a, b int, h *head) [][]match {
	var cuts []int
	for k := s.tokAt(a); k+1 < len(s.toks) && s.toks[k+1].end <= b; k++ {
		if s.toks[k].word == "ty" && s.toks[k+1].word == "le" {
			cuts = append(cuts, s.toks[k].start)
		}
	}
	if len(cuts) == 0 {
		cuts = []int{a}
	}
	var out [][]match
	for i, c := range cuts {
		e := b
		if i+1 < len(cuts) {
			e = cuts[i+1]
		}
		r := [2]int{c, e}
		if m := s.matchRegion(h, r, s.subjectAfterRate(r), false); len(m) > 0 {
			out = append(out, m)
		}
	}
	return out
}

// previousYears returns the distinct years, in order, of the last n
// figures before folded offset i in the sentence, or of the block's
// figures before it.
func (s *sent) previousYears(i, n int) []int {
	var ys []int
	for _, h := range s.heads {
		if h.kind == figureHead && h.end <= i && h.yearFrom != YearNone && !s.quotesOther(s.groupSpan(h)) {
			ys = append(ys, h.year)
		}
	}
	if len(ys) < n {
		for _, m := range s.ctx.Prev {
			if m.Year != 0 && m.YearFrom != YearNone {
				ys = append(ys, m.Year)
			}
		}
	}
	if len(ys) < n {
		return nil
	}
	ys = ys[len(ys)-n:]
	for k := 1; k < n; k++ {
		if ys[k] <= ys[k-1] {
			return nil
		}
	}
	return ys
}

// previousMeasures returns the measures of the last n figures before
// folded offset i that have one, distinct and in order: what "các tỷ lệ
// này" refers to.
func (s *sent) previousMeasures(i, n int) [][]match {
	var ms [][]match
	for _, h := range s.heads {
		if h.kind == figureHead && h.end <= i && len(h.matches) > 0 && !s.quotesOther(s.groupSpan(h)) {
			ms = append(ms, h.matches)
		}
	}
	if len(ms) < n {
		var pm [][]match
		for _, m := range s.ctx.Prev {
			if m.Indicator != nil && m.Unit == Percent {
				pm = append(pm, []match{{ind: m.Indicator}})
			}
		}
		ms = append(pm, ms...)
	}
	if len(ms) < n {
		return nil
	}
	ms = ms[len(ms)-n:]
	seen := map[*Indicator]bool{}
	for _, m := range ms {
		if seen[m[0].ind] {
			return nil
		}
		seen[m[0].ind] = true
	}
	return ms
}

// inherit is pass 5b: a figure with no words of its own measures what the
// figure before it in the sentence measures ("đạt 80%, tiến tới 100% vào
// năm 2025"; "riêng các huyện X, Y phấn đấu đạt tối thiểu 55%"), and a
// part after "trong đó" with no topic of its own takes its total's.
func (s *sent) inherit() {
	// The figures that replace others in an amendment measure what those
	// measured: thay "50% dòng họ" bằng "60% dòng họ".
	for _, p := range s.amendments() {
		var old, repl []*head
		for _, h := range s.heads {
			switch {
			case h.kind != figureHead:
			case h.start >= p[0][0] && h.end <= p[0][1]:
				old = append(old, h)
			case h.start >= p[1][0] && h.end <= p[1][1]:
				repl = append(repl, h)
			}
		}
		for i, h := range repl {
			if i < len(old) && len(h.matches) == 0 && len(old[i].matches) > 0 {
				h.matches, h.inherited = old[i].matches, true
			}
		}
	}
	for k, h := range s.heads {
		if h.kind != figureHead || len(h.matches) > 0 {
			continue
		}
		if h.sub && k > 0 {
			p := s.heads[k-1]
			own := h.fwd
			s.allow = func(ht hit) bool {
				return ht.start >= own[0] && ht.end <= own[1] || ht.group == 0 && ht.start >= p.region[0] && ht.end <= p.region[1]
			}
			m := s.matchRegion(h, [2]int{min(p.region[0], own[0]), own[1]}, -1, false)
			s.allow = nil
			if h.level < 0 {
				// With no level of its own, the part must say in its own
				// words what it adds to its total ("90% trung tâm học tập
				// cộng đồng được củng cố, trong đó 70% ứng dụng công nghệ
				// thông tin"); "trong đó 40% là nữ" is no new measure.
				m = slices.DeleteFunc(m, func(x match) bool {
					return !hitsWithin(x.hits, own) || sameIndicator(p.matches, x.ind)
				})
			}
			if len(m) > 0 {
				h.matches = m
				continue
			}
		}
		// "trên 65% cán bộ, công chức đạt danh hiệu này": its subject, and
		// the title the figure before it named.
		if h.ownFwd && len(s.cuesIn(cueTitle, h.fwd[0], h.fwd[1])) > 0 {
			if m := s.withTitleBefore(k, h); len(m) > 0 {
				h.matches, h.region = m, h.fwd
				continue
			}
		}
		if (h.ownFwd || h.ownBwd) && !s.quotesOther(s.groupSpan(h)) && !s.heldAgainst(h) {
			continue // words of its own that no entry fits
		}
		if h.sub {
			continue // a part of a total is not the total's measure
		}
		for j := k - 1; j >= 0; j-- {
			p := s.heads[j]
			if p.kind == figureHead && len(p.matches) > 0 && p.v.Unit == h.v.Unit {
				h.matches, h.inherited = p.matches, true
				break
			}
		}
	}
}

// withTitleBefore matches a figure's own words together with the terms
// the figure before it matched: what "danh hiệu này" stands for.
func (s *sent) withTitleBefore(k int, h *head) []match {
	for j := k - 1; j >= 0; j-- {
		p := s.heads[j]
		if p.kind != figureHead || len(p.matches) == 0 {
			continue
		}
		var terms []hit
		for _, m := range p.matches {
			terms = append(terms, m.hits...)
		}
		own := h.fwd
		s.allow = func(ht hit) bool {
			if ht.start >= own[0] && ht.end <= own[1] {
				return true
			}
			for _, t := range terms {
				if t.start == ht.start && t.end == ht.end && ht.group >= 0 {
					return true
				}
			}
			return false
		}
		m := s.matchRegion(h, [2]int{min(p.region[0], own[0]), own[1]}, s.subjectOf(h), false)
		s.allow = nil
		return m
	}
	return nil
}

// groupSpan returns the parenthesized group of a head, or an empty span.
func (s *sent) groupSpan(h *head) (int, int) {
	if h.group < 0 {
		return 0, 0
	}
	return s.groups[h.group][0], s.groups[h.group][1]
}

// cueOf is pass 6 for one head: what the sentence says of its kind, and
// whose figure a quotation is.
func (s *sent) cueOf(k int, h *head) (Cue, Scope) {
	if s.superseded(h) {
		return CueReference, ScopeNone
	}
	// A quotation: in parentheses that name another plan, after a
	// comparison, or in a clause whose subject is the country's plan.
	for g := h.group; g >= 0; g = s.outerGroup(g) {
		if sc := s.refScope(s.groups[g][0], s.groups[g][1]); sc != ScopeNone {
			return CueReference, sc
		}
	}
	if s.heldAgainst(h) {
		return CueReference, ScopeNone
	}
	cl := s.clauses[h.clause]
	for _, c := range s.cuesIn(cueCompare, cl[0], h.start) {
		between := s.f[c.end:h.start]
		if len(strings.Fields(between)) <= 3 && !strings.ContainsAny(between, ",;") {
			sc := s.refScope(c.start, cl[1])
			if sc == ScopeNone {
				sc = ScopeAverage
			}
			return CueReference, sc
		}
	}
	first := h.start
	for _, o := range s.heads {
		if o.clause == h.clause && o.start < first {
			first = o.start
		}
	}
	if sc := s.refScope(cl[0], first); sc == ScopeNational && len(s.cuesIn(cueTarget, s.lastRef(cl[0], first), first)) == 0 {
		return CueReference, sc
	}
	if sc := s.possessedPlan(cl[0], first); sc != ScopeNone {
		return CueReference, sc
	}
	// The nearest cue before the figure: inside its parentheses first.
	pos := h.start
	lo := 0
	if h.group >= 0 {
		lo = s.groups[h.group][0]
	}
	for {
		best, at := CueNone, -1
		for _, c := range s.cues {
			if c.end > pos || c.start < lo || c.end <= at {
				continue
			}
			switch c.kind {
			case cueTarget:
				best, at = CueTarget, c.end
			case cueResult:
				if !s.baselineOfOther(h, c) {
					best, at = CueResult, c.end
				}
			case cueState:
				if !(h.yearFrom != YearNone && s.ctx.DocYear != 0 && h.year > s.ctx.DocYear) {
					best, at = CueResult, c.end
				}
			}
		}
		for _, y := range s.yrs {
			if y.end <= pos && y.start >= lo && y.end > at && s.pastDate(y) {
				best, at = CueResult, y.end
			}
		}
		if best != CueNone || lo == 0 {
			if h.yearFrom != YearNone && s.ctx.DocYear != 0 && h.year < s.ctx.DocYear {
				return CueResult, ScopeNone
			}
			// "100% trung tâm ... đã ứng dụng": the past in its own words.
			if best != CueTarget && h.kind == figureHead && len(s.cuesIn(cuePast, h.end, h.fwd[1])) > 0 {
				return CueResult, ScopeNone
			}
			return best, ScopeNone
		}
		pos, lo = lo, 0
	}
}

// heldAgainst reports whether a figure is the plan's figure another one
// is measured against: in parentheses right after a figure of the same
// clause, led by the words of a plan's figure (cues.txt, "planned"), with
// no year of its own: "đạt
// 79,2% (chỉ tiêu kế hoạch 78%)", "82% (KH: 80%)". A year of its own makes
// it the plan's figure for that year: "đạt 80% (chỉ tiêu năm 2030: 85%)".
func (s *sent) heldAgainst(h *head) bool {
	if h.group < 0 {
		return false
	}
	g := s.groups[h.group]
	outer := false
	for _, o := range s.heads {
		if o != h && o.kind == figureHead && o.clause == h.clause && o.end <= g[0] && o.group != h.group {
			outer = true
		}
	}
	if !outer {
		return false
	}
	for _, y := range s.yrs {
		if y.start >= g[0] && y.end <= g[1] {
			return false
		}
	}
	cs := s.cuesIn(cuePlanned, g[0], h.start)
	return len(cs) > 0 && strings.TrimSpace(s.f[g[0]+1:cs[0].start]) == ""
}

// superseded reports whether a figure stands in the words an amendment
// replaces: a quotation followed by "thành" or "bằng" and another
// quotation, after "sửa đổi", "thay" ...: "Sửa ... "60% người ..." thành
// "65% người ..."".
func (s *sent) superseded(h *head) bool {
	for _, p := range s.amendments() {
		if h.start >= p[0][0] && h.end <= p[0][1] {
			return true
		}
	}
	return false
}

// amendments returns the pairs of quotations of an amendment: the words
// replaced, and the words that replace them.
func (s *sent) amendments() [][2][2]int {
	if strings.IndexByte(s.f, '"') < 0 || len(s.cuesIn(cueAmend, 0, len(s.f))) == 0 {
		return nil
	}
	var quotes []int
	for i := 0; i < len(s.f); i++ {
		if s.f[i] == '"' {
			quotes = append(quotes, i)
		}
	}
	var out [][2][2]int
	for q := 0; q+3 < len(quotes); q += 2 {
		a, b, c, d := quotes[q], quotes[q+1], quotes[q+2], quotes[q+3]
		into := false
		for _, x := range s.cuesIn(cueInto, b+1, c) {
			into = into || strings.TrimSpace(s.f[x.end:c]) == "" && strings.TrimSpace(s.f[b+1:x.start]) == ""
		}
		if into && len(s.cuesIn(cueAmend, 0, a)) > 0 {
			out = append(out, [2][2]int{{a, b}, {c, d}})
		}
	}
	return out
}

func (s *sent) outerGroup(g int) int {
	for o := g - 1; o >= 0; o-- {
		if s.groups[o][0] < s.groups[g][0] && s.groups[g][1] <= s.groups[o][1] {
			return o
		}
	}
	return -1
}

// refScope returns whose figure the reference cues in [a, b) name: the
// country's before a province's before a district's before an average.
func (s *sent) refScope(a, b int) Scope {
	sc := ScopeNone
	for _, c := range s.cues {
		if c.start < a || c.end > b {
			continue
		}
		var x Scope
		switch c.kind {
		case cueNational:
			x = ScopeNational
		case cueProvince:
			x = ScopeProvince
		case cueDistrict:
			x = ScopeDistrict
		case cueAverage, cueCompare:
			x = ScopeAverage
		default:
			continue
		}
		if sc == ScopeNone || x < sc {
			sc = x
		}
	}
	return sc
}

// possessedPlan returns whose plan the subject of a clause names before
// its figures, "mục tiêu của tỉnh Tiền Giang đến năm 2025 là 75%", "chỉ
// tiêu chung của huyện ... là": the province's or the district's. (The
// extractor gives a plan's own level its figures back: in the province's
// plan, the province's goal is its target.)
func (s *sent) possessedPlan(a, b int) Scope {
	for _, c := range s.cuesIn(cuePlanned, a, b) {
		for _, o := range s.cues {
			if o.start < c.end || o.end > b || len(strings.Fields(s.f[c.end:o.start])) > 1 {
				continue
			}
			switch o.kind {
			case cueProvince:
				return ScopeProvince
			case cueDistrict:
				return ScopeDistrict
			}
		}
	}
	return ScopeNone
}

// lastRef returns the end of the last national cue in [a, b).
func (s *sent) lastRef(a, b int) int {
	at := a
	for _, c := range s.cuesIn(cueNational, a, b) {
		at = c.end
	}
	return at
}

// pastDate reports whether a year phrase dates a result: "đến hết năm
// 2021" in a plan of 2022, "hết tháng 6/2025" in a plan of August 2025.
func (s *sent) pastDate(y yearMention) bool {
	if y.month > 0 {
		if s.ctx.DocDate == "" {
			return s.ctx.DocYear != 0 && y.year() < s.ctx.DocYear
		}
		return dateKey(y.year(), y.month) < s.ctx.DocDate[:7]
	}
	switch y.lead {
	case "het", "cuoi", "tu":
		return s.ctx.DocYear != 0 && y.year() < s.ctx.DocYear
	}
	return false
}

func dateKey(y, m int) string {
	ms := strconv.Itoa(m)
	if m < 10 {
		ms = "0" + ms
	}
	return strconv.Itoa(y) + "-" + ms
}

// modalityOf reads the verb of the words around a head, then of its
// clause, then "phấn đấu" anywhere before it.
//
// The words of a head are those since the head before it in its clause
// (and, for a figure, its measure after it): "duy trì" or "phấn đấu"
// there decide; else the nearest of them before in the clause, which
// governs a list ("Tiếp tục củng cố ... 5 tuổi, phổ cập giáo dục tiểu học
// mức độ 3"); else "phấn đấu" anywhere before.
func (s *sent) modalityOf(k int, h *head) Modality {
	cl := s.clauses[h.clause]
	a, b := cl[0], h.end
	for j := k - 1; j >= 0; j-- {
		if o := s.heads[j]; o.clause == h.clause && o.end <= h.start {
			a = o.end
			break
		}
	}
	if h.kind == figureHead {
		b = max(b, h.fwd[1])
	}
	switch {
	case len(s.cuesIn(cueMaintain, a, b)) > 0:
		return Maintain
	case len(s.cuesIn(cueStrive, a, b)) > 0:
		return Strive
	}
	best, at := Achieve, -1
	for _, c := range s.cues {
		if c.start >= cl[0] && c.end <= a && c.end > at {
			switch c.kind {
			case cueMaintain:
				best, at = Maintain, c.end
			case cueStrive:
				best, at = Strive, c.end
			}
		}
	}
	if at >= 0 {
		return best
	}
	if len(s.cuesIn(cueStrive, 0, a)) > 0 {
		return Strive
	}
	return s.ctx.Lead
}

// mentions turns the heads into mentions, in text order.
func (s *sent) mentions() []Mention {
	var out []Mention
	openGroup := -1 // the parentheses of the last figure no entry fits
	for k, h := range s.heads {
		base := Mention{Unit: h.v.Unit, Year: h.year, YearFrom: h.yearFrom, Sub: h.sub}
		base.Cue, base.Scope = s.cueOf(k, h)
		base.Modality = s.modalityOf(k, h)
		base.Direction = s.direction(k, h, base.Modality)
		if s.startingLevel(k, h) {
			base.Cue = CueResult // "từ 3,5% xuống còn 2%": where it starts
		}
		cl := s.clauses[h.clause]
		base.Clause = structure.Span{Start: s.text(cl[0]), End: s.text(cl[1])}
		if h.except[1] > h.except[0] {
			base.Places = structure.Span{Start: s.text(h.except[0]), End: s.text(h.except[1])}
		}
		if n := h.v.Noun; n != "" && (h.v.Unit == Count || h.v.Unit == Money) {
			base.UnitText = s.fold.Text[s.text(h.v.End-len(n)):s.text(h.v.End)]
		}
		v := h.v
		v.Start, v.End = s.text(v.Start), s.text(v.End)
		v.Raw = s.fold.Text[v.Start:v.End]
		base.Value = v
		years := []int{h.year}
		if len(h.listed) > 1 && h.yearFrom == YearOpener {
			years = h.listed // "Đến năm 2025 và 2030, 100% ...": both
		}
		switch h.kind {
		case levelHead, statusHead:
			m := base
			m.Indicator = h.ind
			m.Start, m.End = s.text(h.region[0]), s.text(h.region[1])
			m.Label = s.levelLabel(k, h)
			subj := cl[0]
			for j := k - 1; j >= 0; j-- {
				if o := s.heads[j]; o.kind == figureHead && o.clause == h.clause {
					subj = max(subj, o.end)
					break
				}
			}
			if h.region[0] > subj {
				m.Subject = structure.Span{Start: s.text(subj), End: s.text(h.region[0])}
			}
			if h.kind == statusHead {
				m.Value.Raw = ""
			}
			out = appendYears(out, m, years)
		case figureHead:
			if h.change {
				h.matches = nil // a change is no level of the indicator
			}
			if len(h.matches) == 0 {
				// A figure no catalog entry fits: kept with the plan's
				// words when it has some, unless it is money spent.
				if h.v.Unit == Money && s.funding(k, h) || s.countOfShare(k, h) || s.countStatesNothing(h) {
					continue
				}
				m := base
				if h.region == [2]int{} {
					// "..., đến năm 2030 đạt 48%": nothing of its own.
					if h.ownFwd {
						continue
					}
					m.Start, m.End = s.text(h.start), s.text(h.end)
				} else {
					a, b := min(h.region[0], h.start), max(h.region[1], h.end)
					m.Start, m.End = s.text(a), s.text(b)
					m.Label = s.openLabel(h)
				}
				if isAnaphor(m.Label) {
					// "Đến năm 2030, tỷ lệ này đạt 20%": the measure of the
					// figure before, in this sentence or the one before.
					prev := out
					if len(prev) == 0 {
						prev = s.ctx.Prev
					}
					if len(prev) == 0 || prev[len(prev)-1].Unit != m.Unit {
						continue
					}
					m.Indicator, m.Label = prev[len(prev)-1].Indicator, prev[len(prev)-1].Label
					out = appendYears(out, m, years)
					continue
				}
				if m.Label == "" {
					// "Tỷ lệ hộ nghèo giảm bình quân 0,5%/năm, đến cuối năm
					// 2025 còn dưới 1%", "... (2024: 50%; 2025: 80%)": the
					// measure of the figure before it in its clause or its
					// parentheses goes on.
					if len(out) == 0 || out[len(out)-1].Indicator != nil || out[len(out)-1].Clause != m.Clause && (h.group < 0 || h.group != openGroup) {
						continue
					}
					m.Label = out[len(out)-1].Label
				}
				openGroup = h.group
				m.Change = h.change
				if h.change && h.v.Unit == Percent && s.perYear(h) {
					m.Unit = PercentPerYear
				}
				out = appendYears(out, m, years)
				continue
			}
			for _, mt := range h.matches {
				m := base
				m.Indicator = mt.ind
				a, b := h.start, h.end
				for _, ht := range mt.hits {
					if !h.inherited {
						a, b = min(a, ht.start), max(b, ht.end)
					}
				}
				m.Start, m.End = s.text(a), s.text(b)
				switch {
				case h.inherited:
					m.Label = mt.ind.Label
				case h.region == h.fwd:
					// The words after the figure, to the last that names
					// the indicator.
					m.Label = s.label(h.fwd[0], min(h.fwd[1], max(h.fwd[0], b)))
				default:
					m.Label = s.label(h.region[0], h.region[1])
				}
				out = appendYears(out, m, years)
			}
		}
	}
	// One sentence stating the same figure twice ("100% các huyện; 100%
	// các xã ... hoàn thành ...") is one target.
	type key struct {
		id, label string
		unit      Unit
		cmp       Cmp
		cue       Cue
		num, max  float64
		year      int
		places    structure.Span
	}
	seen := map[key]bool{}
	kept := out[:0]
	for _, m := range out {
		k := key{m.ID(), "", m.Unit, m.Value.Cmp, m.Cue, m.Value.Num, m.Value.Max, m.Year, m.Places}
		if m.Indicator == nil {
			k.label = m.Label
		}
		if seen[k] {
			continue
		}
		seen[k] = true
		kept = append(kept, m)
	}
	sort.SliceStable(kept, func(i, j int) bool { return kept[i].Start < kept[j].Start })
	return kept
}

// levelLabel returns the words of a locality's own standard: its topic
// and level, or, when figures stand between them, the topic, "…" and the
// words of the locality's own ("phổ cập giáo dục tiểu học … tỉnh duy trì
// đạt mức độ 3").
func (s *sent) levelLabel(k int, h *head) string {
	a, b := h.region[0], h.region[1]
	if h.kind == levelHead {
		topicEnd := a
		for _, ht := range s.hits {
			if ht.start == a {
				topicEnd = max(topicEnd, ht.end)
			}
		}
		boundary := -1
		for _, v := range s.vals {
			if v.Start >= topicEnd && v.End <= h.v.Start && v.End > boundary {
				boundary = v.End
			}
		}
		if boundary >= 0 {
			rest := strings.TrimPrefix(s.label(boundary, b), "và ")
			return s.label(a, topicEnd) + " … " + rest
		}
	}
	return s.label(a, b)
}

func appendYears(out []Mention, m Mention, years []int) []Mention {
	for _, y := range years {
		m.Year = y
		out = append(out, m)
	}
	return out
}

// label returns the plan's words in folded span [a, b), trimmed of
// punctuation at its ends (a quotation or parenthesis it opens keeps its
// close), at most a few dozen words.
func (s *sent) label(a, b int) string {
	if a >= b {
		return ""
	}
	text := s.fold.Text
	i, j := s.text(a), s.text(b)
	end := s.text(len(s.f))
	for _, c := range []string{"”", "\"", ")", "’"} {
		if strings.HasPrefix(text[j:end], c) {
			j += len(c)
			break
		}
	}
	t := strings.Trim(text[i:j], " ,:;.–-")
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

// hitsWithin reports whether one of hits stands inside r.
func hitsWithin(hits []hit, r [2]int) bool {
	for _, ht := range hits {
		if ht.start >= r[0] && ht.end <= r[1] {
			return true
		}
	}
	return false
}

// sameIndicator reports whether one of ms is of ind.
func sameIndicator(ms []match, ind *Indicator) bool {
	for _, m := range ms {
		if m.ind == ind {
			return true
		}
	}
	return false
}
