# The two commands a newcomer needs: `make run` (site on SQLite with demo content) and
# `make test` (the whole test suite). See README.md for the rest.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
export DJANGO_SETTINGS_MODULE ?= kennisplatform.settings.dev
# The search tests use a real Elasticsearch here (scripts/elasticsearch start); without one
# they are skipped locally (and fail on CI).
export ELASTICSEARCH_TEST_URL ?= http://127.0.0.1:19200

.PHONY: help install run lint format test test-ci test-postgres assets messages check-deploy bench-search bench-digests bench-alerts bench-pages relevance relevance-report loadtest faulttest clean

help:
	@echo "make run            install, migrate, load demo content and serve on http://$(HOST):$(PORT)"
	@echo "make test           run the whole test suite (SQLite unless DATABASE_URL is set)"
	@echo "make lint           ruff (lint and format check) and the migrations check, as CI runs them"
	@echo "make format         format the code and sort imports with ruff"
	@echo "make test-postgres  start a private PostgreSQL (scripts/postgres) and run the suite on it"
	@echo "make bench-search   search benchmarks (100,000 items; not part of the suite)"
	@echo "make bench-digests  digest run over 10,000 subscriptions and 1,000 new posts (BENCH_DATABASE_URL)"
	@echo "make bench-alerts   search alert run: 10,000 subscriptions, 1,000 new items"
	@echo "make bench-pages    page speed (ApacheBench, c=1 and c=8): visitors with and without cache, members"
	@echo "make relevance      judged queries on Elasticsearch, PostgreSQL and SQLite: top-3 hit rate, nDCG@10"
	@echo "make loadtest       load test with Locust against gunicorn (not part of the suite)"
	@echo "make faulttest      kill Elasticsearch under load, restart PostgreSQL (not part of the suite)"
	@echo "make assets         refresh the vendored NL Design System CSS from npm"
	@echo "make messages       update and compile the Dutch translations (needs gettext)"

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

# Reinstall only when the pinned dependencies change.
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e ".[test]"
	touch $@

install: $(VENV)/.installed

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund --silent

# Links in e-mails and calendar files point where this run serves (unless SITE_URL is set).
run: export SITE_URL ?= http://$(HOST):$(PORT)
run: install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py seed_demo
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

# What CI runs before the tests: the code is linted and formatted, and no model change lacks
# its migration.
lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python manage.py makemigrations --check --dry-run

format: install
	$(BIN)/ruff check --fix --select I,RUF100,F401 .
	$(BIN)/ruff format .

test: install node_modules/.package-lock.json
	$(BIN)/python -m pytest $(PYTEST_ARGS)

# What CI runs: the suite on PostgreSQL (DATABASE_URL must point at it), then on SQLite.
test-ci: install node_modules/.package-lock.json
	@test -n "$(DATABASE_URL)" || (echo "test-ci needs DATABASE_URL (see scripts/postgres url)"; exit 2)
	@echo "=== Test suite on PostgreSQL ==="
	$(MAKE) test
	@echo "=== Test suite on SQLite ==="
	env -u DATABASE_URL $(MAKE) test PYTEST_ARGS='-m "not e2e" $(PYTEST_ARGS)'

test-postgres: install node_modules/.package-lock.json
	scripts/postgres start
	DATABASE_URL="$$(scripts/postgres url)" $(MAKE) test

# Search benchmarks, not part of the suite: indexing throughput and search latency at 100,000
# items (Elasticsearch) and 10,000 (database engine), on bench databases of their own. The first
# run seeds them (kept for the next). BENCH_SCALE, BENCH_DB_SCALE, BENCH_REQUESTS and more:
# see tests/benchmarks/search_bench.py. Then "did you mean" at 50,000 words (spelling_bench.py).
bench-search: install
	scripts/postgres start
	scripts/elasticsearch start
	$(BIN)/python tests/benchmarks/search_bench.py $(BENCH_ARGS)
	$(BIN)/python tests/benchmarks/spelling_bench.py
	$(BIN)/python tests/benchmarks/extraction_bench.py

# The digest run at 10,000 subscriptions and 1,000 new posts (BENCH_DATABASE_URL for
# PostgreSQL, default a SQLite file in .bench/): wall time and queries per batch of members, in
# .bench/digests.json.
bench-digests: install
	$(BIN)/python tests/benchmarks/digests_bench.py

# The search alert run at 10,000 subscriptions and 1,000 new items (ALERTS_BENCH_SUBSCRIPTIONS,
# ALERTS_BENCH_ITEMS, ALERTS_BENCH_DISTINCT; BENCH_DATABASE_URL for PostgreSQL, default a SQLite
# file in .bench/): wall time and queries per batch, in .bench/alerts.json. Fails over a minute.
bench-alerts: install
	$(BIN)/python tests/benchmarks/alerts_bench.py

# Page speed, not part of the suite: requests/s and p50/p95 at c=1 and c=8 (ApacheBench, package
# apache2-utils) of the main pages for an anonymous visitor (page cache on and off) and a logged-in
# member, against gunicorn with production settings, demo content + 10,000 items, with the SQL
# queries per page: a table and .bench/pages.json. PostgreSQL unless BENCH_DATABASE=sqlite or
# BENCH_DATABASE_URL; BENCH_PAGE_REQUESTS and more: see tests/benchmarks/pages_bench.py.
bench-pages: install
	@command -v ab >/dev/null || (echo "bench-pages needs ApacheBench: apt-get install apache2-utils"; exit 2)
	@if [ -z "$(BENCH_DATABASE_URL)$(BENCH_POSTGRES_URL)" ] && [ "$(BENCH_DATABASE)" != sqlite ]; then scripts/postgres start; fi
	@if [ "$(BENCH_PAGES_SEARCH)" = elasticsearch ]; then scripts/elasticsearch start; fi
	$(BIN)/python tests/benchmarks/pages_bench.py

# Relevance of the judged queries (tests/relevance/judgements.json) on Elasticsearch, PostgreSQL
# and SQLite with the demo content: a table with the failing queries and .reports/relevance.json.
# It runs the floor test (tests/search/test_relevance_floor.py) once per database, so it fails
# when an engine drops below its floor. relevance-report does the same on services that already
# run: DATABASE_URL (PostgreSQL) and ELASTICSEARCH_TEST_URL.
RELEVANCE_DIR := .reports/relevance
relevance: install
	scripts/postgres start
	scripts/elasticsearch start
	DATABASE_URL="$$(scripts/postgres url)" $(MAKE) relevance-report

relevance-report: install
	@test -n "$(DATABASE_URL)" || (echo "relevance-report needs DATABASE_URL (PostgreSQL; see scripts/postgres url)"; exit 2)
	rm -rf $(RELEVANCE_DIR)
	@status=0; \
	echo "=== Relevance on PostgreSQL and Elasticsearch ==="; \
	RELEVANCE_REPORT_DIR=$(RELEVANCE_DIR) $(BIN)/python -m pytest -q tests/search/test_relevance_floor.py || status=1; \
	echo "=== Relevance on SQLite ==="; \
	env -u DATABASE_URL RELEVANCE_REPORT_DIR=$(RELEVANCE_DIR) \
		$(BIN)/python -m pytest -q tests/search/test_relevance_floor.py -k database || status=1; \
	echo; $(BIN)/python -m tests.relevance.summary $(RELEVANCE_DIR) .reports/relevance.json || status=1; \
	exit $$status

# Load test, not part of the suite: gunicorn (production settings) with demo content + 10,000
# items, Locust's visitor and member mix at 50 users, then more users until p95 > 500 ms.
# LOADTEST_USERS, LOADTEST_SECONDS, LOADTEST_STEPS and more: see tests/loadtest/run.py.
loadtest: install
	$(BIN)/pip install --quiet -e ".[load]"
	scripts/postgres start
	scripts/elasticsearch start
	$(BIN)/python tests/loadtest/run.py

# Fault tests that kill and restart the project's Elasticsearch and PostgreSQL (nothing else may
# use them meanwhile); the quick faults (full disk, refusing mail server) are in the suite.
faulttest: install
	scripts/postgres start
	scripts/elasticsearch start
	$(BIN)/python -m pytest tests/faults/fault_recovery.py -p no:cacheprovider -v

assets: node_modules/.package-lock.json
	mkdir -p static/vendor/utrecht
	cp node_modules/@utrecht/component-library-css/dist/index.css static/vendor/utrecht/component-library.css
	cp node_modules/@utrecht/design-tokens/dist/theme.css static/vendor/utrecht/design-tokens.css

messages: install
	$(BIN)/python manage.py makemessages --locale nl --ignore ".venv/*" --ignore "node_modules/*" --ignore "tests/*" --no-obsolete
	$(BIN)/python manage.py compilemessages --locale nl --ignore ".venv/*" --ignore "node_modules/*"

check-deploy: install
	DJANGO_SETTINGS_MODULE=kennisplatform.settings.production DEBUG=false \
	SECRET_KEY=$$($(BIN)/python -c "import secrets; print(secrets.token_urlsafe(64))") \
	$(BIN)/python manage.py check --deploy --fail-level WARNING

clean:
	rm -rf $(VENV) node_modules static_collected .pytest_cache
