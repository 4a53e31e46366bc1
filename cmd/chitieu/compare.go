package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/chitieu/chitieu/compare"
	"github.com/chitieu/chitieu/index"
)

var compareCommand = &command{
	name:    "compare",
	summary: "compare targets across provinces, districts or communes",
	usage: `compare [--index DIR] [--year Y] [--indicator ID,...] [--domain NAME] [--labels] [--level province|district|commune] [--as-of DATE] [--all] [--format table|md|csv|xlsx|json] [-o FILE]

Prints a table of the indexed targets: a row per indicator (and year, unless
--year chooses one), a column per province (or district, with --level
district), the national reference first (the decisions of the index's
policy domains: 1373, 387, 677/QĐ-TTg for the learning society). The
indicators are those of the domains the index was ingested with ('chitieu
indicators'); --domain keeps one domain's rows.

--labels adds rows for the targets no catalog entry fits, grouped by their
label (lower case, without diacritics, without "của tỉnh"), so that "tỷ lệ
bao phủ bảo hiểm y tế" lines up across provinces; --indicator
"label:tỷ lệ hộ nghèo" chooses such a row.
Each cell is the target with its qualifier: "≥60", "~23", "80–85", "mức 2",
"đạt". Where a locality has several documents, the latest one gives the
figure; --all lists the others below the table.

--as-of DATE groups localities by the units in force on that date: from
2025-07-01 by the 34 provinces of the merger (Bình Dương under Thành phố Hồ
Chí Minh), and at --level commune an old commune whose territory is exactly
a new commune's shares that commune's column. A column whose area differs
across 1 July 2025 (a new commune formed from several, an old commune now
part of a larger one, a district now split into communes) carries a note
below the table saying why its figures are not those of the new unit.
Figures stay as the plans wrote them.

Formats: table (default), md (Markdown), csv (UTF-8 with a byte-order mark,
for Excel), xlsx (an Excel workbook: numbers as numbers, the indicator
columns frozen, each cell's source document on a second sheet; needs -o or
a redirected stdout), json.
`,
	run: runCompare,
}

var auditCommand = &command{
	name:    "audit",
	summary: "find inconsistencies between plans",
	usage: `audit [--index DIR] [--as-of DATE] [--rule ID,...] [--format table|md|csv|json]

Checks the indexed targets and prints findings, each with its rule,
severity, message and evidence (the sentences, with their document, page and
byte offsets). Rules:

` + compare.RulesHelp() + `
Percentages are compared only with percentages and levels with levels.
--as-of groups localities as for 'chitieu compare'.
`,
	run: runAudit,
}

// compareFlags are the flags that build a compare.Set from the index.
type compareFlags struct {
	dir    *string
	asOf   string
	labels bool // with the targets no catalog entry fits, by label
}

func (f *compareFlags) register(fs *flag.FlagSet) {
	f.dir = indexFlag(fs)
	fs.StringVar(&f.asOf, "as-of", "", "group localities by the provinces in force on this date (YYYY-MM-DD)")
}

// set reads the index into a compare.Set.
func (f *compareFlags) set(x *call) (*compare.Set, error) {
	asOf, ok := compare.ParseAsOf(f.asOf)
	if !ok {
		return nil, x.usagef("--as-of %q: want a date like 2025-07-01", f.asOf)
	}
	var set *compare.Set
	err := withIndex(*f.dir, func(st index.Store) (err error) {
		set, err = compare.Load(context.Background(), st, compare.Options{AsOf: asOf, Labels: f.labels})
		return err
	})
	return set, err
}

// tableFormats are compare's output formats.
var tableFormats = []format[func(*compare.Table, io.Writer) error]{
	{"table", (*compare.Table).WriteText},
	{"md", (*compare.Table).WriteMarkdown},
	{"csv", (*compare.Table).WriteCSV},
	{"xlsx", (*compare.Table).WriteXLSX},
	{"json", (*compare.Table).WriteJSON},
}

func runCompare(x *call) error {
	fs := x.fs
	var cf compareFlags
	cf.register(fs)
	year := fs.Int("year", 0, "target year (0: every year)")
	indicator := fs.String("indicator", "", "catalog indicator IDs, comma-separated")
	domainName := fs.String("domain", "", "only the indicators of this policy domain (see 'chitieu indicators')")
	fs.BoolVar(&cf.labels, "labels", false, "add rows for targets no catalog entry fits, grouped by label")
	level := fs.String("level", "province", "columns: province or district")
	all := fs.Bool("all", false, "list the localities' other documents below the table")
	format := fs.String("format", "table", "table, md, csv, xlsx or json")
	out := fs.String("o", "", "write to FILE instead of stdout")
	if err := x.noArgs(); err != nil {
		return err
	}
	opt := compare.TableOptions{Year: *year}
	var ok bool
	if opt.Level, ok = compare.ParseLevel(*level); !ok {
		return x.usagef("unknown --level %q (want province, district or commune)", *level)
	}
	write, err := pickFormat(x, *format, tableFormats...)
	if err != nil {
		return err
	}
	if *format == "xlsx" && *out == "" && isTerminal(x.stdout) {
		return x.usagef("--format xlsx writes a binary file: give -o FILE or redirect stdout")
	}
	if strings.Contains(*indicator, "label:") {
		cf.labels = true
	}
	set, err := cf.set(x)
	if err != nil {
		return err
	}
	// Indicators and domains are those of the index.
	dom := set.Domains()
	opt.Labels = cf.labels
	if *indicator != "" {
		var ie *compare.IndicatorError
		opt.Indicators, err = set.Indicators(strings.Split(*indicator, ","))
		switch {
		case errors.As(err, &ie) && ie.Label:
			return x.usagef("%v (see the label facet of 'chitieu search --facets')", ie)
		case errors.As(err, &ie):
			return x.usagef("%v in the index's catalog (see 'chitieu indicators')", ie)
		}
	}
	if opt.Domain = *domainName; opt.Domain != "" && dom.Bundle(opt.Domain) == nil {
		return x.usagef("the index has no domain %q (it has %s)", opt.Domain, strings.Join(dom.Names(), ", "))
	}
	t := set.Table(opt)
	return writeOut(*out, x.stdout, func(w io.Writer) error {
		if err := write(t, w); err != nil {
			return err
		}
		if *all && (*format == "table" || *format == "md") {
			writeOthers(w, t)
		}
		return nil
	})
}

// writeOthers lists, below a table, the documents other than the latest
// that set a cell's figure.
func writeOthers(w io.Writer, t *compare.Table) {
	n := 0
	for _, r := range t.Rows {
		for ci, c := range r.Cells {
			for _, o := range c.Others {
				if n == 0 {
					fmt.Fprintln(w, "\nOther documents (the table shows the latest):")
				}
				n++
				fmt.Fprintf(w, "  %s %d, %s: %s in %s %s (%s), p.%d\n", r.Indicator, r.Year, t.Columns[ci].Name,
					o.Qualified(true), dash(o.DocNumber), o.Doc, dash(o.DocDate), o.Page)
			}
		}
	}
}

// findingFormats are audit's output formats.
var findingFormats = []format[func(io.Writer, []compare.Finding) error]{
	{"table", compare.WriteFindingsText},
	{"md", compare.WriteFindingsMarkdown},
	{"csv", compare.WriteFindingsCSV},
	{"json", compare.WriteFindingsJSON},
}

func runAudit(x *call) error {
	var cf compareFlags
	cf.register(x.fs)
	ruleList := x.fs.String("rule", "", "only these rules, comma-separated")
	format := x.fs.String("format", "table", "table, md, csv or json")
	if err := x.noArgs(); err != nil {
		return err
	}
	write, err := pickFormat(x, *format, findingFormats...)
	if err != nil {
		return err
	}
	only := map[string]bool{}
	for _, r := range strings.Split(*ruleList, ",") {
		if r = strings.TrimSpace(r); r == "" {
			continue
		}
		if compare.RuleByID(r) == nil {
			return x.usagef("unknown rule %q (see 'chitieu help audit')", r)
		}
		only[r] = true
	}
	set, err := cf.set(x)
	if err != nil {
		return err
	}
	var fsel []compare.Finding
	for _, f := range set.Audit() {
		if len(only) == 0 || only[f.Rule] {
			fsel = append(fsel, f)
		}
	}
	return write(x.stdout, fsel)
}
