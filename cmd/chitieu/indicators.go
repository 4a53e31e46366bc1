package main

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/chitieu/chitieu/extract/domain"
	"github.com/chitieu/chitieu/index"
)

var indicatorsCommand = &command{
	name:    "indicators",
	summary: "the policy domains and indicators an index knows",
	usage: `indicators [--index DIR] [--domain NAME] [--format table|json]

Lists the policy domains the index's targets were extracted with (the
bundles its last ingest stored: the learning society, built in, and those
given to 'chitieu ingest --domain'), each with its programmes and its
indicators: ID (what search's indicator: and compare's --indicator take),
unit, Vietnamese and English labels, and the national reference targets.
Without an index, it lists the built-in domains.

--domain lists one domain only.
`,
	run: runIndicators,
}

// indicatorJSON is one indicator as 'indicators --format json' prints it.
type indicatorJSON struct {
	ID         string             `json:"id"`
	Unit       string             `json:"unit"`
	Label      string             `json:"label"`
	English    string             `json:"en"`
	References []domain.Reference `json:"references,omitempty"`
}

type domainJSON struct {
	Name       string             `json:"name"`
	Title      string             `json:"title"`
	English    string             `json:"en"`
	Builtin    bool               `json:"builtin"`
	Hash       string             `json:"hash"`
	Programmes []domain.Programme `json:"programmes"`
	Indicators []indicatorJSON    `json:"indicators"`
}

func runIndicators(x *call) error {
	fs, stdout, stderr := x.fs, x.stdout, x.stderr
	dir := indexFlag(fs)
	only := fs.String("domain", "", "list only this domain")
	outFormat := fs.String("format", "table", "table or json")
	if err := x.noArgs(); err != nil {
		return err
	}
	if _, err := pickFormat(x, *outFormat, tableOrJSON...); err != nil {
		return err
	}
	var bundles []*domain.Bundle
	err := withIndex(*dir, func(ix index.Store) error {
		set, err := ix.Domains()
		if err == nil {
			bundles = set.Bundles
		}
		return err
	})
	switch {
	case errors.Is(err, index.ErrNoIndex):
		fmt.Fprintf(stderr, "chitieu indicators: no index in %s: the built-in domains\n", *dir)
		for _, n := range domain.BuiltinNames() {
			bundles = append(bundles, domain.Builtin(n))
		}
	case err != nil:
		return err
	}
	if *only != "" {
		var names []string
		for _, b := range bundles {
			names = append(names, b.Name)
			if b.Name == *only {
				bundles = []*domain.Bundle{b}
				names = nil
				break
			}
		}
		if names != nil {
			return x.usagef("no domain %q (there are %s)", *only, strings.Join(names, ", "))
		}
	}
	out := make([]domainJSON, len(bundles))
	for i, b := range bundles {
		d := domainJSON{Name: b.Name, Title: b.Title, English: b.English, Builtin: b.Builtin, Hash: b.Hash(), Programmes: b.Programmes}
		for _, ind := range b.Catalog.Indicators {
			ij := indicatorJSON{ID: ind.ID, Unit: ind.Unit.String(), Label: ind.Label, English: ind.English}
			for _, r := range b.References {
				if r.Indicator == ind.ID {
					ij.References = append(ij.References, r)
				}
			}
			d.Indicators = append(d.Indicators, ij)
		}
		out[i] = d
	}
	if *outFormat == "json" {
		return printJSON(stdout, out)
	}
	for i, d := range out {
		if i > 0 {
			fmt.Fprintln(stdout)
		}
		from := "given to ingest"
		if d.Builtin {
			from = "built in"
		}
		fmt.Fprintf(stdout, "%s: %s (%s), %s, %d indicators\n", d.Name, d.Title, d.English, from, len(d.Indicators))
		for _, p := range d.Programmes {
			fmt.Fprintf(stdout, "  %s  %s\n", p.Number, p.Title)
		}
		tw := tabwriter.NewWriter(stdout, 2, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "  ID\tUNIT\tLABEL\tNATIONAL REFERENCE")
		for _, ind := range d.Indicators {
			var refs []string
			for _, r := range ind.References {
				refs = append(refs, fmt.Sprintf("%d: %s%s (%s)", r.Year, strconv.FormatFloat(r.Value, 'f', -1, 64), map[bool]string{true: "%"}[ind.Unit == "percent"], r.Decision))
			}
			fmt.Fprintf(tw, "  %s\t%s\t%s\t%s\n", ind.ID, ind.Unit, ind.Label, strings.Join(refs, "; "))
		}
		if err := tw.Flush(); err != nil {
			return err
		}
	}
	return nil
}
