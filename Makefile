# kommunavtal: the two commands of the quick start are `make run` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: install run test test-fast bench lint format check-deploy audit clean

# The venv is rebuilt when pyproject.toml changes. setuptools is upgraded too: the one that venv
# bundles (65.5) has known vulnerabilities, which make audit would report.
$(BIN)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip setuptools 2>/dev/null || true
	$(BIN)/pip install --quiet -e '.[dev]'
	$(BIN)/python -c "import django, weasyprint, openpyxl, stdnum, environ, psycopg, axes"
	$(BIN)/python -c "import importlib.util as u; assert u.find_spec('post_office')"
	touch $@

install: $(BIN)/.installed

# A random SECRET_KEY and DEBUG=true for local use, written once.
.env:
	@echo "DEBUG=true" > .env
	@echo "SECRET_KEY=$$($(PYTHON) -c 'import secrets; print(secrets.token_urlsafe(50))')" >> .env
	@echo "Wrote .env with a new random SECRET_KEY (DEBUG=true)."

run: install .env
	@grep -q '^SECRET_KEY=' .env || echo "SECRET_KEY=$$($(PYTHON) -c 'import secrets; print(secrets.token_urlsafe(50))')" >> .env
	$(MANAGE) migrate --noinput
	$(MANAGE) load_reference_data
	$(MANAGE) load_demo_data
	@echo
	@echo "kommunavtal: http://$(HOST):$(PORT)/  (Ctrl-C to stop)"
	$(MANAGE) runserver $(HOST):$(PORT)

# The whole suite; SQLite unless DATABASE_URL names another database.
test: install
	$(BIN)/pytest $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

# Production settings: DEBUG off, a real secret, a host name.
check-deploy: install
	DEBUG=false SECRET_KEY="$$($(PYTHON) -c 'import secrets; print(secrets.token_urlsafe(50))')" \
	ALLOWED_HOSTS=kommunavtal.example.se $(MANAGE) check --deploy --fail-level WARNING

# Security: bandit over our own code (a finding of medium severity or above fails; each one kept
# is justified by a `# nosec Bxxx` where it stands) and pip-audit over the installed packages
# (.ci/pip_audit.py: a vulnerability fails; a network that reaches no service says "not checked").
audit: install
	$(BIN)/bandit -c pyproject.toml -r . --severity-level medium --quiet
	$(BIN)/python .ci/pip_audit.py

# Figures for the invoicing hot paths at national scale, in a throwaway database; then the load
# step (bench/load.py: gunicorn with 2 workers and wrk, 16 connections, 60 s on each of three pages;
# needs `apt-get install wrk`; BENCH_LOAD_SECONDS=10 for a quick try).
bench: install
	$(BIN)/python bench/run.py
	$(BIN)/python bench/load.py

clean:
	rm -rf $(VENV) staticfiles var .pytest_cache .ruff_cache

# The English catalogue: extract the Swedish source strings into locale/en, then compile.
# Translate every new or fuzzy entry in django.po before compiling; commit both .po and .mo.
.PHONY: messages
messages: install
	DEBUG=true $(MANAGE) makemessages -l en --ignore=.venv --ignore=bench --ignore=tests --no-obsolete
	DEBUG=true $(MANAGE) compilemessages -l en --ignore=.venv
