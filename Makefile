# Quick start: `make demo` (set up + build the sample corpus), `make test` (set up + run the tests).
# Needs only Python 3.11 and the package registry; everything goes into .venv/.
PYTHON ?= python3.11
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: demo test setup bench lock clean-out

$(STAMP): pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $(STAMP)

setup: $(STAMP)

demo: $(STAMP)
	$(BIN)/pgkg build examples/corpus --out out

test: $(STAMP)
	$(BIN)/python -m pytest

bench: $(STAMP)
	$(BIN)/python bench/run.py

# Re-pin every dependency after changing pyproject.toml (needs network to PyPI).
lock:
	rm -rf /tmp/pgkg-lock && $(PYTHON) -m venv /tmp/pgkg-lock
	/tmp/pgkg-lock/bin/pip install --quiet -e '.[test]'
	/tmp/pgkg-lock/bin/pip freeze --exclude-editable > requirements.lock

clean-out:
	rm -rf out
