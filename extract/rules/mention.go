package rules

import "github.com/chitieu/chitieu/extract/structure"

// Modality is how a plan states a target.
type Modality int

// Modalities.
const (
	Achieve  Modality = iota // đạt, hoàn thành
	Maintain                 // duy trì, tiếp tục duy trì, củng cố, giữ vững
	Strive                   // phấn đấu
)

var modalityNames = []string{"achieve", "maintain", "strive"}

func (m Modality) String() string { return enumName(modalityNames, m, "achieve") }

// MarshalText writes the modality's name.
func (m Modality) MarshalText() ([]byte, error) { return []byte(m.String()), nil }

// UnmarshalText reads a modality's name.
func (m *Modality) UnmarshalText(b []byte) error { return enumParse(modalityNames, b, m, "modality") }

// Kind tells a target from a reported result and from a figure another
// plan sets, quoted for comparison.
type Kind int

// Kinds.
const (
	Target    Kind = iota
	Result         // reached already: "đến hết năm 2022 có 84,47%"
	Reference      // another plan's figure: "(chỉ tiêu chung của tỉnh là 75%)"
)

var kindNames = []string{"target", "result", "reference"}

func (k Kind) String() string { return enumName(kindNames, k, "target") }

// MarshalText writes the kind's name.
func (k Kind) MarshalText() ([]byte, error) { return []byte(k.String()), nil }

// UnmarshalText reads a kind's name.
func (k *Kind) UnmarshalText(b []byte) error { return enumParse(kindNames, b, k, "kind") }

// Cue is what a sentence itself says of a figure's kind: the nearest cue
// word before it, a past date, a quotation of another plan. CueNone leaves
// it to the section and the document.
type Cue int

// Cues.
const (
	CueNone Cue = iota
	CueTarget
	CueResult
	CueReference
)

var cueWordNames = []string{"none", "target", "result", "reference"}

func (c Cue) String() string { return enumName(cueWordNames, c, "none") }

// Scope is whose figure a reference quotes.
type Scope int

// Scopes.
const (
	ScopeNone     Scope = iota
	ScopeNational       // the country's: "cả nước", "Đề án quốc gia"
	ScopeProvince       // a province's: "chỉ tiêu của tỉnh"
	ScopeDistrict       // a district's
	ScopeAverage        // an average: "bình quân chung"
)

var scopeNames = []string{"", "national", "province", "district", "average"}

func (s Scope) String() string { return enumName(scopeNames, s, "") }

// Direction is which way a target moves its measure, as the words before
// its figure say: "tăng", "có thêm" (Increase), "giảm", "còn" (Decrease),
// "duy trì", "giữ" (Keep); DirNone when they say none.
type Direction int

// Directions.
const (
	DirNone Direction = iota
	Increase
	Decrease
	Keep
)

var directionNames = []string{"", "increase", "decrease", "keep"}

func (d Direction) String() string { return enumName(directionNames, d, "") }

// MarshalText writes the direction's name.
func (d Direction) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

// UnmarshalText reads a direction's name.
func (d *Direction) UnmarshalText(b []byte) error {
	return enumParse(directionNames, b, d, "direction")
}

// YearFrom is where a mention's year comes from in its sentence.
type YearFrom int

// Sources of a year, most specific first.
const (
	YearNone   YearFrom = iota // the sentence names none: the section's or the document's applies
	YearBound                  // next to the figure: "65% vào năm 2025", "năm 2025 đạt 50%", "(2025: 70%)"
	YearListed                 // a list given in order: "đến năm 2025 và 2030 lần lượt đạt 70% và 85%"
	YearShared                 // from the figure it is coordinated with: "tiến tới 60% và 80% vào năm 2030"
	YearOpener                 // from the phrase that opens the sentence or clause: "Đến năm 2025, ..."
	YearColumn                 // a table's column header
)

var yearFromNames = []string{"none", "bound", "listed", "shared", "opener", "column"}

func (y YearFrom) String() string { return enumName(yearFromNames, y, "none") }

// A Mention is one figure of a sentence or table row with what the text
// around it says: the measure and indicator, the year, the modality, and
// the cues that tell its kind. Offsets are into the document's text.
type Mention struct {
	Indicator *Indicator // nil when no catalog entry fits
	Label     string     // the plan's own words for what is measured
	Value     Value
	Unit      Unit
	Year      int // 0 when the sentence names none
	YearFrom  YearFrom
	Modality  Modality
	Cue       Cue
	Scope     Scope // for CueReference
	Sub       bool  // introduced by "trong đó": a part of the figure before it
	Direction Direction
	// Change marks a figure that is an amount of change ("giảm 1%", "tăng
	// thêm 5.000 người"), not a level to reach.
	Change bool
	// UnitText is what a count counts or the currency of money, as
	// written: "người", "nhà ở", "đồng/người/năm".
	UnitText string
	// Places is the words that name the places a figure is set for, when
	// the text sets it for some only ("riêng các huyện Kỳ Sơn, Tương
	// Dương"), or a table row's label; Subject is the words before a
	// standard or title reached, where the place that reaches it may be
	// named ("Thành phố Tân An được công nhận ..."). Empty spans when none.
	Places, Subject structure.Span
	Start, End      int            // the phrase: value and the words that name the indicator
	Clause          structure.Span // the clause (between semicolons) it was found in
	Cell            *Cell          // for a table cell: its row label and header
}

// ID returns the indicator's ID, or "".
func (m Mention) ID() string {
	if m.Indicator == nil {
		return ""
	}
	return m.Indicator.ID
}

// A Cell is the evidence of a figure read from a table: the row's label,
// the column's header and the cell, each with its span in the text.
type Cell struct {
	Row, Header, Value structure.Span
}
