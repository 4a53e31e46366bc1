//go:build unix

package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chitieu/chitieu/internal/plangen"
)

// startServe starts 'chitieu serve' on a free port and returns its URL and
// a function that stops it and returns its stderr.
func startServe(t *testing.T, dir string) (string, func() string) {
	t.Helper()
	cmd := chitieuCmd("serve", "--quiet", "--index", dir, "--addr", "127.0.0.1:0")
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	var errb strings.Builder
	cmd.Stderr = &errb
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	line, err := bufio.NewReader(out).ReadString('\n')
	i := strings.Index(line, "http://")
	if err != nil || i < 0 {
		cmd.Process.Kill()
		cmd.Wait()
		t.Fatalf("serve: %q, %v\n%s", line, err, errb.String())
	}
	u := strings.Fields(line[i:])[0]
	stopped := false
	stop := func() string {
		if !stopped {
			stopped = true
			cmd.Process.Signal(os.Interrupt)
			cmd.Wait()
		}
		return errb.String()
	}
	t.Cleanup(func() { stop() })
	return u, stop
}

// apiTotal is the number of hits of a search through the server's API.
func apiTotal(t *testing.T, base, q string) int {
	t.Helper()
	resp, err := http.Get(base + "api/search?q=" + url.QueryEscape(q))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var res struct {
		Total int `json:"total"`
	}
	b, _ := io.ReadAll(resp.Body)
	if err := json.Unmarshal(b, &res); err != nil || resp.StatusCode != 200 {
		t.Fatalf("api/search %q: %d %s", q, resp.StatusCode, b)
	}
	return res.Total
}

// run runs chitieu and returns its exit code and combined output.
func runProc(args ...string) (int, string) {
	out, err := chitieuCmd(args...).CombinedOutput()
	if ee, ok := err.(*exec.ExitError); ok {
		return ee.ExitCode(), string(out)
	}
	if err != nil {
		return -1, err.Error()
	}
	return 0, string(out)
}

// A plan with a word no generated plan has, to find it after its ingest.
func writeMarker(t *testing.T, dir, word string) {
	t.Helper()
	os.MkdirAll(dir, 0o755)
	text := "KẾ HOẠCH\nMục tiêu đến năm 2025: 60% số người trong độ tuổi lao động được trang bị kỹ năng sống " + word + ".\n"
	if err := os.WriteFile(filepath.Join(dir, word+".txt"), []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestConcurrentCommands runs the commands on one index at the same time,
// as processes: serve with ingest, search, targets, compare, audit, status
// and check beside it; readers beside readers; two ingests; serve started
// while an ingest writes. Run under -race by make test.
func TestConcurrentCommands(t *testing.T) {
	if testing.Short() {
		t.Skip("runs many processes")
	}
	root := t.TempDir()
	dir := filepath.Join(root, "idx")
	base := filepath.Join(root, "base")
	if _, err := plangen.New(3).WriteCorpus(base, 40); err != nil {
		t.Fatal(err)
	}
	if code, out := runProc("ingest", "--quiet", "--index", dir, base); code != 0 {
		t.Fatalf("first ingest: %d\n%s", code, out)
	}

	// Readers beside readers, no writer: all at once.
	readers := [][]string{
		{"search", "--index", dir, "hoc", "tap"},
		{"targets", "--index", dir, "--format", "jsonl"},
		{"compare", "--index", dir, "--format", "csv"},
		{"audit", "--index", dir},
		{"status", "--index", dir},
		{"check", "--index", dir},
	}
	parallel := func(cmds [][]string, want func(i, code int, out string)) {
		var wg sync.WaitGroup
		for i, args := range cmds {
			wg.Add(1)
			go func() {
				defer wg.Done()
				code, out := runProc(args...)
				want(i, code, out)
			}()
		}
		wg.Wait()
	}
	parallel(append(readers, readers...), func(i, code int, out string) {
		if code != 0 && !(code == 1 && strings.HasPrefix(readers[i%len(readers)][0], "audit")) {
			t.Errorf("reader %v beside readers: exit %d\n%s", readers[i%len(readers)], code, out)
		}
	})

	// serve, and beside it: two ingests of new plans (run in the server,
	// one after the other), and every reader, all at once.
	u, stop := startServe(t, dir)
	writeMarker(t, filepath.Join(root, "new1"), "zyxwva")
	writeMarker(t, filepath.Join(root, "new2"), "zyxwvb")
	if n := apiTotal(t, u, "zyxwva"); n != 0 {
		t.Fatalf("marker found before its ingest: %d", n)
	}
	cmds := append([][]string{
		{"ingest", "--index", dir, filepath.Join(root, "new1")},
		{"ingest", "--index", dir, filepath.Join(root, "new2")},
	}, readers...)
	parallel(cmds, func(i, code int, out string) {
		if code != 0 && !(code == 1 && cmds[i][0] == "audit") {
			t.Errorf("%v beside serve: exit %d\n%s", cmds[i], code, out)
		}
		if cmds[i][0] == "ingest" && !strings.Contains(out, "goes through it") {
			t.Errorf("%v beside serve did not go through the server:\n%s", cmds[i], out)
		}
	})
	for _, w := range []string{"zyxwva", "zyxwvb"} {
		if n := apiTotal(t, u, w); n != 1 {
			t.Errorf("the server finds %d passages of %s after its ingest, want 1", n, w)
		}
		if code, out := runProc("search", "--index", dir, w); code != 0 || !strings.Contains(out, w+".txt") {
			t.Errorf("search %s beside serve: %d\n%s", w, code, out)
		}
	}
	// A second server is refused, naming the first.
	if code, out := runProc("serve", "--index", dir, "--addr", "127.0.0.1:0"); code != 1 || !strings.Contains(out, "already served by PID") {
		t.Errorf("second serve: exit %d\n%s", code, out)
	}
	if code, out := runProc("check", "--repair", "--index", dir); code != 0 || !strings.Contains(out, "goes through it") {
		t.Errorf("check --repair beside serve: exit %d\n%s", code, out)
	}
	if errs := stop(); strings.Contains(errs, "panic") || strings.Contains(errs, "DATA RACE") {
		t.Errorf("serve's stderr:\n%s", errs)
	}

	// An ingest that writes for a while: a second ingest is refused with
	// the first one's name, readers read through it, and a server started
	// now serves through it, then takes the index over.
	big := filepath.Join(root, "big")
	if _, err := plangen.New(9).WriteCorpus(big, 400); err != nil {
		t.Fatal(err)
	}
	writeMarker(t, big, "zyxwvc")
	ing := chitieuCmd("ingest", "--quiet", "--workers", "1", "--batch", "50", "--index", dir, big)
	var ingOut strings.Builder
	ing.Stdout, ing.Stderr = &ingOut, &ingOut
	if err := ing.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- ing.Wait() }()
	waitOwner(t, dir, "ingest")
	if code, out := runProc("ingest", "--index", dir, filepath.Join(root, "new1")); code != 1 ||
		!strings.Contains(out, fmt.Sprintf("is being written by 'chitieu ingest' (PID %d", ing.Process.Pid)) {
		t.Errorf("second ingest beside an ingest: exit %d\n%s", code, out)
	}
	parallel(readers[:5], func(i, code int, out string) {
		if code != 0 && !(code == 1 && readers[i][0] == "audit") {
			t.Errorf("%v beside ingest: exit %d\n%s", readers[i], code, out)
		}
	})
	u, stop = startServe(t, dir)
	if n := apiTotal(t, u, "zyxwva"); n != 1 {
		t.Errorf("serve beside ingest finds %d passages of zyxwva, want 1", n)
	}
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("the long ingest: %v\n%s", err, ingOut.String())
		}
	case <-time.After(5 * time.Minute):
		t.Fatal("the long ingest did not end")
	}
	deadline := time.Now().Add(30 * time.Second)
	for apiTotal(t, u, "zyxwvc") != 1 {
		if time.Now().After(deadline) {
			t.Fatal("the server does not find the long ingest's plans")
		}
		time.Sleep(200 * time.Millisecond)
	}
	// The server owns the index now: an ingest goes through it.
	if code, out := runProc("ingest", "--index", dir, filepath.Join(root, "new2")); code != 0 || !strings.Contains(out, "goes through it") {
		t.Errorf("ingest after the take-over: exit %d\n%s", code, out)
	}
	if errs := stop(); !strings.Contains(errs, "serving through it") || !strings.Contains(errs, "serving "+dir+" itself") {
		t.Errorf("serve's stderr does not tell of the take-over:\n%s", errs)
	}
}

// waitOwner waits until the index's lock names a writer running command.
func waitOwner(t *testing.T, dir, command string) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		b, _ := os.ReadFile(filepath.Join(dir, "lock"))
		var o struct {
			Command string `json:"command"`
			Socket  string `json:"socket"`
		}
		if json.Unmarshal(b, &o) == nil && o.Command == command && o.Socket != "" {
			return
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Fatalf("no %s took the index", command)
}
