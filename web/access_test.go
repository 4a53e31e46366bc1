package web

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"

	"github.com/chitieu/chitieu/compare"
	"github.com/chitieu/chitieu/extract/targets"
)

func request(h http.Handler, target, client, user, pass string) *httptest.ResponseRecorder {
	req := httptest.NewRequest("GET", target, nil)
	if client != "" {
		req.RemoteAddr = client + ":40000"
	}
	if user != "" {
		req.SetBasicAuth(user, pass)
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

func TestParseUsers(t *testing.T) {
	h, _ := HashPassword("mật khẩu dài")
	for _, c := range []struct{ in, err string }{
		{"# users\nana:" + h + "\n\n", ""},
		{"ana:" + h + "\nana:" + h, "line 2: \"ana\" is listed twice"},
		{"ana:plain-password", "line 1: the password of \"ana\" is not a bcrypt hash"},
		{"ana", "line 1: want name:bcrypt-hash"},
		{"# nobody\n", "no users"},
	} {
		_, err := ParseUsers(strings.NewReader(c.in))
		if c.err == "" && err != nil || c.err != "" && (err == nil || !strings.Contains(err.Error(), c.err)) {
			t.Errorf("ParseUsers(%q) = %v, want %q", c.in, err, c.err)
		}
	}
}

// With users, nothing is served without their password: pages, API,
// files and static files alike, and a 401 tells nothing of the index.
func TestAuth(t *testing.T) {
	ix, id := testIndex(t)
	hash, _ := HashPassword("đúng mật khẩu")
	users, err := ParseUsers(strings.NewReader("ana:" + hash))
	if err != nil {
		t.Fatal(err)
	}
	s, err := New(ix, Options{Users: users})
	if err != nil {
		t.Fatal(err)
	}
	h := s.Handler()
	for _, target := range []string{"/", "/?q=nang+luc", "/doc/" + id, "/file/" + id, "/api/targets", "/api/search?q=hoc", "/audit", "/compare", "/static/style.css", "/nope"} {
		for _, cred := range [][2]string{{"", ""}, {"ana", "sai mật khẩu"}, {"bo", "đúng mật khẩu"}} {
			rec := request(h, target, "", cred[0], cred[1])
			body := rec.Body.String()
			if rec.Code != http.StatusUnauthorized || !strings.Contains(rec.Header().Get("WWW-Authenticate"), `Basic realm="chitieu"`) {
				t.Errorf("%s as %q: %d, want 401 asking for a password", target, cred[0], rec.Code)
			}
			if strings.Contains(body, "Lạng Sơn") || strings.Contains(body, "Bình Dương") || strings.Contains(body, "năng lực") || len(body) > 100 {
				t.Errorf("%s as %q: the 401 says too much: %q", target, cred[0], body)
			}
		}
	}
	if rec := request(h, "/api/targets?limit=1", "", "ana", "đúng mật khẩu"); rec.Code != 200 {
		t.Errorf("/api/targets with the password: %d", rec.Code)
	}
	if rec := request(h, "/file/"+sampleDocID, "", "ana", "đúng mật khẩu"); rec.Code != 200 {
		t.Errorf("/file with the password: %d", rec.Code)
	}
}

// Each client has its own bucket; past it, 429 with Retry-After.
func TestRateLimit(t *testing.T) {
	ix, _ := testIndex(t)
	s, err := New(ix, Options{RateLimit: 0.5, RateBurst: 3})
	if err != nil {
		t.Fatal(err)
	}
	h := s.Handler()
	for i := range 3 {
		if rec := request(h, "/api/search?q=hoc", "192.0.2.1", "", ""); rec.Code != 200 {
			t.Fatalf("request %d within the burst: %d", i+1, rec.Code)
		}
	}
	rec := request(h, "/api/search?q=hoc", "192.0.2.1", "", "")
	if rec.Code != http.StatusTooManyRequests {
		t.Fatalf("request past the burst: %d, want 429", rec.Code)
	}
	if n, err := strconv.Atoi(rec.Header().Get("Retry-After")); err != nil || n < 1 || n > 2 {
		t.Errorf("Retry-After = %q", rec.Header().Get("Retry-After"))
	}
	if rec := request(h, "/api/search?q=hoc", "192.0.2.2", "", ""); rec.Code != 200 {
		t.Errorf("another client: %d, want 200", rec.Code)
	}
}

// The lists of the API come in bounded pages, and following next_cursor
// gives the whole list once.
func TestPagedAPI(t *testing.T) {
	h, _ := testServer(t)
	var all []targets.Record
	pages := 0
	for cursor := ""; ; pages++ {
		rec := get(h, "/api/targets?limit=7&cursor="+cursor)
		var p struct {
			Total   int              `json:"total"`
			Records []targets.Record `json:"records"`
			Next    string           `json:"next_cursor"`
		}
		if rec.Code != 200 || json.Unmarshal(rec.Body.Bytes(), &p) != nil || len(p.Records) > 7 {
			t.Fatalf("page %d: %d %.200s", pages, rec.Code, rec.Body.String())
		}
		all = append(all, p.Records...)
		if p.Next == "" {
			if len(all) != p.Total || p.Total < 20 {
				t.Errorf("the pages hold %d records, total %d", len(all), p.Total)
			}
			break
		}
		cursor = p.Next
	}
	if pages < 3 {
		t.Errorf("%d pages of 7", pages)
	}
	seen := map[string]bool{}
	for _, r := range all {
		k := r.DocID + "@" + strconv.Itoa(r.Start) + r.Indicator + strconv.FormatFloat(r.Value, 'f', -1, 64) + strconv.Itoa(r.Year)
		if seen[k] {
			t.Errorf("record %s twice across pages", k)
		}
		seen[k] = true
	}
	for _, bad := range []string{"/api/targets?limit=0", "/api/targets?limit=10001", "/api/targets?cursor=xyz", "/api/audit?limit=1001", "/api/audit?severity=fatal", "/api/audit?rule=nope"} {
		if rec := get(h, bad); rec.Code != 400 {
			t.Errorf("%s: %d, want 400", bad, rec.Code)
		}
	}
	if rec := get(h, "/api/targets"); !strings.Contains(rec.Body.String(), `"next_cursor":""`) {
		t.Errorf("a default page of the sample is not the whole list")
	}
	// The audit: filters, then pages.
	var p struct {
		Total    int               `json:"total"`
		Findings []compare.Finding `json:"findings"`
		Next     string            `json:"next_cursor"`
	}
	rec := get(h, "/api/audit?severity=warning&limit=2")
	if json.Unmarshal(rec.Body.Bytes(), &p) != nil || len(p.Findings) > 2 || p.Total > 2 && p.Next == "" {
		t.Fatalf("/api/audit?severity=warning&limit=2: %.300s", rec.Body.String())
	}
	for _, f := range p.Findings {
		if f.Severity != compare.Warning {
			t.Errorf("a %s finding under severity=warning", f.Severity)
		}
	}
}

// The audit page pages and filters by rule, severity and province.
func TestAuditPageFilters(t *testing.T) {
	h, _ := testServer(t)
	all := get(h, "/api/audit?limit=1000")
	var p struct {
		Total    int               `json:"total"`
		Findings []compare.Finding `json:"findings"`
	}
	json.Unmarshal(all.Body.Bytes(), &p)
	if p.Total == 0 {
		t.Skip("the sample has no findings")
	}
	f := p.Findings[0]
	prov := ""
	for _, e := range f.Evidence {
		if e.Province != "" {
			prov = e.Province
		}
	}
	rec := get(h, "/audit?rule="+f.Rule+"&severity="+f.Severity.String())
	if rec.Code != 200 || !strings.Contains(rec.Body.String(), "<code>"+f.Rule+"</code>") || !strings.Contains(rec.Body.String(), `<option value="`+f.Rule+`" selected>`) {
		t.Errorf("/audit?rule=%s: %d", f.Rule, rec.Code)
	}
	if prov != "" {
		folded := strings.ToLower(strings.ReplaceAll(placeKey(prov), " ", "+"))
		rec := get(h, "/audit?province="+folded)
		if rec.Code != 200 || strings.Contains(rec.Body.String(), "Không có phát hiện") {
			t.Errorf("/audit?province=%s (without diacritics) finds nothing", folded)
		}
	}
	if rec := get(h, "/audit?province=Atlantis"); !strings.Contains(rec.Body.String(), "Không có phát hiện") {
		t.Errorf("/audit?province=Atlantis finds findings")
	}
	if rec := get(h, "/audit?severity=fatal"); rec.Code != 400 {
		t.Errorf("/audit?severity=fatal: %d", rec.Code)
	}
}
