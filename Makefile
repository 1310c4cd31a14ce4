# Set-up is part of every target: the first run creates .venv and installs argmap into it.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: test report check schema pictures clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

test: $(STAMP)
	$(BIN)/python -m pytest -q

report: $(STAMP)
	$(BIN)/argmap build maps/ -o site/

check: $(STAMP)
	$(BIN)/argmap check --strict maps/

schema: $(STAMP)
	$(BIN)/argmap schema -o schema/argmap.schema.json

pictures: $(STAMP)
	$(BIN)/argmap render maps/greitens-2022-xi-jinpings-quest-for-order.yaml --focus gsi-extends-concept \
		-o docs/greitens-gsi-extends-concept.svg

clean:
	rm -rf $(VENV) build dist site test-artifacts .pytest_cache .hypothesis
