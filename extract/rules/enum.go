package rules

import "fmt"

// enumName returns names[e], the text form of an enum value, or def when e
// is out of range. Unit, Cmp, Modality and Kind write themselves with it.
func enumName[E ~int](names []string, e E, def string) string {
	if e < 0 || int(e) >= len(names) {
		return def
	}
	return names[e]
}

// enumParse sets *e to the value named b.
func enumParse[E ~int](names []string, b []byte, e *E, what string) error {
	for i, n := range names {
		if string(b) == n {
			*e = E(i)
			return nil
		}
	}
	return fmt.Errorf("rules: unknown %s %q", what, b)
}
