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
	"sync"
	"syscall"
	"time"

	"github.com/chitieu/chitieu/extract/domain"

	"github.com/chitieu/chitieu/extract/targets"

	"github.com/chitieu/chitieu/index"
	"github.com/chitieu/chitieu/web"
)

var serveCommand = &command{
	name:    "serve",
	summary: "search, read, compare and audit in a browser",
	usage: `serve [--index DIR] [--addr HOST:PORT] [--auth FILE | --public] [--rate N] [--quiet]

Serves the index on the web: a home page with the corpus at a glance and
a page per province; a search page (diacritics optional, facets, paging,
the query in the URL, CSV); documents with their targets highlighted and
their other files; the comparison table coloured by the gap to the
national target, with a chart and CSV/XLSX downloads; a map of one
indicator across the 63 provinces or, from 1 July 2025, the 34; and the
audit; a JSON API under /api/ (search, docs/ID, targets, compare,
audit). The interface is in Vietnamese, with English on a toggle.

The default address, 127.0.0.1:8080, is reachable only from this machine.
An address other machines can reach (--addr 0.0.0.0:8080) needs either
--auth FILE, a users file of "name:bcrypt-hash" lines (made with 'chitieu
passwd NAME', or htpasswd -B), whose users must then log in to see
anything, or --public, to serve everyone deliberately. Each client
address may make --rate requests a second on average (bursts of three
seconds' worth); more get 429. Requests are logged on stderr unless
--quiet. Ctrl-C stops the server.

The server owns the index while it runs and shares it with the other
commands: search, targets, compare, audit, status and check read through
it, and 'chitieu ingest' runs in it, the new documents showing as soon as
that ingest is done. Started while an ingest writes the index, the server
reads through that ingest and takes the index over when it ends.

With no command at all, chitieu serves its embedded sample corpus.
`,
	run: runServe,
}

const defaultAddr = "127.0.0.1:8080"

func runServe(x *call) error {
	fs, stdout, stderr := x.fs, x.stdout, x.stderr
	dir := indexFlag(fs)
	addr := fs.String("addr", defaultAddr, "address to listen on")
	quiet := fs.Bool("quiet", false, "do not log requests")
	authFile := fs.String("auth", "", "users file (name:bcrypt-hash lines): they must log in")
	public := fs.Bool("public", false, "serve everyone who can reach the address, without logging in")
	rateLimit := fs.Float64("rate", 20, "requests a second each client may make on average (0: no limit)")
	if err := x.noArgs(); err != nil {
		return err
	}
	so := serveOptions{public: *public, rate: *rateLimit}
	var err error
	if *authFile != "" {
		if *public {
			return x.usagef("--auth and --public: choose one")
		}
		so.users, err = parseFile("--auth", *authFile, web.ParseUsers)
		if err != nil {
			return err
		}
	}
	if err := so.allows(*addr); err != nil {
		return x.usagef("%v", err)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	ix, err := openServed(ctx, *dir, stderr)
	if err != nil {
		return err
	}
	defer ix.Close()
	var logw io.Writer = stderr
	if *quiet {
		logw = nil
	}
	return serve(ctx, ix, *addr, so, stdout, logw, nil)
}

// serveOptions say who may use the server.
type serveOptions struct {
	users  *web.Users // nil: no log-in
	public bool       // no log-in, even off loopback, deliberately
	rate   float64    // requests a second per client; 0: no limit
}

// allows refuses to serve other machines without --auth or --public.
func (so serveOptions) allows(addr string) error {
	if so.users != nil || so.public || loopback(addr) {
		return nil
	}
	return fmt.Errorf("%s can be reached from other machines: give --auth FILE so that users log in, or --public to serve everyone", addr)
}

// loopback reports whether every address addr listens on is this
// machine's own.
func loopback(addr string) bool {
	host, _, err := net.SplitHostPort(addr)
	if err != nil || host == "" {
		return false
	}
	if ip := net.ParseIP(host); ip != nil {
		return ip.IsLoopback()
	}
	ips, err := net.LookupIP(host)
	if err != nil || len(ips) == 0 {
		return false
	}
	for _, ip := range ips {
		if !ip.IsLoopback() {
			return false
		}
	}
	return true
}

// serve runs the web server on addr until ctx ends. ready, if set, gets
// the server's URL once it listens.
func serve(ctx context.Context, ix index.Store, addr string, so serveOptions, stdout, logw io.Writer, ready func(url string)) error {
	opt := web.Options{Users: so.users, RateLimit: so.rate}
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
		if so.users != nil {
			fmt.Fprintln(stdout, "chitieu: this address is reachable from other machines; users log in")
		} else {
			fmt.Fprintln(stdout, "chitieu: this address is reachable from other machines, and anyone who reaches it reads everything (--public)")
		}
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

// openServed opens the index for the server: itself, or, while an ingest
// writes it, through that ingest until it ends.
func openServed(ctx context.Context, dir string, stderr io.Writer) (index.Store, error) {
	opt := index.Options{Command: "serve", Share: true, AcceptWrites: true, NoCreate: true}
	ix, err := index.Open(dir, opt)
	if errors.Is(err, index.ErrNoIndex) {
		return nil, fmt.Errorf("no index in %s: run 'chitieu ingest [PATH...]' first, or give --index", dir)
	}
	var iu *index.InUseError
	if err == nil {
		return ix, nil
	}
	if !errors.As(err, &iu) || iu.Owner.Socket == "" {
		return nil, err
	}
	if iu.Owner.Writes {
		return nil, fmt.Errorf("index %s is already served by PID %d (since %s); use that server, or stop it first",
			dir, iu.Owner.PID, iu.Owner.Since.Local().Format(time.TimeOnly))
	}
	c, err := index.Dial(dir, iu.Owner)
	if err != nil {
		return nil, err
	}
	fmt.Fprintf(stderr, "chitieu serve: 'chitieu %s' (PID %d) is writing %s; serving through it until it is done\n", iu.Owner.Command, iu.Owner.PID, dir)
	h := &handoff{cur: c, dir: dir, opt: opt, stderr: stderr}
	go h.takeOver(ctx)
	return h, nil
}

// handoff is a Store that starts as a client of another process and
// becomes the index itself once that process lets it go.
type handoff struct {
	mu     sync.RWMutex
	cur    index.Store
	moved  bool
	dir    string
	opt    index.Options
	stderr io.Writer
}

func (h *handoff) takeOver(ctx context.Context) {
	for {
		select {
		case <-ctx.Done():
			return
		case <-time.After(300 * time.Millisecond):
		}
		if h.tryTakeOver(200*time.Millisecond) != nil {
			return
		}
	}
}

// tryTakeOver opens the index itself if its writer has let it go, and
// returns it (nil if not yet).
func (h *handoff) tryTakeOver(wait time.Duration) index.Store {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.moved {
		return h.cur
	}
	opt := h.opt
	opt.LockWait = wait
	ix, err := index.Open(h.dir, opt)
	if err != nil {
		if !errors.Is(err, index.ErrInUse) {
			fmt.Fprintf(h.stderr, "chitieu serve: taking over %s: %v\n", h.dir, err)
		}
		return nil
	}
	h.cur.Close()
	h.cur, h.moved = ix, true
	fmt.Fprintf(h.stderr, "chitieu serve: the ingest is done; serving %s itself\n", h.dir)
	return ix
}

func (h *handoff) get() index.Store {
	h.mu.RLock()
	defer h.mu.RUnlock()
	return h.cur
}

// through calls fn on the current store; when the writer it reads
// through has just gone, it takes the index over and calls fn again.
func through[T any](h *handoff, fn func(index.Store) (T, error)) (T, error) {
	v, err := fn(h.get())
	if errors.Is(err, index.ErrOwnerGone) {
		if st := h.tryTakeOver(2 * time.Second); st != nil {
			return fn(st)
		}
	}
	return v, err
}

func (h *handoff) Dir() string { return h.get().Dir() }
func (h *handoff) Search(ctx context.Context, r index.Request) (*index.Result, error) {
	return through(h, func(st index.Store) (*index.Result, error) { return st.Search(ctx, r) })
}
func (h *handoff) Targets(ctx context.Context, f index.TargetFilter) ([]targets.Record, error) {
	return through(h, func(st index.Store) ([]targets.Record, error) { return st.Targets(ctx, f) })
}
func (h *handoff) Documents(ctx context.Context) ([]index.DocSummary, error) {
	return through(h, func(st index.Store) ([]index.DocSummary, error) { return st.Documents(ctx) })
}
func (h *handoff) Document(ctx context.Context, id string) (*index.Document, error) {
	return through(h, func(st index.Store) (*index.Document, error) { return st.Document(ctx, id) })
}
func (h *handoff) File(p string) (*index.Manifest, error) {
	return through(h, func(st index.Store) (*index.Manifest, error) { return st.File(p) })
}
func (h *handoff) Files() ([]index.Manifest, error) {
	return through(h, func(st index.Store) ([]index.Manifest, error) { return st.Files() })
}
func (h *handoff) Status() (*index.Status, error) {
	return through(h, func(st index.Store) (*index.Status, error) { return st.Status() })
}
func (h *handoff) Domains() (*domain.Set, error) {
	return through(h, func(st index.Store) (*domain.Set, error) { return st.Domains() })
}
func (h *handoff) Check(ctx context.Context, repair bool) (*index.CheckReport, error) {
	return through(h, func(st index.Store) (*index.CheckReport, error) { return st.Check(ctx, repair) })
}
func (h *handoff) Run(ctx context.Context, j index.IngestJob, p func(index.Progress)) (*index.Summary, error) {
	return through(h, func(st index.Store) (*index.Summary, error) { return st.Run(ctx, j, p) })
}

// Version tells apart the versions before and after the take-over.
func (h *handoff) Version() uint64 {
	h.mu.RLock()
	defer h.mu.RUnlock()
	v := h.cur.Version()
	if h.moved {
		v |= 1 << 63
	}
	return v
}

func (h *handoff) Close() error {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.cur.Close()
}
