package index

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net"
	"net/http"

	"github.com/chitieu/chitieu/extract/domain"
	"github.com/chitieu/chitieu/extract/targets"
)

// A Client reaches an index through the process that writes it (see
// Options.Share). Its methods are those of Index; it is safe for
// concurrent use.
type Client struct {
	dir   string
	owner Owner
	hc    *http.Client
}

// Dial connects to the owner of the index in dir.
func Dial(dir string, owner Owner) (*Client, error) {
	tr := &http.Transport{DialContext: func(ctx context.Context, _, _ string) (net.Conn, error) {
		var d net.Dialer
		return d.DialContext(ctx, "unix", owner.Socket)
	}}
	c := &Client{dir: dir, owner: owner, hc: &http.Client{Transport: tr}}
	var o Owner
	if err := c.call(context.Background(), "owner", nil, &o); err != nil {
		tr.CloseIdleConnections()
		return nil, fmt.Errorf("index %s: its writer (PID %d) does not answer: %w", dir, owner.PID, err)
	}
	if o.PID != owner.PID {
		tr.CloseIdleConnections()
		return nil, fmt.Errorf("index %s: the socket of PID %d answers for PID %d", dir, owner.PID, o.PID)
	}
	c.owner = o
	return c, nil
}

// Owner returns the process the client reaches the index through.
func (c *Client) Owner() Owner { return c.owner }

// Dir returns the index's directory.
func (c *Client) Dir() string { return c.dir }

// Close closes the client's connections; the index stays open in its
// owner.
func (c *Client) Close() error {
	c.hc.CloseIdleConnections()
	return nil
}

func (c *Client) post(ctx context.Context, name string, arg any) (*http.Response, error) {
	var body bytes.Buffer
	if arg != nil {
		if err := json.NewEncoder(&body).Encode(arg); err != nil {
			return nil, err
		}
	} else {
		body.WriteString("null")
	}
	req, err := http.NewRequestWithContext(ctx, "POST", "http://index/v1/"+name, &body)
	if err != nil {
		return nil, err
	}
	resp, err := c.hc.Do(req)
	if err != nil {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		return nil, fmt.Errorf("%w: index %s through PID %d: %v", ErrOwnerGone, c.dir, c.owner.PID, err)
	}
	if resp.StatusCode != http.StatusOK {
		resp.Body.Close()
		return nil, fmt.Errorf("index %s through PID %d: %s", c.dir, c.owner.PID, resp.Status)
	}
	return resp, nil
}

func (c *Client) call(ctx context.Context, name string, arg, out any) error {
	resp, err := c.post(ctx, name, arg)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	var rep reply
	if err := json.NewDecoder(resp.Body).Decode(&rep); err != nil {
		return fmt.Errorf("index %s through PID %d: %w", c.dir, c.owner.PID, err)
	}
	if rep.Err != nil {
		return &remoteError{*rep.Err}
	}
	return json.Unmarshal(rep.Result, out)
}

// Search is Index.Search through the owner.
func (c *Client) Search(ctx context.Context, r Request) (res *Result, err error) {
	return res, c.call(ctx, "search", r, &res)
}

// Targets is Index.Targets through the owner.
func (c *Client) Targets(ctx context.Context, f TargetFilter) (recs []targets.Record, err error) {
	return recs, c.call(ctx, "targets", f, &recs)
}

// Documents is Index.Documents through the owner.
func (c *Client) Documents(ctx context.Context) (docs []DocSummary, err error) {
	return docs, c.call(ctx, "documents", nil, &docs)
}

// Document is Index.Document through the owner.
func (c *Client) Document(ctx context.Context, id string) (doc *Document, err error) {
	return doc, c.call(ctx, "document", id, &doc)
}

// File is Index.File through the owner.
func (c *Client) File(path string) (m *Manifest, err error) {
	return m, c.call(context.Background(), "file", path, &m)
}

// Files is Index.Files through the owner.
func (c *Client) Files() (ms []Manifest, err error) {
	return ms, c.call(context.Background(), "files", nil, &ms)
}

// Status is Index.Status through the owner.
func (c *Client) Status() (st *Status, err error) {
	return st, c.call(context.Background(), "status", nil, &st)
}

// Domains is Index.Domains through the owner.
func (c *Client) Domains() (*domain.Set, error) {
	var raw json.RawMessage
	if err := c.call(context.Background(), "domains", nil, &raw); err != nil {
		return nil, err
	}
	return domain.Decode(raw)
}

// Check is Index.Check through the owner; a repair only through an owner
// that takes writes.
func (c *Client) Check(ctx context.Context, repair bool) (rep *CheckReport, err error) {
	return rep, c.call(ctx, "check", repair, &rep)
}

// Version is Index.Version of the owner; 0 when it does not answer.
func (c *Client) Version() uint64 {
	var v uint64
	c.call(context.Background(), "version", nil, &v)
	return v
}

// Run has the owner run the ingest, if it takes writes; progress is
// called as the owner reports files done.
func (c *Client) Run(ctx context.Context, j IngestJob, progress func(Progress)) (*Summary, error) {
	sum := &Summary{}
	resp, err := c.post(ctx, "ingest", j)
	if err != nil {
		return sum, err
	}
	defer resp.Body.Close()
	sc := bufio.NewScanner(resp.Body)
	sc.Buffer(nil, 64<<20)
	for sc.Scan() {
		var rep reply
		if err := json.Unmarshal(sc.Bytes(), &rep); err != nil {
			return sum, fmt.Errorf("index %s through PID %d: %w", c.dir, c.owner.PID, err)
		}
		if rep.Progress != nil {
			if progress != nil {
				progress(*rep.Progress)
			}
			continue
		}
		if rep.Result != nil {
			if err := json.Unmarshal(rep.Result, sum); err != nil {
				return sum, err
			}
		}
		if rep.Err != nil {
			return sum, &remoteError{*rep.Err}
		}
		return sum, nil
	}
	if err := sc.Err(); err != nil {
		return sum, fmt.Errorf("index %s through PID %d: %w", c.dir, c.owner.PID, err)
	}
	if ctx.Err() != nil {
		return sum, ctx.Err()
	}
	return sum, fmt.Errorf("index %s: PID %d ended the ingest without a summary", c.dir, c.owner.PID)
}
