# OCOP portal. `make run` to start, `make test` to check everything. `make help` lists targets.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
HOST ?= 127.0.0.1
PORT ?= 8000

.DEFAULT_GOAL := help
.PHONY: help install run serve demo test lint fmt messages translations e2e bench check-deploy backup restore clean

help: ## List the targets
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-14s %s\n", $$1, $$2}'

$(BIN)/.installed: requirements.txt requirements-dev.txt build-constraints.txt
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check "pip==26.3"
	$(BIN)/pip install --quiet --disable-pip-version-check --build-constraint build-constraints.txt -r requirements-dev.txt
	@touch $@

# The tests' tools from npm (the Nu HTML checker); no front-end code comes from here.
node_modules/.installed: package.json package-lock.json
	@if command -v npm >/dev/null 2>&1; then npm ci --ignore-scripts --no-audit --no-fund --silent && touch $@; \
	else echo "npm not found: the HTML validity test will be skipped (apt-get install npm default-jre-headless)"; fi

install: $(BIN)/.installed node_modules/.installed ## Create .venv and install the pinned requirements

translations: install ## Compile the gettext catalogues (.po → .mo)
	@DEBUG=1 $(BIN)/python manage.py compile_translations

run: install translations ## Migrate, load the official score sheets, the demo data and accounts (prints the logins), serve on http://127.0.0.1:8000
	DEBUG=1 $(MANAGE) migrate --noinput
	DEBUG=1 $(MANAGE) load_criteria
	DEBUG=1 $(MANAGE) load_demo
	DEBUG=1 $(MANAGE) runserver $(HOST):$(PORT)

lint: install ## ruff lint and format check
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

fmt: install ## Format and fix the code
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

test: lint translations ## Lint, then the whole test suite (DATABASE_URL / REDIS_URL pick real services)
	$(BIN)/pytest $(PYTEST_ARGS)

e2e: install translations ## Only the browser journeys
	$(BIN)/pytest -m e2e $(PYTEST_ARGS)

messages: install ## Extract new strings into each app's Vietnamese catalogue
	DEBUG=1 $(MANAGE) makemessages -l vi --no-location --no-wrap --ignore=.venv --ignore=staticfiles --ignore=tests

check-deploy: install ## Django's deployment checklist with production-like settings
	DEBUG=0 REDIS_URL=$${REDIS_URL:-redis://127.0.0.1:6379/0} SECRET_KEY=$$($(BIN)/python -c 'import secrets; print(secrets.token_urlsafe(50))') ALLOWED_HOSTS=ocop.example.vn $(MANAGE) check --deploy --fail-level WARNING

backup: install ## Back up the database and both media folders into $(BACKUP_DIR) (default ./backups)
	$(MANAGE) backup --output $(or $(BACKUP_DIR),backups)

restore: install ## Restore the backup folder FROM=backups/ocop-… (replaces the data; stop the portal first)
	@test -n "$(FROM)" || { echo "make restore FROM=backups/ocop-YYYYmmdd-HHMMSS"; exit 2; }
	$(MANAGE) restore $(FROM) --yes

bench: install translations ## Benchmark the public pages (see README)
	$(BIN)/python -m bench.run

clean: ## Remove the virtualenv, the SQLite database and collected files
	rm -rf $(VENV) db.sqlite3 staticfiles node_modules
