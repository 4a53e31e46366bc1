// Package web serves the index in a browser and as a JSON API: search,
// documents with their targets highlighted, comparison tables with a heat
// map and a chart, and the audit.
//
// Pages are server-rendered html/template (everything from documents is
// escaped), in Vietnamese with English on a toggle, readable without
// JavaScript and on a phone. The JSON API under /api/ mirrors the CLI's
// formats; errors are JSON with a fitting status. Handlers get what they
// need from the Server; nothing is global.
package web

import (
	"bytes"
	"context"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"log"
	"mime"
	"net/http"
	"net/url"
	"path"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/chitieu/chitieu/internal/panics"

	"github.com/chitieu/chitieu/compare"
	"github.com/chitieu/chitieu/corpus"
	"github.com/chitieu/chitieu/extract/domain"
	"github.com/chitieu/chitieu/extract/rules"
	"github.com/chitieu/chitieu/extract/targets"
	"github.com/chitieu/chitieu/index"
)

//go:embed templates/*.html static/*
var assets embed.FS

// Limits of requests.
const (
	maxQuery  = index.MaxQueryLen // bytes of a search query
	maxParam  = 200               // bytes of other parameters
	pageSize  = 10
	maxOffset = index.MaxLimit
	maxSets   = 8 // comparison sets kept, by as-of date
)

// Options configure a Server. The zero value works.
type Options struct {
	// Sample serves the original files of documents whose path is
	// "sample:NAME" (the embedded corpus) from this file system.
	Sample fs.FS
	Log    *log.Logger // nil: no request log
	// Users, when set, must log in (HTTP basic authentication) to reach
	// anything: pages, files and the API.
	Users *Users
	// RateLimit bounds the requests of each client address, per second
	// on average, with bursts of RateBurst (0: three seconds' worth);
	// 0 means no limit.
	RateLimit float64
	RateBurst int
}

// A Server serves one open index.
type Server struct {
	ix     index.Store
	opt    Options
	pages  map[string]*template.Template
	static http.Handler

	limits *limiters

	mu      sync.Mutex
	sets    map[string]*compare.Set // by as-of date ("" for as written)
	dom     *domain.Set             // the index's policy domains
	docs    []index.DocSummary      // every document, for the home and province pages; nil until read
	version uint64                  // of the index the sets, domains and documents were read from
}

// New returns a server of ix.
func New(ix index.Store, opt Options) (*Server, error) {
	s := &Server{ix: ix, opt: opt, pages: map[string]*template.Template{}, sets: map[string]*compare.Set{}}
	if s.opt.Sample == nil {
		s.opt.Sample = corpus.SampleFS()
	}
	if s.opt.RateLimit > 0 {
		s.limits = newLimiters(s.opt.RateLimit, s.opt.RateBurst)
	}
	funcs := template.FuncMap{
		"add":  func(a, b int) int { return a + b },
		"join": strings.Join,
		"pct":  func(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) },
		// A document ID may hold "#" (the Nth document of a file): it is
		// escaped in a path.
		"docurl": docURL,
		"hiturl": func(id string, start int) string {
			return "/doc/" + url.PathEscape(id) + "?at=" + strconv.Itoa(start) + "#at"
		},
		"fileurl": func(id string) string { return "/file/" + url.PathEscape(id) },
		"list":    func(xs ...string) []string { return xs },
		"upper":   strings.ToUpper,
		"base":    filepath.Base,
	}
	for _, p := range []string{"search", "doc", "compare", "audit", "error", "province", "map"} {
		t, err := template.New("layout.html").Funcs(funcs).ParseFS(assets, "templates/layout.html", "templates/"+p+".html")
		if err != nil {
			return nil, fmt.Errorf("web: template %s: %w", p, err)
		}
		s.pages[p] = t
	}
	static, err := fs.Sub(assets, "static")
	if err != nil {
		return nil, err
	}
	s.static = http.StripPrefix("/static/", http.FileServerFS(static))
	return s, nil
}

// Handler returns the server's routes, with panics turned into 500s and
// request bodies bounded.
func (s *Server) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /{$}", s.searchPage)
	mux.HandleFunc("GET /search.csv", s.searchDownload)
	mux.HandleFunc("GET /province/{code}", s.provincePage)
	mux.HandleFunc("GET /doc/{id}", s.docPage)
	mux.HandleFunc("GET /file/{id}", s.file)
	mux.HandleFunc("GET /compare", s.comparePage)
	mux.HandleFunc("GET /map", s.mapPage)
	mux.HandleFunc("GET /compare.csv", s.compareDownload)
	mux.HandleFunc("GET /compare.xlsx", s.compareDownload)
	mux.HandleFunc("GET /audit", s.auditPage)
	mux.HandleFunc("GET /audit.csv", s.auditDownload)
	mux.HandleFunc("GET /lang", s.setLang)
	mux.Handle("GET /static/", s.static)
	mux.HandleFunc("GET /api/search", s.apiSearch)
	mux.HandleFunc("GET /api/docs/{id}", s.apiDoc)
	mux.HandleFunc("GET /api/targets", s.apiTargets)
	mux.HandleFunc("GET /api/compare", s.apiCompare)
	mux.HandleFunc("GET /api/audit", s.apiAudit)
	mux.HandleFunc("GET /api/", func(w http.ResponseWriter, r *http.Request) {
		apiError(w, http.StatusNotFound, "no such API: "+r.URL.Path)
	})
	mux.HandleFunc("GET /", func(w http.ResponseWriter, r *http.Request) {
		s.errorPage(w, r, http.StatusNotFound, "not_found", r.URL.Path)
	})
	return s.guard(s.access(mux))
}

// guard bounds bodies, recovers panics, and logs requests.
func (s *Server) guard(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		r.Body = http.MaxBytesReader(w, r.Body, 1<<16)
		defer func() {
			if p := recover(); p != nil {
				err := panics.New("serving "+r.URL.String(), p)
				if s.opt.Log != nil {
					s.opt.Log.Print(err)
				}
				http.Error(w, "internal error", http.StatusInternalServerError)
			}
		}()
		w.Header().Set("X-Content-Type-Options", "nosniff")
		w.Header().Set("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'")
		next.ServeHTTP(w, r)
		if s.opt.Log != nil {
			s.opt.Log.Printf("%s %s %s", r.Method, r.URL.RequestURI(), time.Since(start).Round(time.Microsecond))
		}
	})
}

// HTTPServer returns an http.Server for the handler with timeouts set.
func (s *Server) HTTPServer(addr string) *http.Server {
	return &http.Server{
		Addr:              addr,
		Handler:           s.Handler(),
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       10 * time.Second,
		WriteTimeout:      60 * time.Second,
		IdleTimeout:       120 * time.Second,
		MaxHeaderBytes:    1 << 16,
	}
}

// set returns the comparison set of the index, grouped as of a date,
// built once for each version of the index: an ingest that ends makes
// the sets anew.
func (s *Server) set(ctx context.Context, asOf string) (*compare.Set, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, err := s.refresh(); err != nil {
		return nil, err
	}
	if set := s.sets[asOf]; set != nil {
		return set, nil
	}
	t, ok := compare.ParseAsOf(asOf)
	if !ok {
		return nil, fmt.Errorf("%w: as_of %q is not a date like 2025-07-01", index.ErrBadQuery, asOf)
	}
	// With the labels of targets outside the catalog: the compare page
	// shows their rows when asked, the audit never.
	set, err := compare.Load(ctx, s.ix, compare.Options{AsOf: t, Labels: true})
	if err != nil {
		return nil, err
	}
	// Any date is a valid as_of: keep a few sets, build the others
	// each time, so that requests cannot grow memory without bound.
	if len(s.sets) < maxSets {
		s.sets[asOf] = set
	}
	return set, nil
}

// refresh forgets what was read of an older version of the index and
// returns the index's domains. s.mu is held.
func (s *Server) refresh() (*domain.Set, error) {
	if v := s.ix.Version(); v != s.version || s.dom == nil {
		clear(s.sets)
		s.docs = nil
		dom, err := s.ix.Domains()
		if err != nil {
			return nil, err
		}
		s.dom, s.version = dom, v
	}
	return s.dom, nil
}

// documents returns a summary of every document of the index, read once
// for each version of the index (the home page and the province pages
// list them all); the caller may change the slice.
func (s *Server) documents(ctx context.Context) ([]index.DocSummary, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, err := s.refresh(); err != nil {
		return nil, err
	}
	if s.docs == nil {
		docs, err := s.ix.Documents(ctx)
		if err != nil {
			return nil, err
		}
		s.docs = docs
	}
	return slices.Clone(s.docs), nil
}

// domains returns the index's domains (the built-in one while they cannot
// be read).
func (s *Server) domains() *domain.Set {
	s.mu.Lock()
	defer s.mu.Unlock()
	if dom, err := s.refresh(); err == nil {
		return dom
	}
	return domain.DefaultSet()
}

// catalog returns the catalog of the index's domains (the built-in one
// while they cannot be read: the comparison pages then say why).
func (s *Server) catalog() *rules.Catalog { return s.domains().Catalog }

// lang returns the request's language: 1 for English (cookie lang=en), 0
// for Vietnamese.
func lang(r *http.Request) int {
	if c, err := r.Cookie("lang"); err == nil && c.Value == "en" {
		return 1
	}
	return 0
}

// setLang sets the language cookie and goes back to the page.
func (s *Server) setLang(w http.ResponseWriter, r *http.Request) {
	to := r.URL.Query().Get("to")
	if to != "en" {
		to = "vi"
	}
	http.SetCookie(w, &http.Cookie{Name: "lang", Value: to, Path: "/", MaxAge: 365 * 24 * 3600, SameSite: http.SameSiteLaxMode, HttpOnly: true})
	back := r.URL.Query().Get("back")
	// Only a path of this site: no open redirect.
	if !strings.HasPrefix(back, "/") || strings.HasPrefix(back, "//") || strings.HasPrefix(back, "/\\") || len(back) > 4096 {
		back = "/"
	}
	http.Redirect(w, r, back, http.StatusSeeOther)
}

// page is what every template gets.
type page struct {
	Lang   int
	Title  string
	Path   string // the request's path and query, for the language toggle
	Active string // the section of the menu
	Data   any
	cat    *rules.Catalog
}

// Ind names an indicator in the page's language (the catalog's label, or
// its English): IDs are for the API and the title attribute. An ID the
// catalog lacks (a label of open extraction) is named by fallback.
func (p *page) Ind(id, fallback string) string {
	if p.cat != nil {
		if ind := p.cat.Indicator(id); ind != nil {
			if p.Lang == 1 && ind.English != "" {
				return ind.English
			}
			return ind.Label
		}
	}
	if fallback != "" {
		return fallback
	}
	return id
}

// Mod names a record's modality and kind in the page's language:
// "phấn đấu", "duy trì (kết quả)".
func (p *page) Mod(r targets.Record) string {
	s := p.T("mod_" + r.Modality.String())
	if r.Kind != rules.Target {
		s += " (" + p.T("kind_"+r.Kind.String()) + ")"
	}
	return s
}

// Rule names an audit rule in the page's language.
func (p *page) Rule(id string) string {
	r := compare.RuleByID(id)
	switch {
	case r == nil:
		return id
	case p.Lang == 1:
		return r.Title
	}
	return r.TitleVI
}

// DocType names a document type code ("KH") in the page's language
// ("Kế hoạch"); an unknown code stays as it is.
func (p *page) DocType(code string) string {
	if _, ok := messages["type_"+code]; ok {
		return p.T("type_" + code)
	}
	return code
}

// Date writes a YYYY-MM-DD date as the page's language does: 14/07/2022,
// or 14 Jul 2022; anything else as it is, "–" for none.
func (p *page) Date(d string) string {
	t, err := time.Parse("2006-01-02", d)
	switch {
	case d == "":
		return "–"
	case err != nil:
		return d
	case p.Lang == 1:
		return t.Format("2 Jan 2006")
	}
	return t.Format("02/01/2006")
}

// T translates a message key.
func (p *page) T(key string) string { return text(p.Lang, key) }

// LangCode is "vi" or "en".
func (p *page) LangCode() string { return [2]string{"vi", "en"}[p.Lang] }

func (s *Server) render(w http.ResponseWriter, r *http.Request, status int, name, title string, data any) {
	p := &page{Lang: lang(r), Title: title, Path: r.URL.RequestURI(), Active: name, Data: data, cat: s.catalog()}
	var b strings.Builder
	if err := s.pages[name].Execute(&b, p); err != nil {
		if s.opt.Log != nil {
			s.opt.Log.Printf("template %s: %v", name, err)
		}
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	io.WriteString(w, b.String())
}

type errorData struct {
	Status  int
	Key     string
	Message string
}

func (s *Server) errorPage(w http.ResponseWriter, r *http.Request, status int, key, msg string) {
	s.render(w, r, status, "error", text(lang(r), key), errorData{status, key, msg})
}

// statusOf maps an error to an HTTP status and a message key.
func statusOf(err error) (int, string) {
	switch {
	case errors.Is(err, index.ErrBadQuery):
		return http.StatusBadRequest, "bad_query"
	case errors.Is(err, index.ErrNotFound):
		return http.StatusNotFound, "not_found"
	}
	return http.StatusInternalServerError, "error"
}

// param returns a bounded query parameter.
func param(r *http.Request, name string) (string, error) {
	v := r.URL.Query().Get(name)
	limit := maxParam
	if name == "q" {
		limit = maxQuery
	}
	if len(v) > limit {
		return "", fmt.Errorf("%w: parameter %s longer than %d bytes", index.ErrBadQuery, name, limit)
	}
	return v, nil
}

// intParam reads a bounded integer parameter; "" is def.
func intParam(r *http.Request, name string, def, lo, hi int) (int, error) {
	v, err := param(r, name)
	if err != nil || v == "" {
		return def, err
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < lo || n > hi {
		return 0, fmt.Errorf("%w: %s must be a number from %d to %d", index.ErrBadQuery, name, lo, hi)
	}
	return n, nil
}

// file serves a document's original file. Only files the index holds can
// be reached: the route takes a document ID, never a path.
func (s *Server) file(w http.ResponseWriter, r *http.Request) {
	doc, err := s.ix.Document(r.Context(), r.PathValue("id"))
	if err != nil {
		status, key := statusOf(err)
		s.errorPage(w, r, status, key, "")
		return
	}
	var rd io.ReadSeeker
	name := doc.Name
	if n, ok := strings.CutPrefix(doc.Path, "sample:"); ok {
		b, err := fs.ReadFile(s.opt.Sample, path.Clean(n))
		if err != nil {
			s.errorPage(w, r, http.StatusNotFound, "not_found", "")
			return
		}
		rd = strings.NewReader(string(b))
	} else {
		// The bytes sent are the bytes indexed: the file is read without
		// following links and its size and hash checked first.
		m, err := s.ix.File(doc.Path)
		if err != nil || m.SHA == "" {
			s.errorPage(w, r, http.StatusNotFound, "not_found", "")
			return
		}
		p := m.Path
		if m.Real != "" {
			p = m.Real
		}
		b, err := corpus.ReadVerified(p, m.Size, m.SHA)
		if err != nil {
			if s.opt.Log != nil {
				s.opt.Log.Printf("file %s: %v", doc.ID, err)
			}
			s.errorPage(w, r, http.StatusGone, "changed", "")
			return
		}
		rd = bytes.NewReader(b)
	}
	ct := mime.TypeByExtension(filepath.Ext(name))
	if strings.HasPrefix(ct, "text/html") || ct == "" {
		// A saved web page is shown as text: its scripts are not ours to run.
		ct = "text/plain; charset=utf-8"
	}
	w.Header().Set("Content-Type", ct)
	w.Header().Set("Content-Disposition", mime.FormatMediaType("inline", map[string]string{"filename": name}))
	http.ServeContent(w, r, "", time.Time{}, rd)
}

// docURL is the link to a document, at the sentence that starts at start
// (negative: its top).
func docURL(id string, start int) string {
	u := "/doc/" + url.PathEscape(id)
	if start >= 0 {
		u += "#t-" + strconv.Itoa(start)
	}
	return u
}

// apiError writes a JSON error.
func apiError(w http.ResponseWriter, status int, msg string) {
	writeJSON(w, status, map[string]any{"error": msg, "status": status})
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(true)
	enc.Encode(v)
}

func apiFail(w http.ResponseWriter, err error) {
	status, _ := statusOf(err)
	msg := err.Error()
	if status == http.StatusInternalServerError {
		msg = "internal error"
	}
	apiError(w, status, msg)
}
