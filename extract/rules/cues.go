package rules

import (
	"bufio"
	_ "embed"
	"fmt"
	"sort"
	"strings"
	"sync"

	"github.com/chitieu/chitieu/extract/vntext"
)

// cueKind is what a cue word tells; the names are those of cues.txt.
type cueKind int

const (
	cueTarget cueKind = iota
	cueResult
	cueFraming
	cueNational
	cueProvince
	cueDistrict
	cueAverage
	cueCompare
	cueDistribute
	cueAnaphor
	cueException
	cueSub
	cueMaintain
	cueStrive
	cueAchieve
	cueConnector
	cuePreposition
	cueOpener
	cueNarrow
	cuePast
	cueChange
	cueAmend
	cueInto
	cueTitle
	cuePlanned
	cueIncrease
	cueDecrease
	cueKeep
	cueSteady
	cueFunding
	cueState
	numCues
)

var cueNames = [numCues]string{"target", "result", "framing", "national", "province", "district", "average", "compare",
	"distribute", "anaphor", "exception", "sub", "maintain", "strive", "achieve", "connector", "preposition", "opener", "narrow", "past", "change", "amend", "into", "title", "planned",
	"increase", "decrease", "keep", "steady", "funding", "state"}

// cueClass groups the kinds whose phrases compete: within a class, a
// phrase inside a longer one is not a cue ("chỉ tiêu" in "vượt chỉ tiêu").
func cueClass(k cueKind) int {
	switch k {
	case cueTarget, cueResult, cueFraming, cueState:
		return 1
	case cueNational, cueProvince, cueDistrict, cueAverage, cueCompare:
		return 2
	case cueIncrease, cueDecrease, cueKeep, cueSteady:
		return 3
	}
	return 100 + int(k)
}

// A cuePattern is one phrase of the lexicon.
type cuePattern struct {
	kind  cueKind
	keys  []string // folded words
	words []string // lower-case words as written; nil when written without diacritics
}

// A cueLexicon is the parsed cues.txt, indexed by first folded word.
type cueLexicon struct {
	index map[string][]*cuePattern
}

//go:embed cues.txt
var cuesText string

var defaultCues = sync.OnceValue(func() *cueLexicon {
	l, err := parseCues(cuesText)
	if err != nil {
		panic("rules: embedded cues: " + err.Error()) // tested; cannot happen
	}
	return l
})

// parseCues reads the format documented at the top of cues.txt.
func parseCues(text string) (*cueLexicon, error) {
	l := &cueLexicon{index: map[string][]*cuePattern{}}
	sc := bufio.NewScanner(strings.NewReader(text))
	n := 0
	for sc.Scan() {
		n++
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		name, val, ok := strings.Cut(line, ":")
		if !ok {
			return nil, fmt.Errorf("line %d: want name: phrases", n)
		}
		kind := cueKind(-1)
		for k, nm := range cueNames {
			if nm == strings.TrimSpace(name) {
				kind = cueKind(k)
			}
		}
		if kind < 0 {
			return nil, fmt.Errorf("line %d: unknown cue %q", n, strings.TrimSpace(name))
		}
		for _, alt := range strings.Split(val, "|") {
			alt = vntext.Normalize(strings.TrimSpace(alt))
			if alt == "" {
				return nil, fmt.Errorf("line %d: empty phrase", n)
			}
			p := &cuePattern{kind: kind}
			f := vntext.Fold(alt)
			for _, t := range vntext.Tokens(f) {
				p.keys = append(p.keys, f[t.Start:t.End])
			}
			if vntext.HasDiacritics(alt) {
				low := strings.ToLower(alt)
				for _, t := range vntext.Tokens(low) {
					p.words = append(p.words, low[t.Start:t.End])
				}
				if len(p.words) != len(p.keys) {
					p.words = nil
				}
			}
			if len(p.keys) == 0 {
				return nil, fmt.Errorf("line %d: phrase %q has no words", n, alt)
			}
			l.index[p.keys[0]] = append(l.index[p.keys[0]], p)
		}
	}
	return l, sc.Err()
}

// A cue is a cue phrase found in a sentence: tokens [t0, t1), folded
// offsets [start, end) relative to the sentence.
type cue struct {
	kind       cueKind
	t0, t1     int
	start, end int
}

// findCues returns the cues of sentence s, in order of position. A phrase
// with diacritics matches where the text has the same spelling, or none.
func (l *cueLexicon) findCues(s *sent) []cue {
	var out []cue
	for i := range s.toks {
		for _, p := range l.index[s.toks[i].key] {
			n := len(p.keys)
			if i+n > len(s.toks) {
				continue
			}
			ok := true
			for k := 1; k < n && ok; k++ {
				ok = !s.toks[i+k].brk && s.toks[i+k].word == p.keys[k]
			}
			if ok && p.words != nil {
				for k := 0; k < n && ok; k++ {
					w := s.tokText(i + k)
					ok = isASCII(w) || strings.EqualFold(w, p.words[k])
				}
			}
			if ok {
				out = append(out, cue{p.kind, i, i + n, s.toks[i].start, s.toks[i+n-1].end})
			}
		}
	}
	// Within a class, drop a phrase inside a longer one.
	sort.SliceStable(out, func(a, b int) bool {
		if out[a].t0 != out[b].t0 {
			return out[a].t0 < out[b].t0
		}
		return out[a].t1 > out[b].t1
	})
	kept := out[:0]
	for i, c := range out {
		inside := false
		for j, d := range out {
			if i != j && cueClass(c.kind) == cueClass(d.kind) && d.t0 <= c.t0 && c.t1 <= d.t1 && d.t1-d.t0 > c.t1-c.t0 {
				inside = true
				break
			}
		}
		if !inside {
			kept = append(kept, c)
		}
	}
	return kept
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}
