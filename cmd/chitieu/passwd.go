package main

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/chitieu/chitieu/web"
)

var passwdCommand = &command{
	name:    "passwd",
	summary: "make a line of a users file for serve --auth",
	usage: `passwd NAME

Reads a password, one line, from standard input and prints the line of a
users file that lets NAME log in with it: "NAME:bcrypt-hash". Append it to
the file 'chitieu serve --auth FILE' reads:

    chitieu passwd ana >> users.txt
`,
	run: runPasswd,
}

// passwdInput is where passwd reads the password (standard input; a
// test's reader).
var passwdInput io.Reader = os.Stdin

func runPasswd(x *call) error {
	stdout, stderr := x.stdout, x.stderr
	rest, err := x.parse()
	if err != nil {
		return err
	}
	if len(rest) != 1 || rest[0] == "" || strings.ContainsAny(rest[0], ":\n") {
		return x.usagef("give one NAME, without ':'")
	}
	line, err := bufio.NewReader(passwdInput).ReadString('\n')
	if err != nil && err != io.EOF {
		return err
	}
	pass := strings.TrimRight(line, "\r\n")
	if len(pass) < 8 {
		fmt.Fprintln(stderr, "chitieu passwd: the password needs 8 characters or more")
		return errExitFail
	}
	h, err := web.HashPassword(pass)
	if err != nil {
		return fmt.Errorf("passwd: %w", err)
	}
	fmt.Fprintf(stdout, "%s:%s\n", rest[0], h)
	return nil
}
