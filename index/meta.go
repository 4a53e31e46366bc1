package index

import (
	"reflect"
	"strings"

	"github.com/chitieu/chitieu/extract/gazetteer"
	"github.com/chitieu/chitieu/extract/targets"
)

// A document entry stores its targets.DocMeta under "meta": every field
// of the struct, named by its JSON name ("meta.doc_number"), stored for
// display. The mapping and the readers below follow the struct, so a
// field added to targets.DocMeta is indexed and read back with no change
// here.

// fieldMeta is the sub-document of a document entry's DocMeta.
const fieldMeta = "meta"

// metaNames are the JSON names of DocMeta's fields, in order, and their
// paths in the struct (through the embedded Where).
var metaNames, metaPaths = func() ([]string, [][]int) {
	var names []string
	var paths [][]int
	var walk func(t reflect.Type, at []int)
	walk = func(t reflect.Type, at []int) {
		for i := range t.NumField() {
			f := t.Field(i)
			path := append(append([]int(nil), at...), i)
			if f.Anonymous {
				walk(f.Type, path)
				continue
			}
			name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
			if name == "" || name == "-" || f.Type.Kind() != reflect.String {
				panic("index: targets.DocMeta." + f.Name + " must be a string with a JSON name")
			}
			names = append(names, name)
			paths = append(paths, path)
		}
	}
	walk(reflect.TypeFor[targets.DocMeta](), nil)
	return names, paths
}()

// metaFields are the stored fields of a document entry's DocMeta.
func metaFields() []string {
	out := make([]string, len(metaNames))
	for i, n := range metaNames {
		out[i] = fieldMeta + "." + n
	}
	return out
}

// metaOf reads a DocMeta from a document entry's stored fields.
func metaOf(f map[string]any) targets.DocMeta {
	var m targets.DocMeta
	v := reflect.ValueOf(&m).Elem()
	for i, n := range metaNames {
		if s, ok := f[fieldMeta+"."+n].(string); ok {
			v.FieldByIndex(metaPaths[i]).SetString(s)
		}
	}
	return m
}

// filing returns the province of the 63 a locality is filed under for
// filters and pages: its own, or for a unit of the 2025 list the one
// whose name its 2025 province carries (province:"Tây Ninh" finds a
// commune of the new Tây Ninh).
func filing(w targets.Where) (name, code string) {
	if w.Of2025() {
		g := gazetteer.Default()
		if n := g.Namesake(g.Place2025(w.Province2025Code)); n != nil {
			return n.Name, n.Code
		}
	}
	return w.Province, w.ProvinceCode
}
