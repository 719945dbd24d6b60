# MotCua: the README's commands call these targets.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: install run test lint format e2e bench locale messages clean

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
	DEBUG=1 $(PY) manage.py runserver $(HOST):$(PORT)

# The whole suite. DATABASE_URL / REDIS_URL choose PostgreSQL and Redis when set.
test: install
	$(PY) -m pytest

# The real-browser journey alone; screenshots of each citizen page land in tests/e2e/screenshots/.
e2e: install
	$(PY) -m pytest tests/e2e -m e2e -v

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
