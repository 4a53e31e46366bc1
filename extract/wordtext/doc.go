package wordtext

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"
	"unicode/utf16"

	"github.com/richardlehane/mscfb"
	"golang.org/x/text/encoding/charmap"

	"github.com/chitieu/chitieu/extract/rows"
)

// ErrEncrypted is the error of a password-protected Word file.
var ErrEncrypted = errors.New("encrypted Word file: not supported")

// readDOC reads a Word 97-2003 binary file ([MS-DOC]): the compound file's
// WordDocument stream and its table stream, the piece table (UTF-16 and
// 8-bit pieces) for the text, and the paragraph properties (PAPX) to tell
// a table's row ends from its cell ends. The main text comes as Text, the
// footnotes as Notes; field codes are dropped and their results kept.
func readDOC(b []byte, opt Options) (res *Result, err error) {
	streams, err := docStreams(b, opt.maxBytes())
	if err != nil {
		return nil, err
	}
	wd := streams["WordDocument"]
	if len(wd) < 0x22 || binary.LittleEndian.Uint16(wd) != 0xA5EC {
		return nil, errors.New("not a Word document: no Word 97 file information block")
	}
	flags := binary.LittleEndian.Uint16(wd[0x0A:])
	if flags&0x0100 != 0 {
		return nil, ErrEncrypted
	}
	table := streams["0Table"]
	if flags&0x0200 != 0 {
		table = streams["1Table"]
	}
	if table == nil {
		return nil, errors.New("no table stream")
	}
	fib, err := readFIB(wd)
	if err != nil {
		return nil, err
	}
	pieces, err := readPieces(table, fib.fcClx, fib.lcbClx)
	if err != nil {
		return nil, err
	}
	d := &docReader{wd: wd, pieces: pieces}
	d.papx = readPAPX(wd, table, fib.fcPlcfBtePapx, fib.lcbPlcfBtePapx)
	res = &Result{}
	res.Text = d.render(0, fib.ccpText)
	if fib.ccpFtn > 0 {
		res.Notes = d.render(fib.ccpText, fib.ccpText+fib.ccpFtn)
	}
	if d.papx == nil {
		res.Warnings = append(res.Warnings, "paragraph properties unreadable: table rows told apart by guess")
	}
	return res, nil
}

// docStreams reads the streams of a compound file, within a bound.
func docStreams(b []byte, limit int64) (map[string][]byte, error) {
	r, err := mscfb.New(bytes.NewReader(b))
	if err != nil {
		return nil, fmt.Errorf("not a readable compound file: %w", err)
	}
	out := map[string][]byte{}
	left := limit
	for e, err := r.Next(); err == nil; e, err = r.Next() {
		switch e.Name {
		case "WordDocument", "0Table", "1Table":
		default:
			continue
		}
		if e.Size > left {
			return nil, fmt.Errorf("%w: stream %s is %.1f MB (--max-text)", ErrTooLarge, e.Name, float64(e.Size)/(1<<20))
		}
		data, err := io.ReadAll(io.LimitReader(e, e.Size))
		if err != nil {
			return nil, fmt.Errorf("stream %s: %w", e.Name, err)
		}
		left -= int64(len(data))
		out[e.Name] = data
	}
	if out["WordDocument"] == nil {
		return nil, errors.New("no WordDocument stream: not a Word file")
	}
	return out, nil
}

type fib struct {
	ccpText, ccpFtn               int
	fcClx, lcbClx                 uint32
	fcPlcfBtePapx, lcbPlcfBtePapx uint32
}

// readFIB reads what it needs of the file information block: the text's
// length in characters and where the piece table and the paragraph
// properties are.
func readFIB(wd []byte) (f fib, err error) {
	bad := errors.New("file information block truncated")
	off := 32
	if len(wd) < off+2 {
		return f, bad
	}
	csw := int(binary.LittleEndian.Uint16(wd[off:]))
	off += 2 + 2*csw
	if len(wd) < off+2 {
		return f, bad
	}
	cslw := int(binary.LittleEndian.Uint16(wd[off:]))
	lw := off + 2
	off = lw + 4*cslw
	if cslw < 5 || len(wd) < off+2 {
		return f, bad
	}
	f.ccpText = int(int32(binary.LittleEndian.Uint32(wd[lw+12:])))
	f.ccpFtn = int(int32(binary.LittleEndian.Uint32(wd[lw+16:])))
	cb := int(binary.LittleEndian.Uint16(wd[off:]))
	fc := off + 2
	pair := func(i int) (uint32, uint32) {
		if i >= cb || len(wd) < fc+8*i+8 {
			return 0, 0
		}
		return binary.LittleEndian.Uint32(wd[fc+8*i:]), binary.LittleEndian.Uint32(wd[fc+8*i+4:])
	}
	f.fcPlcfBtePapx, f.lcbPlcfBtePapx = pair(13)
	f.fcClx, f.lcbClx = pair(33)
	if f.lcbClx == 0 || f.ccpText < 0 || f.ccpFtn < 0 {
		return f, errors.New("no piece table")
	}
	return f, nil
}

// A piece is a run of the text stored in one place: characters
// [cp, cpEnd) at byte fc of the WordDocument stream, one byte each
// (Windows-1252) when compressed, else two (UTF-16LE).
type piece struct {
	cp, cpEnd  int
	fc         int
	compressed bool
}

func readPieces(table []byte, fc, lcb uint32) ([]piece, error) {
	if uint64(fc)+uint64(lcb) > uint64(len(table)) {
		return nil, errors.New("piece table out of the table stream")
	}
	clx := table[fc : fc+lcb]
	for len(clx) > 0 && clx[0] == 0x01 { // Prc: property modifiers, skipped
		if len(clx) < 3 {
			return nil, errors.New("piece table truncated")
		}
		n := int(int16(binary.LittleEndian.Uint16(clx[1:])))
		if n < 0 || len(clx) < 3+n {
			return nil, errors.New("piece table truncated")
		}
		clx = clx[3+n:]
	}
	if len(clx) < 5 || clx[0] != 0x02 {
		return nil, errors.New("no piece table in the Clx")
	}
	lcbPlc := int(binary.LittleEndian.Uint32(clx[1:]))
	plc := clx[5:]
	if lcbPlc > len(plc) || lcbPlc < 4 || (lcbPlc-4)%12 != 0 {
		return nil, errors.New("piece table truncated")
	}
	n := (lcbPlc - 4) / 12
	ps := make([]piece, 0, n)
	for i := range n {
		cp := int(binary.LittleEndian.Uint32(plc[4*i:]))
		end := int(binary.LittleEndian.Uint32(plc[4*i+4:]))
		pcd := plc[4*(n+1)+8*i:]
		fcRaw := binary.LittleEndian.Uint32(pcd[2:])
		p := piece{cp: cp, cpEnd: end, compressed: fcRaw&0x40000000 != 0}
		p.fc = int(fcRaw & 0x3FFFFFFF)
		if p.compressed {
			p.fc /= 2
		}
		if end < cp {
			return nil, errors.New("piece table out of order")
		}
		ps = append(ps, p)
	}
	return ps, nil
}

// docReader turns character positions into text.
type docReader struct {
	wd     []byte
	pieces []piece
	papx   *papxIndex
}

// char returns the character at cp and its byte offset in the stream.
func (d *docReader) char(cp int) (rune, int, bool) {
	i := sort.Search(len(d.pieces), func(i int) bool { return d.pieces[i].cpEnd > cp })
	if i == len(d.pieces) || d.pieces[i].cp > cp {
		return 0, 0, false
	}
	p := d.pieces[i]
	if p.compressed {
		off := p.fc + (cp - p.cp)
		if off >= len(d.wd) {
			return 0, 0, false
		}
		return charmap.Windows1252.DecodeByte(d.wd[off]), off, true
	}
	off := p.fc + 2*(cp-p.cp)
	if off+2 > len(d.wd) {
		return 0, 0, false
	}
	return rune(binary.LittleEndian.Uint16(d.wd[off:])), off, true
}

// render writes the text of characters [from, to) as lines, tables
// through package rows.
func (d *docReader) render(from, to int) string {
	var lines []string
	var line []uint16 // UTF-16, for surrogate pairs
	var table rows.Table
	var row []string
	var cell []string
	var fields []bool // for each open field: past its separator (showing its result)
	showing := func() bool {
		for _, f := range fields {
			if !f {
				return false
			}
		}
		return true
	}
	endLine := func() string {
		s := strings.TrimSpace(string(utf16.Decode(line)))
		line = line[:0]
		return s
	}
	flushTable := func() {
		if len(row) > 0 {
			table = append(table, row)
			row = nil
		}
		if len(table) > 0 {
			lines = append(lines, table.Lines()...)
			table = nil
		}
	}
	prev := rune(0)
	for cp := from; cp < to; cp++ {
		c, fc, ok := d.char(cp)
		if !ok {
			break
		}
		switch c {
		case 0x13:
			fields = append(fields, false)
		case 0x14:
			if n := len(fields); n > 0 {
				fields[n-1] = true
			}
		case 0x15:
			if n := len(fields); n > 0 {
				fields = fields[:n-1]
			}
		case 0x0D, 0x0B, 0x0C:
			if !showing() {
				break
			}
			inCell := row != nil || cell != nil
			if d.papx != nil && c == 0x0D {
				inCell, _ = d.papx.props(fc)
			}
			if l := endLine(); l != "" {
				if inCell {
					cell = append(cell, l)
				} else {
					flushTable()
					lines = append(lines, l)
				}
			}
		case 0x07:
			if l := endLine(); l != "" {
				cell = append(cell, l)
			}
			rowEnd := prev == 0x07 && len(cell) == 0
			if d.papx != nil {
				_, rowEnd = d.papx.props(fc)
			}
			if rowEnd {
				if len(row) > 0 {
					table = append(table, row)
				}
				row, cell = nil, nil
			} else {
				row = append(row, strings.Join(cell, "\n"))
				cell = nil
			}
		case 0x01, 0x02, 0x05, 0x08, 0x1F:
			// pictures, note and comment marks, optional hyphens
		case 0x1E:
			if showing() {
				line = append(line, '-')
			}
		default:
			if showing() && (c >= 0x20 || c == '\t') {
				line = append(line, uint16(c))
			}
		}
		prev = c
	}
	if l := endLine(); l != "" {
		lines = append(lines, l)
	}
	flushTable()
	return strings.Join(lines, "\n")
}

// papxIndex finds the paragraph properties of a byte of the WordDocument
// stream through the bin table of PAPX pages.
type papxIndex struct {
	wd   []byte
	fcs  []uint32 // bounds of the pages' ranges
	pns  []uint32 // page numbers
	memo map[int]int
}

func readPAPX(wd, table []byte, fc, lcb uint32) *papxIndex {
	if lcb < 8 || uint64(fc)+uint64(lcb) > uint64(len(table)) || (lcb-4)%8 != 0 {
		return nil
	}
	plc := table[fc : fc+lcb]
	n := int(lcb-4) / 8
	x := &papxIndex{wd: wd, memo: map[int]int{}}
	for i := 0; i <= n; i++ {
		x.fcs = append(x.fcs, binary.LittleEndian.Uint32(plc[4*i:]))
	}
	for i := range n {
		x.pns = append(x.pns, binary.LittleEndian.Uint32(plc[4*(n+1)+4*i:])&0x3FFFFF)
	}
	return x
}

// props reports whether the paragraph that holds byte fc is in a table,
// and whether it ends a table row.
func (x *papxIndex) props(fc int) (inTable, ttp bool) {
	if v, ok := x.memo[fc]; ok {
		return v&1 != 0, v&2 != 0
	}
	inTable, ttp = x.lookup(fc)
	v := 0
	if inTable {
		v |= 1
	}
	if ttp {
		v |= 2
	}
	x.memo[fc] = v
	return inTable, ttp
}

func (x *papxIndex) lookup(fc int) (inTable, ttp bool) {
	i := sort.Search(len(x.pns), func(i int) bool { return int(x.fcs[i+1]) > fc })
	if i == len(x.pns) {
		return false, false
	}
	start := int(x.pns[i]) * 512
	if start+512 > len(x.wd) {
		return false, false
	}
	page := x.wd[start : start+512]
	crun := int(page[511])
	if 4*(crun+1)+13*crun > 511 {
		return false, false
	}
	for j := range crun {
		lo := int(binary.LittleEndian.Uint32(page[4*j:]))
		hi := int(binary.LittleEndian.Uint32(page[4*j+4:]))
		if fc < lo || fc >= hi {
			continue
		}
		bx := page[4*(crun+1)+13*j:]
		off := 2 * int(bx[0])
		if off == 0 || off >= 511 {
			return false, false
		}
		cb := int(page[off])
		size, at := 2*cb-1, off+1
		if cb == 0 {
			if off+1 >= 511 {
				return false, false
			}
			size, at = 2*int(page[off+1]), off+2
		}
		if at+size > 511 || size < 2 {
			return false, false
		}
		return tableSprms(page[at+2 : at+size]) // past the style index
	}
	return false, false
}

// tableSprms reads a list of property modifiers for sprmPFInTable and
// sprmPFTtp (or their inner-table forms).
func tableSprms(grpprl []byte) (inTable, ttp bool) {
	for len(grpprl) >= 2 {
		sprm := binary.LittleEndian.Uint16(grpprl)
		grpprl = grpprl[2:]
		var n int
		switch sprm >> 13 {
		case 0, 1:
			n = 1
		case 2, 4, 5:
			n = 2
		case 3:
			n = 4
		case 7:
			n = 3
		case 6:
			if len(grpprl) < 1 {
				return
			}
			if sprm == 0xD608 && len(grpprl) >= 2 { // sprmTDefTable: a 2-byte size
				n = int(binary.LittleEndian.Uint16(grpprl)) + 1
			} else {
				n = int(grpprl[0]) + 1
			}
		}
		if n > len(grpprl) {
			return
		}
		switch sprm {
		case 0x2416, 0x6649: // sprmPFInTable, sprmPItap
			inTable = inTable || grpprl[0] != 0
		case 0x2417, 0x244C: // sprmPFTtp, sprmPFInnerTtp
			ttp = ttp || grpprl[0] == 1
		}
		grpprl = grpprl[n:]
	}
	return
}
