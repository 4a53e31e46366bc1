package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"
)

// A command is one subcommand.
type command struct {
	name    string
	summary string
	usage   string // the long help, after the usage line
	run     func(x *call) error
}

// commands are the subcommands, by name.
var commands = byName(auditCommand, checkCommand, compareCommand, evalCommand, extractCommand,
	indicatorsCommand, ingestCommand, passwdCommand, placesCommand, searchCommand, serveCommand,
	statusCommand, targetsCommand, textCommand)

func byName(cs ...*command) map[string]*command {
	m := make(map[string]*command, len(cs))
	for _, c := range cs {
		m[c.name] = c
	}
	return m
}

// A call is one run of a command: its flags, its arguments and where it
// writes.
type call struct {
	*command
	fs             *flag.FlagSet
	args           []string // as given; parse reads them
	stdout, stderr io.Writer
}

// call runs c with args.
func (c *command) call(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet(c.name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	return c.run(&call{command: c, fs: fs, args: args, stdout: stdout, stderr: stderr})
}

// parse parses the flags, allowing them after positional arguments
// ("chitieu text a.pdf --json"; "--" ends the flags), and returns the
// positional arguments. -h prints the command's help.
func (x *call) parse() ([]string, error) {
	var pos []string
	args := x.args
	for {
		if err := x.fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				fmt.Fprintf(x.stdout, "Usage: chitieu %s", x.usage)
				fmt.Fprintln(x.stdout, "\nFlags:")
				x.fs.SetOutput(x.stdout)
				x.fs.PrintDefaults()
				return nil, flag.ErrHelp
			}
			fmt.Fprintf(x.stderr, "chitieu %s: %v\nRun 'chitieu help %s' for usage.\n", x.name, err, x.name)
			return nil, errUsage
		}
		rest := x.fs.Args()
		if len(rest) == 0 {
			return pos, nil
		}
		if len(args) > len(rest) && args[len(args)-len(rest)-1] == "--" {
			return append(pos, rest...), nil
		}
		pos = append(pos, rest[0])
		args = rest[1:]
	}
}

// noArgs parses the flags of a command that takes no positional
// arguments: one given is a usage error.
func (x *call) noArgs() error {
	rest, err := x.parse()
	if err == nil && len(rest) > 0 {
		return x.usagef("unexpected argument %q", rest[0])
	}
	return err
}

// usagef reports a usage error, naming the command.
func (x *call) usagef(format string, a ...any) error {
	fmt.Fprintf(x.stderr, "chitieu %s: %s\n", x.name, fmt.Sprintf(format, a...))
	return errUsage
}

// A format is one value of a command's --format and what writes it.
type format[W any] struct {
	name  string
	write W
}

// tableOrJSON are the formats of commands that print a table or JSON.
var tableOrJSON = []format[struct{}]{{name: "table"}, {name: "json"}}

// pickFormat returns the writer of the format name, or a usage error
// listing the formats.
func pickFormat[W any](x *call, name string, formats ...format[W]) (W, error) {
	names := make([]string, len(formats))
	for i, f := range formats {
		if f.name == name {
			return f.write, nil
		}
		names[i] = f.name
	}
	var zero W
	last := len(names) - 1
	return zero, x.usagef("unknown --format %q (want %s or %s)", name, strings.Join(names[:last], ", "), names[last])
}
