# The two commands: `make run` and `make test`. Both create .venv on first use.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

# Lock files: requirements.in / requirements-dev.in compiled by uv into fully pinned, hashed
# requirements.txt / requirements-dev.txt. `make lock` keeps existing pins; `make lock LOCK_ARGS=--upgrade`
# moves everything to the newest allowed versions.
COMPILE := $(BIN)/uv pip compile --quiet --generate-hashes --python-version 3.11 --custom-compile-command "make lock"

.PHONY: run test lint bench lock coverage up

# Depends on the lock files, so a changed lock reinstalls on the next `make run`/`make test`.
$(STAMP): requirements.txt requirements-dev.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements-dev.txt
	touch $(STAMP)

lock:
	test -x $(BIN)/uv || { test -x $(BIN)/python || $(PYTHON) -m venv $(VENV); $(BIN)/python -m pip install --quiet uv==0.13.9; }
	$(COMPILE) $(LOCK_ARGS) requirements.in -o requirements.txt
	$(COMPILE) $(LOCK_ARGS) requirements-dev.in -o requirements-dev.txt

# `make run PORT=8011` serves another port; email links follow it unless SITE_URL is set.
PORT ?= 8000
run: $(STAMP)
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py seed_demo
	SITE_URL="$${SITE_URL:-http://127.0.0.1:$(PORT)}" $(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

# The real stack on this machine: gunicorn, a Celery worker (both queues) and beat, on DATABASE_URL and
# CELERY_BROKER_URL (PostgreSQL and Redis as the machine provides them). Ctrl-C stops all three.
up: $(STAMP)
	@test -n "$$DATABASE_URL" -a -n "$$CELERY_BROKER_URL" || \
		{ echo "make up needs DATABASE_URL and CELERY_BROKER_URL (see README)"; exit 2; }
	mkdir -p var
	$(BIN)/python manage.py migrate --noinput
	PATH="$(CURDIR)/$(BIN):$$PATH" $(BIN)/honcho start -f Procfile

test: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	$(BIN)/mypy
	$(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/python -m pytest $(COV) $(PYTEST_ARGS)

# Coverage of lines and branches, failing under `fail_under` (pyproject.toml). `make test` measures it on the
# whole suite; with PYTEST_ARGS choosing a part, the floor would not mean anything, so it is left out then. The
# whole suite also lists its 20 slowest tests, so a CI log shows where its time goes.
COV := $(if $(PYTEST_ARGS),,--cov --cov-report=term --durations=20)

# The suite with coverage, whatever PYTEST_ARGS says (a part's figure, floor included).
coverage: $(STAMP)
	$(BIN)/python -m pytest --cov --cov-report=term $(PYTEST_ARGS)

lint: $(STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Marketplace-sized benchmark (issue 14): a throwaway PostgreSQL database (BENCH_DATABASE_URL, default
# postgres://postgres@127.0.0.1:5432/mk_bench, dropped and made again), seed_bench, gunicorn with DEBUG=false
# and wrk, installed from Debian when missing. See README, "Performance".
bench: $(STAMP)
	command -v wrk >/dev/null || apt-get install -y wrk || { echo "make bench needs wrk: apt-get install -y wrk"; exit 1; }
	$(BIN)/python bench/http_bench.py
