# Two commands set everything up: `make run` and `make test` (see README.md).
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
PORT   ?= 8000
STAMP  := $(VENV)/.installed

.PHONY: help install run test test-fast test-pg lint format pytest migrate load-data curator serve bench bench-compare bench-pg bench-wrk bench-pages clean

help:
	@echo "make run        serve the admin and API on 127.0.0.1:$(PORT) with the curated data loaded"
	@echo "make test       ruff and the whole test suite"
	@echo "make test-fast  ruff and the suite without the slow tests (pytest -m \"not slow\")"
	@echo "make test-pg    the whole suite on PostgreSQL (PG_URL=...)"
	@echo "make serve      serve with gunicorn (production-style; set the production variables)"
	@echo "make curator    create a curator account (USERNAME=...)"
	@echo "make bench-pages the explorer pages' server times on the curated data"
	@echo "make bench      API latency on $(BENCH_PATROLS) synthetic patrols in $(BENCH_DB) (never the curated db)"
	@echo "make bench-compare  the patrol list against Datasette on $(BENCH_DB), warm and cold (prints figures)"
	@echo "make bench-pg   the patrol list on PostgreSQL at $(BENCH_PG_PATROLS) patrols against SQLite, and EXPLAIN per filter"

$(PY):
	@$(PYTHON) -c 'import sys; sys.exit("Python >= 3.11 is required, found " + sys.version.split()[0]) if sys.version_info < (3, 11) else None'
	$(PYTHON) -m venv $(VENV)

# Reinstall whenever pyproject.toml changes.
$(STAMP): pyproject.toml | $(PY)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev]"
	@touch $(STAMP)

install: $(STAMP)

migrate: install
	$(PY) manage.py migrate --no-input

load-data: migrate
	$(PY) manage.py load_reference_data

run: migrate
	$(PY) manage.py load_reference_data --if-empty
	$(PY) manage.py collectstatic --no-input --verbosity 0
	@echo ""
	@echo "  Admin:  http://127.0.0.1:$(PORT)/admin/"
	@echo "  API:    http://127.0.0.1:$(PORT)/api/v1/   (docs: /api/docs/ and /api/redoc/)"
	@echo "  Create a curator account with: make curator USERNAME=yourname"
	@echo ""
	DJANGO_DEBUG=$${DJANGO_DEBUG:-true} $(PY) manage.py runserver 127.0.0.1:$(PORT)

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: install
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

pytest: install
	$(VENV)/bin/pytest $(PYTEST_ARGS)

test: lint pytest

# The suite without the tests marked slow (the API fuzz tests, and the generated checks repeated
# for every resource and admin model beyond patrols and sources): for a quick check while working.
test-fast: lint
	$(VENV)/bin/pytest -m "not slow" $(PYTEST_ARGS)

# The whole suite on PostgreSQL (PG_URL's server, a database of its own created for the run).
PG_URL ?= postgres://postgres@127.0.0.1:5432/aviation_test_pg
test-pg: install
	DATABASE_URL=$(PG_URL) $(VENV)/bin/pytest --create-db $(PYTEST_ARGS)

curator: migrate
	@test -n "$(USERNAME)" || (echo "usage: make curator USERNAME=name  (unattended: DJANGO_CURATOR_PASSWORD=... make curator USERNAME=name)" && exit 2)
	$(PY) manage.py create_curator $(USERNAME)

# Refused before anything runs: without a secret key, or with debug on (as the settings read it,
# from the environment or .env), since debug pages show settings and source to anyone.
serve: install
	@test -n "$$DJANGO_SECRET_KEY" || (echo "make serve is for production: set DJANGO_SECRET_KEY and the rest of .env.example's production block" && exit 2)
	@DJANGO_SETTINGS_MODULE=config.settings WORKERS=$${WEB_CONCURRENCY:-2} $(PY) -c 'import os; from django.conf import settings; local = "locmem" in settings.CACHES["default"]["BACKEND"]; raise SystemExit(3 if settings.DEBUG else 4 if local and int(os.environ["WORKERS"]) > 1 else 0)'; \
	case $$? in 0) ;; 3) echo "make serve is for production and refuses DJANGO_DEBUG=true (debug pages show settings and source to anyone): unset it or set DJANGO_DEBUG=false, in the environment and in .env; use make run to develop"; exit 2;; \
	4) echo "make serve runs $${WEB_CONCURRENCY:-2} workers, which must share one cache (the API throttle's counts, admin import previews): set CACHE_URL=rediscache://127.0.0.1:6379/1 (pip install '.[redis]'), or WEB_CONCURRENCY=1"; exit 2;; *) exit 2;; esac
	$(PY) manage.py migrate --no-input
	$(PY) manage.py collectstatic --no-input --verbosity 0
	$(VENV)/bin/gunicorn -c config/gunicorn.py config.wsgi --bind 127.0.0.1:$(PORT)

# A benchmark, not a test: synthetic patrols in their own database (made once, then reused),
# served by gunicorn; prints latency percentiles, requests/second and SQL queries per request.
BENCH_DB       ?= bench.sqlite3
BENCH_PATROLS  ?= 100000
BENCH_PORT     ?= 8765
BENCH_REQUESTS ?= 2000
BENCH_PATH     ?= /api/v1/patrols/?year=2024
BENCH_ENV := DATABASE_URL=sqlite:///$(CURDIR)/$(BENCH_DB) \
	DJANGO_SECRET_KEY=bench-only-not-secret-bench-only-not-secret-bench-only-not-secret \
	DJANGO_DEBUG=false DJANGO_ALLOWED_HOSTS=127.0.0.1,localhost \
	DJANGO_SECURE_SSL_REDIRECT=false DJANGO_SECURE_HSTS_SECONDS=0 DJANGO_BEHIND_TLS_PROXY=false \
	DJANGO_MANIFEST_STATIC=false DJANGO_LOG_LEVEL=WARNING CACHE_URL=locmemcache:// \
	API_ANON_THROTTLE_RATE= PYTHONWARNINGS='ignore:No directory at'

bench: install
	$(PY) -m pip install --quiet -e ".[dev,bench]"
	@echo "bench: $(BENCH_DB) with $(BENCH_PATROLS) synthetic patrols, gunicorn on port $(BENCH_PORT)"
	@$(BENCH_ENV) $(PY) manage.py migrate --no-input --verbosity 0
	@$(BENCH_ENV) $(PY) manage.py generate_synthetic --patrols $(BENCH_PATROLS) --reuse
	@set -e; \
	$(BENCH_ENV) $(VENV)/bin/gunicorn -c config/gunicorn.py config.wsgi \
		--bind 127.0.0.1:$(BENCH_PORT) --workers 2 --log-level warning & pid=$$!; \
	trap 'kill $$pid 2>/dev/null; wait $$pid 2>/dev/null || true' EXIT INT TERM; \
	$(BENCH_ENV) $(PY) bench/api_latency.py --base-url http://127.0.0.1:$(BENCH_PORT) \
		--path '$(BENCH_PATH)' --requests $(BENCH_REQUESTS) --wait 30 --queries

# Head to head with Datasette on the same file, in one run, rounds alternating (bench/compare.py):
# latency from one keep-alive client (BENCH_ROUNDS × BENCH_ROUND_REQUESTS per server, warm and
# cold), throughput from wrk (BENCH_SECONDS per run), the CSV check, the ratios against the goals.
BENCH_DATASETTE_PORT ?= 8766
BENCH_ROUNDS         ?= 4
BENCH_ROUND_REQUESTS ?= 150
BENCH_SECONDS        ?= 6
BENCH_SQLITE_PORT    ?= 8767
BENCH_PG_URL         ?= postgres://postgres@127.0.0.1:5432/aviation_bench_pg
BENCH_PG_PATROLS     ?= 1000000
BENCH_PG_ARGS        ?=# more options of bench/pg.py: --no-explain, --explain-match list, --analyze
# Migrate only when a migration is unapplied: every migrate recomputes the data set's digest
# (curation/version.py), a read of every record: minutes at a million patrols.
BENCH_MIGRATE := $(PY) manage.py migrate --check --verbosity 0 2>/dev/null || $(PY) manage.py migrate --no-input --verbosity 0

# Debian's wrk, installed when missing (as root; otherwise the command to run is printed).
bench-wrk:
	@command -v wrk >/dev/null || { \
		if [ "$$(id -u)" = 0 ]; then \
			apt-get install -y -q wrk || { apt-get update -q && apt-get install -y -q wrk; }; \
		else echo "wrk is missing: run 'sudo apt-get install wrk' (Debian's package)"; exit 1; fi; }

bench-compare: install bench-wrk
	$(PY) -m pip install --quiet -e ".[dev,bench]"
	@export $(BENCH_ENV); $(BENCH_MIGRATE)
	@$(BENCH_ENV) $(PY) manage.py generate_synthetic --patrols $(BENCH_PATROLS) --reuse
	@$(BENCH_ENV) $(PY) -m bench.compare --db $(BENCH_DB) --port $(BENCH_PORT) \
		--datasette-port $(BENCH_DATASETTE_PORT) --rounds $(BENCH_ROUNDS) \
		--requests $(BENCH_ROUND_REQUESTS) --seconds $(BENCH_SECONDS)

# PostgreSQL at BENCH_PG_PATROLS patrols (generated once, then reused; the first time takes long:
# see README) against SQLite at BENCH_PATROLS, and EXPLAIN of every filter (bench/pg.py).
bench-pg: install
	$(PY) -m pip install --quiet -e ".[dev,bench]"
	@$(PY) -m bench.pg_database $(BENCH_PG_URL)
	@export $(BENCH_ENV) DATABASE_URL=$(BENCH_PG_URL) DATABASE_STATEMENT_TIMEOUT_MS=0; $(BENCH_MIGRATE)
	@$(BENCH_ENV) DATABASE_URL=$(BENCH_PG_URL) DATABASE_STATEMENT_TIMEOUT_MS=0 \
		$(PY) manage.py generate_synthetic --patrols $(BENCH_PG_PATROLS) --reuse
	@export $(BENCH_ENV); $(BENCH_MIGRATE)
	@$(BENCH_ENV) $(PY) manage.py generate_synthetic --patrols $(BENCH_PATROLS) --reuse
	@$(BENCH_ENV) $(PY) -m bench.pg --pg-url $(BENCH_PG_URL) --sqlite-db $(BENCH_DB) \
		--port $(BENCH_PORT) --sqlite-port $(BENCH_SQLITE_PORT) --rounds $(BENCH_ROUNDS) \
		--requests $(BENCH_ROUND_REQUESTS) $(BENCH_PG_ARGS)

# The explorer's pages on the curated data (db.sqlite3, or DATABASE_URL): each page's server
# time, median of five asks, printed per kind of page (a benchmark: the bound is 300 ms).
bench-pages: migrate
	$(PY) manage.py load_reference_data --if-empty
	$(PY) manage.py collectstatic --no-input --verbosity 0
	$(PY) manage.py bench_pages

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache
