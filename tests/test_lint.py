# The code stays lint-clean and type-checked (ruff, mypy --strict on the hooks package).
from __future__ import annotations

import subprocess
import sys

from tests.conftest import PROJECT_ROOT


def run(*argv: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", *argv], cwd=PROJECT_ROOT, capture_output=True, text=True)


def test_ruff_lint_and_format() -> None:
    """Every Python file the site runs (`make lint`): hooks, tests, scripts, snippets, benchmarks, the notebook."""
    lint = run("ruff", "check", ".")
    assert lint.returncode == 0, lint.stdout + lint.stderr
    fmt = run("ruff", "format", "--check", ".")
    assert fmt.returncode == 0, fmt.stdout + fmt.stderr
    listed = run("ruff", "check", "--show-files", ".").stdout
    for folder in ("hooks/", "snippets/python/", "snippets/timeline/", "benchmarks/", "docs/benchmarks/analysis.ipynb"):
        assert f"/{folder}" in listed, f"ruff does not see {folder}"
    assert "/snippets/errata/" not in listed  # the article's originals, kept as printed


def test_mypy_strict() -> None:
    done = run("mypy")
    assert done.returncode == 0, done.stdout + done.stderr
