# One command runs every check: `make check`.
PY ?= .venv/bin/python

.PHONY: check check-static lint type imports test bench screenshots

check: check-static test

check-static: lint type imports

lint:
	$(PY) -m ruff check newsreader tests benchmarks scripts
	$(PY) -m ruff format --check newsreader tests benchmarks scripts

type:
	$(PY) -m mypy

imports:
	.venv/bin/lint-imports

test:
	$(PY) -m pytest -q

bench:
	$(PY) benchmarks/run.py

screenshots:
	$(PY) scripts/make_screenshots.py
