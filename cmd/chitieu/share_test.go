package main

import (
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Off loopback, serve needs --auth or --public; passwd makes the users
// file --auth reads.
func TestServeOffLoopback(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "idx")
	if code, _, errs := runCmd("ingest", "--quiet", "--index", dir); code != 0 {
		t.Fatalf("ingest: %s", errs)
	}
	for _, addr := range []string{"0.0.0.0:0", ":0", "[::]:0"} {
		code, _, errs := runCmd("serve", "--index", dir, "--addr", addr)
		if code != 2 || !strings.Contains(errs, "can be reached from other machines: give --auth FILE") {
			t.Errorf("serve --addr %s: exit %d\n%s", addr, code, errs)
		}
	}
	users := filepath.Join(t.TempDir(), "users.txt")
	os.WriteFile(users, []byte("ana:plain\n"), 0o644)
	if code, _, errs := runCmd("serve", "--index", dir, "--addr", "0.0.0.0:0", "--auth", users); code != 1 || !strings.Contains(errs, users+": line 1") {
		t.Errorf("serve --auth with a plain password: exit %d\n%s", code, errs)
	}
	if code, _, _ := runCmd("serve", "--index", dir, "--public", "--auth", users); code != 2 {
		t.Errorf("serve --auth --public: exit %d, want 2", code)
	}

	passwdInput = strings.NewReader("mật khẩu của ana\n")
	code, line, errs := runCmd("passwd", "ana")
	if code != 0 || !strings.HasPrefix(line, "ana:$2a$") {
		t.Fatalf("passwd: exit %d %q %s", code, line, errs)
	}
	passwdInput = strings.NewReader("short\n")
	if code, _, errs := runCmd("passwd", "ana"); code != 1 || !strings.Contains(errs, "8 characters") {
		t.Errorf("passwd with a short password: exit %d %s", code, errs)
	}
	os.WriteFile(users, []byte(line), 0o644)

	cmd := chitieuCmd("serve", "--quiet", "--index", dir, "--addr", "0.0.0.0:0", "--auth", users)
	out, _ := cmd.StdoutPipe()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() { cmd.Process.Signal(os.Interrupt); cmd.Wait() }()
	buf := make([]byte, 4096)
	n, _ := out.Read(buf)
	first := string(buf[:n])
	i := strings.Index(first, "http://")
	if i < 0 {
		t.Fatalf("serve printed %q", first)
	}
	u := strings.Fields(first[i:])[0]
	port := u[strings.LastIndex(u, ":")+1:]
	base := "http://127.0.0.1:" + port
	resp, err := http.Get(base + "/api/targets")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 401 {
		t.Errorf("no password: %d", resp.StatusCode)
	}
	req, _ := http.NewRequest("GET", base+"/api/targets?limit=1", nil)
	req.SetBasicAuth("ana", "mật khẩu của ana")
	resp, err = http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Errorf("with the password: %d", resp.StatusCode)
	}
}
