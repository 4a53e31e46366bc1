package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/chitieu/chitieu/compare"
	"github.com/chitieu/chitieu/extract/gazetteer"
	"github.com/chitieu/chitieu/index"
)

func init() {
	register(&command{
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
	})
	register(&command{
		name:    "audit",
		summary: "find inconsistencies between plans",
		usage: `audit [--index DIR] [--as-of DATE] [--rule ID,...] [--format table|md|csv|json]

Checks the indexed targets and prints findings, each with its rule,
severity, message and evidence (the sentences, with their document, page and
byte offsets). Rules:

	impossible          (error)   over 100%, a target year before the plan, a part above its total
	below-parent        (warning) a district below its province, a province below the national reference
	regression          (warning) a later year's target below an earlier one's
	self-contradiction  (warning) one document, two values for one target, or "phấn đấu đạt" and "duy trì"
	missing-from-child  (warning) an indicator the province sets that a district plan of the same programme leaves out
	unknown-locality    (warning) targets of a document that names no locality
	across-reform       (warning) with --as-of 2025-07-01 or later, a 2025 commune below the plan of
	                              the same area before the reform; (info) below the plan of a
	                              larger or smaller old unit (its district, a commune merged into
	                              it), saying why the figures are not comparable
	copy-down           (info)    a plan whose figures shared with its parent are all the same

Percentages are compared only with percentages and levels with levels.
--as-of groups localities as for 'chitieu compare'.
`,
		run: runAudit,
	})
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
func (f *compareFlags) set(stderr io.Writer, name string) (*compare.Set, error) {
	var opt compare.Options
	if f.asOf != "" {
		t, err := time.Parse("2006-01-02", f.asOf)
		if err != nil {
			fmt.Fprintf(stderr, "chitieu %s: --as-of %q: want a date like 2025-07-01\n", name, f.asOf)
			return nil, errUsage
		}
		opt.AsOf = t
	}
	ix, err := openIndex(*f.dir)
	if err != nil {
		return nil, err
	}
	defer ix.Close()
	if opt.Domains, err = ix.Domains(); err != nil {
		return nil, err
	}
	ctx := context.Background()
	recs, err := ix.Targets(ctx, index.TargetFilter{})
	if err != nil {
		return nil, err
	}
	docs, err := ix.Documents(ctx)
	if err != nil {
		return nil, err
	}
	opt.Programmes = map[string][]string{}
	for _, d := range docs {
		opt.Programmes[d.ID] = d.Programmes
	}
	opt.Labels = f.labels
	return compare.New(recs, opt), nil
}

func runCompare(args []string, stdout, stderr io.Writer) error {
	c := commands["compare"]
	fs := newFlagSet(c)
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
	rest, err := parseFlags(fs, c, args, stdout, stderr)
	if err != nil {
		return err
	}
	if len(rest) > 0 {
		fmt.Fprintf(stderr, "chitieu compare: unexpected argument %q\n", rest[0])
		return errUsage
	}
	opt := compare.TableOptions{Year: *year}
	switch *level {
	case "province":
		opt.Level = gazetteer.Province
	case "district":
		opt.Level = gazetteer.District
	case "commune":
		opt.Level = gazetteer.Commune
	default:
		fmt.Fprintf(stderr, "chitieu compare: unknown --level %q (want province, district or commune)\n", *level)
		return errUsage
	}
	var write func(*compare.Table, io.Writer) error
	switch *format {
	case "table":
		write = (*compare.Table).WriteText
	case "md":
		write = (*compare.Table).WriteMarkdown
	case "csv":
		write = (*compare.Table).WriteCSV
	case "xlsx":
		write = (*compare.Table).WriteXLSX
		if *out == "" && isTerminal(stdout) {
			fmt.Fprintln(stderr, "chitieu compare: --format xlsx writes a binary file: give -o FILE or redirect stdout")
			return errUsage
		}
	case "json":
		write = (*compare.Table).WriteJSON
	default:
		fmt.Fprintf(stderr, "chitieu compare: unknown --format %q (want table, md, csv, xlsx or json)\n", *format)
		return errUsage
	}
	if strings.Contains(*indicator, "label:") {
		cf.labels = true
	}
	set, err := cf.set(stderr, "compare")
	if err != nil {
		return err
	}
	// Indicators and domains are those of the index.
	dom := set.Domains()
	opt.Labels = cf.labels
	if *indicator != "" {
		for _, id := range strings.Split(*indicator, ",") {
			id = strings.TrimSpace(id)
			if compare.IsLabelID(id) {
				ids := set.LabelIDs(id)
				if len(ids) == 0 {
					fmt.Fprintf(stderr, "chitieu compare: no target with the label %q (see the label facet of 'chitieu search --facets')\n", strings.TrimPrefix(id, "label:"))
					return errUsage
				}
				opt.Indicators = append(opt.Indicators, ids...)
				continue
			}
			if dom.Catalog.Indicator(id) == nil {
				fmt.Fprintf(stderr, "chitieu compare: no indicator %q in the index's catalog (see 'chitieu indicators')\n", id)
				return errUsage
			}
			opt.Indicators = append(opt.Indicators, id)
		}
	}
	if opt.Domain = *domainName; opt.Domain != "" && dom.Bundle(opt.Domain) == nil {
		fmt.Fprintf(stderr, "chitieu compare: the index has no domain %q (it has %s)\n", opt.Domain, strings.Join(dom.Names(), ", "))
		return errUsage
	}
	t := set.Table(opt)
	return writeOut(*out, stdout, func(w io.Writer) error {
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

// writeOut writes to the file path names, or to stdout when it is empty;
// a file is written whole or not at all.
func writeOut(path string, stdout io.Writer, write func(io.Writer) error) error {
	if path == "" {
		return write(stdout)
	}
	tmp := path + ".tmp"
	f, err := os.Create(tmp)
	if err != nil {
		return err
	}
	if err := write(f); err != nil {
		f.Close()
		os.Remove(tmp)
		return err
	}
	if err := f.Close(); err != nil {
		os.Remove(tmp)
		return err
	}
	return os.Rename(tmp, path)
}

func runAudit(args []string, stdout, stderr io.Writer) error {
	c := commands["audit"]
	fs := newFlagSet(c)
	var cf compareFlags
	cf.register(fs)
	ruleList := fs.String("rule", "", "only these rules, comma-separated")
	format := fs.String("format", "table", "table, md, csv or json")
	rest, err := parseFlags(fs, c, args, stdout, stderr)
	if err != nil {
		return err
	}
	if len(rest) > 0 {
		fmt.Fprintf(stderr, "chitieu audit: unexpected argument %q\n", rest[0])
		return errUsage
	}
	var write func(io.Writer, []compare.Finding) error
	switch *format {
	case "table":
		write = compare.WriteFindingsText
	case "md":
		write = compare.WriteFindingsMarkdown
	case "json":
		write = compare.WriteFindingsJSON
	case "csv":
		write = compare.WriteFindingsCSV
	default:
		fmt.Fprintf(stderr, "chitieu audit: unknown --format %q (want table, md, csv or json)\n", *format)
		return errUsage
	}
	only := map[string]bool{}
	for _, r := range strings.Split(*ruleList, ",") {
		if r = strings.TrimSpace(r); r == "" {
			continue
		}
		known := false
		for _, k := range compare.Rules {
			known = known || k.ID == r
		}
		if !known {
			fmt.Fprintf(stderr, "chitieu audit: unknown rule %q (see 'chitieu help audit')\n", r)
			return errUsage
		}
		only[r] = true
	}
	set, err := cf.set(stderr, "audit")
	if errors.Is(err, errUsage) {
		return err
	}
	if err != nil {
		return err
	}
	var fsel []compare.Finding
	for _, f := range set.Audit() {
		if len(only) == 0 || only[f.Rule] {
			fsel = append(fsel, f)
		}
	}
	return write(stdout, fsel)
}
