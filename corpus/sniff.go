package corpus

import (
	"bytes"
	"net/http"
	"strings"
	"unicode/utf8"
)

// Format is a document format the pipeline reads.
type Format uint8

// The formats. Unknown is anything else.
const (
	Unknown Format = iota
	PDF
	HTML
	Text
	DOCX // Word 2007 and later (Office Open XML)
	DOC  // Word 97-2003 (binary, in an OLE2 compound file)
	ODT  // OpenDocument text (LibreOffice)
)

var formatNames = [...]string{Unknown: "unknown", PDF: "pdf", HTML: "html", Text: "txt", DOCX: "docx", DOC: "doc", ODT: "odt"}

func (f Format) String() string {
	if int(f) < len(formatNames) {
		return formatNames[f]
	}
	return "unknown"
}

// MarshalText writes the format's name, as JSON output uses it.
func (f Format) MarshalText() ([]byte, error) { return []byte(f.String()), nil }

// Sniff tells a document's format from its first bytes, never from its
// name: "%PDF-" within the first kilobyte is a PDF; HTML is recognised as
// browsers do (a tag or comment first, or an XHTML root); text is UTF-8,
// UTF-16 with a byte-order mark, or 8-bit text without control characters.
// For anything else it returns Unknown and what the bytes look like ("ZIP",
// "DOCX", "PNG image", "binary data").
func Sniff(b []byte) (Format, string) {
	head := b[:min(len(b), 1024)]
	if bytes.Contains(head, []byte("%PDF-")) {
		return PDF, "PDF"
	}
	if f, k := wordKind(b); f != Unknown {
		return f, k
	}
	if k := binaryKind(b); k != "" {
		return Unknown, k
	}
	if isHTML(b) {
		return HTML, "HTML"
	}
	if isText(b) {
		return Text, "text"
	}
	return Unknown, "binary data"
}

// wordKind tells the word-processor formats chitieu reads: a zip package
// with a Word main part, or OpenDocument text's mimetype first; an OLE2
// compound file with a WordDocument stream.
func wordKind(b []byte) (Format, string) {
	switch {
	case bytes.HasPrefix(b, []byte("PK\x03\x04")):
		if bytes.Contains(b[:min(len(b), 128)], []byte("mimetypeapplication/vnd.oasis.opendocument.text")) {
			return ODT, "ODT"
		}
		if bytes.Contains(b, []byte("word/document.xml")) || bytes.Contains(b, []byte("word/document2.xml")) {
			return DOCX, "DOCX"
		}
	case bytes.HasPrefix(b, []byte("\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")):
		if bytes.Contains(b, []byte("W\x00o\x00r\x00d\x00D\x00o\x00c\x00u\x00m\x00e\x00n\x00t\x00")) {
			return DOC, "DOC"
		}
	}
	return Unknown, ""
}

// binaryKind names well-known binary formats by their magic numbers.
func binaryKind(b []byte) string {
	switch {
	case bytes.HasPrefix(b, []byte("PK\x03\x04")) || bytes.HasPrefix(b, []byte("PK\x05\x06")):
		head := b[:min(len(b), 4096)]
		switch {
		case bytes.Contains(head, []byte("word/")):
			return "DOCX"
		case bytes.Contains(head, []byte("xl/")):
			return "XLSX"
		case bytes.Contains(head, []byte("application/vnd.oasis.opendocument")):
			return "ODF document (not text)"
		}
		return "ZIP"
	case bytes.HasPrefix(b, []byte("\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")):
		return "XLS or PPT (OLE2)"
	case bytes.HasPrefix(b, []byte("{\\rtf")):
		return "RTF"
	case bytes.HasPrefix(b, []byte("\x1f\x8b")):
		return "gzip"
	case bytes.HasPrefix(b, []byte("Rar!\x1a\x07")):
		return "RAR"
	case bytes.HasPrefix(b, []byte("7z\xbc\xaf\x27\x1c")):
		return "7z"
	case bytes.HasPrefix(b, []byte("\x7fELF")):
		return "ELF executable"
	case bytes.HasPrefix(b, []byte("MZ")) && len(b) > 64 && bytes.Contains(b[:min(len(b), 512)], []byte("This program")):
		return "Windows executable"
	case bytes.HasPrefix(b, []byte("II*\x00")) || bytes.HasPrefix(b, []byte("MM\x00*")):
		return "TIFF image"
	case bytes.HasPrefix(b, []byte("AT&TFORM")):
		return "DjVu"
	}
	ct := http.DetectContentType(b)
	switch {
	case strings.HasPrefix(ct, "image/"):
		return strings.ToUpper(strings.TrimPrefix(ct, "image/")) + " image"
	case strings.HasPrefix(ct, "audio/"), strings.HasPrefix(ct, "video/"):
		return ct
	case ct == "application/zip", ct == "application/x-gzip", ct == "application/wasm", ct == "application/vnd.ms-fontobject", strings.HasPrefix(ct, "font/"):
		return ct
	}
	return ""
}

func isHTML(b []byte) bool {
	ct := http.DetectContentType(b)
	if strings.HasPrefix(ct, "text/html") {
		return true
	}
	// XHTML, or HTML after a BOM or a long preamble, which the WHATWG
	// sniffer does not look past.
	head := bytes.ToLower(b[:min(len(b), 2048)])
	head = bytes.TrimPrefix(head, []byte("\xef\xbb\xbf"))
	trim := bytes.TrimLeft(head, " \t\r\n")
	if bytes.HasPrefix(trim, []byte("<?xml")) || bytes.HasPrefix(trim, []byte("<!doctype")) || bytes.HasPrefix(trim, []byte("<")) {
		return bytes.Contains(head, []byte("<html")) || bytes.Contains(head, []byte("<body")) || bytes.Contains(head, []byte("<head"))
	}
	return false
}

// isText accepts UTF-8, UTF-16 with a BOM, and 8-bit text (TCVN3, VNI,
// Windows-125x) with few control characters.
func isText(b []byte) bool {
	if bytes.HasPrefix(b, []byte("\xff\xfe")) || bytes.HasPrefix(b, []byte("\xfe\xff")) {
		return true
	}
	sample := b[:min(len(b), 64<<10)]
	ctl := 0
	for _, c := range sample {
		if c == 0 {
			return false
		}
		if c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f' {
			ctl++
		}
	}
	if ctl*100 > len(sample) {
		return false
	}
	if utf8.Valid(sample) || !utf8.Valid(sample) && validPrefix(sample) {
		return true
	}
	// 8-bit text: mostly printable ASCII.
	ascii := 0
	for _, c := range sample {
		if c >= 0x20 && c < 0x7f || c == '\n' || c == '\r' || c == '\t' {
			ascii++
		}
	}
	return ascii*10 >= len(sample)*6
}

// validPrefix accepts a UTF-8 sample cut inside its last character.
func validPrefix(b []byte) bool {
	for i := 1; i <= 3 && i < len(b); i++ {
		if utf8.Valid(b[:len(b)-i]) {
			return true
		}
	}
	return false
}
