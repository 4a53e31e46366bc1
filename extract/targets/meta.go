package targets

import (
	"reflect"
	"strings"
)

// DocMeta's fields by their JSON names, for the formats that list them
// (CSV columns, the index's stored fields): made from the struct, so
// that a field added to DocMeta or Where reaches them all.
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
				panic("targets: DocMeta." + f.Name + " must be a string with a JSON name")
			}
			names = append(names, name)
			paths = append(paths, path)
		}
	}
	walk(reflect.TypeFor[DocMeta](), nil)
	return names, paths
}()

// MetaNames returns the JSON names of DocMeta's fields, in order.
func MetaNames() []string { return append([]string(nil), metaNames...) }

// Values returns the fields of m in the order of MetaNames.
func (m DocMeta) Values() []string {
	v := reflect.ValueOf(m)
	out := make([]string, len(metaPaths))
	for i, p := range metaPaths {
		out[i] = v.FieldByIndex(p).String()
	}
	return out
}

// Set sets the field of a JSON name; it reports whether there is one.
func (m *DocMeta) Set(name, value string) bool {
	for i, n := range metaNames {
		if n == name {
			reflect.ValueOf(m).Elem().FieldByIndex(metaPaths[i]).SetString(value)
			return true
		}
	}
	return false
}
