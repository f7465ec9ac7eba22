# One command runs every check: `make check`.
PY ?= .venv/bin/python

.PHONY: check check-static lint type imports deadcode test bench screenshots

check: check-static test

check-static: lint type imports deadcode

lint:
	$(PY) -m ruff check newsreader tests benchmarks scripts
	$(PY) -m ruff format --check newsreader tests benchmarks scripts

type:
	$(PY) -m mypy

imports:
	.venv/bin/lint-imports

# Unused code in the package, the tests and the scripts (settings in pyproject.toml).
deadcode:
	$(PY) -m vulture

test:
	$(PY) -m pytest -q

bench:
	$(PY) benchmarks/run.py

screenshots:
	$(PY) scripts/make_screenshots.py
