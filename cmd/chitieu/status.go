package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"
	"time"

	"github.com/chitieu/chitieu/index"
)

var statusCommand = &command{
	name:    "status",
	summary: "what the index holds and what failed",
	usage: `status [--index DIR] [--json]

Prints the counts of the index (files, documents, passages, targets, failed
files), what the last ingest did (added, updated, skipped, failed, ignored,
pruned) with every file it did not index and why, and every file recorded
as failed with its reason, the reasons counted. A failed file is tried again by the next ingest once its content
changes (or at every ingest, if it could not be read at all).
`,
	run: runStatus,
}

var checkCommand = &command{
	name:    "check",
	summary: "verify the index, and repair it",
	usage: `check [--index DIR] [--repair] [--json]

Verifies the index's own files (chitieu.json, files.json,
last-ingest.json, bleve's index_meta.json and root.bolt, and every
segment, its checksum included), then that every document ingest recorded
is in the index with as many passages and targets as it recorded, and
that no entry belongs to a document no file holds.

With --repair, a damaged index is rebuilt: the files it recorded (listed
by the old store if it still opens whole, else by files.json) that still
exist and still match their SHA-256 are ingested again into a fresh index,
which then replaces the broken one in one rename; the files that are gone
or changed are listed as lost. An index that is whole but inconsistent
has its orphan entries deleted and its files with missing entries
forgotten, so that the next 'chitieu ingest' of their paths indexes them
again. The exit status is 1 when problems were found (and not repaired).
`,
	run: runCheck,
}

func runStatus(x *call) error {
	dir := indexFlag(x.fs)
	asJSON := x.fs.Bool("json", false, "print JSON")
	if err := x.noArgs(); err != nil {
		return err
	}
	var st *index.Status
	err := withIndex(*dir, func(ix index.Store) (err error) {
		st, err = ix.Status()
		return err
	})
	if err != nil {
		return err
	}
	stdout := x.stdout
	if *asJSON {
		return printJSON(stdout, st)
	}
	fmt.Fprintf(stdout, "%s: %d files (%d failed), %d documents, %d passages, %d targets\n",
		*dir, st.Files, st.Failed, st.Documents, st.Passages, st.Targets)
	if len(st.Domains) > 0 {
		fmt.Fprintf(stdout, "policy domains: %s (see 'chitieu indicators')\n", strings.Join(st.Domains, ", "))
	}
	if l := st.Last; l != nil && l.Summary != nil {
		s := l.Summary
		fmt.Fprintf(stdout, "last ingest %s (%s): added %d, updated %d, skipped %d, failed %d, ignored %d, pruned %d\n",
			l.Time.Local().Format(time.DateTime), s.Elapsed.Round(time.Millisecond), s.Added, s.Updated, s.Skipped, s.Failed, s.Ignored, s.Pruned)
	}
	if l := st.Last; l != nil && l.Summary != nil && len(l.Summary.Skips) > 0 {
		fmt.Fprintln(stdout, "\nnot indexed by the last ingest:")
		for _, f := range l.Summary.Skips {
			fmt.Fprintf(stdout, "  %s: %s\n", f.Path, f.Reason)
		}
	}
	for _, p := range st.Problems {
		fmt.Fprintf(stdout, "problem: %s\n", p)
	}
	if len(st.Failures) == 0 {
		return nil
	}
	reasons := map[string]int{}
	for _, f := range st.Failures {
		reasons[reasonKind(f.Reason)]++
	}
	kinds := make([]string, 0, len(reasons))
	for k := range reasons {
		kinds = append(kinds, k)
	}
	sort.Slice(kinds, func(i, j int) bool {
		return reasons[kinds[i]] > reasons[kinds[j]] || reasons[kinds[i]] == reasons[kinds[j]] && kinds[i] < kinds[j]
	})
	fmt.Fprintln(stdout, "\nfailed files by reason:")
	for _, k := range kinds {
		fmt.Fprintf(stdout, "  %5d  %s\n", reasons[k], k)
	}
	fmt.Fprintln(stdout, "\nfailed files:")
	for _, f := range st.Failures {
		fmt.Fprintf(stdout, "  %s: %s\n", f.Path, f.Reason)
	}
	return nil
}

// reasonKind is the start of a failure's reason, before its details:
// "malformed PDF", "text too long", "empty file".
func reasonKind(r string) string {
	for i := 0; i < len(r); i++ {
		if r[i] == ':' || r[i] == '(' {
			return r[:i]
		}
	}
	return r
}

func runCheck(x *call) error {
	fs, stdout, stderr := x.fs, x.stdout, x.stderr
	dir := indexFlag(fs)
	repair := fs.Bool("repair", false, "repair: rebuild a damaged index, delete orphans and forget incomplete files")
	asJSON := fs.Bool("json", false, "print JSON")
	if err := x.noArgs(); err != nil {
		return err
	}
	var err error
	if _, err := os.Stat(*dir); err != nil {
		return fmt.Errorf("no index in %s: run 'chitieu ingest [PATH...]' first, or give --index", *dir)
	}
	// The index's own files first: with them damaged there is nothing
	// else to check, only to rebuild.
	if damages := index.Verify(*dir, true); len(damages) > 0 {
		return checkDamaged(*dir, damages, *repair, *asJSON, stdout, stderr)
	}
	var ix index.Store
	if *repair {
		ix, err = openWriter(*dir, "check", stderr)
	} else {
		ix, err = openIndex(*dir)
	}
	if errors.Is(err, index.ErrDamaged) {
		var de *index.DamagedError
		errors.As(err, &de)
		return checkDamaged(*dir, de.Damages, *repair, *asJSON, stdout, stderr)
	}
	if err != nil {
		return err
	}
	defer ix.Close()
	rep, err := ix.Check(context.Background(), *repair)
	if err != nil {
		return err
	}
	if *asJSON {
		if err := printJSON(stdout, rep); err != nil {
			return err
		}
	} else {
		fmt.Fprintf(stdout, "%s: %d files, %d documents, %d passages, %d targets: %d problems\n",
			*dir, rep.Files, rep.Documents, rep.Passages, rep.Targets, len(rep.Problems))
		for _, p := range rep.Problems {
			fixed := ""
			if p.Fixed {
				fixed = " (repaired)"
			}
			where := p.Path
			if where == "" {
				where = "document " + p.DocID
			}
			fmt.Fprintf(stdout, "  %s: %s%s\n", where, p.What, fixed)
		}
		if *repair && len(rep.Problems) > 0 {
			fmt.Fprintln(stdout, "Run 'chitieu ingest' on the same paths to index the forgotten files again.")
		}
	}
	if len(rep.Problems) > 0 && !*repair {
		return errExitFail
	}
	return nil
}

// checkDamaged reports an index whose own files are damaged and, with
// repair, rebuilds it.
func checkDamaged(dir string, damages []index.Damage, repair, asJSON bool, stdout, stderr io.Writer) error {
	if !repair {
		if asJSON {
			printJSON(stdout, map[string]any{"damages": damages})
		} else {
			fmt.Fprintf(stdout, "%s is damaged:\n", dir)
			for _, d := range damages {
				fmt.Fprintf(stdout, "  %s\n", d.What)
			}
			fmt.Fprintf(stdout, "Run 'chitieu check --repair --index %s' to rebuild it from the files it recorded.\n", dir)
		}
		return errExitFail
	}
	opt := index.RepairOptions{}
	bar := newProgressBar(stderr, isTerminal(stderr))
	opt.Ingest.Progress = bar.update
	rep, err := index.Repair(context.Background(), dir, opt)
	bar.finish()
	if err != nil {
		return err
	}
	if asJSON {
		return printJSON(stdout, rep)
	}
	fmt.Fprintf(stdout, "%s was damaged:\n", dir)
	for _, d := range rep.Damages {
		fmt.Fprintf(stdout, "  %s\n", d.What)
	}
	fmt.Fprintf(stdout, "Rebuilt from the %d files listed in %s: %d ingested again (%d documents, %d passages, %d targets), %d lost.\n",
		rep.Files, rep.From, rep.Recovered, rep.Summary.Documents, rep.Summary.Passages, rep.Summary.Targets, len(rep.Lost))
	for _, l := range rep.Lost {
		fmt.Fprintf(stdout, "  lost %s: %s\n", l.Path, l.Reason)
	}
	return nil
}
