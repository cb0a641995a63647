# chiso766: every target sets up .venv itself when needed. `make` alone lists the targets.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-$(shell cat pyproject.toml requirements.lock | cksum | cut -d' ' -f1)

# make report MONTH=2024-06   or   make report FROM=2024-01 TO=2024-06   (default: newest month in data/raw)
MONTH ?=
FROM  ?=
TO    ?=
PERIOD_ARGS := $(if $(MONTH),--month $(MONTH)) $(if $(FROM),--from $(FROM)) $(if $(TO),--to $(TO))
FORCE ?=
REPORT_ARGS := $(PERIOD_ARGS) $(if $(FORCE),--force)

.DEFAULT_GOAL := help
.PHONY: help setup report ingest test lint lab kernel sample lock clean browser bench

help: ## List the targets
	@awk 'BEGIN{FS=":.*## "} /^[a-z-]+:.*## /{printf "  make %-8s %s\n", $$1, $$2}' $(MAKEFILE_LIST)

$(STAMP): pyproject.toml requirements.lock
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c requirements.lock -e ".[dev]"
	@rm -f $(VENV)/.installed-* && touch $@

setup: $(STAMP) ## Create .venv and install the project with pinned versions (requirements.lock)

report: $(STAMP) ## Produce the month's report into outputs/<month>/ (MONTH=, or FROM= TO=; FORCE=1)
	$(BIN)/chiso766 report $(REPORT_ARGS)

ingest: $(STAMP) ## Read data/raw/<month>/ into clean tables in data/processed/<month>/
	$(BIN)/chiso766 ingest $(PERIOD_ARGS)

test: $(STAMP) ## Run the test suite
	$(BIN)/python -m pytest

browser: ## Install Debian's chromium for the browser test, if missing (needs root)
	@command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 || \
		{ apt-get update -qq && apt-get install -y -qq --no-install-recommends chromium >/dev/null; }

bench: $(STAMP) ## Benchmark ingest and the batch (ratios) and record them in docs/performance.md
	$(BIN)/python benchmarks/bench.py --write docs/performance.md

lint: $(STAMP) ## Check the code with ruff
	$(BIN)/ruff check lib tests benchmarks
	$(BIN)/ruff format --check lib tests benchmarks

lab: $(STAMP) ## Ingest what changed, register the chiso766 kernel, open JupyterLab on notebooks/
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c requirements.lock -e ".[dev,lab]"
	-$(BIN)/chiso766 ingest
	$(BIN)/python -m ipykernel install --sys-prefix --name chiso766 --display-name "chiso766 (.venv)"
	$(BIN)/chiso766 kernel
	JUPYTER_CONFIG_PATH="$(CURDIR)/jupyter$(if $(JUPYTER_CONFIG_PATH),:$(JUPYTER_CONFIG_PATH))" $(BIN)/jupyter lab

kernel: $(STAMP) ## Register the chiso766 kernel for this user (for a JupyterLab installed elsewhere)
	$(BIN)/chiso766 kernel

sample: $(STAMP) ## Regenerate the committed sample exports in data/raw/ (deterministic)
	$(BIN)/chiso766 sample --out data/raw

lock: ## Re-resolve requirements.lock from pyproject.toml in a scratch venv
	rm -rf build/lock-venv && $(PYTHON) -m venv build/lock-venv
	build/lock-venv/bin/python -m pip install --quiet --disable-pip-version-check -e ".[dev,lab]"
	build/lock-venv/bin/python -m pip freeze --exclude-editable | grep -v '^-e' > requirements.lock
	rm -rf build/lock-venv

clean: ## Remove generated tables and outputs (never data/raw)
	rm -rf data/processed/* outputs/*
	touch data/processed/.gitkeep outputs/.gitkeep
