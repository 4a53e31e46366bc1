package main

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"slices"
	"strconv"
	"text/tabwriter"
	"unicode/utf8"

	"github.com/chitieu/chitieu/extract/targets"
)

// printJSON writes v as indented JSON.
func printJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

// A recordWriter prints records in one format.
type recordWriter interface {
	write(targets.Record) error
	flush() error
}

// recordFormats are the formats of records (extract, targets); "json"
// is taken for "jsonl".
var recordFormats = []format[func(io.Writer) recordWriter]{
	{"jsonl", func(w io.Writer) recordWriter { return newJSONLWriter(w) }},
	{"csv", func(w io.Writer) recordWriter { return newCSVWriter(w) }},
	{"table", func(w io.Writer) recordWriter { return newTableWriter(w) }},
}

// newRecordWriter returns the writer of a format name to x's stdout, or
// a usage error.
func newRecordWriter(x *call, name string) (recordWriter, error) {
	if name == "json" {
		name = "jsonl"
	}
	mk, err := pickFormat(x, name, recordFormats...)
	if err != nil {
		return nil, err
	}
	return mk(x.stdout), nil
}

type jsonlWriter struct{ enc *json.Encoder }

func newJSONLWriter(w io.Writer) *jsonlWriter {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	return &jsonlWriter{enc}
}

func (j *jsonlWriter) write(r targets.Record) error { return j.enc.Encode(r) }

func (j *jsonlWriter) flush() error { return nil }

// csvColumns are the record's JSON field names, in order: its file's,
// its document's (targets.MetaNames), its own.
var csvColumns = slices.Concat([]string{"doc", "path", "doc_id"}, targets.MetaNames(), []string{
	"indicator", "indicator_label", "value", "value_max", "unit", "cmp",
	"count", "total", "year", "modality", "kind", "sub_of", "value_text", "text", "page", "start", "end",
	"cell_row", "cell_header", "cell_value"})

type csvWriter struct {
	w      *csv.Writer
	header bool
	out    io.Writer
}

func newCSVWriter(w io.Writer) *csvWriter { return &csvWriter{w: csv.NewWriter(w), out: w} }

func num(x float64) string { return strconv.FormatFloat(x, 'f', -1, 64) }

func optInt(n int) string {
	if n == 0 {
		return ""
	}
	return strconv.Itoa(n)
}

func (c *csvWriter) write(r targets.Record) error {
	if !c.header {
		if _, err := io.WriteString(c.out, "\ufeff"); err != nil {
			return err
		}
		c.w.Write(csvColumns)
		c.header = true
	}
	vmax := ""
	if r.ValueMax != nil {
		vmax = num(*r.ValueMax)
	}
	var cell targets.CellEvidence
	if r.Cell != nil {
		cell = *r.Cell
	}
	return c.w.Write(slices.Concat([]string{r.Doc, r.Path, r.DocID}, r.DocMeta.Values(), []string{
		r.Indicator, r.IndicatorLabel, num(r.Value), vmax, r.Unit.String(), r.Cmp.String(),
		optInt(r.Count), optInt(r.Total), optInt(r.Year), r.Modality.String(), r.Kind.String(), r.SubOf,
		r.ValueText, r.Text, strconv.Itoa(r.Page), strconv.Itoa(r.Start), strconv.Itoa(r.End),
		cell.Row, cell.Header, cell.Value}))
}

func (c *csvWriter) flush() error {
	c.w.Flush()
	return c.w.Error()
}

type tableWriter struct {
	tw   *tabwriter.Writer
	rows int
}

func newTableWriter(w io.Writer) *tableWriter {
	return &tableWriter{tw: tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)}
}

func (t *tableWriter) write(r targets.Record) error {
	if t.rows == 0 {
		fmt.Fprintln(t.tw, "DOCUMENT\tLOCALITY\tINDICATOR\tVALUE\tYEAR\tMODALITY\tKIND\tWORDS")
	}
	t.rows++
	ind := r.Indicator
	if ind == "" {
		ind = "-"
	}
	year := "?"
	if r.Year != 0 {
		year = strconv.Itoa(r.Year)
	}
	loc := r.Locality
	if loc == "" {
		loc = "?"
	}
	_, err := fmt.Fprintf(t.tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", clip(r.Doc, 28), clip(loc, 24), ind, ValueString(r),
		year, r.Modality, r.Kind, clip(r.IndicatorLabel, 60))
	return err
}

func (t *tableWriter) flush() error { return t.tw.Flush() }

// ValueString writes a record's value with its qualifier, as a table cell:
// "≥60%", "~23%", "80–85%", "mức 2", "đạt".
func ValueString(r targets.Record) string { return r.Qualified(true) }

// clip shortens s to n runes.
func clip(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n-1]) + "…"
}

// writeOut writes to the file path names, or to stdout when it is empty;
// a file is written whole or not at all.
func writeOut(path string, stdout io.Writer, write func(io.Writer) error) error {
	if path == "" {
		return write(stdout)
	}
	tmp := path + ".tmp"
	f, err := os.Create(tmp)
	if err != nil {
		return err
	}
	if err := write(f); err != nil {
		f.Close()
		os.Remove(tmp)
		return err
	}
	if err := f.Close(); err != nil {
		os.Remove(tmp)
		return err
	}
	return os.Rename(tmp, path)
}
