package targets

import (
	"strings"

	"github.com/chitieu/chitieu/extract/gazetteer"
	"github.com/chitieu/chitieu/extract/vntext"
)

// LabelText is the label records with no catalog indicator are grouped
// by: the plan's words for what is measured in lower case, without quotes,
// with no trailing words for whose figure it is ("của tỉnh", "trên địa
// bàn huyện"), so that "Tỷ lệ bao phủ bảo hiểm y tế của tỉnh" and "tỷ lệ
// bao phủ bảo hiểm y tế" of two provinces line up.
func LabelText(l string) string {
	l = strings.ToLower(vntext.Normalize(l))
	l = strings.NewReplacer("“", "", "”", "", "\"", "", "'", "", "‘", "", "’", "").Replace(l)
	ws := strings.Fields(l)
	for {
		n := len(ws)
		for _, tail := range ownerTails {
			if k := len(strings.Fields(tail)); len(ws) > k && strings.Join(ws[len(ws)-k:], " ") == tail {
				ws = ws[:len(ws)-k]
				break
			}
		}
		if len(ws) > 1 && (ws[len(ws)-1] == "toàn" || ws[len(ws)-1] == "trên" && len(ws) > 2) {
			ws = ws[:len(ws)-1]
		}
		if len(ws) == n {
			break
		}
	}
	return strings.Trim(strings.Join(ws, " "), " ,;:.-–")
}

// LabelKey is LabelText folded: what search's label: filter and the
// comparison of labels match on, with or without diacritics.
func LabelKey(l string) string { return vntext.Fold(LabelText(l)) }

// ownerTails are the words after a measure that say whose figure it is.
var ownerTails = func() []string {
	var out []string
	for _, tw := range gazetteer.TypeWords {
		t := tw.Word
		out = append(out, "của "+t, "toàn "+t, "trên địa bàn "+t)
	}
	out = append(out, "trên địa bàn")
	return out
}()
