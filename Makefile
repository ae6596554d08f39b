# Task runner. `make` runs lint and tests; the rest are the documented maintenance commands.
PY ?= .venv/bin/python
BIN = $(dir $(PY))

.PHONY: check test lint catalogs golden docs bench
check: lint test

test:
	$(PY) -m pytest -q

# ruff (style), import-linter (the layer rules in pyproject.toml), mypy (types).
lint:
	$(BIN)ruff check reportgen tests benchmarks
	$(BIN)lint-imports
	$(BIN)mypy

# Re-extract every msgid (templates, Python, rubric) and merge it into the Vietnamese
# catalog; new entries arrive untranslated, and the tests fail until they are translated.
catalogs:
	$(BIN)pybabel extract -F babel.cfg -o locales/messages.pot --no-wrap --sort-by-file \
	  --project reportgen --version 0.1.0 --msgid-bugs-address "" --copyright-holder "reportgen developers" .
	$(BIN)pybabel update -i locales/messages.pot -d locales -D messages -l vi --no-wrap --no-fuzzy-matching

# The template authors' reference, generated from the context types' help texts.
docs:
	$(PY) -c "from reportgen.present.contract import reference; print(reference())" > docs/templates.md

# Regenerate the golden HTML of the sample used by tests/test_golden.py.
golden:
	$(PY) -m tests.golden

bench:
	$(PY) benchmarks/bench_batch.py
