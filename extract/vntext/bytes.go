package vntext

import (
	"bytes"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/htmlindex"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/unicode/norm"
)

// DecodeBytes turns the bytes of a text file or web page into a string,
// the first step of normalization. declared is the charset the file
// declares (from a <meta> tag or an HTTP header), or "". In order:
//
//   - a byte-order mark decides (UTF-8, UTF-16);
//   - bytes that are valid UTF-8 are UTF-8, whatever the declaration says
//     (undeclared UTF-8 read as Windows-1252 is the "Káº¿ hoáº¡ch" of
//     portals; charset.DetermineEncoding looks only at the first 1024 bytes
//     and would fall into it);
//   - a declared charset is used (Windows-1258, Windows-1252, ...);
//   - undeclared 8-bit text is read as Windows-1258 when that spells more
//     Vietnamese words than legacy TCVN3/VNI text read as Windows-1252 does,
//     and as Windows-1252 otherwise, so that the legacy stage can decode it.
//
// It returns the text and the name of the charset used.
func DecodeBytes(b []byte, declared string) (string, string) {
	switch {
	case bytes.HasPrefix(b, []byte("\xef\xbb\xbf")):
		return string(bytes.ToValidUTF8(b[3:], []byte("\uFFFD"))), "utf-8"
	case bytes.HasPrefix(b, []byte("\xff\xfe")):
		return decodeWith(unicode.UTF16(unicode.LittleEndian, unicode.UseBOM), b), "utf-16le"
	case bytes.HasPrefix(b, []byte("\xfe\xff")):
		return decodeWith(unicode.UTF16(unicode.BigEndian, unicode.UseBOM), b), "utf-16be"
	}
	if utf8.Valid(b) {
		return string(b), "utf-8"
	}
	declared = strings.ToLower(strings.TrimSpace(declared))
	if declared != "" && declared != "utf-8" && declared != "utf8" {
		if enc, err := htmlindex.Get(declared); err == nil {
			name, _ := htmlindex.Name(enc)
			return decodeWith(enc, b), name
		}
	}
	if declared == "utf-8" || declared == "utf8" {
		// Declared UTF-8 but not valid: keep it UTF-8 if the damage is
		// small (a truncated download), else guess.
		if invalidRatio(b) < 0.01 {
			return string(bytes.ToValidUTF8(b, []byte("\uFFFD"))), "utf-8"
		}
	}
	as1258 := decodeWith(charmap.Windows1258, b)
	as1252 := decodeWith(charmap.Windows1252, b)
	e := Score(as1252)
	_, legacy := e.best()
	if Score(as1258).Unicode > legacy {
		return as1258, "windows-1258"
	}
	return as1252, "windows-1252"
}

func decodeWith(enc encoding.Encoding, b []byte) string {
	out, err := enc.NewDecoder().Bytes(b)
	if err != nil {
		return string(bytes.ToValidUTF8(b, []byte("\uFFFD")))
	}
	if enc == charmap.Windows1258 {
		// Windows-1258 writes tones as combining marks.
		return norm.NFC.String(string(out))
	}
	return string(out)
}

func invalidRatio(b []byte) float64 {
	if len(b) == 0 {
		return 0
	}
	bad := 0
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n <= 1 {
			bad++
		}
		i += n
	}
	return float64(bad) / float64(len(b))
}
