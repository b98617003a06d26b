# mapapp: two commands do everything on a fresh Debian 12 machine.
#   make run   provision PostGIS, install, migrate, load demo data, serve on :5000
#   make test  the same provisioning, then every test (browser tests included)

SHELL := /bin/bash
.DEFAULT_GOAL := help
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := .make
HOST ?= 127.0.0.1
PORT ?= 5000
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: help run test install db migrate demo serve browser pdf-libs lint format translations messages check-python

help:
	@echo "make run    - set everything up and serve http://$(HOST):$(PORT)"
	@echo "make test   - set everything up and run the whole test suite"
	@echo "make lint   - ruff check and format check"

run: pdf-libs install db migrate demo serve

test: pdf-libs install db browser
	$(BIN)/python -m pytest $(PYTEST_ARGS)

check-python:
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
	  { echo "mapapp needs Python 3.11 or newer ($(PYTHON) is older)"; exit 1; }
	@$(PYTHON) -c 'import venv, ensurepip' 2>/dev/null || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q python3-venv >/dev/null; \
	  else echo "Python's venv module is missing: sudo apt-get install python3-venv"; exit 1; fi; }

$(STAMP)/install: pyproject.toml | check-python
	@mkdir -p $(STAMP)
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@touch $@

install: $(STAMP)/install translations

translations: $(STAMP)/install
	$(BIN)/pybabel compile --use-fuzzy -d mapapp/translations >/dev/null

# After adding or changing a marked message (_(), _l(), N_() for the core's errors):
# refresh the template and every catalogue, then translate what is new.
messages: $(STAMP)/install
	$(BIN)/pybabel extract -F babel.cfg -k _l -k N_ -o mapapp/translations/messages.pot .
	$(BIN)/pybabel update --ignore-obsolete -w 100 -i mapapp/translations/messages.pot -d mapapp/translations
	$(BIN)/python scripts/check_translations.py || true

db:
	bash scripts/provision_db.sh

migrate: install
	$(BIN)/mapapp db upgrade

demo: migrate
	$(BIN)/mapapp demo

# `mapapp serve` needs MAPAPP_SECRET_KEY; for `make run` a key is made once and kept in
# .secret_key (git-ignored, readable by its owner only), so sessions survive restarts.
# An operator who sets MAPAPP_SECRET_KEY keeps theirs.
serve: install
	@test -s .secret_key || { umask 077; $(BIN)/python -c 'import secrets; print(secrets.token_hex(32))' > .secret_key; \
	  echo "created .secret_key: the key that signs moderators' sessions on this machine"; }
	MAPAPP_SECRET_KEY="$${MAPAPP_SECRET_KEY:-$$(cat .secret_key)}" $(BIN)/mapapp serve --host $(HOST) --port $(PORT)

# PDF dossiers are drawn by WeasyPrint, which needs Pango and a font with Cyrillic.
PDF_PACKAGES := libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core
pdf-libs:
	@dpkg -s $(PDF_PACKAGES) >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "installing $(PDF_PACKAGES) with apt-get"; \
	    apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q $(PDF_PACKAGES) >/dev/null; \
	  else echo "PDF dossiers need Pango and fonts: sudo apt-get install $(PDF_PACKAGES)"; exit 1; fi; }

# Browser tests drive Debian's Chromium through Playwright; no browser download.
browser:
	@test -x /usr/bin/chromium || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "installing chromium with apt-get"; \
	    apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium >/dev/null; \
	  else echo "browser tests need Chromium: sudo apt-get install chromium"; exit 1; fi; }

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .
