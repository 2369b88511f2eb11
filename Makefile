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
	$(BIN)/python -m bench.worker_cpu
	$(BIN)/python -m bench.article_speed

bench-daemon: $(STAMP)
	$(BIN)/python -m bench.daemon_memory

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/mypy --strict --ignore-missing-imports config store crawler cli extract bench demo scheduling workers digest scheduler.py

clean:
	rm -rf $(VENV) demo-output
