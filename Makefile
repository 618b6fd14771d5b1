# Waypoint. `make run` and `make test` set everything up on a fresh machine.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV ?= .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
RUNTIME_STAMP := $(VENV)/.runtime-installed
DEV_STAMP := $(VENV)/.dev-installed
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test lint format check-system-deps migrate demo clean worker beat bench messages

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip

$(RUNTIME_STAMP): requirements.txt | $(VENV)/bin/python
	$(PIP) install --quiet -r requirements.txt
	touch $@

$(DEV_STAMP): requirements.txt requirements-dev.txt | $(VENV)/bin/python
	$(PIP) install --quiet -r requirements-dev.txt
	touch $@ $(RUNTIME_STAMP)

var:
	mkdir -p var/mail var/media

# Compiled translation catalogues: rebuilt whenever their .po changes, never committed.
MO_FILES := $(patsubst %.po,%.mo,$(wildcard locale/*/LC_MESSAGES/django.po))

locale/%.mo: locale/%.po | check-system-deps
	msgfmt --check -o $@ $<

# What makemessages reads: all of ours that renders text (tests/test_catalogues.py says the same).
NOT_EXTRACTED := .venv node_modules tests var bench scripts docs static

## makemessages: add the new strings of the code and templates to the catalogues, then translate
## them (docs/glossary.md); make test fails while any is untranslated
.PHONY: makemessages
makemessages: $(DEV_STAMP)
	$(PY) manage.py makemessages --locale fr --locale es --locale ar --no-obsolete \
	  $(addprefix --ignore=,$(NOT_EXTRACTED))

## messages: compile the French, Spanish and Arabic catalogues (run and test do it)
messages: $(MO_FILES)

migrate: $(RUNTIME_STAMP) | var
	$(PY) manage.py migrate --noinput

demo: migrate check-system-deps
	$(PY) manage.py seed_demo

## run: set up and serve the demo on http://127.0.0.1:8000 (SQLite, in-process jobs)
run: demo messages
	@echo "Waypoint is starting on http://$(HOST):$(PORT)/ (admin: /admin/, mail: var/mail/)"
	$(PY) manage.py runserver $(HOST):$(PORT)

NODE_STAMP := node_modules/.package-lock.json

# axe-core for the accessibility checks, from package-lock.json; npm ci stamps the tree.
$(NODE_STAMP): package-lock.json | check-system-deps
	@command -v npm >/dev/null 2>&1 || { echo "npm is missing: the accessibility tests need" \
	  "axe-core from the npm registry. Install Node.js and npm with: scripts/ensure-system-deps" >&2; \
	  exit 1; }
	npm ci --no-audit --no-fund
	touch $@

# The suite runs in TEST_PROCESSES processes (pytest-xdist), each with its own test
# database; a file's tests stay in one process, as they share module fixtures, and the
# slowest files are handed out first (tests/conftest.py, SLOWEST_FIRST). Much of the
# suite waits on a browser, PostgreSQL or a worker, so two processes gain even on two cores.
# TEST_PROCESSES=0 runs it in this one process.
TEST_PROCESSES ?= 2

## test: set up and run the whole suite (browser journeys included)
test: $(DEV_STAMP) check-system-deps $(NODE_STAMP) messages | var
	$(PY) -m pytest -n $(TEST_PROCESSES) --dist loadfile --no-loadscope-reorder $(PYTEST_ARGS)

## bench: measure against the targets of docs/targets.md on a production-like stack (PostgreSQL,
## Redis, Celery workers on 127.0.0.1) and write docs/benchmarks.md
bench: $(DEV_STAMP) check-system-deps messages | var
	$(PY) -m bench $(BENCH_ARGS)

check-system-deps:
	@scripts/ensure-system-deps

## lint: ruff, Django checks, migrations up to date, deployment checklist
lint: $(DEV_STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	DJANGO_SETTINGS_MODULE=config.settings.test $(PY) manage.py check
	DJANGO_SETTINGS_MODULE=config.settings.test $(PY) manage.py makemigrations --check --dry-run
	DJANGO_SETTINGS_MODULE=config.settings.production \
	  SECRET_KEY=lint-only-$$(head -c 48 /dev/urandom | base64 | tr -d '/+=\n') \
	  ALLOWED_HOSTS=waypoint.example.org WAGTAILADMIN_BASE_URL=https://waypoint.example.org \
	  DATABASE_URL=sqlite:////tmp/waypoint-lint.sqlite3 \
	  CREDENTIAL_SIGNING_KEY="$$($(PY) scripts/new-credential-key)" \
	  $(PY) manage.py check --deploy --fail-level WARNING

format: $(DEV_STAMP)
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

## worker / beat: the services mode (set DATABASE_URL and CELERY_BROKER_URL first)
worker: $(RUNTIME_STAMP)
	$(VENV)/bin/celery -A config worker --loglevel=info --concurrency=2

beat: $(RUNTIME_STAMP)
	$(VENV)/bin/celery -A config beat --loglevel=info

clean:
	rm -rf var/waypoint.sqlite3* var/mail var/test-media

## audit: bandit on our code (fails on any high-severity finding) and pip-audit on the
## installed packages (fails on a known vulnerability; when the vulnerability service cannot
## be reached, or answers for no package, it says so and does not fail for that)
AUDIT_DIRS := accounts assessments certificates config courses devtools enrolments home reports
.PHONY: audit
audit: $(DEV_STAMP)
	$(VENV)/bin/bandit -q -r $(AUDIT_DIRS) -x '*/migrations/*' --severity-level high
	@set -o pipefail; out=$$($(VENV)/bin/pip-audit --progress-spinner off --skip-editable 2>&1); \
	status=$$?; echo "$$out" | grep -vE "could not be audited|^Name +Skip Reason|^-+ -+$$"; \
	if echo "$$out" | grep -qE "Found [0-9]+ known vulnerabilit"; then exit 1; fi; \
	skipped=$$(echo "$$out" | grep -c "could not be audited"); \
	if [ $$status -ne 0 ] || [ $$skipped -gt 0 ]; then \
	  echo "pip-audit: $$skipped packages could not be checked (exit $$status): the vulnerability" \
	    "service did not answer for them (offline, or a mirror without it). Not failing for that."; \
	fi
