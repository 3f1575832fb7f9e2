# Two commands on a fresh machine: `make up` runs Plein with its demo organisation,
# `make test` runs the whole test suite (browser journeys included).

SHELL := /bin/bash
PYTHON ?= $(shell for p in python3.13 python3.12 python3; do \
	if command -v $$p >/dev/null 2>&1 && $$p -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null; \
	then echo $$p; break; fi; done)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat requirements.lock pyproject.toml | cksum | cut -d' ' -f1)

.PHONY: up test test-postgres lint typecheck messages benchmark clean browser

$(STAMP): requirements.lock pyproject.toml
	@test -n "$(PYTHON)" || { echo "Plein needs Python 3.12 or newer (python3.13 preferred)."; exit 1; }
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV) 2>/dev/null || { \
		rm -rf $(VENV); $(PYTHON) -m pip install --quiet --user virtualenv && $(PYTHON) -m virtualenv --quiet $(VENV); }
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps -e .
	@rm -f $(VENV)/.installed-*
	@touch $@

up: $(STAMP)
	$(BIN)/plein up

# Debian's Chromium drives the browser journeys (Playwright never downloads a browser here).
browser:
	@command -v chromium >/dev/null 2>&1 || { \
		if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
		else echo "Install Chromium (Debian: apt-get install chromium) for the browser tests."; exit 1; fi; }

test: $(STAMP) browser
	$(BIN)/python -m pytest -n 2 --dist loadgroup

# The tests whose outcome can depend on the database engine, again on PostgreSQL (DATABASE_URL
# or the local server): marked db_backend, or in an engine-dependent area (tests/conftest.py).
# The browser journeys run once, on SQLite, in `make test`.
test-postgres: $(STAMP)
	DATABASE_URL=$${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/plein} \
		$(BIN)/python -m pytest -n 2 --dist loadgroup --ignore=tests/e2e -m db_backend

lint: $(STAMP)
	$(BIN)/ruff check plein tests benchmarks
	$(BIN)/ruff format --check plein tests benchmarks
	$(BIN)/mypy plein

messages: $(STAMP)
	cd plein && ../$(BIN)/plein manage makemessages -l nl -l en --no-obsolete --add-location file
	cd plein && ../$(BIN)/plein manage compilemessages

benchmark: $(STAMP)
	$(BIN)/python benchmarks/run.py

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
