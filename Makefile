# chiso766: every target sets up .venv itself when needed. `make` alone lists the targets.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
HASH   := $(shell cat pyproject.toml requirements.lock | cksum | cut -d' ' -f1)
STAMP  := $(VENV)/.installed-$(HASH)
DEV    := $(VENV)/.installed-dev-$(HASH)

# make report MONTH=2024-06   or   make report FROM=2024-01 TO=2024-06   (default: newest month in data/raw)
# make report PERIOD=2024 (a year; also 2025-Q3, 2025-H1, 2025-10-ytd, or a month)
MONTH ?=
FROM  ?=
TO    ?=
PERIOD ?=
PERIOD_ARGS := $(if $(PERIOD),--period $(PERIOD)) $(if $(MONTH),--month $(MONTH)) $(if $(FROM),--from $(FROM)) $(if $(TO),--to $(TO))
FORCE ?=
REPORT_ARGS := $(PERIOD_ARGS) $(if $(FORCE),--force)

.DEFAULT_GOAL := help
.PHONY: help setup report ingest fetch test test-fast lint format lab kernel sample sample-dossiers sample-large lock clean browser bench pdf

help: ## List the targets
	@awk 'BEGIN{FS=":.*## "} /^[a-z-]+:.*## /{printf "  make %-10s %s\n", $$1, $$2}' $(MAKEFILE_LIST)

# The report needs the default dependencies only; tests, lint and the benchmark add the dev extra.
$(STAMP): pyproject.toml requirements.lock
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c requirements.lock -e .
	@rm -f $(VENV)/.installed-[0-9]* && touch $@

$(DEV): $(STAMP)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c requirements.lock -e ".[dev]"
	@rm -f $(VENV)/.installed-dev-* && touch $@

setup: $(STAMP) ## Create .venv and install the project with pinned versions (requirements.lock)

report: $(STAMP) ## Produce a report into outputs/<period>/ (MONTH= or PERIOD=, or FROM= TO=; FORCE=1)
	$(BIN)/chiso766 report $(REPORT_ARGS)

ingest: $(STAMP) ## Read data/raw/<month>/ into clean tables in data/processed/<month>/
	$(BIN)/chiso766 ingest $(PERIOD_ARGS)

# make fetch MONTH=2026-10   (or PERIOD=2026-Q3, FROM= TO=; API=old|new; DRY_RUN=1)
PERIOD  ?=
API     ?= auto
DRY_RUN ?=
fetch: $(STAMP) ## Fetch the period's scores from the national portal into data/raw/<period>@<date>/
	$(BIN)/chiso766 fetch $(PERIOD_ARGS) $(if $(PERIOD),--period $(PERIOD)) --api $(API) $(if $(DRY_RUN),--dry-run)

# Two pytest workers (pytest-xdist): while one waits on kernels, LibreOffice or a browser, the
# other runs. --dist loadgroup keeps the tests of one shared build (tests/conftest.py SHARED) on
# one worker, so it is built once. Kernels listen on Unix sockets, so workers never share a port.
test: $(DEV) ## Run the whole test suite, as CI does, on two workers (target: 5 minutes on 2 cores)
	$(BIN)/python -m pytest -n 2 --dist loadgroup

test-fast: $(DEV) ## Run the tests not marked slow, on every core (about 60 s on 2 cores): the edit loop
	$(BIN)/python -m pytest -n auto --dist loadgroup -m "not slow"

browser: ## Install Debian's chromium for the browser test, if missing (needs root)
	@command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 || \
		{ apt-get update -qq && apt-get install -y -qq --no-install-recommends chromium >/dev/null; }

pdf: ## Install LibreOffice and poppler, so reports include the notice as a PDF (needs root)
	@command -v soffice >/dev/null 2>&1 && command -v pdfunite >/dev/null 2>&1 || \
		{ apt-get update -qq && apt-get install -y -qq --no-install-recommends \
			libreoffice-writer-nogui libreoffice-calc-nogui poppler-utils fonts-liberation >/dev/null; }

bench: $(DEV) ## Benchmark ingest and the report against its floor (prints; WRITE=1 updates docs/performance.md; SECTIONS=dossiers NATIONAL_ROWS=1e8: see docs/performance.md)
	$(BIN)/python benchmarks/bench.py $(if $(WRITE),--write docs/performance.md) \
		$(if $(SECTIONS),--only $(SECTIONS)) $(if $(DOSSIER_ROWS),--dossier-rows $(DOSSIER_ROWS)) \
		$(if $(NATIONAL_ROWS),--national-rows $(NATIONAL_ROWS))

lint: $(DEV) ## Check the code: ruff (lint and format) and mypy (types in lib/)
	$(BIN)/ruff check lib tests benchmarks
	$(BIN)/ruff format --check lib tests benchmarks
	$(BIN)/mypy

format: $(DEV) ## Format the code and apply ruff's safe fixes
	$(BIN)/ruff format lib tests benchmarks
	$(BIN)/ruff check --fix lib tests benchmarks

lab: $(DEV) ## Ingest what changed, register the chiso766 kernel, open JupyterLab on notebooks/
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c requirements.lock -e ".[dev,lab]"
	-$(BIN)/chiso766 ingest
	$(BIN)/python -m ipykernel install --sys-prefix --name chiso766 --display-name "chiso766 (.venv)"
	$(BIN)/chiso766 kernel
	JUPYTER_CONFIG_PATH="$(CURDIR)/jupyter$(if $(JUPYTER_CONFIG_PATH),:$(JUPYTER_CONFIG_PATH))" $(BIN)/jupyter lab

kernel: $(STAMP) ## Register the chiso766 kernel for this user (for a JupyterLab installed elsewhere)
	$(BIN)/chiso766 kernel

sample: $(STAMP) ## Regenerate the committed sample exports in data/raw/, June 2024's dossier lists too (deterministic)
	$(BIN)/chiso766 sample --out data/raw

sample-dossiers: $(STAMP) ## Write every sample month's dossier lists into data/raw/ (~85 000 rows a month; June 2024's are committed)
	$(BIN)/python -m chiso766.sample.dossier_lists data/raw

sample-large: $(STAMP) ## Write a synthetic province-year and national year of dossiers to build/large/ (for make bench; not committed)
	$(BIN)/python -m chiso766.sample.large build/large $(or $(DOSSIER_ROWS),2e6) $(or $(NATIONAL_ROWS),1e8)

lock: ## Re-resolve requirements.lock from pyproject.toml in a scratch venv
	rm -rf build/lock-venv && $(PYTHON) -m venv build/lock-venv
	build/lock-venv/bin/python -m pip install --quiet --disable-pip-version-check -e ".[dev,lab]"
	build/lock-venv/bin/python -m pip freeze --exclude-editable | grep -v '^-e' > requirements.lock
	rm -rf build/lock-venv

clean: ## Remove generated tables and outputs (never data/raw)
	rm -rf data/processed/* outputs/*
	touch data/processed/.gitkeep outputs/.gitkeep
