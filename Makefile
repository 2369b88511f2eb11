# The two set-up commands: `make demo` and `make test` build .venv from nothing when it is missing.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test bench bench-daemon lint clean venv

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[test]'
	touch $(STAMP)

venv: $(STAMP)

demo: $(STAMP)
	$(BIN)/budgetwatch demo

test: $(STAMP)
	$(BIN)/python -m pytest -q

bench: $(STAMP)
	$(BIN)/python -m bench.crawl_speed
	$(BIN)/python -m bench.change_detection

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
