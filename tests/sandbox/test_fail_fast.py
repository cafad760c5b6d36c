# Fail fast: when an example fails, the failures are told at once and the benchmarks are not measured
# (CONCURRENCY_FAIL_FAST=0 measures them anyway). A fixture site with one real benchmark program.
from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytest

from tests.conftest import PROJECT_ROOT
from tests.sites import FixtureSite

pytestmark = [pytest.mark.sandbox, pytest.mark.site]


def test_a_failing_example_stops_the_benchmarks(tmp_path: Path) -> None:
    site = FixtureSite(tmp_path)
    site.snippet("broken.py", "raise SystemExit(1)\n")
    site.page("index.md", "[[example broken.py]]\n")
    program = tmp_path / "benchmarks" / "ping_pong" / "python_asyncio.py"
    program.parent.mkdir(parents=True)
    shutil.copy(PROJECT_ROOT / "benchmarks" / "ping_pong" / "python_asyncio.py", program)
    env = {"CONCURRENCY_BENCH_CACHE_DIR": str(tmp_path / "bench-cache"), "CONCURRENCY_BENCH": "quick"}

    started = time.monotonic()
    fast = site.build(**env)
    assert fast.returncode != 0 and "benchmarks: not measured, examples failed" in fast.log
    assert "[bench " not in fast.log
    early = fast.log.index("broken.py:1: failed")
    final = fast.log.index("1 broken example, listed above: snippets/broken.py:1")
    assert early < fast.log.index("benchmarks: not measured") < final  # told at once, named again at the end
    assert fast.log.count("broken.py:1: failed") == 1 and fast.log.count("broken example") == 2  # listed once
    assert time.monotonic() - started < 60

    anyway = site.build(CONCURRENCY_FAIL_FAST="0", **env)
    assert anyway.returncode != 0 and "broken.py:1: failed" in anyway.log
    assert "[bench 1/1] ping_pong/python_asyncio" in anyway.log
