package compare

import "github.com/chitieu/chitieu/extract/domain"

// A Reference is a national target of a decision, as a policy domain's
// references.csv gives it.
type Reference = domain.Reference
