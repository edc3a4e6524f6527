# framescope — see README.md. Everything here runs offline except the first
# build, which downloads Go modules through the module proxy.

GO       ?= go
BIN      ?= bin/framescope
EVALDATA ?= ../shared/evaldata
FUZZTIME ?= 10s

.PHONY: all build test demo bench bench-extract fuzz vet clean

all: build

build:
	$(GO) build -o $(BIN) ./cmd/framescope

# go vet, every test, then a short fuzz run of the page/feed decoder.
test: vet
	$(GO) test ./...
	$(MAKE) fuzz

vet:
	$(GO) vet ./...

fuzz:
	$(GO) test ./crawler -run '^$$' -fuzz '^FuzzDecode$$' -fuzztime $(FUZZTIME)

# Crawl, analyze and index the bundled sample news site and print the
# framing-over-time table. The data directory is kept for search/trend.
demo: build
	$(BIN) demo --data demo-data

bench:
	$(GO) test ./analyzer ./index -run '^$$' -bench . -benchmem

bench-extract: build
	./scripts/bench-extract.sh $(EVALDATA)

clean:
	rm -rf bin demo-data
