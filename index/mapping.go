package index

import (
	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/chitieu/chitieu/extract/targets"
)

// The index holds four types of bleve documents, told apart by the field
// "kind". Every mapping is static: a field not listed here is neither
// indexed nor stored.
//
//	document  one document of a file: metadata, and the normalized text and
//	          page offsets stored (not indexed) for reading. ID: the
//	          document ID of the extraction (file SHA-256, "#N" for the Nth
//	          document of a file).
//	passage   a paragraph or list item (short lines joined until the
//	          passage is long enough to read alone), with its byte offsets
//	          and page, the document's metadata, and the years and
//	          indicators of the targets it holds. ID: "DOCID/pN".
//	target    one extraction record: its fields for filtering and faceting,
//	          its sentence for searching, and the whole record as stored
//	          JSON. ID: "DOCID/tN".
//	file      what ingest knows about one path: content hash, size, status
//	          (ok or failed, with the reason) and the documents it holds.
//	          ID: "file:" + the absolute path.
//
// The text of passages is stored in "text" for display and indexed in two
// fields: "text_fold" (AnalyzerFold: folded words, with term vectors for
// phrases) and "text_x" (AnalyzerExtra: exact forms and bigrams, for
// ranking). A target's sentence is indexed the same way in "target_text"
// and "target_text_x", so that a passage search needs no clause on the
// kind.
const (
	kindDocument = "document"
	kindPassage  = "passage"
	kindTarget   = "target"
	kindFile     = "file"
)

// Field names used by queries and facets.
const (
	fieldKind            = "kind"
	fieldText            = "text"
	fieldTextFold        = "text_fold"
	fieldTextExtra       = "text_x"
	fieldTargetText      = "target_text"
	fieldTargetTextExtra = "target_text_x"
	fieldTitle           = "title"
	fieldYearKey         = "year_key"
	fieldPlanYear        = "plan_year" // a passage's document's plan years (planYears)
	fieldFacets          = "facets"
	fieldValue           = "value"
	fieldIndicator       = "indicator"
	fieldLabelKey        = "label_key"
	fieldDocType         = "doc_type"
	fieldDocTypeKey      = "doc_type_key"
	fieldProvince        = "province"
	fieldProvCode        = "province_code"
	fieldDistrict        = "district"
	fieldDistCode        = "district_code"
	fieldDistKey         = "district_key"
	fieldNumberKey       = "doc_number_key"
	fieldDocID           = "doc_id"
	fieldPath            = "path"
	fieldSHA             = "sha"
)

// noAll turns off bleve's "_all" composite field, which every field is
// checked against (and added to nothing: no field is in it).
func noAll(dm *mapping.DocumentMapping) {
	dm.AddSubDocumentMapping("_all", bleve.NewDocumentDisabledMapping())
}

// newMapping returns the index mapping.
func newMapping() (*mapping.IndexMappingImpl, error) {
	m := bleve.NewIndexMapping()
	if err := addAnalysis(m); err != nil {
		return nil, err
	}
	m.TypeField = fieldKind
	m.DefaultType = "unknown"
	m.DefaultAnalyzer = AnalyzerFold
	m.DefaultMapping = bleve.NewDocumentDisabledMapping()
	m.IndexDynamic, m.StoreDynamic, m.DocValuesDynamic = false, false, false

	// keyword is a field matched whole; facets and sorts need its doc
	// values, display needs it stored.
	keyword := func(store, docValues bool) *mapping.FieldMapping {
		f := bleve.NewKeywordFieldMapping()
		f.Store, f.DocValues, f.IncludeInAll, f.IncludeTermVectors = store, docValues, false, false
		return f
	}
	stored := func() *mapping.FieldMapping { // kept for display, not searchable
		f := bleve.NewTextFieldMapping()
		f.Index, f.IncludeInAll, f.IncludeTermVectors, f.DocValues = false, false, false, false
		return f
	}
	number := func(store bool) *mapping.FieldMapping { // filtered by range
		f := bleve.NewNumericFieldMapping()
		f.Store, f.IncludeInAll, f.DocValues = store, false, false
		return f
	}
	storedNumber := func() *mapping.FieldMapping { // only shown: no prefix-coded terms to index
		f := number(true)
		f.Index = false
		return f
	}
	analyzed := func(name, analyzer string, store bool) *mapping.FieldMapping {
		f := bleve.NewTextFieldMapping()
		f.Name, f.Analyzer, f.Store, f.IncludeInAll, f.DocValues = name, analyzer, store, false, false
		return f
	}
	// textFields index a text: folded with positions, exact forms and
	// bigrams without.
	textFields := func(fold, extra string) []*mapping.FieldMapping {
		x := analyzed(extra, AnalyzerExtra, false)
		x.IncludeTermVectors = false
		return []*mapping.FieldMapping{analyzed(fold, AnalyzerFold, false), x}
	}
	text := func(dm *mapping.DocumentMapping) {
		dm.AddFieldMappingsAt("text", append(textFields(fieldTextFold, fieldTextExtra), stored())...)
	}
	// The filter fields shared by documents, passages and targets: the
	// faceted ones keep doc values; only the document entry stores them.
	filters := func(dm *mapping.DocumentMapping, store bool) {
		dm.AddFieldMappingsAt(fieldKind, keyword(false, false))
		// Passages and targets find their document by their ID
		// (entryDocID): the field is stored on documents only. Their
		// doc values count the matches of each copy of a document
		// (copies.hide).
		dm.AddFieldMappingsAt(fieldDocID, keyword(store, !store))
		if store {
			// Shown with the document; passages and targets count
			// them in their facets field.
			for _, f := range []string{fieldDocType, fieldProvince, fieldDistrict} {
				dm.AddFieldMappingsAt(f, keyword(true, false))
			}
		}
		for _, f := range []string{fieldDocTypeKey, fieldProvCode, fieldDistCode, fieldDistKey, fieldNumberKey} {
			dm.AddFieldMappingsAt(f, keyword(store, false))
		}
	}

	doc := bleve.NewDocumentStaticMapping()
	filters(doc, true)
	doc.AddFieldMappingsAt("programmes", keyword(true, false))
	for _, f := range []string{fieldTitle, fieldPath, "name", "text", "pages", "format", "engine", "warnings", "file_sha", "sketch"} {
		doc.AddFieldMappingsAt(f, stored())
	}
	// The document's targets.DocMeta, every field stored (meta.go).
	meta := bleve.NewDocumentStaticMapping()
	for _, f := range targets.MetaNames() {
		meta.AddFieldMappingsAt(f, stored())
	}
	noAll(meta)
	doc.AddSubDocumentMapping(fieldMeta, meta)
	for _, f := range []string{"part", "parent", "start", "end", "passages", "targets"} {
		doc.AddFieldMappingsAt(f, storedNumber())
	}
	noAll(doc)
	m.AddDocumentMapping(kindDocument, doc)

	// Passages and targets: searchable text, the document's filters, and
	// the years and indicators of their targets.
	textEntry := func(withText func(*mapping.DocumentMapping)) *mapping.DocumentMapping {
		dm := bleve.NewDocumentStaticMapping()
		filters(dm, false)
		withText(dm)
		dm.AddFieldMappingsAt(fieldYearKey, keyword(false, false))
		dm.AddFieldMappingsAt(fieldIndicator, keyword(false, false))
		dm.AddFieldMappingsAt(fieldLabelKey, keyword(false, false))
		dm.AddFieldMappingsAt(fieldFacets, keyword(false, true))
		return dm
	}
	passage := textEntry(text)
	passage.AddFieldMappingsAt(fieldPlanYear, keyword(false, false))
	for _, f := range []string{"page", "start", "end"} {
		passage.AddFieldMappingsAt(f, storedNumber())
	}
	noAll(passage)
	m.AddDocumentMapping(kindPassage, passage)

	// A target's sentence, for the words of a targets query.
	target := textEntry(func(dm *mapping.DocumentMapping) {
		dm.AddFieldMappingsAt("text", append(textFields(fieldTargetText, fieldTargetTextExtra), stored())...)
	})
	target.AddFieldMappingsAt(fieldValue, number(false))
	for _, f := range []string{"unit", "cmp", "modality", "target_kind"} {
		target.AddFieldMappingsAt(f, keyword(false, false))
	}
	target.AddFieldMappingsAt("record", stored())
	target.AddFieldMappingsAt("page", storedNumber())
	noAll(target)
	m.AddDocumentMapping(kindTarget, target)

	file := bleve.NewDocumentStaticMapping()
	file.AddFieldMappingsAt(fieldKind, keyword(false, false))
	file.AddFieldMappingsAt(fieldPath, keyword(true, false))
	file.AddFieldMappingsAt(fieldSHA, keyword(true, false))
	file.AddFieldMappingsAt("status", keyword(true, false))
	file.AddFieldMappingsAt("manifest", stored())
	noAll(file)
	m.AddDocumentMapping(kindFile, file)

	if err := m.Validate(); err != nil {
		return nil, err
	}
	return m, nil
}
