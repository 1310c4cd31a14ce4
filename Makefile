# Set-up is part of every target: the first run creates .venv and installs argmap into it.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: test lint report check schema pictures readme-codes argdown axe bench clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test,lint]'
	touch $(STAMP)

test: $(STAMP)
	$(BIN)/python -m pytest -q

# Ruff (lint and format, config in pyproject.toml) over the repository and mypy --strict over the
# package: all three run, and the target fails when any of them finds something.
lint: $(STAMP)
	@status=0; \
	echo "ruff check"; $(BIN)/ruff check . || status=1; \
	echo "ruff format --check"; $(BIN)/ruff format --check . || status=1; \
	echo "mypy --strict argmap"; $(BIN)/mypy || status=1; \
	exit $$status

report: $(STAMP)
	$(BIN)/argmap build maps/ -o site/

check: $(STAMP)
	$(BIN)/argmap check --strict maps/

schema: $(STAMP)
	$(BIN)/argmap schema -o schema/argmap.schema.json
	$(BIN)/argmap schema --of export -o schema/argmap-export.schema.json

pictures: $(STAMP)
	$(BIN)/argmap render maps/greitens-2022-xi-jinpings-quest-for-order.yaml --focus gsi-extends-concept \
		-o docs/greitens-gsi-extends-concept.svg
	$(BIN)/python docs/pictures.py

# @argdown/cli 1.7.5 for the interoperability tests and the benchmarks (2.x does not install on Node 20)
argdown: build/argdown/node_modules/.bin/argdown

build/argdown/node_modules/.bin/argdown:
	mkdir -p build/argdown
	npm install --prefix build/argdown --silent --ignore-scripts --no-audit --no-fund @argdown/cli@1.7.5

# axe-core 4 from npm, which the browser tests inject into the reports to check their accessibility
axe: build/axe/node_modules/axe-core/axe.min.js

build/axe/node_modules/axe-core/axe.min.js:
	mkdir -p build/axe
	npm install --prefix build/axe --silent --ignore-scripts --no-audit --no-fund axe-core@4

bench: $(STAMP)
	-$(MAKE) argdown
	$(BIN)/python -m pip install --quiet -e '.[bench]'
	$(BIN)/python benchmarks/run.py

readme-codes: $(STAMP)
	$(BIN)/python -c "import re, subprocess; table = subprocess.run(['$(BIN)/argmap', 'explain', '--markdown'], capture_output=True, text=True, check=True).stdout; text = open('README.md').read(); text = re.sub(r'(<!-- codes: [^>]*-->\n).*?(<!-- /codes -->)', lambda m: m.group(1) + table + m.group(2), text, flags=re.S); open('README.md', 'w').write(text)"

clean:
	rm -rf $(VENV) build dist site test-artifacts .pytest_cache .hypothesis
