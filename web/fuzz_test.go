package web

import (
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
)

// A cursor from the network either decodes to the offset it was made of
// or is refused; nothing panics.
func FuzzCursor(f *testing.F) {
	for _, s := range []string{"", cursorAt(0), cursorAt(1000), "xyz", "b2-1", "bzk5OTk5OTk5OTk5OTk5OTk5OTk5OTk"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, c string) {
		r := httptest.NewRequest("GET", "/api/targets?cursor="+url.QueryEscape(c), nil)
		limit, off, err := pageParams(r, 10, 100)
		if err != nil {
			return
		}
		if limit != 10 || off < 0 {
			t.Fatalf("cursor %q: limit %d, offset %d", c, limit, off)
		}
		if c != "" && cursorAt(off) != c && len(c) <= 2*len(cursorAt(off)) {
			// Another spelling of the same offset ("o007") is harmless.
			if _, off2, err := pageParams(httptest.NewRequest("GET", "/?cursor="+cursorAt(off), nil), 10, 100); err != nil || off2 != off {
				t.Fatalf("cursor %q: offset %d does not round-trip", c, off)
			}
		}
	})
}

// A users file never panics the parser.
func FuzzParseUsers(f *testing.F) {
	h, _ := HashPassword("mật khẩu dài")
	for _, s := range []string{"ana:" + h, "# x\n\nana:$2a$10$", "a:b:c", ":", "\x00"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		u, err := ParseUsers(strings.NewReader(s))
		if err == nil && len(u.hashes) == 0 {
			t.Fatalf("ParseUsers(%q): no error and no users", s)
		}
	})
}
