package wordtext

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"
)

// DOCWithFallback reads a DOC file in Go and, only if that fails (a file
// saved by a program the reader does not follow), with an installed
// antiword, or LibreOffice's 'soffice --cat'; the result then says so in
// a warning. An encrypted file or one over the bounds is not retried.
func DOCWithFallback(ctx context.Context, b []byte, opt Options) (*Result, error) {
	res, err := DOC(b, opt)
	if err == nil || err == ErrEncrypted || strings.Contains(err.Error(), ErrTooLarge.Error()) {
		return res, err
	}
	for _, tool := range [][]string{{"antiword", "-m", "UTF-8.txt"}, {"soffice", "--headless", "--cat"}} {
		if _, lerr := exec.LookPath(tool[0]); lerr != nil {
			continue
		}
		text, terr := runTool(ctx, b, tool)
		if terr != nil || strings.TrimSpace(text) == "" {
			continue
		}
		return &Result{Text: text, Warnings: []string{fmt.Sprintf("read by %s: the Go reader could not (%v)", tool[0], err)}}, nil
	}
	return nil, err
}

func runTool(ctx context.Context, b []byte, tool []string) (string, error) {
	dir, err := os.MkdirTemp("", "chitieu-doc-")
	if err != nil {
		return "", err
	}
	defer os.RemoveAll(dir)
	p := filepath.Join(dir, "in.doc")
	if err := os.WriteFile(p, b, 0o600); err != nil {
		return "", err
	}
	ctx, cancel := context.WithTimeout(ctx, 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, tool[0], append(tool[1:], p)...)
	var out bytes.Buffer
	cmd.Stdout = &out
	if tool[0] == "soffice" {
		cmd.Env = append(os.Environ(), "HOME="+dir) // its own profile, not the user's
	}
	if err := cmd.Run(); err != nil {
		return "", err
	}
	return out.String(), nil
}
