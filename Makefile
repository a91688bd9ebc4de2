# Leaving Amazon: build, serve, test, benchmark.
#   make run     build everything and serve at http://$(ADDR)
#   make test    every test (vet, unit, component, handler, headless Chromium)
#   make bench   the benchmark figures for the README

ADDR ?= 127.0.0.1:8000
BIN  := bin/leaving-amazon
GO_SOURCES := $(shell find . -name '*.go' -not -path './dist/*')
WASM := web/static/app.wasm
CONTENT := $(wildcard essay/*.md)
GOFLAGS_BUILD := -trimpath

.PHONY: all generate wasm build run static test vet bench clean

all: build

# Parse the Markdown into essay/content.json; fails with file:line on bad
# content.
generate:
	go generate ./essay

essay/content.json: $(CONTENT) essay/parse.go essay/essay.go
	go generate ./essay

# The browser bundle: server-only code is kept out by //go:build !wasm.
$(WASM): $(GO_SOURCES) essay/content.json go.mod go.sum
	GOOS=js GOARCH=wasm go build $(GOFLAGS_BUILD) -ldflags="-s -w" -o $@ .

# Compressed once, at the highest levels, at build time.
$(WASM).br: $(WASM)
	go run $(GOFLAGS_BUILD) . -precompress $(WASM)

wasm: $(WASM) $(WASM).br

# The server embeds web/static/ (with the wasm) and runs alone from any
# directory. Its version is a hash of what it serves, computed by the
# server itself (web.New).
build: wasm
	go build $(GOFLAGS_BUILD) -ldflags="-s -w" -o $(BIN) .

run: build
	./$(BIN) -addr $(ADDR)

# A static copy for any static host, under BASE (a sub-path or /), with
# absolute link-preview URLs when DOMAIN is given: every page as
# <path>/index.html, with .gz and .br twins, and a _headers file.
# FRAME_ANCESTORS says who may frame it. See the README for nginx and
# Netlify/Cloudflare settings.
BASE ?= /
OUT ?= dist
DOMAIN ?=
FRAME_ANCESTORS ?= 'self'
static: build
	./$(BIN) -export $(OUT) -base $(BASE) -domain "$(DOMAIN)" -frame-ancestors "$(FRAME_ANCESTORS)"

vet: wasm
	go vet ./...
	GOOS=js GOARCH=wasm go vet ./...

# The checkers nobody here wrote (the Nu HTML Checker), pinned by the lock
# file; the tests run them.
CHECKERS := testdata/checkers/node_modules/.package-lock.json
$(CHECKERS): testdata/checkers/package.json testdata/checkers/package-lock.json
	npm ci --prefix testdata/checkers --ignore-scripts --no-audit --no-fund

test: vet $(CHECKERS)
	go test -count=1 -timeout 20m ./...
	# A few seconds of each fuzzer, counted in runs: a -fuzztime in seconds
	# can fail at its deadline with nothing found (golang/go#75804, fixed
	# in Go 1.27).
	go test -run '^$$' -fuzz '^FuzzParseWeights$$' -fuzztime 100000x ./essay
	go test -run '^$$' -fuzz '^FuzzEvaluate$$' -fuzztime 100000x ./essay
	go test -run '^$$' -fuzz '^FuzzDecodeDecision$$' -fuzztime 15000x ./essay
	go test -run '^$$' -fuzz '^FuzzRank$$' -fuzztime 3000x ./essay
	go test -run '^$$' -fuzz '^FuzzCleanAddress$$' -fuzztime 100000x ./app

bench: wasm
	npm ci --prefix testdata/lighthouse --ignore-scripts --no-audit --no-fund
	go test -count=1 -run '^$$' -bench . -benchtime 1x -timeout 30m ./web

clean:
	rm -rf bin dist $(WASM) $(WASM).br $(WASM).gz
