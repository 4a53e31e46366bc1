package main

import (
	"bufio"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chitieu/chitieu/corpus"
)

// TestREADMECommands runs every command line of the README ("./chitieu
// ..." in its command list, "$ chitieu ..." in its examples) on the sample
// corpus, in order, and fails where one exits non-zero or prints nothing
// where the README shows it giving a result. plan.pdf, page.html and dir/
// stand for the sample's files; gold.jsonl for its gold file. serve (which
// runs until stopped) and passwd (which reads a password) are left out, and
// so is a line whose comment says "(not in the sample)": it shows what a
// corpus with such plans gives, and must then fail with a reason.
func TestREADMECommands(t *testing.T) {
	dir := t.TempDir()
	docs, err := corpus.Sample()
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(filepath.Join(dir, "dir"), 0o755); err != nil {
		t.Fatal(err)
	}
	for _, d := range docs {
		name := map[string]string{".pdf": "plan.pdf", ".html": "page.html"}[filepath.Ext(d.Name)]
		if name != "" {
			os.WriteFile(filepath.Join(dir, name), d.Data, 0o644)
		}
		os.WriteFile(filepath.Join(dir, "dir", d.Name), d.Data, 0o644)
	}
	gold, err := os.ReadFile("../../corpus/samplegold/seeds.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(dir, "gold.jsonl"), gold, 0o644)
	lines := readmeCommands(t, "../../README.md")
	if len(lines) < 15 {
		t.Fatalf("only %d command lines found in the README", len(lines))
	}
	t.Chdir(dir)
	for _, l := range lines {
		args := l.args
		if args[0] == "serve" || args[0] == "passwd" {
			continue
		}
		code, out, errs := runCmd(args...)
		if l.notInSample {
			if code == 0 || errs == "" {
				t.Errorf("chitieu %s: exit %d, %q; want a failure with its reason on the sample", strings.Join(args, " "), code, errs)
			}
			continue
		}
		if code != 0 {
			t.Errorf("chitieu %s: exit %d\n%s", strings.Join(args, " "), code, errs)
			continue
		}
		if empty(out) && !writesFile(args) {
			t.Errorf("chitieu %s: an empty result\n%s%s", strings.Join(args, " "), out, errs)
		}
	}
}

// empty reports whether a command's output holds no result: nothing, a
// count of none ("0 passages for ...", "0 findings"), or a table or CSV
// with its header only.
func empty(out string) bool {
	lines := strings.Split(strings.TrimSpace(out), "\n")
	switch {
	case strings.TrimSpace(out) == "":
		return true
	case strings.HasPrefix(lines[0], "0 ") || strings.HasPrefix(lines[len(lines)-1], "0 "):
		return true
	}
	return len(lines) < 2 && (strings.HasPrefix(lines[0], "\ufeff") || strings.HasPrefix(lines[0], "INDICATOR"))
}

// writesFile reports whether a command line writes its result to a file
// (-o) or only changes the index, printing nothing on success.
func writesFile(args []string) bool {
	for _, a := range args {
		if a == "-o" {
			return true
		}
	}
	return args[0] == "ingest" || args[0] == "check"
}

// readmeCommands returns the README's command lines as arguments, without
// the program's name and the comment after '#'.
type readmeLine struct {
	args        []string
	notInSample bool
}

func readmeCommands(t *testing.T, path string) []readmeLine {
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []readmeLine
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		ln := strings.TrimSpace(sc.Text())
		var rest string
		switch {
		case strings.HasPrefix(ln, "./chitieu "):
			rest = strings.TrimPrefix(ln, "./chitieu ")
		case strings.HasPrefix(ln, "$ chitieu "):
			rest = strings.TrimPrefix(ln, "$ chitieu ")
		default:
			continue
		}
		comment := ""
		if i := strings.Index(rest, " # "); i >= 0 {
			rest, comment = rest[:i], rest[i:]
		}
		if i := strings.Index(rest, ">>"); i >= 0 {
			rest = rest[:i]
		}
		out = append(out, readmeLine{shellWords(rest), strings.Contains(comment, "(not in the sample)")})
	}
	return out
}

// shellWords splits a command line as a shell would for the README's
// lines: words, and '...' or "..." quoted ones.
func shellWords(s string) []string {
	var out []string
	var b strings.Builder
	in, quote := false, rune(0)
	for _, r := range s {
		switch {
		case quote != 0 && r == quote:
			quote = 0
		case quote != 0:
			b.WriteRune(r)
		case r == '\'' || r == '"':
			quote, in = r, true
		case r == ' ' || r == '\t':
			if in {
				out = append(out, b.String())
				b.Reset()
				in = false
			}
		default:
			b.WriteRune(r)
			in = true
		}
	}
	if in {
		out = append(out, b.String())
	}
	return out
}
