# Caravan — run `make help` for the targets.
.DEFAULT_GOAL := help
SHELL := bash
UV ?= $(shell command -v uv 2>/dev/null || echo .tools/bin/uv)
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000

.PHONY: help install demo serve test test-sqlite test-postgres lint format bench messages openapi clean

help: ## List the targets
	@grep -hE '^[a-zA-Z_-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  \033[1m%-14s\033[0m %s\n", $$1, $$2}'

.tools/bin/uv:
	@echo "uv not found: installing it into .tools/ (a private virtual environment)"
	@python3 -m venv .tools && .tools/bin/pip install --quiet uv

$(BIN)/caravan: pyproject.toml uv.lock | $(UV)
	@UV_PYTHON_DOWNLOADS=never $(UV) sync --frozen --quiet
	@touch $@

install: $(BIN)/caravan ## Create .venv with every dependency from uv.lock

demo: install ## Set up the demo (SQLite, real sample data) and serve it on http://127.0.0.1:8000
	$(BIN)/caravan demo --port $(PORT)

serve: install ## Serve the configured platform (no demo data loaded)
	$(BIN)/caravan serve --port $(PORT)

test: install ## Run every test on SQLite, then on a throwaway PostgreSQL cluster
	@bash scripts/run-tests.sh

test-sqlite: install ## Run the tests on SQLite only
	$(BIN)/pytest

test-postgres: install ## Run the tests on a throwaway PostgreSQL cluster only
	bash scripts/with-postgres.sh $(BIN)/pytest -m "not browser"

lint: install ## ruff and mypy (with django-stubs)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy caravan config bench scripts conftest.py

format: install ## Format the code with ruff
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

bench: install ## Run the benchmarks (search beside Datasette, API under wrk, dashboards, similar objects); figures go to bench/results/
	@bash scripts/ensure-system-packages.sh wrk
	$(BIN)/python -m bench

messages: install ## Extract UI strings into caravan/web/locale/*.po and compile the .mo files
	$(BIN)/django-admin makemessages -l zh_Hans -l ru -l ar --no-obsolete --settings=config.settings.test --pythonpath=. \
		-i "*/tests/*" -i "tests/*" -i "bench/*" -i "scripts/*" -i "var/*" -i "test-output/*" -i "conftest.py"
	$(BIN)/django-admin compilemessages --settings=config.settings.test --pythonpath=. --ignore=".venv"

openapi: install ## Regenerate the committed API contract docs/openapi.json
	$(BIN)/python scripts/openapi.py

clean: ## Remove the virtual environment and caches (keeps var/, the data directory)
	rm -rf $(VENV) .tools .pytest_cache .mypy_cache .ruff_cache test-output
