package rules

import (
	"os"
	"strings"
	"sync"
)

// testCatalogText is the learning society's catalog, the built-in domain
// extract/domain embeds (which imports this package, so its tests read the
// file).
var testCatalogText = sync.OnceValue(func() string {
	b, err := os.ReadFile("../domain/data/hoctap/catalog.txt")
	if err != nil {
		panic(err)
	}
	return string(b)
})

var testCatalog = sync.OnceValue(func() *Catalog {
	c, err := ParseCatalog(strings.NewReader(testCatalogText()))
	if err != nil {
		panic(err)
	}
	return c
})
