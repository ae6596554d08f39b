# Task runner. `make` runs lint and tests; the rest are the documented maintenance commands.
PY ?= .venv/bin/python
BIN = $(dir $(PY))

.PHONY: check test lint catalogs golden docs refresh fonts bench lock test-min
check: lint test

test:
	$(PY) -m pytest -q

# ruff (style), import-linter (the layer rules in pyproject.toml, type-only imports
# included), mypy (types), and the import graph: no cycle, no core module naming a section.
lint:
	$(BIN)ruff check reportgen tests benchmarks
	$(BIN)lint-imports
	$(BIN)mypy
	$(PY) -m pytest -q -p no:xdist -o addopts="" tests/test_contract.py -k "cycle or imports_a_section"

# Re-extract every msgid (templates, Python, rubric) and merge it into the Vietnamese
# catalog; new entries arrive untranslated, and the tests fail until they are translated.
catalogs:
	$(BIN)pybabel extract -F babel.cfg -o locales/messages.pot --no-wrap --sort-by-file \
	  --project reportgen --version 0.1.0 --msgid-bugs-address "" --copyright-holder "reportgen developers" .
	$(BIN)pybabel update -i locales/messages.pot -d locales -D messages -l vi --no-wrap --no-fuzzy-matching

# The template authors' reference, generated from the context types' help texts.
docs:
	$(PY) -c "from reportgen.present.contract import reference; print(reference())" > docs/templates.md
	for lang in en vi; do $(PY) -m reportgen schema --lang $$lang > docs/answers.schema.$$lang.json; done

# Regenerate the golden HTML of the sample used by tests/test_golden.py.
golden:
	$(PY) -m tests.golden

# Everything generated from the sections, after adding or changing one: the catalogs (then
# translate what is new in locales/vi/LC_MESSAGES/messages.po), the template reference and
# the JSON Schemas, the golden files (review their diff).
refresh: catalogs docs golden

# The bundled fonts, cut to the scripts the documents use (Latin with Vietnamese, the
# punctuation, currency and arrow signs): each PDF then subsets a font of ~700 glyphs instead
# of ~3,300, and the HTML embeds them as WOFF2. FULL_FONTS is a folder of the full Noto Sans
# 2.004 TTFs (https://notofonts.github.io); the licence (OFL) allows the subset.
FONT_UNICODES = U+0000-024F,U+0300-036F,U+1E00-1EFF,U+2000-206F,U+20A0-20CF,U+2100-214F,U+2190-21FF,U+2212,U+25A0-25FF
fonts:
	test -n "$(FULL_FONTS)" || (echo "usage: make fonts FULL_FONTS=/path/to/full/NotoSans" && false)
	for f in Regular Bold Italic BoldItalic; do \
	  $(BIN)pyftsubset $(FULL_FONTS)/NotoSans-$$f.ttf --unicodes=$(FONT_UNICODES) --layout-features='*' \
	    --output-file=reportgen/assets/fonts/NotoSans-$$f.ttf; \
	  $(BIN)pyftsubset $(FULL_FONTS)/NotoSans-$$f.ttf --unicodes=$(FONT_UNICODES) --layout-features='*' \
	    --flavor=woff2 --output-file=reportgen/assets/fonts/NotoSans-$$f.woff2; \
	done

bench:
	$(PY) benchmarks/bench_all.py

# Refresh requirements.lock, the versions the README installs: a fresh venv takes the newest
# versions pyproject.toml allows, the suite runs on it, and only a green run writes the lock.
# (A resolver's lock, pip-compile's or uv's, pins versions nobody has tested; this one pins
# what the suite passed on.)
lock:
	rm -rf .venv-lock
	python3 -m venv .venv-lock
	.venv-lock/bin/pip install -q -e ".[test]"
	.venv-lock/bin/python -m pytest -q
	{ echo "# The versions the suite last passed on, installed by the README (pip -c). Refreshed by"; \
	  echo "# \`make lock\`, which writes it only after the suite passes on them."; \
	  .venv-lock/bin/pip freeze --exclude-editable; } > requirements.lock.new
	mv requirements.lock.new requirements.lock
	rm -rf .venv-lock

# The suite with every direct dependency at the floor pyproject.toml declares (and the
# newest versions of what they need in turn), as mkdocs' min-versions environment does.
test-min:
	rm -rf .venv-min
	$(BIN)uv venv -q --python "$$($(PY) -c 'import sys; print(sys.base_prefix)')/bin/python3" .venv-min
	$(BIN)uv pip install -q --python .venv-min/bin/python --resolution lowest-direct -e ".[test]"
	.venv-min/bin/python -m pytest -q
