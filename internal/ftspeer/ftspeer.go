// Package ftspeer is the peer chitieu's benchmarks measure the index
// against: the same passages in SQLite FTS5 (the pure-Go
// modernc.org/sqlite), tokenized by unicode61 with remove_diacritics 2, as
// a researcher who reached for SQLite would load them. Only benchmarks
// import it; the chitieu binary does not.
package ftspeer

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	_ "modernc.org/sqlite" // the database/sql driver "sqlite"
)

// A Row is one passage and the fields its searches filter and count by.
// Years and Indicators are space-separated lists.
type Row struct {
	DocID, Text                      string
	Province, ProvinceCode, District string
	DocType, Years, Indicators       string
}

// DB is an FTS5 table of passages in one SQLite file.
type DB struct{ db *sql.DB }

// Create makes a new database at path (which must not exist).
func Create(path string) (*DB, error) {
	d, err := Open(path)
	if err != nil {
		return nil, err
	}
	_, err = d.db.Exec(`CREATE VIRTUAL TABLE p USING fts5(
		text, doc_id UNINDEXED, province UNINDEXED, province_code UNINDEXED, district UNINDEXED,
		doc_type UNINDEXED, years UNINDEXED, indicators UNINDEXED,
		tokenize = 'unicode61 remove_diacritics 2')`)
	if err != nil {
		d.Close()
		return nil, fmt.Errorf("ftspeer: %w", err)
	}
	return d, nil
}

// Open opens an existing database.
func Open(path string) (*DB, error) {
	db, err := sql.Open("sqlite", "file:"+path+"?_pragma=journal_mode(OFF)&_pragma=synchronous(OFF)")
	if err != nil {
		return nil, fmt.Errorf("ftspeer: %w", err)
	}
	return &DB{db}, nil
}

// Close closes the database.
func (d *DB) Close() error { return d.db.Close() }

// Load inserts the rows it receives, n per transaction, until rows is
// closed.
func (d *DB) Load(ctx context.Context, rows <-chan Row, n int) (int, error) {
	count := 0
	for {
		tx, err := d.db.BeginTx(ctx, nil)
		if err != nil {
			return count, err
		}
		st, err := tx.Prepare(`INSERT INTO p VALUES (?, ?, ?, ?, ?, ?, ?, ?)`)
		if err != nil {
			tx.Rollback()
			return count, err
		}
		i, open := 0, true
		for ; i < n; i++ {
			var r Row
			if r, open = <-rows; !open {
				break
			}
			if _, err := st.Exec(r.Text, r.DocID, r.Province, r.ProvinceCode, r.District, r.DocType, r.Years, r.Indicators); err != nil {
				tx.Rollback()
				return count, err
			}
			count++
		}
		st.Close()
		if err := tx.Commit(); err != nil {
			return count, err
		}
		if !open {
			return count, nil
		}
	}
}

// Optimize merges the table's b-trees into one, as a loaded table is left.
func (d *DB) Optimize() error {
	_, err := d.db.Exec(`INSERT INTO p(p) VALUES ('optimize')`)
	return err
}

// A Query is an FTS5 MATCH expression and an SQL condition on the
// unindexed columns ("" for none), with its arguments.
type Query struct {
	Match string
	Where string
	Args  []any
}

// A Result is what a search page shows: the total, the best hits with a
// snippet, and, when asked, the counts by province, district, year,
// indicator and type.
type Result struct {
	Total  int
	Hits   []Hit
	Facets map[string][][2]any
}

// A Hit is one passage.
type Hit struct {
	DocID, Snippet string
	Rank           float64
}

// Search runs q, returns the best limit hits (bm25) and, with facets, the
// 20 commonest values of each facet column among all hits.
func (d *DB) Search(ctx context.Context, q Query, limit int, facets bool) (*Result, error) {
	where := `p MATCH ?`
	if q.Where != "" {
		where += ` AND (` + q.Where + `)`
	}
	args := append([]any{q.Match}, q.Args...)
	res := &Result{}
	if err := d.db.QueryRowContext(ctx, `SELECT count(*) FROM p WHERE `+where, args...).Scan(&res.Total); err != nil {
		return nil, fmt.Errorf("ftspeer: %q: %w", q.Match, err)
	}
	rows, err := d.db.QueryContext(ctx, `SELECT doc_id, snippet(p, 0, '[', ']', '…', 40), rank FROM p WHERE `+where+
		` ORDER BY rank LIMIT ?`, append(args, limit)...)
	if err != nil {
		return nil, fmt.Errorf("ftspeer: %q: %w", q.Match, err)
	}
	for rows.Next() {
		var h Hit
		if err := rows.Scan(&h.DocID, &h.Snippet, &h.Rank); err != nil {
			rows.Close()
			return nil, err
		}
		res.Hits = append(res.Hits, h)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if !facets {
		return res, nil
	}
	res.Facets = map[string][][2]any{}
	for _, col := range []string{"province", "district", "years", "indicators", "doc_type"} {
		rows, err := d.db.QueryContext(ctx, `SELECT `+col+`, count(*) AS n FROM p WHERE `+where+
			` GROUP BY `+col+` ORDER BY n DESC LIMIT 20`, args...)
		if err != nil {
			return nil, fmt.Errorf("ftspeer: facet %s: %w", col, err)
		}
		for rows.Next() {
			var v string
			var n int
			if err := rows.Scan(&v, &n); err != nil {
				rows.Close()
				return nil, err
			}
			res.Facets[col] = append(res.Facets[col], [2]any{v, n})
		}
		rows.Close()
	}
	return res, nil
}

// MatchWords is the FTS5 expression that requires every word of s, each
// quoted (FTS5 folds them as it folds the text).
func MatchWords(s string) string {
	var b strings.Builder
	for _, w := range strings.Fields(s) {
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(`"` + strings.ReplaceAll(w, `"`, `""`) + `"`)
	}
	return b.String()
}
