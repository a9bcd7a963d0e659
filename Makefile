# Bihuan: `make run` (demo on SQLite) and `make test` (the whole suite) set up everything.
PYTHON ?= python3
PORT ?= 8000
UV := .uv/bin/uv
PY := .venv/bin/python
export UV_PYTHON_DOWNLOADS := never
export UV_PROJECT_ENVIRONMENT := .venv

.PHONY: run test install assets messages check lint format typecheck e2e clean bench bench-list bench-sla bench-portal

run: install assets messages
	$(PY) manage.py migrate --noinput
	$(PY) manage.py collectstatic --noinput -v 0
	$(PY) manage.py load_demo --if-empty
	$(PY) manage.py serve --port $(PORT)

test: install assets messages
	$(PY) -m pytest -n 2 --dist loadfile

install: .venv/.synced

$(UV):
	$(PYTHON) -m venv .uv
	.uv/bin/pip install --quiet --disable-pip-version-check "uv==0.13.9"

.venv/.synced: pyproject.toml uv.lock $(UV)
	$(UV) sync --frozen --python $(PYTHON)
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

static/vendor/.copied: node_modules/.installed scripts/copy_assets.sh
	scripts/copy_assets.sh
	touch $@

assets: static/vendor/.copied

messages: install
	$(PY) manage.py compilemessages --ignore=.venv --ignore=node_modules -v 0

check: install assets messages
	.venv/bin/ruff check .
	.venv/bin/ruff format --check .
	$(PY) manage.py check
	$(PY) manage.py makemigrations --check --dry-run
	.venv/bin/mypy bihuan config

lint:
	.venv/bin/ruff check .
	.venv/bin/ruff format --check .

format:
	.venv/bin/ruff check --fix .
	.venv/bin/ruff format .

e2e: install assets messages
	$(PY) -m pytest -m e2e

# Benchmarks print their figures (JSON, one per line). N complaints; DATABASE_URL for PostgreSQL.
N ?= 100000
bench: bench-list bench-sla bench-portal

bench-list: install
	$(PY) -m bench.list_pages --count $(N)

bench-sla: install
	$(PY) -m bench.sla_sweep --count $(N)

# A bounded load of portal submissions (with a photo each) on 127.0.0.1: p50/p95/p99.
bench-portal: install
	$(PY) -m bench.portal_submit

clean:
	rm -rf .venv .uv node_modules static/vendor var
