package gazetteer

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/chitieu/chitieu/extract/vntext"
)

// A TypeWord is an administrative type word, as it stands before a
// place's name: "tỉnh Bắc Ninh", "thị xã Bến Cát", "đặc khu Phú Quốc".
type TypeWord struct {
	Word   string   // lower case, as written: "thị xã"
	Fold   string   // folded: "thi xa"
	Abbr   []string // abbreviations, lower case: "tx"; one letter ("q") only with its dot ("Q.1")
	Levels []Level  // the levels it names
}

// TypeWords is the one list of administrative type words, longest first:
// the header, the targets' places, labels, the index and the web read it.
var TypeWords = func() []TypeWord {
	ws := []TypeWord{
		{Word: "thành phố", Abbr: []string{"tp"}, Levels: []Level{Province, District}},
		{Word: "thị xã", Abbr: []string{"tx"}, Levels: []Level{District}},
		{Word: "thị trấn", Abbr: []string{"tt"}, Levels: []Level{Commune}},
		{Word: "đặc khu", Levels: []Level{Commune}},
		{Word: "phường", Abbr: []string{"p"}, Levels: []Level{Commune}},
		{Word: "huyện", Abbr: []string{"h"}, Levels: []Level{District}},
		{Word: "quận", Abbr: []string{"q"}, Levels: []Level{District}},
		{Word: "tỉnh", Levels: []Level{Province}},
		{Word: "xã", Levels: []Level{Commune}},
	}
	for i := range ws {
		ws[i].Fold = vntext.Fold(ws[i].Word)
	}
	return ws
}()

// TypeWordOf returns the type word w (lower case, written out or
// abbreviated: "thị xã", "tx"), or nil.
func TypeWordOf(w string) *TypeWord {
	w = strings.ToLower(strings.TrimSuffix(w, "."))
	for i, t := range TypeWords {
		if t.Word == w {
			return &TypeWords[i]
		}
		for _, a := range t.Abbr {
			if a == w {
				return &TypeWords[i]
			}
		}
	}
	return nil
}

// SplitType splits a place as written into its type word, lower case and
// written out, and its bare name: "Thị xã Bến Cát" is "thị xã" and "Bến
// Cát"; "Thành phố trung ương Hà Nội" is "thành phố" and "Hà Nội". A name
// with no type word comes back whole, and so does one whose next word is
// not capitalized ("Xã hội học tập" is no commune).
func SplitType(s string) (typ, bare string) {
	low := strings.ToLower(s)
	for _, t := range append([]string{"thành phố trung ương"}, typeWordList()...) {
		if strings.HasPrefix(low, t+" ") {
			rest := strings.TrimSpace(s[len(t):])
			if r, _ := utf8.DecodeRuneInString(rest); !unicode.IsUpper(r) && !unicode.IsDigit(r) {
				return "", s
			}
			if t == "thành phố trung ương" {
				t = "thành phố"
			}
			return t, rest
		}
	}
	return "", s
}

func typeWordList() []string {
	out := make([]string, len(TypeWords))
	for i, t := range TypeWords {
		out[i] = t.Word
	}
	return out
}

// BareKey folds a place's name for matching, without its type word: "Thị
// xã Bến Cát", "TX. Bến Cát" and "thị xã ben cat" are all "ben cat"; "Xã
// hội học tập", capitalized as a phrase is, keeps its "xã".
func BareKey(s string) string {
	lower := strings.ToLower(s) == s
	if typ, bare := SplitType(s); typ != "" {
		s = bare
	}
	k := strings.Join(strings.Fields(vntext.Fold(strings.ToLower(s))), " ")
	for _, t := range TypeWords {
		ws := t.Abbr
		if lower {
			ws = append([]string{t.Fold}, ws...)
		}
		for _, w := range ws {
			for _, sep := range []string{". ", ".", " "} {
				if (len(w) == 1) != (sep != " ") && sep != ". " {
					continue // "q.1", "tp. hcm", "tx bến cát"; never "q 1"
				}
				if strings.HasPrefix(k, w+sep) {
					return strings.TrimSpace(k[len(w)+len(sep):])
				}
			}
		}
	}
	return k
}
