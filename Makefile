# framescope — see README.md. Everything here runs offline except the first
# build, which downloads Go modules through the module proxy.

GO       ?= go
BIN      ?= bin/framescope
EVALDATA ?= ../shared/evaldata
FUZZTIME ?=

.PHONY: all build test demo bench bench-extract loadtest loadtest-rps crashtest fuzz fuzz-long vet browser wget clean

all: build

build:
	$(GO) build -o $(BIN) ./cmd/framescope

# The OpenSearch node the tests run against (scripts/opensearch), in a
# folder of this checkout's own so that checkouts side by side do not meet.
OPENSEARCH_DIR ?= /tmp/framescope-opensearch-$(shell echo "$(CURDIR)" | cksum | cut -d' ' -f1)
export OPENSEARCH_DIR

# go vet, every test, then a short fuzz run of the page/feed decoder and of
# the query parser. The OpenSearch engine's tests run against a node that
# scripts/opensearch starts when Java and mvn (or the cached download) are
# there, or against $$FRAMESCOPE_TEST_OPENSEARCH when set; otherwise they
# skip, and this says so. With the node started here, TestCluster also
# starts a cluster of three (scripts/opensearch, in $(OPENSEARCH_DIR)-cluster),
# indexes 100,000 articles while one node is SIGKILLed, and stops it.
test: vet browser wget
	@url="$${FRAMESCOPE_TEST_OPENSEARCH:-}"; started=""; \
	if [ -z "$$url" ]; then \
	  if command -v java >/dev/null 2>&1 && { command -v mvn >/dev/null 2>&1 || ls $$HOME/.m2/repository/org/opensearch/distribution/integ-test-zip/opensearch/*/*.zip >/dev/null 2>&1; }; then \
	    scripts/opensearch stop >/dev/null 2>&1; \
	    if url=$$(scripts/opensearch start | tail -1); then started=1; echo "OpenSearch tests run against $$url"; \
	    else url=""; echo "OpenSearch did not start: the OpenSearch tests will SKIP"; fi; \
	  else echo "no java or mvn: the OpenSearch tests will SKIP"; fi; \
	fi; \
	cluster=""; [ -n "$$started" ] && cluster="$(OPENSEARCH_DIR)-cluster"; \
	FRAMESCOPE_TEST_OPENSEARCH="$$url" FRAMESCOPE_TEST_CLUSTER="$$cluster" $(GO) test -timeout 20m ./...; rc=$$?; \
	if [ -n "$$started" ]; then scripts/opensearch stop; fi; exit $$rc
	$(MAKE) fuzz

vet:
	$(GO) vet ./...

# The web UI's browser tests drive Debian's chromium: install it where it is
# missing and we may (root with apt-get); otherwise those tests skip and say so.
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "installing chromium for the browser tests"; \
	    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
	      || echo "chromium could not be installed: the browser tests will skip"; \
	  else echo "no chromium (and no root apt-get to install it): the browser tests will skip"; fi; }

# The backfill tests import WARC files that wget writes: install it like
# chromium; without it those tests skip their WARC half and say so.
wget:
	@command -v wget >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "installing wget for the WARC tests"; \
	    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wget >/dev/null) \
	      || echo "wget could not be installed: the WARC tests will skip"; \
	  else echo "no wget (and no root apt-get to install it): the WARC tests will skip"; fi; }

# Each fuzz target runs for a number of executions rather than a time:
# Go 1.26's fuzz coordinator can fail a time-limited run with a bare
# "context deadline exceeded" when its deadline falls while a starved
# worker is busy (go.dev/issue/75804, fixed in Go 1.27). FUZZTIME=30s
# (or any -fuzztime value) overrides both counts.
FUZZ_DECODE ?= 2000x
FUZZ_QUERY  ?= 100000x
FUZZ_INPUT  ?= 5000x
# FUZZFLAGS adds go test flags to every run, e.g. -parallel=1 to leave a
# core free for other work.
FUZZFLAGS   ?=
fuzz:
	$(GO) test ./crawler -run '^$$' -fuzz '^FuzzDecode$$' -fuzztime $(or $(FUZZTIME),$(FUZZ_DECODE)) $(FUZZFLAGS)
	$(GO) test ./index -run '^$$' -fuzz '^FuzzParseQuery$$' -fuzztime $(or $(FUZZTIME),$(FUZZ_QUERY)) $(FUZZFLAGS)
	$(GO) test ./index/bleve -run '^$$' -fuzz '^FuzzEnglishAnalyzer$$' -fuzztime $(or $(FUZZTIME),$(FUZZ_INPUT)) $(FUZZFLAGS)
	$(GO) test ./analyzer -run '^$$' -fuzz '^FuzzParseCodebook$$' -fuzztime $(or $(FUZZTIME),$(FUZZ_INPUT)) $(FUZZFLAGS)
	$(GO) test ./crawler -run '^$$' -fuzz '^FuzzParseSources$$' -fuzztime $(or $(FUZZTIME),$(FUZZ_INPUT)) $(FUZZFLAGS)
	$(GO) test ./corpus -run '^$$' -fuzz '^FuzzStoreLines$$' -fuzztime $(or $(FUZZTIME),1000x) $(FUZZFLAGS)
	$(GO) test ./corpus -run '^$$' -fuzz '^FuzzReadArticles$$' -fuzztime $(or $(FUZZTIME),$(FUZZ_INPUT)) $(FUZZFLAGS)

# Every fuzz target for 10 minutes each (about an hour; not in CI). A
# bare "context deadline exceeded" with no crasher written is the Go 1.26
# coordinator race named above, not a finding.
fuzz-long:
	$(MAKE) fuzz FUZZTIME=10m

# Crawl, analyze and index the bundled sample news site and print the
# framing-over-time table. The data directory is kept for search/trend.
demo: build
	$(BIN) demo --data demo-data

bench:
	$(GO) test ./analyzer ./index/bleve -run '^$$' -bench . -benchmem

# Crash convergence: TRIALS (default 100) SIGKILL trials each of a crawl of a
# local replay and of an import, checked for store = index, no duplicate and
# every store line parsing (not in CI; about half an hour at 100).
crashtest:
	scripts/crashtest.sh

# Soak of 'framescope serve' (scripts/soak): pages and API requests from 50
# connections for 60 s over a synthetic index of N articles (default
# 100,000, built once under DIR) while crawls of a local replay run inside
# the server; PASS/FAIL for no 5xx, flat memory and /healthz under 50 ms.
loadtest:
	scripts/soak

# Requests per second of 'framescope serve' over a synthetic index of N
# articles (default 1,000,000) for a mix of /api/search queries with wrk.
loadtest-rps:
	scripts/loadtest

# Extraction quality and speed on the shared evaluation pages (skipped when
# the folder is absent).
bench-extract: build
	@if [ ! -d "$(EVALDATA)/extract-en" ]; then echo "bench-extract: no $(EVALDATA), skipped"; exit 0; fi; \
	mkdir -p bench-out; \
	for set in extract-en extract-zh; do \
	  start=$$(date +%s.%N); \
	  $(BIN) extract $(EVALDATA)/$$set/html/* > bench-out/$$set.jsonl || exit 1; \
	  end=$$(date +%s.%N); \
	  n=$$(ls $(EVALDATA)/$$set/html | wc -l); \
	  echo "$$set: $$n pages in $$(python3 -c "print(round($$end - $$start, 2))") s"; \
	  python3 $(EVALDATA)/score_extract.py $(EVALDATA)/$$set/ground-truth.json bench-out/$$set.jsonl || exit 1; \
	done; \
	$(GO) test ./crawler -run '^$$' -bench '^Benchmark(Extract|Trafilatura)$$' -benchtime 1x

clean:
	rm -rf bin demo-data
