# Running examples the way a user does (`python -m hooks run --json`, `mkdocs build`) for the sandbox tests,
# timing them, and asking for what the sandbox needs (root for some rows).
from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from hooks.process import sandbox
from tests.conftest import strict_mode


@dataclass
class Run:
    results: list[dict[str, Any]]
    seconds: float
    stderr: str
    returncode: int

    def one(self) -> dict[str, Any]:
        assert len(self.results) == 1, self.results
        return self.results[0]


def hooks_run(cwd: Path, *paths: str, timeout: float = 300, **env: str) -> Run:
    """`python -m hooks run --json PATH...` in `cwd`, with `env` added to this environment."""
    environment = {k: v for k, v in os.environ.items() if k != "CONCURRENCY_TIMEOUT"}
    environment.update(env)
    started = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-m", "hooks", "run", "--json", *paths],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=timeout,
        env=environment,
    )
    seconds = time.monotonic() - started
    try:
        results = json.loads(done.stdout)
    except ValueError:
        raise AssertionError(
            f"no JSON from hooks run (exit {done.returncode}):\n{done.stdout}\n{done.stderr}"
        ) from None
    return Run(results, seconds, done.stderr, done.returncode)


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return path


def require_isolation() -> sandbox.Status:
    """The full sandbox (namespaces + limits); outside strict mode a machine without it skips, in CI it fails."""
    status = sandbox.current()
    if not status.complete:
        message = f"no full sandbox here: {'; '.join(status.problems)}"
        if strict_mode():
            pytest.fail(f"strict mode: {message}")
        pytest.skip(message)
    return status


def require_root() -> None:
    """Rows that mount a tiny file system need root (CI runs as root)."""
    if os.geteuid() != 0:
        if strict_mode():
            pytest.fail("strict mode: this test needs root (it mounts a tmpfs in a mount namespace of its own)")
        pytest.skip("needs root")
