package structure

// A Part is one document of a file that holds several: a portal's PDF
// with an unrelated letter appended, a decision with its plan attached.
type Part struct {
	Span
	// Parent is the index of the part this one is attached to (a plan
	// "ban hành kèm theo Quyết định số ..." belongs to that decision), or
	// -1.
	Parent int
}

// anchors of a document header, as bits.
const (
	anchorMotto = 1 << iota
	anchorNumber
	anchorPlaceDate
	anchorIssuer
)

// window is how many lines a header's anchors may spread over.
const window = 8

// Split returns the documents in text, in order; there is always at least
// one, starting at 0, and together they cover the text.
//
// A new document starts at a header: within a few lines, at least two of a
// national motto ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"), a number line
// ("Số: 1091/SXD-..."), a place-date line ("Bình Dương, ngày 31 tháng 3 năm
// 2022") and a capitalized issuing body ("UBND TỈNH BÌNH DƯƠNG"), of which
// one is a motto, a number or a place-date line. It starts there only when
// the document before it has running text, and it stands as a document of
// its own only when running text follows it; otherwise the header belongs
// to the document around it (a legal library's metadata table above the
// real header; a motto that a PDF's column order put at a letter's end).
// "Căn cứ ..." lines cite other documents and never start one. A plan
// "(Ban hành kèm theo Quyết định số ...)" after its decision becomes a part
// whose Parent is the decision; an appendix ("PHỤ LỤC ... (Kèm theo Kế
// hoạch số ...)") stays in its document.
func Split(text string) []Part { return split(text, nil) }

// SplitFolded is Split of the text f holds, reading its fold instead of
// folding lines again.
func SplitFolded(f *Folded) []Part { return split(f.Text, f) }

func split(text string, ff *Folded) []Part {
	ls := lines(text, ff, 0, len(text), -1, true)
	bits := make([]int, len(ls))
	body := make([]bool, len(ls))
	for i, l := range ls {
		body[i] = l.isBody(text)
		if startsWith(l.fold, "can cu") {
			continue
		}
		switch {
		case isMotto(l):
			bits[i] = anchorMotto
		case isNumberLine(text, l) && !startsWith(l.fold, "so hieu"):
			bits[i] = anchorNumber
		case isPlaceDate(l):
			bits[i] = anchorPlaceDate
		case isIssuerCaps(l):
			bits[i] = anchorIssuer
		}
	}
	// Candidate starts: header clusters and attachments.
	type start struct {
		line     int
		attached bool
	}
	var starts []start
	for i := 0; i < len(ls); i++ {
		if a := attachRe.FindStringIndex(ls[i].fold); a != nil && !appendixAbove(ls, i) {
			// The plan's title ("KẾ HOẠCH") is just above, and its own
			// header maybe above that.
			s := i
			for j := i - 1; j >= max(0, i-4); j-- {
				if titleCode(ls[j]) != "" {
					s = j
					break
				}
			}
			for j := s - 1; j >= max(0, s-window); j-- {
				if bits[j] == 0 {
					break
				}
				s = j
			}
			starts = append(starts, start{s, true})
			continue
		}
		if bits[i] == 0 {
			continue
		}
		kinds := 0
		for j := i; j < min(len(ls), i+window); j++ {
			kinds |= bits[j]
		}
		if popcount(kinds) >= 2 && kinds&(anchorMotto|anchorNumber|anchorPlaceDate) != 0 {
			starts = append(starts, start{i, false})
			// Skip the rest of this cluster.
			j := i + 1
			for j < len(ls) && j < i+window && (bits[j] != 0 || !body[j]) {
				j++
			}
			i = j - 1
		}
	}
	hasBody := func(a, b int) bool {
		for k := a; k < b; k++ {
			if body[k] {
				return true
			}
		}
		return false
	}
	// Keep a start when running text precedes it (since the current part
	// began) and follows it (before the next start).
	parts := []Part{{Span{0, len(text)}, -1}}
	cur := 0 // first line of the current part
	for k, s := range starts {
		next := len(ls)
		if k+1 < len(starts) {
			next = starts[k+1].line
		}
		if s.line <= cur || !hasBody(cur, s.line) || !hasBody(s.line, next) && !s.attached {
			continue
		}
		p := Part{Span{ls[s.line].Start, len(text)}, -1}
		if s.attached {
			p.Parent = len(parts) - 1
		}
		parts[len(parts)-1].End = p.Start
		parts = append(parts, p)
		cur = s.line
	}
	return parts
}

// appendixAbove reports whether one of the few lines above line i opens
// an appendix ("PHỤ LỤC"): the "Kèm theo ..." line under it places the
// appendix in its document, it starts no document of its own.
func appendixAbove(ls []line, i int) bool {
	for j := i - 1; j >= max(0, i-4); j-- {
		if startsWith(ls[j].fold, "phu luc") {
			return true
		}
	}
	return false
}

func startsWith(s, prefix string) bool { return len(s) >= len(prefix) && s[:len(prefix)] == prefix }

func popcount(x int) int {
	n := 0
	for ; x != 0; x &= x - 1 {
		n++
	}
	return n
}
