//go:build !unix

package corpus

// Elsewhere the open flags are not available: the Stat before the open
// and the Stat of the open file still refuse what is not a regular file.
const (
	oNonBlock = 0
	oNoFollow = 0
)
