package web

import (
	"bufio"
	"crypto/sha256"
	"fmt"
	"io"
	"math"
	"net"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"golang.org/x/crypto/bcrypt"
	"golang.org/x/time/rate"
)

// Users are the accounts of a server with basic authentication: names and
// bcrypt hashes of their passwords, as in an htpasswd file made with
// "htpasswd -B" or with "chitieu passwd".
type Users struct {
	hashes map[string][]byte

	mu   sync.Mutex
	seen map[[32]byte]time.Time // name and password recently verified, until when
}

// ParseUsers reads lines "name:bcrypt-hash"; blank lines and lines that
// start with # are skipped. Errors name the line.
func ParseUsers(r io.Reader) (*Users, error) {
	u := &Users{hashes: map[string][]byte{}, seen: map[[32]byte]time.Time{}}
	sc := bufio.NewScanner(r)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		name, hash, ok := strings.Cut(line, ":")
		if !ok || name == "" {
			return nil, fmt.Errorf("line %d: want name:bcrypt-hash", n)
		}
		if _, err := bcrypt.Cost([]byte(hash)); err != nil {
			return nil, fmt.Errorf("line %d: the password of %q is not a bcrypt hash (make one with 'chitieu passwd %s'): %v", n, name, name, err)
		}
		if _, dup := u.hashes[name]; dup {
			return nil, fmt.Errorf("line %d: %q is listed twice", n, name)
		}
		u.hashes[name] = []byte(hash)
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	if len(u.hashes) == 0 {
		return nil, fmt.Errorf("no users")
	}
	return u, nil
}

// HashPassword returns the bcrypt hash of a password, for a users file.
func HashPassword(password string) (string, error) {
	h, err := bcrypt.GenerateFromPassword([]byte(password), bcrypt.DefaultCost)
	return string(h), err
}

// dummyHash is compared against for unknown names, so that they take as
// long as known ones.
var dummyHash, _ = bcrypt.GenerateFromPassword([]byte("chitieu"), bcrypt.DefaultCost)

// check reports whether name and password are an account's. A pair found
// good is remembered for a few minutes: bcrypt is slow on purpose, and a
// page loads many resources.
func (u *Users) check(name, password string) bool {
	key := sha256.Sum256([]byte(name + "\x00" + password))
	now := time.Now()
	u.mu.Lock()
	until, ok := u.seen[key]
	u.mu.Unlock()
	if ok && now.Before(until) {
		return true
	}
	hash, known := u.hashes[name]
	if !known {
		hash = dummyHash
	}
	good := bcrypt.CompareHashAndPassword(hash, []byte(password)) == nil && known
	if good {
		u.mu.Lock()
		if len(u.seen) > 1000 {
			clear(u.seen)
		}
		u.seen[key] = now.Add(5 * time.Minute)
		u.mu.Unlock()
	}
	return good
}

// limiters keeps a token bucket per client address.
type limiters struct {
	rate  rate.Limit
	burst int

	mu    sync.Mutex
	byIP  map[string]*clientLimit
	sweep time.Time
}

type clientLimit struct {
	l    *rate.Limiter
	last time.Time
}

func newLimiters(perSecond float64, burst int) *limiters {
	if burst <= 0 {
		burst = int(math.Max(1, math.Ceil(3*perSecond)))
	}
	return &limiters{rate: rate.Limit(perSecond), burst: burst, byIP: map[string]*clientLimit{}}
}

// allow takes a token of the client's bucket; when there is none, it
// returns how long until there is.
func (ls *limiters) allow(client string) (bool, time.Duration) {
	now := time.Now()
	ls.mu.Lock()
	defer ls.mu.Unlock()
	if now.Sub(ls.sweep) > time.Minute {
		// Forget clients idle long enough to have a full bucket again.
		for ip, c := range ls.byIP {
			if now.Sub(c.last) > time.Minute {
				delete(ls.byIP, ip)
			}
		}
		ls.sweep = now
	}
	c := ls.byIP[client]
	if c == nil {
		c = &clientLimit{l: rate.NewLimiter(ls.rate, ls.burst)}
		ls.byIP[client] = c
	}
	c.last = now
	r := c.l.ReserveN(now, 1)
	if d := r.DelayFrom(now); d > 0 {
		r.CancelAt(now)
		return false, d
	}
	return true, 0
}

// clientOf is the address a request comes from (without its port).
func clientOf(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

// access applies the rate limit and the authentication, in that order:
// guessing passwords counts against the limit too.
func (s *Server) access(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if s.limits != nil {
			if ok, wait := s.limits.allow(clientOf(r)); !ok {
				w.Header().Set("Retry-After", strconv.Itoa(int(math.Ceil(wait.Seconds()))))
				http.Error(w, "too many requests; slow down", http.StatusTooManyRequests)
				return
			}
		}
		if u := s.opt.Users; u != nil {
			name, pass, ok := r.BasicAuth()
			if !ok || !u.check(name, pass) {
				w.Header().Set("WWW-Authenticate", `Basic realm="chitieu", charset="UTF-8"`)
				http.Error(w, "authentication required", http.StatusUnauthorized)
				return
			}
		}
		next.ServeHTTP(w, r)
	})
}
