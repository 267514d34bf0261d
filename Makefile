# Two commands for a newcomer: `make run` and `make test`.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python

.PHONY: run test lint check clean browser

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

# Runtime install (make run) and dev install (make test) are re-done when pyproject.toml changes.
$(VENV)/.runtime: pyproject.toml | $(PY)
	$(PY) -m pip install --quiet -e .
	$(PY) -m compileall -q bot handlers knowledge
	touch $@

$(VENV)/.dev: pyproject.toml | $(PY)
	$(PY) -m pip install --quiet -e '.[dev]'
	$(PY) -m compileall -q bot handlers knowledge
	touch $@ $(VENV)/.runtime

# An editable install is not byte-compiled by pip, and with PYTHONDONTWRITEBYTECODE set Python
# would compile motcua's own modules at every start: compile them here (only what changed).
run: $(VENV)/.runtime
	$(PY) -m compileall -q bot handlers knowledge
	$(PY) -m bot run

test: $(VENV)/.dev | browser
	$(PY) -m bot kb check
	$(PY) -m pytest -q

# Debian's Chromium for tests/browser (never a downloaded browser). If it cannot be
# installed, warn and go on: the browser tests then skip with their reason.
SUDO := $(shell [ "$$(id -u)" = 0 ] || ! command -v sudo >/dev/null 2>&1 || echo sudo)

browser:
	@[ -x /usr/bin/chromium ] || \
	  $(SUDO) apt-get install -y --no-install-recommends chromium || \
	  { $(SUDO) apt-get update && $(SUDO) apt-get install -y --no-install-recommends chromium; } || \
	  echo "WARNING: could not install Debian chromium; tests/browser will be skipped." >&2

lint: $(VENV)/.dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy
	$(VENV)/bin/hadolint Dockerfile
	$(VENV)/bin/caddy fmt deploy/Caddyfile | diff -u deploy/Caddyfile -
	HOME=$$(mktemp -d) $(VENV)/bin/caddy adapt --config deploy/Caddyfile --validate >/dev/null 2>&1 || \
	  { echo "deploy/Caddyfile: caddy adapt --validate failed" >&2; exit 1; }

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
