package compare

import (
	_ "embed"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/chitieu/chitieu/extract/rules"
)

// A Reference is a national target of a decision.
type Reference struct {
	Indicator string     `json:"indicator"`
	Year      int        `json:"year"`
	Value     float64    `json:"value"`
	Unit      rules.Unit `json:"unit"`
	// Basis is what the figure counts: "provinces" (the audit does not
	// hold a province's own figure against it), "people" or "units".
	Basis    string `json:"basis"`
	Decision string `json:"decision"` // "1373/QĐ-TTg"
}

//go:embed reference.csv
var referenceCSV string

// ErrReference is the sentinel of errors in a reference file.
var ErrReference = errors.New("compare: reference")

var builtin = func() []Reference {
	refs, err := ParseReferences(strings.NewReader(referenceCSV))
	if err != nil {
		panic(err) // the embedded file is checked by the tests
	}
	return refs
}()

// References returns the built-in national references (reference.csv).
func References() []Reference { return append([]Reference(nil), builtin...) }

// ParseReferences reads references in the format of reference.csv: lines
// starting with # are comments, then a header line and rows of
// indicator,year,value,unit,basis,decision.
func ParseReferences(r io.Reader) ([]Reference, error) {
	cr := csv.NewReader(r)
	cr.Comment = '#'
	cr.FieldsPerRecord = 6
	rows, err := cr.ReadAll()
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrReference, err)
	}
	var out []Reference
	for i, row := range rows {
		if i == 0 && row[0] == "indicator" {
			continue
		}
		ref := Reference{Indicator: row[0], Basis: row[4], Decision: row[5]}
		bad := func(what string) error {
			return fmt.Errorf("%w: row %d: bad %s %q", ErrReference, i+1, what, strings.Join(row, ","))
		}
		if ref.Year, err = strconv.Atoi(row[1]); err != nil {
			return nil, bad("year")
		}
		if ref.Value, err = strconv.ParseFloat(row[2], 64); err != nil {
			return nil, bad("value")
		}
		if err := ref.Unit.UnmarshalText([]byte(row[3])); err != nil {
			return nil, bad("unit")
		}
		out = append(out, ref)
	}
	return out, nil
}
