# The code stays lint-clean and type-checked (ruff, mypy --strict on the hooks package).
from __future__ import annotations

import subprocess
import sys

from tests.conftest import PROJECT_ROOT


def run(*argv: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", *argv], cwd=PROJECT_ROOT, capture_output=True, text=True)


def test_ruff_lint_and_format() -> None:
    lint = run("ruff", "check", "hooks", "tests", "scripts")
    assert lint.returncode == 0, lint.stdout + lint.stderr
    fmt = run("ruff", "format", "--check", "hooks", "tests", "scripts")
    assert fmt.returncode == 0, fmt.stdout + fmt.stderr


def test_mypy_strict() -> None:
    done = run("mypy")
    assert done.returncode == 0, done.stdout + done.stderr
