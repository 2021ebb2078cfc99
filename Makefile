# golden — `make demo` and `make test` do all the set-up on a fresh machine.
GO      ?= go
BIN     := bin/golden
DEMO    := testdata/demo
OUT     := out

.PHONY: all build demo test lint bench clean services

all: build

build:
	$(GO) build -o $(BIN) ./cmd/golden

# The main job end to end on the embedded demo council.
demo: build
	@mkdir -p $(OUT)
	@rm -f $(OUT)/demo.duckdb $(OUT)/demo.duckdb.wal
	@# exit 3 means "finished with warnings": the demo quarantines two rows on purpose.
	./$(BIN) run --config $(DEMO)/golden.yaml --db $(OUT)/demo.duckdb || [ $$? -eq 3 ]
	./$(BIN) show --config $(DEMO)/golden.yaml --db $(OUT)/demo.duckdb --largest person

# Services the tests need (a real PostgreSQL on loopback), installed and started if missing.
services:
	bash .ci/services.sh

test: services
	$(GO) test -count=1 -timeout 20m ./...

lint:
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	  if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi
	$(GO) vet ./...

# golden bench on synthetic cities (text to stdout, JSON to out/bench-N.json),
# then the Go micro-benchmarks. BENCH_PEOPLE="10000" make bench for a quick one.
BENCH_PEOPLE ?= 100000 1000000
bench: build
	@mkdir -p $(OUT)
	@for n in $(BENCH_PEOPLE); do \
	  ./$(BIN) bench --people $$n --json-file $(OUT)/bench-$$n.json || exit 1; \
	done
	$(GO) test -run '^$$' -bench . -benchmem ./...

clean:
	rm -rf bin $(OUT)
