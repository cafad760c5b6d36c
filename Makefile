# Two commands a newcomer needs: `make site` builds the site, `make test` runs the tests.
# Each first runs scripts/setup.sh, which installs what is missing (venv, Go, Elixir, .NET).
SHELL := /bin/bash
ENV = eval "$$(scripts/setup.sh)" && export NO_MKDOCS_2_WARNING=1

.PHONY: site test test-fast serve bench judge-check lint clean
site:
	@$(ENV) && mkdocs build

test:
	@$(ENV) && python -m pytest

# The contributor's tier: unit tests, every toolchain for real, `python -m hooks run`, small fixture sites; not the
# real site, the benchmarks, the repeat of every timing example, the sandbox matrix or the browser (tests/conftest.py).
test-fast:
	@$(ENV) && python -m pytest -m "not full"

serve:
	@$(ENV) && mkdocs serve

bench:
	@$(ENV) && python scripts/bench_build.py

# The judge of timing claims: timing examples K times as the machine is, beside two CPU hogs, and false lessons;
# BUILDS=N: N cold builds of the real site per scenario instead (execution reports counted).
K ?= 3
BUILDS ?= 0
SCENARIOS ?= 1,2,3
judge-check:
	@$(ENV) && python scripts/judge_check.py --repeat $(K) --builds $(BUILDS) --scenarios $(SCENARIOS)

# Every Python file in the project: the engine, tests, scripts, the examples, benchmarks and the notebook the site runs.
lint:
	@$(ENV) && ruff check . && ruff format --check . && mypy

clean:
	rm -rf site .cache
