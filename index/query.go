package index

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/chitieu/chitieu/extract/vntext"
)

// MaxQueryLen bounds a query's length in bytes.
const MaxQueryLen = 2000

// A Query is a parsed search query. The language:
//
//	học tập suốt đời        words: all must occur (diacritics optional)
//	"xã hội học tập"        a phrase: the words together, in order
//	thư*                    a prefix
//	hoc~                    a word within one edit
//	-"mầm non"  -word       must not occur
//	province:"Bình Dương"   filters, by name or code (province:74)
//	district:"Bến Cát"
//	year:2030  year:>=2025  year:2021..2025
//	indicator:life_skills   a catalog ID; several with commas
//	type:KH                 the document type code (KH, QĐ, CV, ...)
//	number:"1373/QĐ-TTg"    the document number
//	value:>=60              targets only: the target's value (> >= < <= =, a..b)
//
// A query with a value filter searches target records rather than
// passages. Field names are case-insensitive; values keep their
// diacritics or not, as typed.
type Query struct {
	Terms   []Term
	Filters []Filter
}

// A Term is a word, a phrase, a prefix or a fuzzy word of the text.
type Term struct {
	Text   string
	Phrase bool
	Prefix bool
	Fuzzy  bool
	Not    bool
}

// A Filter restricts a field.
type Filter struct {
	Field string // one of Fields
	Value string // as typed, for names and IDs
	Op    string // for numbers: "=", ">", ">=", "<", "<=" or ".." (Lo..Hi)
	Lo    float64
	Hi    float64
	Not   bool
}

// Fields are the filter fields of the query language.
var Fields = []string{"province", "district", "year", "indicator", "label", "type", "number", "value"}

func isNumericField(f string) bool { return f == "year" || f == "value" }

// TargetsOnly reports whether q needs target records (it filters on value).
func (q *Query) TargetsOnly() bool {
	for _, f := range q.Filters {
		if f.Field == "value" {
			return true
		}
	}
	return false
}

// A QueryError is a malformed query, with the byte position of the fault.
type QueryError struct {
	Query string
	Pos   int
	Msg   string
}

func (e *QueryError) Error() string {
	return fmt.Sprintf("bad query at %d: %s", e.Pos, e.Msg)
}

func (e *QueryError) Unwrap() error { return ErrBadQuery }

// ParseQuery parses a query. The text is normalized first (NFC, tone
// placement, legacy encodings), as documents are.
func ParseQuery(s string) (*Query, error) {
	if len(s) > MaxQueryLen {
		return nil, &QueryError{Pos: MaxQueryLen, Msg: fmt.Sprintf("query longer than %d bytes", MaxQueryLen)}
	}
	if !utf8.ValidString(s) {
		return nil, &QueryError{Msg: "query is not valid UTF-8"}
	}
	s = vntext.Normalize(s)
	p := parser{s: s}
	q := &Query{}
	for {
		p.skipSpace()
		if p.i >= len(p.s) {
			break
		}
		if err := p.clause(q); err != nil {
			err.Query = s
			return nil, err
		}
	}
	if len(q.Terms) == 0 && len(q.Filters) == 0 {
		return nil, &QueryError{Query: s, Msg: "empty query"}
	}
	return q, nil
}

type parser struct {
	s string
	i int
}

func (p *parser) skipSpace() {
	for p.i < len(p.s) {
		r, n := utf8.DecodeRuneInString(p.s[p.i:])
		if !unicode.IsSpace(r) {
			return
		}
		p.i += n
	}
}

func (p *parser) errorf(pos int, format string, args ...any) *QueryError {
	return &QueryError{Pos: pos, Msg: fmt.Sprintf(format, args...)}
}

// clause reads one clause at p.i.
func (p *parser) clause(q *Query) *QueryError {
	start := p.i
	not := false
	if p.s[p.i] == '-' && p.i+1 < len(p.s) && !isSpaceByte(p.s[p.i+1]) {
		not = true
		p.i++
	}
	if p.s[p.i] == '"' {
		text, err := p.quoted()
		if err != nil {
			return err
		}
		if strings.TrimSpace(text) != "" {
			q.Terms = append(q.Terms, Term{Text: text, Phrase: true, Not: not})
		}
		return nil
	}
	word := p.bare()
	if name, rest, ok := strings.Cut(word, ":"); ok && isFieldName(name) {
		field := strings.ToLower(name)
		if !knownField(field) {
			return p.errorf(start, "unknown field %q (fields: %s)", name, strings.Join(Fields, ", "))
		}
		if rest == "" {
			if p.i < len(p.s) && p.s[p.i] == '"' {
				v, err := p.quoted()
				if err != nil {
					return err
				}
				rest = v
			}
		} else if strings.Contains(rest, `"`) {
			return p.errorf(start, "misplaced quote in %q", word)
		}
		rest = strings.TrimSpace(rest)
		if rest == "" {
			return p.errorf(start, "%s: needs a value", field)
		}
		f := Filter{Field: field, Value: rest, Not: not}
		if isNumericField(field) {
			if err := parseRange(&f); err != nil {
				return p.errorf(start, "%s: %s", field, err)
			}
		}
		q.Filters = append(q.Filters, f)
		return nil
	}
	if strings.Contains(word, "\"") {
		return p.errorf(start, "misplaced quote in %q", word)
	}
	t := Term{Text: word, Not: not}
	switch {
	case strings.HasSuffix(word, "*"):
		t.Text, t.Prefix = strings.TrimRight(word, "*"), true
	case strings.HasSuffix(word, "~"):
		t.Text, t.Fuzzy = strings.TrimRight(word, "~"), true
	}
	if strings.ContainsAny(t.Text, "*~") {
		return p.errorf(start, "a wildcard or ~ may only end a word: %q", word)
	}
	if (t.Prefix || t.Fuzzy) && len(vntext.Tokens(t.Text)) != 1 {
		return p.errorf(start, "a prefix or fuzzy word must be one word: %q", word)
	}
	if len(vntext.Tokens(t.Text)) == 0 {
		return nil // punctuation alone: nothing to search
	}
	q.Terms = append(q.Terms, t)
	return nil
}

func isSpaceByte(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// quoted reads a quoted string at p.i.
func (p *parser) quoted() (string, *QueryError) {
	start := p.i
	end := strings.IndexByte(p.s[p.i+1:], '"')
	if end < 0 {
		return "", p.errorf(start, "unclosed quote")
	}
	text := p.s[p.i+1 : p.i+1+end]
	p.i += end + 2
	return text, nil
}

// bare reads up to the next space or opening quote after a colon.
func (p *parser) bare() string {
	start := p.i
	for p.i < len(p.s) {
		r, n := utf8.DecodeRuneInString(p.s[p.i:])
		if unicode.IsSpace(r) {
			break
		}
		if r == '"' && p.i > start && p.s[p.i-1] == ':' {
			break
		}
		p.i += n
	}
	return p.s[start:p.i]
}

// isFieldName reports whether s looks like a field name: ASCII letters.
func isFieldName(s string) bool {
	if s == "" {
		return false
	}
	for _, c := range []byte(s) {
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || c == '_') {
			return false
		}
	}
	return true
}

func knownField(f string) bool {
	for _, k := range Fields {
		if f == k {
			return true
		}
	}
	return false
}

// parseRange reads a numeric filter's value: N, >N, >=N, <N, <=N, =N, A..B.
func parseRange(f *Filter) error {
	v := f.Value
	for _, op := range []string{">=", "<=", ">", "<", "="} {
		if strings.HasPrefix(v, op) {
			n, err := parseNumber(v[len(op):])
			if err != nil {
				return err
			}
			f.Op, f.Lo, f.Hi = op, n, n
			return nil
		}
	}
	if a, b, ok := strings.Cut(v, ".."); ok {
		lo, err := parseNumber(a)
		if err != nil {
			return err
		}
		hi, err := parseNumber(b)
		if err != nil {
			return err
		}
		if lo > hi {
			return fmt.Errorf("empty range %s", v)
		}
		f.Op, f.Lo, f.Hi = "..", lo, hi
		return nil
	}
	n, err := parseNumber(v)
	if err != nil {
		return err
	}
	f.Op, f.Lo, f.Hi = "=", n, n
	return nil
}

// parseNumber reads a number written the Vietnamese way (12,5) or the
// English way (12.5), with an optional % sign.
func parseNumber(s string) (float64, error) {
	t := strings.TrimSuffix(strings.TrimSpace(s), "%")
	t = strings.Replace(t, ",", ".", 1)
	n, err := strconv.ParseFloat(t, 64)
	if err != nil || t == "" || strings.ContainsAny(t, "eEnNiI_xX") {
		return 0, fmt.Errorf("not a number: %q", s)
	}
	if n == 0 {
		// -0 sorts above +0 in bleve's numeric encoding: a range
		// from -0 to 0 never ends.
		n = 0
	}
	return n, nil
}

// String writes q back in the query language, normalized.
func (q *Query) String() string {
	var parts []string
	for _, t := range q.Terms {
		s := t.Text
		switch {
		case t.Phrase:
			s = `"` + s + `"`
		case t.Prefix:
			s += "*"
		case t.Fuzzy:
			s += "~"
		}
		if t.Not {
			s = "-" + s
		}
		parts = append(parts, s)
	}
	for _, f := range q.Filters {
		v := f.Value
		if strings.ContainsAny(v, " \t") {
			v = `"` + v + `"`
		}
		s := f.Field + ":" + v
		if f.Not {
			s = "-" + s
		}
		parts = append(parts, s)
	}
	return strings.Join(parts, " ")
}
