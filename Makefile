# One venv for everything; each target installs what it needs, so a fresh machine works.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: setup run chat test lint validate eval examples bench pictures clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $(STAMP)

setup: $(STAMP)

## Start the bot's main job: Discord with DISCORD_TOKEN set, otherwise the local console.
run: setup
	$(PY) -m bot run

chat: setup
	$(PY) -m bot chat

## Every test, the knowledge check and the linter.
test: setup
	$(PY) -m bot validate knowledge
	$(PY) -m ruff check bot tests
	$(PY) -m pytest

lint: setup
	$(PY) -m ruff check bot tests
	$(PY) -m ruff format --check bot tests

validate: setup
	$(PY) -m bot validate knowledge

## Benchmarks (not part of `make test`): their extra dependencies, then quality and speed.
BENCH_STAMP := $(VENV)/.installed-bench

$(BENCH_STAMP): $(STAMP) pyproject.toml
	$(PY) -m pip install --quiet -e '.[test,bench]'
	touch $(BENCH_STAMP)

## Answer quality per question set and split, beside BM25; dev figures are out of fold.
eval: $(BENCH_STAMP)
	$(PY) -m benchmarks.evaluate --calibration

## The dev questions of benchmarks/eval/ become knowledge/examples.yaml (what the ranker learns from).
examples: setup
	$(PY) -m benchmarks.examples

## Load time, memory and latency at 1k, 10k and 100k synthetic entries, engine and baseline.
bench: $(BENCH_STAMP)
	$(PY) -m benchmarks.bench

## docs/pictures/*.png: the bot's real messages (answer, /timeline, "Meintest du …?") shot by headless
## Chromium; installs nothing but the venv, says how to install Chromium when it is missing.
pictures: setup
	$(PY) -m docs.pictures.make_pictures

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis
