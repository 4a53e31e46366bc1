// Package bench holds chitieu's side-by-side benchmarks: the index of a
// generated national corpus against the same passages in SQLite FTS5
// (BenchmarkNational, make bench) and the corpus of 100,000 plans in one
// index and in shards (BenchmarkScale, make bench-scale). It has no code
// outside its tests.
package bench
