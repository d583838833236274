# Two entry points do everything on a fresh machine: `make deck` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
DECK := deck/us-mexico-partnership.yaml
OUT := build/us-mexico-partnership.pptx

.PHONY: deck test bench fuzz venv bytecode clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# Each stamp records that the venv holds the project (and, for tests, its test extras)
# as pyproject.toml currently describes it.
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(VENV)/.installed $@

venv: $(VENV)/.installed

# Bytecode for the editable install, as a wheel install would have: without it every run
# compiles the package from source again when PYTHONDONTWRITEBYTECODE is set (as in CI).
bytecode: | $(BIN)/python
	$(BIN)/python -m compileall -q src > /dev/null

deck: venv bytecode
	$(BIN)/deckbuilder build $(DECK) -o $(OUT)

test: $(VENV)/.installed-test
	$(BIN)/python -m pytest -q

bench: $(VENV)/.installed-test bytecode
	$(BIN)/python bench/run.py

fuzz: $(VENV)/.installed-test
	DECKBUILDER_FUZZ_EXAMPLES=5000 $(BIN)/python -m pytest -q tests/test_fuzz.py

clean:
	rm -rf build .deckbuilder-cache
