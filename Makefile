# Claimline's single task runner. `make run` and `make test` set everything up first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
FLASK := $(BIN)/flask --app app
PORT ?= 5000
# The first account's sign-in name (`make run ADMIN_NAME=ada`); `admin` when not given.
ADMIN_NAME ?=

.PHONY: run test test-fast fuzz lint format install lock test-deps system-deps clean messages

$(BIN)/activate:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

# The lock files pin every package, direct or not, with its hashes: a fresh clone installs exactly
# what was tested, and pip refuses a file whose hash differs.
$(VENV)/.installed: requirements.lock requirements-dev.lock | $(BIN)/activate
	$(BIN)/pip install --quiet --require-hashes -r requirements-dev.lock
	touch $@

# Re-resolve requirements*.txt into the lock files after changing a pin. uv resolves for every
# platform at once (--universal), so the lock holds on macOS too, and in a second, not minutes.
LOCK := $(BIN)/uv pip compile --quiet --universal --python-version 3.11 --generate-hashes \
	--custom-compile-command "make lock"

lock: $(VENV)/.installed
	$(LOCK) requirements.txt -o requirements.lock
	$(LOCK) requirements-dev.txt -c requirements.lock -o requirements-dev.lock

# The interface's words (issue 20): catalogues under translations/<language>/LC_MESSAGES. The
# .po files are kept in git; their compiled .mo files are built here. `make messages` extracts
# every marked word from Python, templates and JavaScript and merges it into each catalogue;
# tests/i18n checks that nothing is left unmarked, missing or fuzzy.
CATALOGUES := $(wildcard translations/*/LC_MESSAGES/messages.po)
COMPILED_CATALOGUES := $(CATALOGUES:.po=.mo)
KEYWORDS := -k _l -k N_ -k lazy_gettext -k pgettext:1c,2

install: system-deps $(VENV)/.installed $(COMPILED_CATALOGUES)

translations/%/LC_MESSAGES/messages.mo: translations/%/LC_MESSAGES/messages.po | $(VENV)/.installed
	$(BIN)/pybabel compile --statistics -i $< -o $@

messages: $(VENV)/.installed
	$(BIN)/pybabel extract -F babel.cfg $(KEYWORDS) --no-location --sort-output \
		--project Claimline --copyright-holder "Claimline" -o translations/messages.pot .
	$(BIN)/pybabel update -i translations/messages.pot -d translations \
		--no-fuzzy-matching --ignore-obsolete

# Debian packages the app needs at run time: Pango and HarfBuzz's subsetter for WeasyPrint (the
# dossier PDF), DejaVu for the few glyphs the vendored Noto fonts lack. Installed only when missing
# and only when we are root with apt-get; silent when everything is there.
SYSTEM_PACKAGES := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core

system-deps:
	@if ! command -v dpkg >/dev/null 2>&1; then \
		echo "Not a Debian system: PDF printing needs Pango 1.44 or later (see README, Printing)"; \
		exit 0; \
	fi; \
	missing=""; \
	for package in $(SYSTEM_PACKAGES); do \
		dpkg -s $$package >/dev/null 2>&1 || missing="$$missing $$package"; \
	done; \
	if [ -n "$$missing" ]; then \
		if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
			echo "Installing$$missing from Debian"; \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
		else \
			echo "Missing$$missing: PDF printing will fail until they are installed (needs root)"; \
		fi; \
	fi

# A random secret key, written once, so sessions survive restarts and no default key is used.
instance/config.py:
	mkdir -p instance
	$(PYTHON) -c "import secrets; print(f'SECRET_KEY = {secrets.token_hex(32)!r}')" > $@

# The PDF worker (the queue's consumer, `flask pdf-worker`) runs beside the web server and
# is stopped with it, whether the server ends or is interrupted (Ctrl-C).
run: install instance/config.py
	$(FLASK) db upgrade
	$(FLASK) seed
	$(FLASK) cards refresh
	$(FLASK) users bootstrap $(ADMIN_NAME)
	$(FLASK) pdf-worker & worker=$$!; \
		trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
		$(FLASK) run --host 127.0.0.1 --port $(PORT)

# What the tests need beyond Python: Debian's Chromium (browser tests), a Java runtime (the Nu
# Html Checker) and a PostgreSQL server (the suite runs on it too), installed when missing and we
# are root; axe-core and vnu-jar come pinned from tests/browser/package-lock.json.
BROWSER_NODE := tests/browser/node_modules/.package-lock.json

$(BROWSER_NODE): tests/browser/package.json tests/browser/package-lock.json
	cd tests/browser && npm ci --no-audit --no-fund --loglevel=error

test-deps: $(BROWSER_NODE)
	@missing=""; \
	command -v chromium >/dev/null 2>&1 || missing="$$missing chromium"; \
	command -v java >/dev/null 2>&1 || missing="$$missing default-jre-headless"; \
	ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing="$$missing postgresql"; \
	if [ -n "$$missing" ]; then \
		if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
			echo "Installing$$missing from Debian"; \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
		else \
			echo "Not installing$$missing (needs root and apt-get): those tests will be skipped"; \
		fi; \
	fi

# The suite runs on $(JOBS) processes (pytest-xdist), but the reliability tests (concurrent
# writers, timed) and the browser tests (a live server and Chromium) run alone afterwards, so
# that they neither slow the others down nor are slowed down by them.
JOBS ?= 2
PYTEST := $(BIN)/python -m pytest
PARALLEL := $(PYTEST) -n $(JOBS) --ignore=tests/reliability --ignore=tests/browser
SERIAL := $(PYTEST) tests/reliability

test: install test-deps
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	$(BIN)/mypy
	$(PARALLEL)
	$(SERIAL) tests/browser
	tests/with-postgres.sh $(PARALLEL) -q
	tests/with-postgres.sh $(SERIAL) -q

# A longer schemathesis run against the API and property tests with more examples.
fuzz: install
	FUZZ_EXAMPLES=500 $(BIN)/python -m pytest -q tests/test_schemathesis.py tests/test_form_properties.py \
		tests/test_fuzzy_date.py tests/test_fuzzy_date_properties.py tests/test_date_grammar.py

test-fast: install
	$(PARALLEL) -q -m "not slow"
	$(SERIAL) -q -m "not slow"

# The benchmark (never part of make test): Datasette in its own venv, wrk from Debian.
BENCH_CLAIMS ?= 100000
BENCH_DURATION ?= 10
# The cold table and the first reader after a write are measured again at this many claims.
BENCH_LARGE ?= 1000000
# DATABASE=postgresql: only the PostgreSQL comparison (its mixed workload, cold table and first
# reader after a write, beside SQLite's from the same run); by default it is part of the run.
DATABASE ?= all
# The soak: fresh gunicorn starts under load on this many claims (bench/soak.py).
SOAK_CLAIMS ?= 30000
SOAK_STARTS ?= 17

.venv-bench/.installed: bench/requirements.txt
	$(PYTHON) -m venv .venv-bench
	.venv-bench/bin/pip install --quiet -r bench/requirements.txt
	touch $@

bench: install .venv-bench/.installed
	@command -v wrk >/dev/null 2>&1 || { [ "$$(id -u)" = 0 ] && apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }
ifeq ($(DATABASE),postgresql)
	$(BIN)/python bench/run.py --claims $(BENCH_CLAIMS) --duration $(BENCH_DURATION) \
		--skip-datasette --skip-writes --postgresql
else
	$(BIN)/python bench/run.py --claims $(BENCH_CLAIMS) --duration $(BENCH_DURATION) \
		--postgresql --large $(BENCH_LARGE)
	$(BIN)/python bench/run.py --claims $(BENCH_CLAIMS) --duration $(BENCH_DURATION) --repeated
	$(BIN)/python bench/run.py --claims $(BENCH_CLAIMS) --duration $(BENCH_DURATION) --repeated \
		--no-page-cache
	$(BIN)/python bench/print_bench.py
	$(BIN)/python bench/markdown_bench.py
	$(BIN)/python bench/soak.py --claims $(SOAK_CLAIMS) --starts $(SOAK_STARTS)
endif

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

clean:
	rm -rf $(VENV) .venv-bench .pytest_cache .ruff_cache
