// Command chitieu reads Vietnamese provincial and district plans (PDF, HTML,
// text), normalizes their text, and extracts the quantitative targets they
// set.
//
// Usage:
//
//	chitieu <command> [flags] [PATH...]
//
// Run "chitieu help" for the commands and "chitieu help <command>" for the
// flags of one. With no command at all, chitieu runs the pipeline on the
// sample corpus embedded in the binary and serves it on the web.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"sort"
	"strconv"
	"strings"
	"syscall"

	"github.com/chitieu/chitieu/internal/panics"
)

// exitError carries an exit status out of a command.
type exitError int

func (e exitError) Error() string { return "exit status " + strconv.Itoa(int(e)) }

// Exit statuses.
const (
	exitOK      = 0
	exitFailed  = 1 // some documents failed; the rest were processed
	exitUsage   = 2 // bad flags or arguments
	errExitFail = exitError(exitFailed)
)

func main() {
	// The stacks of the panics a boundary recovered, for a bug report.
	if os.Getenv("CHITIEU_DEBUG") != "" {
		panics.SetDebug(os.Stderr)
	}
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// run executes the command line args and returns the exit status.
func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
		defer stop()
		return status(runDemo(ctx, stdout, stderr, nil), stderr)
	}
	name := args[0]
	switch name {
	case "help", "-h", "-help", "--help":
		if len(args) > 1 {
			if c, ok := commands[args[1]]; ok {
				return status(c.call([]string{"-h"}, stdout, stderr), stderr)
			}
			fmt.Fprintf(stderr, "chitieu: unknown command %q\n", args[1])
			return exitUsage
		}
		printHelp(stdout)
		return exitOK
	case "version", "--version":
		fmt.Fprintln(stdout, "chitieu", version)
		return exitOK
	}
	c, ok := commands[name]
	if !ok {
		fmt.Fprintf(stderr, "chitieu: unknown command %q\nRun 'chitieu help' for the list of commands.\n", name)
		return exitUsage
	}
	return status(c.call(args[1:], stdout, stderr), stderr)
}

const version = "0.1.0-dev"

func status(err error, stderr io.Writer) int {
	var ee exitError
	switch {
	case err == nil:
		return exitOK
	case errors.As(err, &ee):
		return int(ee)
	case errors.Is(err, flag.ErrHelp):
		return exitOK
	case errors.Is(err, errUsage):
		return exitUsage
	}
	fmt.Fprintln(stderr, "chitieu:", err)
	return exitFailed
}

var errUsage = errors.New("usage")

func printHelp(w io.Writer) {
	fmt.Fprint(w, `chitieu reads Vietnamese public plans (PDF, HTML, text) and extracts their targets.

Usage:

	chitieu <command> [flags] [PATH...]

With no command, chitieu runs the pipeline on its embedded sample corpus.

Commands:

`)
	names := make([]string, 0, len(commands))
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(w, "\t%-10s %s\n", n, commands[n].summary)
	}
	fmt.Fprint(w, `
A PATH is a file or a directory (every file below it). Without a PATH,
commands read the embedded sample corpus.

Run 'chitieu help <command>' for the flags of a command.
`)
}

// byteSize is a flag value for sizes: 100MB, 512K, 1G, or plain bytes.
type byteSize int64

func (b *byteSize) String() string {
	switch n := int64(*b); {
	case n > 0 && n%(1<<30) == 0:
		return strconv.FormatInt(n>>30, 10) + "GB"
	case n > 0 && n%(1<<20) == 0:
		return strconv.FormatInt(n>>20, 10) + "MB"
	case n > 0 && n%(1<<10) == 0:
		return strconv.FormatInt(n>>10, 10) + "KB"
	default:
		return strconv.FormatInt(n, 10)
	}
}

func (b *byteSize) Set(s string) error {
	t := strings.ToUpper(strings.TrimSpace(s))
	t = strings.TrimSuffix(strings.TrimSuffix(t, "B"), "I")
	mult := int64(1)
	switch {
	case strings.HasSuffix(t, "K"):
		mult, t = 1<<10, strings.TrimSuffix(t, "K")
	case strings.HasSuffix(t, "M"):
		mult, t = 1<<20, strings.TrimSuffix(t, "M")
	case strings.HasSuffix(t, "G"):
		mult, t = 1<<30, strings.TrimSuffix(t, "G")
	}
	n, err := strconv.ParseFloat(strings.TrimSpace(t), 64)
	if err != nil || n <= 0 {
		return fmt.Errorf("invalid size %q (want e.g. 100MB, 512K or a number of bytes)", s)
	}
	*b = byteSize(n * float64(mult))
	return nil
}
