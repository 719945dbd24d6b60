# MotCua: the README's commands call these targets.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: install run test lint format e2e bench bench-reports bench-notifications loadtest locale \
	messages clean

$(VENV)/.installed: requirements/dev.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements/dev.txt
	touch $@

install: $(VENV)/.installed locale

# Compiled translation catalogs are built, not committed. msgfmt comes with gettext.
locale: $(VENV)/.installed
	@if command -v msgfmt >/dev/null; then \
		DEBUG=1 $(PY) manage.py compilemessages --ignore=.venv -v 0; \
	else echo "msgfmt not found (apt-get install gettext): English pages stay in Vietnamese"; fi

# Embedded default: SQLite, Celery tasks in-process, mail to the console.
run: install
	DEBUG=1 $(PY) manage.py migrate --no-input
	DEBUG=1 $(PY) manage.py load_catalog
	DEBUG=1 $(PY) manage.py create_demo_accounts
	DEBUG=1 $(PY) manage.py create_signing_certificate
	DEBUG=1 $(PY) manage.py runserver $(HOST):$(PORT)

# The whole suite. DATABASE_URL / REDIS_URL choose PostgreSQL and Redis when set.
test: install
	$(PY) -m pytest

# The real-browser journey alone; screenshots of each citizen page land in tests/e2e/screenshots/.
e2e: install
	$(PY) -m pytest tests/e2e -m e2e -v

# The monthly report on a province-scale dataset against hand-written SQL (bench/README.md).
# PostgreSQL only, in a database of its own (created if missing; a *_bench database is dropped
# and made again when the dataset size changes). Override BENCH_DATABASE_URL, never your
# DATABASE_URL: generating a dataset needs an empty database.
BENCH_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/motcua_bench
BENCH_DOSSIERS ?= 1000000
BENCH_COMMUNES ?= 100
BENCH_MONTHS ?= 24
BENCH_RUNS ?= 7
# Pages section: gunicorn on this port (0: skip), the cache on this Redis (empty: none).
BENCH_PAGES_PORT ?= 8311
BENCH_REDIS_URL ?= redis://127.0.0.1:6379/14
bench: bench-reports bench-notifications

bench-reports: $(VENV)/.installed
	DATABASE_URL=$(BENCH_DATABASE_URL) BENCH_REDIS_URL=$(BENCH_REDIS_URL) $(PY) bench/run.py \
		--dossiers $(BENCH_DOSSIERS) --communes $(BENCH_COMMUNES) --months $(BENCH_MONTHS) \
		--runs $(BENCH_RUNS) --pages-port $(BENCH_PAGES_PORT)

# The outbox at volume (issue 17, bench/README.md): 10,000 SMS + 10,000 email rows drained by
# one worker (-c 2), by the command without Redis, and by the sweep alone. PostgreSQL and Redis
# databases of its own: the database is dropped and made again, the Redis queues purged.
NOTIFY_BENCH_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/motcua_notify_bench
NOTIFY_BENCH_REDIS_URL ?= redis://127.0.0.1:6379/13
NOTIFY_BENCH_ROWS ?= 10000
NOTIFY_BENCH_RUNS ?= 3
bench-notifications: $(VENV)/.installed
	$(PY) bench/fresh_database.py $(NOTIFY_BENCH_DATABASE_URL) _bench
	DATABASE_URL=$(NOTIFY_BENCH_DATABASE_URL) SECRET_KEY=bench-only-not-a-secret-0123456789abcdefghijklmnop \
		$(PY) manage.py migrate --no-input -v 0
	DATABASE_URL=$(NOTIFY_BENCH_DATABASE_URL) REDIS_URL=$(NOTIFY_BENCH_REDIS_URL) \
		$(PY) bench/notifications.py --rows $(NOTIFY_BENCH_ROWS) --sweep-rows $(NOTIFY_BENCH_ROWS) \
		--runs $(NOTIFY_BENCH_RUNS)

# A commune's day under load: gunicorn, DEBUG off, PostgreSQL, Redis and a Celery worker,
# 50 locust users for 60 s (bench/README.md). LOADTEST_* variables: see bench/loadtest.sh.
loadtest: install
	bash bench/loadtest.sh

lint: $(VENV)/.installed
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: $(VENV)/.installed
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

# Refresh the .po catalogs after changing user-facing text (needs gettext).
messages: $(VENV)/.installed
	DEBUG=1 $(PY) manage.py makemessages -l vi -l en --ignore=.venv --ignore=tests --no-obsolete

clean:
	rm -rf $(VENV) staticfiles var .pytest_cache
