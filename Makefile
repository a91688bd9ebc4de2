# Leaving Amazon: build, serve, test, benchmark.
#   make run     build everything and serve at http://$(ADDR)
#   make test    every test (vet, unit, component, handler, headless Chromium)
#   make bench   the benchmark figures in docs/performance.md

ADDR ?= 127.0.0.1:8000
BIN  := bin/leaving-amazon
GO_SOURCES := $(shell find . -name '*.go' -not -path './dist/*')
WASM := web/static/app.wasm
CONTENT := $(wildcard essay/*.md)
GOFLAGS_BUILD := -trimpath

.PHONY: size all generate wasm essay-build build run static test vet bench screenshots clean

all: build

# Parse the Markdown into essay/content_gen.go (what the app is built
# with) and essay/content.json; fails with file:line on bad content.
generate:
	go generate ./essay

essay/content.json essay/content_gen.go &: $(CONTENT) essay/parse.go essay/essay.go essay/golit.go
	go generate ./essay

# The browser bundle: server-only code is kept out by //go:build !wasm.
$(WASM): $(GO_SOURCES) essay/content_gen.go go.mod go.sum
	GOOS=js GOARCH=wasm go build $(GOFLAGS_BUILD) -ldflags="-s -w" -o $@ .

# Compressed once, at the highest levels, at build time.
$(WASM).br: $(WASM)
	go run $(GOFLAGS_BUILD) . -precompress $(WASM)

wasm: $(WASM) $(WASM).br

# ESSAY is the directory of the essay to build: essay/, the author's, by
# default. Another (make run ESSAY=testdata/example-essay) is built into
# ESSAY_OUT: its content.json, which the server takes with -content, and a
# wasm built with its content_gen.go (go build -overlay puts it in place of
# essay/content_gen.go). essay/ and web/static/ are left as they are.
# docs/authoring.md says how to write one.
ESSAY ?= essay
ESSAY_DIR := $(patsubst %/,%,$(ESSAY))
ifeq ($(ESSAY_DIR),essay)
ESSAY_WASM := wasm
else
ESSAY_OUT ?= bin/essays/$(notdir $(ESSAY_DIR))
ESSAY_WASM := $(ESSAY_OUT)/app.wasm.br
ESSAY_FLAGS := -content $(ESSAY_OUT)

# Parsed on every build (a removed section counts too); the file is only
# rewritten, and the wasm rebuilt, when the content changed.
$(ESSAY_OUT)/content.json: FORCE
	@mkdir -p $(ESSAY_OUT)
	go run -tags essaygen essay/gen.go -src $(ESSAY_DIR) -out $@ -go $(ESSAY_OUT)/content_gen.go

$(ESSAY_OUT)/app.wasm: $(ESSAY_OUT)/content.json $(GO_SOURCES) go.mod go.sum
	printf '{"Replace":{"%s":"%s"}}' $(abspath essay/content_gen.go) $(abspath $(ESSAY_OUT)/content_gen.go) > $(ESSAY_OUT)/overlay.json
	GOOS=js GOARCH=wasm go build $(GOFLAGS_BUILD) -overlay $(ESSAY_OUT)/overlay.json -ldflags="-s -w" -o $@ .

$(ESSAY_OUT)/app.wasm.br: $(ESSAY_OUT)/app.wasm
	go run $(GOFLAGS_BUILD) . -precompress $<
endif

# Only another essay's content and wasm (the tests build the example's).
essay-build: $(ESSAY_WASM)

FORCE:

# The server embeds web/static/ (with the wasm) and runs alone from any
# directory. Its version is a hash of what it serves, computed by the
# server itself (web.New).
build: $(ESSAY_WASM)
	go build $(GOFLAGS_BUILD) -ldflags="-s -w" -o $(BIN) .

run: build
	./$(BIN) -addr $(ADDR) $(ESSAY_FLAGS)

# A static copy for any static host, under BASE (a sub-path or /), with
# absolute link-preview URLs when DOMAIN is given: every page as
# <path>/index.html, with .gz and .br twins, and a _headers file.
# FRAME_ANCESTORS says who may frame it. See docs/hosting.md for nginx and
# Netlify/Cloudflare settings.
BASE ?= /
OUT ?= dist
DOMAIN ?=
FRAME_ANCESTORS ?= 'self'
static: build
	./$(BIN) -export $(OUT) -base $(BASE) -domain "$(DOMAIN)" -frame-ancestors "$(FRAME_ANCESTORS)" $(ESSAY_FLAGS)

# What the wasm costs a reader (raw, gzip, brotli) and its code by Go
# package, from a second build that keeps the names (bin/app.named.wasm).
size: wasm
	@mkdir -p bin
	GOOS=js GOARCH=wasm go build $(GOFLAGS_BUILD) -o bin/app.named.wasm .
	go run $(GOFLAGS_BUILD) . -size $(WASM) -names bin/app.named.wasm

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

# How many times slower the phone's CPU is than this machine's, for make
# bench: 4, Lighthouse's default (docs/performance.md).
BENCH_CPU ?= 4

bench: wasm
	npm ci --prefix testdata/lighthouse --ignore-scripts --no-audit --no-fund
	BENCH_CPU=$(BENCH_CPU) go test -count=1 -run '^$$' -bench . -benchtime 1x -timeout 30m ./web

# The README's screenshots (docs/img/), from the real page in Chromium.
screenshots: wasm
	SCREENSHOTS=write go test -count=1 -run '^TestScreenshots$$' ./web

clean:
	rm -rf bin dist $(WASM) $(WASM).br $(WASM).gz
