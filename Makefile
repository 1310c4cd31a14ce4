# Set-up is part of every target: the first run creates .venv and installs argmap into it.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: test report check schema clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

test: $(STAMP)
	$(BIN)/python -m pytest -q

report: $(STAMP)
	$(BIN)/argmap check maps/

check: report

schema: $(STAMP)
	$(BIN)/argmap schema -o schema/argmap.schema.json

clean:
	rm -rf $(VENV) build dist site .pytest_cache .hypothesis
