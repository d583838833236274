# Two entry points do everything on a fresh machine: `make deck` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
DECK := deck/us-mexico-partnership.yaml
OUT := build/us-mexico-partnership.pptx

.PHONY: deck test bench fuzz venv clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

venv: $(VENV)/.installed

deck: venv
	$(BIN)/deckbuilder build $(DECK) -o $(OUT)

test: venv
	$(BIN)/python -m pytest -q

bench: venv
	$(BIN)/python bench/run.py

fuzz: venv
	DECKBUILDER_FUZZ_EXAMPLES=5000 $(BIN)/python -m pytest -q tests/test_fuzz.py

clean:
	rm -rf build .deckbuilder-cache
