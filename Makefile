# The Makefile only wraps go commands.
GO ?= go
FUZZTIME ?= 20000x

.PHONY: build test vet bench bench-scale fuzz crash race demo clean

build:
	$(GO) build -o chitieu ./cmd/chitieu

# The README's test command: vet, the tests (seed corpora of the fuzz
# targets included), the concurrency tests again under -race, then every
# fuzz target for a few seconds, and the
# crash test on 10,000 generated plans (kill -9 during ingest, then compare
# with an uninterrupted one).
test: vet
	$(GO) test -count=1 ./...
	$(MAKE) race
	$(MAKE) fuzz FUZZTIME=$(CI_FUZZTIME)
	$(MAKE) crash

# A count, not a duration: with a duration, Go before 1.27 may fail a fuzz
# target with "context deadline exceeded" as the time runs out
# (golang/go#75804), which says nothing about our code.
CI_FUZZTIME ?= 3000x

# The tests of one index used by many processes and goroutines at once,
# under the race detector (the processes they start are built with it).
race:
	$(GO) test -race -count=1 -run '^(TestConcurrentCommands|TestShare|TestHandlers)$$' ./index ./cmd/chitieu ./web

crash:
	CHITIEU_CRASH_DOCS=10000 $(GO) test -count=1 -timeout 60m -run '^TestIngestKilled$$' -v ./cmd/chitieu

vet:
	$(GO) vet ./...

# Benchmarks, in one run of under ten minutes: PDF pages/s per core (pure
# Go and pdftotext side by side), normalization and target extraction MB/s,
# a 209-page PDF through the whole pipeline (needs pdfunite), DOCX and DOC
# MB/s, OCR pages/minute on 2 cores, the gazetteer's load time and
# lookups/s, the binary's size; then BenchmarkNational, the table of
# chitieu against SQLite FTS5 on 10,000 generated plans (written once under
# $TMPDIR/chitieu-bench, each indexed once): ingest wall and CPU time, peak
# memory, index size, the typical queries with and without facets, and 16
# concurrent clients on /api/search. Last, the table of the goals of issue
# 15, each measure beside its goal (internal/bench/summary).
BENCH_OUT ?= $(or $(TMPDIR),/tmp)/chitieu-bench.out

bench:
	@rm -f $(BENCH_OUT)
	$(GO) test -run '^$$' -bench . -benchmem -cpu 1 $$($(GO) list ./... | grep -v -e '/internal/bench$$' -e '/extract$$') 2>&1 | tee -a $(BENCH_OUT)
	$(GO) test -run '^$$' -bench 'BenchmarkLargePDF' -cpu 2 ./extract/pdftext 2>&1 | tee -a $(BENCH_OUT)
	$(GO) test -run '^$$' -bench 'BenchmarkOCR$$' -benchtime 1x -cpu 2 ./extract 2>&1 | tee -a $(BENCH_OUT)
	$(GO) test -run '^$$' -bench 'BenchmarkNational$$' -benchtime 1x -timeout 30m ./internal/bench 2>&1 | tee -a $(BENCH_OUT)
	$(GO) run ./internal/bench/summary $(BENCH_OUT)

# The same table at 100,000 plans (not in CI: about 45 minutes and 20 GB of
# $$TMPDIR), and the same corpus in 4 shards, each ingested by its own
# process, searched together: see the README's "Speed and scale".
bench-scale:
	CHITIEU_BENCH_PLANS=100000 $(GO) test -run '^$$' -bench 'BenchmarkNational$$|BenchmarkShards$$' -benchtime 1x -timeout 6h ./internal/bench

# Run each fuzz target for FUZZTIME: a count of inputs (see CI_FUZZTIME),
# or a duration (FUZZTIME=1m).
fuzz:
	@for pkg in $$($(GO) list ./...); do \
	  for f in $$($(GO) test -list '^Fuzz' $$pkg | grep '^Fuzz'); do \
	    echo "== $$pkg $$f"; $(GO) test -run '^$$' -fuzz "^$$f$$" -fuzztime $(FUZZTIME) -fuzzminimizetime 200x $$pkg || exit 1; \
	  done; \
	done

demo:
	$(GO) run ./cmd/chitieu

clean:
	rm -f chitieu
