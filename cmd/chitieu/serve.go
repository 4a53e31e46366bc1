package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/chitieu/chitieu/index"
	"github.com/chitieu/chitieu/web"
)

func init() {
	register(&command{
		name:    "serve",
		summary: "search, read, compare and audit in a browser",
		usage: `serve [--index DIR] [--addr HOST:PORT] [--quiet]

Serves the index on the web: a search page (diacritics optional, facets,
paging, the query in the URL), documents with their targets highlighted,
the comparison table with a heat map, a chart and CSV/XLSX downloads, and
the audit; a JSON API under /api/ (search, docs/ID, targets, compare,
audit). The interface is in Vietnamese, with English on a toggle.

The default address, 127.0.0.1:8080, is reachable only from this machine;
give --addr 0.0.0.0:8080 to serve a network. Requests are logged on stderr
unless --quiet. Ctrl-C stops the server.

With no command at all, chitieu serves its embedded sample corpus.
`,
		run: runServe,
	})
}

const defaultAddr = "127.0.0.1:8080"

func runServe(args []string, stdout, stderr io.Writer) error {
	c := commands["serve"]
	fs := newFlagSet(c)
	dir := indexFlag(fs)
	addr := fs.String("addr", defaultAddr, "address to listen on")
	quiet := fs.Bool("quiet", false, "do not log requests")
	rest, err := parseFlags(fs, c, args, stdout, stderr)
	if err != nil {
		return err
	}
	if len(rest) > 0 {
		fmt.Fprintf(stderr, "chitieu serve: unexpected argument %q\n", rest[0])
		return errUsage
	}
	ix, err := openIndex(*dir)
	if err != nil {
		return err
	}
	defer ix.Close()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	var logw io.Writer = stderr
	if *quiet {
		logw = nil
	}
	return serve(ctx, ix, *addr, stdout, logw, nil)
}

// serve runs the web server on addr until ctx ends. ready, if set, gets
// the server's URL once it listens.
func serve(ctx context.Context, ix *index.Index, addr string, stdout, logw io.Writer, ready func(url string)) error {
	opt := web.Options{}
	if logw != nil {
		opt.Log = log.New(logw, "chitieu serve: ", log.LstdFlags)
	}
	s, err := web.New(ix, opt)
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	hs := s.HTTPServer(addr)
	url := "http://" + ln.Addr().String() + "/"
	fmt.Fprintf(stdout, "chitieu: serving %s at %s (Ctrl-C to stop)\n", ix.Dir(), url)
	if host, _, _ := net.SplitHostPort(ln.Addr().String()); !net.ParseIP(host).IsLoopback() {
		fmt.Fprintln(stdout, "chitieu: note: this address is reachable from other machines")
	}
	errc := make(chan error, 1)
	go func() { errc <- hs.Serve(ln) }()
	if ready != nil {
		ready(url)
	}
	select {
	case err := <-errc:
		return fmt.Errorf("serve: %w", err)
	case <-ctx.Done():
	}
	shut, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := hs.Shutdown(shut); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}
