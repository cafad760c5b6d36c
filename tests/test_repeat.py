# Flakiness, measured: every timing-sensitive example (one that declares `example.cores`) runs several
# times side by side, as a cold build runs it, and none may change its verdict.
from __future__ import annotations

import os
import subprocess
import sys
import time

from hooks.engine.example import load_example
from hooks.engine.snippets import find_examples
from tests.conftest import PROJECT_ROOT, require_toolchain

REPEAT = 4  # runs of each example; the whole test stays well under two minutes on two cores
BUDGET_SECONDS = 120


def timing_sensitive() -> list[str]:
    """Every example under snippets/ that declares what it needs to show its point."""
    paths = []
    for path in find_examples(PROJECT_ROOT / "snippets"):
        example = load_example(path, PROJECT_ROOT)
        if example.options.cores is not None:
            paths.append(example.display_path)
    return paths


def test_there_are_timing_sensitive_examples_to_repeat() -> None:
    found = timing_sensitive()
    assert "snippets/concepts/gil_threads_vs_processes.py" in found
    assert len(found) >= 10


def test_no_timing_sensitive_example_changes_its_verdict() -> None:
    for language in ("python", "elixir", "csharp", "go"):
        require_toolchain(language)
    paths = timing_sensitive()
    env = {k: v for k, v in os.environ.items() if k != "CONCURRENCY_TIMEOUT"}
    started = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-m", "hooks", "run", "--repeat", str(REPEAT), *paths],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=BUDGET_SECONDS * 2,
        env=env,
    )
    seconds = time.monotonic() - started
    summary = done.stdout.splitlines()[-1] if done.stdout else ""
    assert done.returncode == 0, f"{done.stdout[-6000:]}\n{done.stderr[-2000:]}"
    assert summary == f"repeat: {REPEAT} runs of each of {len(paths)} example(s); no verdict changed"
    assert seconds < BUDGET_SECONDS, f"the repeat run took {seconds:.0f} s"
