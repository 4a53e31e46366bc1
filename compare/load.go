package compare

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/chitieu/chitieu/extract/gazetteer"
	"github.com/chitieu/chitieu/index"
)

// Load builds the Set of an index's target records, with the policy
// domains the index was built with and its documents' programmes. The
// CLI and the web server both compare this way.
func Load(ctx context.Context, st index.Store, opt Options) (*Set, error) {
	var err error
	if opt.Domains, err = st.Domains(); err != nil {
		return nil, err
	}
	recs, err := st.Targets(ctx, index.TargetFilter{})
	if err != nil {
		return nil, err
	}
	docs, err := st.Documents(ctx)
	if err != nil {
		return nil, err
	}
	opt.Programmes = make(map[string][]string, len(docs))
	for _, d := range docs {
		opt.Programmes[d.ID] = d.Programmes
	}
	return New(recs, opt), nil
}

// ParseLevel returns the level of a comparison's columns a name says:
// "province" (or ""), "district" or "commune"; ok is false for another.
func ParseLevel(name string) (level gazetteer.Level, ok bool) {
	switch name {
	case "", "province":
		return gazetteer.Province, true
	case "district":
		return gazetteer.District, true
	case "commune":
		return gazetteer.Commune, true
	}
	return gazetteer.Unknown, false
}

// ParseAsOf reads the date a comparison groups localities by (see
// Options.AsOf), YYYY-MM-DD; "" is the zero time: as the plans were
// written.
func ParseAsOf(s string) (time.Time, bool) {
	if s == "" {
		return time.Time{}, true
	}
	t, err := time.Parse("2006-01-02", s)
	return t, err == nil
}

// An IndicatorError names an indicator a comparison cannot show: an ID
// the set's catalogs lack, or (Label) a label no target has.
type IndicatorError struct {
	ID    string
	Label bool
}

func (e *IndicatorError) Error() string {
	if e.Label {
		return fmt.Sprintf("no target with the label %q", strings.TrimPrefix(e.ID, labelPrefix))
	}
	return fmt.Sprintf("no indicator %q", e.ID)
}

// Indicators returns the rows' IDs that ids ask for: a catalog ID as it
// is, a label ("label:tỷ lệ hộ nghèo") as the IDs of its rows (see
// LabelIDs). A set made without Options.Labels knows no labels.
func (s *Set) Indicators(ids []string) ([]string, error) {
	var out []string
	for _, id := range ids {
		id = strings.TrimSpace(id)
		switch {
		case id == "":
		case IsLabelID(id):
			l := s.LabelIDs(id)
			if len(l) == 0 {
				return nil, &IndicatorError{ID: id, Label: true}
			}
			out = append(out, l...)
		case s.cat.Indicator(id) == nil:
			return nil, &IndicatorError{ID: id}
		default:
			out = append(out, id)
		}
	}
	return out, nil
}
