package main

import (
	"encoding/json"
	"strings"
	"testing"
)

func TestPlaces(t *testing.T) {
	for _, tc := range []struct {
		args []string
		code int
		want []string // in stdout, in order
	}{
		{[]string{"places", "UBND", "xã", "Cần", "Giuộc,", "tỉnh", "Tây", "Ninh"}, 0,
			[]string{"1 unit", "+28159", "Xã Cần Giuộc", "Tỉnh Tây Ninh", "from 01/07/2025", "formed from 28159 Thị trấn Cần Giuộc"}},
		{[]string{"places", "--as-of", "2023-01-01", "huyen duc trong (tinh lam dong)"}, 0,
			[]string{"1 unit in force on 2023-01-01", "678", "Huyện Đức Trọng", "Tỉnh Lâm Đồng", "until 30/06/2025", "→ +"}},
		{[]string{"places", "--province", "Đồng Nai", "--as-of", "2026-01-01", "xã Tân Phú"}, 0,
			[]string{"1 unit", "+26116", "Xã Tân Phú"}},
		{[]string{"places", "Q.1"}, 0, []string{"760", "Quận 1", "Thành phố Hồ Chí Minh"}},
		{[]string{"places", "nowhere"}, 1, nil},
		{[]string{"places"}, 2, nil},
		{[]string{"places", "--as-of", "July 2025", "Huế"}, 2, nil},
		{[]string{"places", "--province", "Atlantis", "Huế"}, 2, nil},
	} {
		code, out, errs := runCmd(tc.args...)
		if code != tc.code {
			t.Errorf("%q: exit %d, want %d (%s)", tc.args, code, tc.code, errs)
			continue
		}
		rest := out
		for _, w := range tc.want {
			i := strings.Index(rest, w)
			if i < 0 {
				t.Errorf("%q: %q missing or out of order in\n%s", tc.args, w, out)
				break
			}
			rest = rest[i+len(w):]
		}
		if code != 0 && errs == "" {
			t.Errorf("%q: exit %d with no reason on stderr", tc.args, code)
		}
	}
}

func TestPlacesJSON(t *testing.T) {
	code, out, errs := runCmd("places", "--format", "json", "--as-of", "2025-07-01", "phường Ba Đình")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var ps []placeJSON
	if err := json.Unmarshal([]byte(out), &ps); err != nil {
		t.Fatal(err)
	}
	if len(ps) != 1 || ps[0].Code != "00004" || ps[0].List != "2025-07-01" || ps[0].Province2025 == nil || ps[0].Province2025.Code != "01" {
		t.Fatalf("places = %+v", ps)
	}
	whole, part := 0, 0
	for _, s := range ps[0].Predecessors {
		if s.Part {
			part++
		} else {
			whole++
		}
	}
	// Trúc Bạch and Quán Thánh whole, eight wards in part.
	if whole != 2 || part != 8 {
		t.Errorf("predecessors: %d whole, %d in part: %+v", whole, part, ps[0].Predecessors)
	}
}
