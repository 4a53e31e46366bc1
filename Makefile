# The Makefile only wraps go commands.
GO ?= go
FUZZTIME ?= 20000x

.PHONY: build test vet bench fuzz crash race demo clean

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

# Benchmarks: PDF pages/s per core (pure Go and pdftotext side by side),
# normalization MB/s, target extraction MB/s of text, a 209-page PDF through
# the whole pipeline (needs pdfunite from poppler-utils); then the index on
# a generated corpus of 10,000 plans (written once under $TMPDIR/chitieu-bench):
# ingest docs/s, MB/s and index size / text size on 1 core and on 2, and
# search latency p50/p99 over a few hundred queries; then requests/s and
# latency of the search API under 16 concurrent clients on loopback; DOCX
# and DOC MB/s (in the first line); OCR pages/minute on 2 cores, and the
# pages OCR'd again when the same plan is read again (0: the cache).
bench:
	$(GO) test -run '^$$' -bench . -benchmem -cpu 1 $$($(GO) list ./... | grep -v -e '/index$$' -e '/web$$')
	$(GO) test -run '^$$' -bench . -benchtime 1x -cpu 1,2 -timeout 60m ./index
	$(GO) test -run '^$$' -bench . -benchtime 3000x ./web
	$(GO) test -run '^$$' -bench 'BenchmarkOCR$$' -benchtime 1x -cpu 2 ./extract

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
