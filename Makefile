# Kinship: `make run` serves the demo family on 127.0.0.1:8000; `make test` runs every check.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export DJANGO_SETTINGS_MODULE := kinship.settings

.PHONY: run test install install-dev lock assets chromium lint typecheck pytest bench clean

# Every third-party package comes pinned and hash-checked from the lock files (`make lock`
# writes them); Kinship itself is then installed without resolving anything again.
$(VENV)/.installed: pyproject.toml requirements.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --require-hashes --no-deps -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $@

$(VENV)/.installed-dev: $(VENV)/.installed requirements-dev.lock
	$(BIN)/python -m pip install --quiet --require-hashes --no-deps -r requirements-dev.lock
	$(BIN)/python -m pip install --quiet --no-deps -e '.[dev]'
	touch $@

# After changing a dependency in pyproject.toml: pin and hash it (and what it needs) again.
# Versions already pinned stay as they are unless pyproject.toml rules them out.
LOCK_SOURCES := --extra-index-url file:///opt/pypi/simple --extra-index-url file:///opt/pypi-more/simple \
	--find-links /opt/wheels --index-strategy unsafe-best-match
lock: $(VENV)/.installed-dev
	$(BIN)/uv pip compile pyproject.toml --quiet --generate-hashes --no-header --python-version 3.11 \
		$(LOCK_SOURCES) -c requirements.lock -o requirements.lock
	$(BIN)/uv pip compile pyproject.toml --quiet --generate-hashes --no-header --python-version 3.11 \
		--extra dev $(LOCK_SOURCES) -c requirements-dev.lock -o requirements-dev.lock

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@

install: $(VENV)/.installed node_modules/.installed
install-dev: $(VENV)/.installed-dev node_modules/.installed

# Debian's Chromium for the browser tests; Playwright cannot download its own here.
chromium:
	@if command -v chromium >/dev/null 2>&1; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
		echo "Installing Debian's chromium for the browser tests"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	else echo "chromium is missing and cannot be installed here: browser tests will be skipped"; fi

run: install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py seed_demo
	DEBUG=1 $(BIN)/python manage.py db_worker & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	DEBUG=1 $(BIN)/python manage.py runserver 127.0.0.1:8000

lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

typecheck: install-dev
	$(BIN)/mypy kinship bench e2e

pytest: install-dev chromium
	$(BIN)/python manage.py collectstatic --noinput --verbosity 0
	$(BIN)/pytest -n 2 --dist loadgroup $(PYTEST_ARGS)

test: lint typecheck pytest

bench: install-dev
	$(BIN)/python -m bench.import_gias

clean:
	rm -rf $(VENV) node_modules var .pytest_cache .mypy_cache .ruff_cache
