package index

import (
	"github.com/chitieu/chitieu/extract/gazetteer"
	"github.com/chitieu/chitieu/extract/targets"
)

// A document entry stores its targets.DocMeta under "meta": every field
// of the struct, named by its JSON name ("meta.doc_number"), stored for
// display. The mapping and the readers below follow targets.MetaNames,
// so a field added to targets.DocMeta is indexed and read back with no
// change here.

// fieldMeta is the sub-document of a document entry's DocMeta.
const fieldMeta = "meta"

// metaFields are the stored fields of a document entry's DocMeta.
func metaFields() []string {
	names := targets.MetaNames()
	for i, n := range names {
		names[i] = fieldMeta + "." + n
	}
	return names
}

// metaOf reads a DocMeta from a document entry's stored fields.
func metaOf(f map[string]any) targets.DocMeta {
	var m targets.DocMeta
	for _, n := range targets.MetaNames() {
		if s, ok := f[fieldMeta+"."+n].(string); ok {
			m.Set(n, s)
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
