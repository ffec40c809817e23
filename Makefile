SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-$(shell cksum < requirements.txt | cut -d' ' -f1)
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test install migrate demo check clean backup restore bench

install: $(STAMP)

$(STAMP): requirements.txt
	@python=$$(scripts/find-python) || exit 1; \
	if [ ! -x $(PY) ] || ! $(PY) -c 'import sys; sys.exit(sys.version_info < (3, 12))'; then \
		rm -rf $(VENV); echo "Creating $(VENV) with $$python"; $$python -m venv $(VENV) || exit 1; \
	fi
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	rm -f $(VENV)/.installed-*
	touch $(STAMP)

# Local development: SQLite in the project folder, demo content, debug server.
run: export DEBUG ?= 1
run: install
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_demo
	$(PY) manage.py runserver $(HOST):$(PORT)

migrate: export DEBUG ?= 1
migrate: install
	$(PY) manage.py migrate --noinput

demo: export DEBUG ?= 1
demo: migrate
	$(PY) manage.py load_demo

# Back up the database DATABASE_URL names (SQLite when unset) into BACKUP_DIR (./backups),
# and restore one: `make restore` takes the newest, `make restore FILE=backups/<name>` that one.
backup: export DEBUG ?= 1
backup: install
	$(PY) manage.py dbbackup --noinput

restore: export DEBUG ?= 1
restore: install
	$(PY) manage.py dbrestore --noinput $(if $(FILE),--input-path $(FILE))

# The whole suite. DATABASE_URL picks the database (SQLite when unset). The browser
# tests need Debian's chromium: scripts/find-chromium installs it when it can, or says how;
# the accessibility test needs axe-core, which scripts/find-axe installs from npm into .cache/.
test: export SECRET_KEY ?= test-only-secret-key
# The browser test's server thread must not keep a connection open past the run.
test: export CONN_MAX_AGE ?= 0
test: install
	@scripts/find-chromium >/dev/null
	@scripts/find-axe >/dev/null
	$(PY) -m pytest $(PYTEST_ARGS)

# Lint and format (ruff, configured in pyproject.toml), Django's checks, no missing migration.
check: export SECRET_KEY ?= test-only-secret-key
check: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(PY) manage.py check
	$(PY) manage.py makemigrations --check --dry-run

# How fast the public pages are served, as shares of a Django view returning the same bytes
# from memory (the ceiling), from one run: gunicorn and wrk on a fresh SQLite demo database
# (scripts/bench, scripts/find-wrk); then manage.py bench_scale --pages $(BENCH_PAGES), if the
# project has it. BENCH_PAGES=0 skips it.
BENCH_PAGES ?= 10000
bench: install
	BENCH_PAGES=$(BENCH_PAGES) $(PY) scripts/bench

clean:
	rm -rf $(VENV) staticfiles .pytest_cache
