# Two entry points: `make run` serves the assistant, `make test` runs every check.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
export ANONYMIZED_TELEMETRY := False
export GRADIO_ANALYTICS_ENABLED := False

.PHONY: run test tests install install-dev system-deps lint unit eval bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: $(BIN)/python pyproject.toml constraints.txt
	$(BIN)/pip install --quiet -c constraints.txt -e .
	touch $@

$(VENV)/.installed-dev: $(VENV)/.installed
	$(BIN)/pip install --quiet -c constraints.txt -e '.[dev]'
	touch $@

install: $(VENV)/.installed

install-dev: $(VENV)/.installed-dev

# Build the index if it is missing or stale (ingest skips work when nothing changed), then serve.
run: install
	$(BIN)/assistant ingest
	$(BIN)/python app.py

# System packages the tests need (browser tests: Debian's chromium and CJK fonts).
system-deps:
	@if [ -f .ci/system-packages.txt ] && [ -n "$$(cat .ci/system-packages.txt)" ]; then \
	  missing=$$(for p in $$(cat .ci/system-packages.txt); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	  if [ -n "$$missing" ]; then \
	    echo "installing: $$missing"; \
	    SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	    $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing >/dev/null; \
	  fi; \
	fi

lint: install-dev
	$(BIN)/ruff check assistant tests evals benchmarks app.py

# The fast set: no index built, no server started (see the `slow` mark in tests/conftest.py).
unit: install-dev
	$(BIN)/python -m pytest -q -m "not slow"

# Every test, slow ones included.
tests: install-dev system-deps
	$(BIN)/python -m pytest -q

# The offline eval gate (evals/thresholds.yaml): dev questions + gold profiles, the holdout sets, the dev-plan
# and dev-plan2 development sets (evals/datasets/dev-plan.README.md, dev-plan2.README.md), then the
# questions, metadata and company profiles over the related library (its documents ingested into a
# temporary data folder), and the same over the related2 library, the development libraries related3 and related4
# and the blind related5 and related6 libraries (evals/related2/README.md … evals/related6/README.md), and the
# development libraries dev-meta (document understanding and validity notices, evals/dev-meta/README.md) and
# dev-items and dev-items2 (support items and matching, evals/dev-items/README.md, evals/dev-items2/README.md),
# dev-library and dev-library2 (ask over the library, questions only, evals/dev-library/README.md,
# evals/dev-library2/README.md) and dev-abstain (the answer / abstain decision, questions only,
# evals/dev-abstain/README.md).
# Reports (json, md, self-contained html) land in evals/reports/; `assistant eval --matrix` is not gated.
eval: install-dev
	$(BIN)/assistant ingest
	$(BIN)/assistant eval --dataset questions profiles --out evals/reports/latest --gate --no-judge
	$(BIN)/assistant eval --dataset holdout --out evals/reports/holdout --gate --no-judge
	$(BIN)/assistant eval --dataset holdout2 --out evals/reports/holdout2 --gate --no-judge
	$(BIN)/assistant eval --dataset dev-plan --out evals/reports/dev-plan --gate --no-judge
	$(BIN)/assistant eval --dataset dev-plan2 --out evals/reports/dev-plan2 --gate --no-judge
	$(BIN)/assistant eval --dataset related --out evals/reports/related --gate --no-judge
	$(BIN)/assistant eval --dataset related-profiles --out evals/reports/related-profiles --gate --no-judge
	$(BIN)/assistant eval --dataset related2 --out evals/reports/related2 --gate --no-judge
	$(BIN)/assistant eval --dataset related2-profiles --out evals/reports/related2-profiles --gate --no-judge
	$(BIN)/assistant eval --dataset related3 --out evals/reports/related3 --gate --no-judge
	$(BIN)/assistant eval --dataset related3-profiles --out evals/reports/related3-profiles --gate --no-judge
	$(BIN)/assistant eval --dataset related4 --out evals/reports/related4 --gate --no-judge
	$(BIN)/assistant eval --dataset related4-profiles --out evals/reports/related4-profiles --gate --no-judge
	$(BIN)/assistant eval --dataset related5 --out evals/reports/related5 --gate --no-judge
	$(BIN)/assistant eval --dataset related5-profiles --out evals/reports/related5-profiles --gate --no-judge
	$(BIN)/assistant eval --dataset related6 --out evals/reports/related6 --gate --no-judge
	$(BIN)/assistant eval --dataset related6-profiles --out evals/reports/related6-profiles --gate --no-judge
	$(BIN)/assistant eval --dataset dev-meta --out evals/reports/dev-meta --gate --no-judge
	$(BIN)/assistant eval --dataset dev-items --out evals/reports/dev-items --gate --no-judge
	$(BIN)/assistant eval --dataset dev-items-profiles --out evals/reports/dev-items-profiles --gate --no-judge
	$(BIN)/assistant eval --dataset dev-items2 --out evals/reports/dev-items2 --gate --no-judge
	$(BIN)/assistant eval --dataset dev-items2-profiles --out evals/reports/dev-items2-profiles --gate --no-judge
	$(BIN)/assistant eval --dataset dev-library --out evals/reports/dev-library --gate --no-judge
	$(BIN)/assistant eval --dataset dev-library2 --out evals/reports/dev-library2 --gate --no-judge
	$(BIN)/assistant eval --dataset dev-abstain --out evals/reports/dev-abstain --gate --no-judge

test: lint tests eval

bench: install-dev
	$(BIN)/python benchmarks/bench_ask.py

clean:
	rm -rf $(VENV) data .pytest_cache .ruff_cache
