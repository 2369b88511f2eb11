# The two set-up commands: `make demo` and `make test` build .venv from nothing when it is missing.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test bench bench-daemon lint clean venv train eval

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[test]'
	touch $(STAMP)

venv: $(STAMP)

demo: $(STAMP)
	$(BIN)/budgetwatch demo

# Three worker processes on the 2-core machine: many tests wait on a crawl child, a daemon or a slow
# page, so a third keeps both cores busy. Whole modules go to a worker (their module fixtures run
# once), in the order tests/conftest.py gives them: the slowest first. (Not --dist loadgroup: with
# pytest 9.2 it no longer keeps an xdist_group together, pytest-xdist issue 1386.)
# Bytecode caching on (some shells export PYTHONDONTWRITEBYTECODE=1): otherwise every pytest worker
# rewrites and compiles every test module again (~5 of its 10 CPU-s of collection), and every
# interpreter the tests start compiles the project's modules again (~0.5 CPU-s each).
TEST_WORKERS ?= 3
test: $(STAMP)
	env -u PYTHONDONTWRITEBYTECODE $(BIN)/python -m pytest -q -n $(TEST_WORKERS) --dist loadscope --no-loadscope-reorder

# The statement model: fitted on ../shared/eval/budget_train.jsonl, written to extract/statements/model.json.
SHARED_EVAL ?= ../shared/eval
train: $(STAMP)
	$(BIN)/python -m extract.statements.make_model train --data $(SHARED_EVAL)

# Honest figures: 5-fold cross-validation on train, and dev scored by the model fitted on all of train.
eval: $(STAMP)
	$(BIN)/python -m extract.statements.make_model eval --data $(SHARED_EVAL)

bench: $(STAMP)
	$(BIN)/python -m bench.crawl_speed
	$(BIN)/python -m bench.change_detection
	$(BIN)/python -m bench.worker_cpu
	$(BIN)/python -m bench.article_speed

bench-daemon: $(STAMP)
	$(BIN)/python -m bench.daemon_memory

# $(wildcard): changes/ (the change rules) is checked once it exists.
PACKAGES := $(wildcard config store changes crawler cli extract bench demo scheduling workers digest)

# Style, types, the layering of the stages (import-linter contracts in pyproject.toml) and module size.
lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy --strict --ignore-missing-imports $(PACKAGES) scheduler.py
	$(BIN)/lint-imports
	$(BIN)/python .ci/max_lines.py 300 $(PACKAGES) scheduler.py tests

clean:
	rm -rf $(VENV) demo-output
