# Build integration: measure (or take from the cache) before pages render; the files the site publishes
# (benchmarks/results.json), which the site generator's adapter (hooks/build.py) adds to the site.
from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from hooks.bench.fingerprint import machine
from hooks.bench.profiles import PROFILES, mode_from_env, one_million
from hooks.bench.results import RESULTS_JSON, document, dumps
from hooks.bench.store import Store, cache_dir
from hooks.bench.suite import run_session

_current: dict[str, Any] | None = None


def current() -> dict[str, Any] | None:
    """The results document of the build in progress (None when this project has no benchmarks)."""
    return _current


def set_current(doc: dict[str, Any] | None) -> None:
    """Replace the document the pages render from (tests, and the CLI)."""
    global _current
    _current = doc


def collect(
    root: Path, log: Callable[[str], None], fail: Callable[[str, str], None], mode: str | None = None
) -> dict[str, Any]:
    """Run (or look up) every benchmark for the profile `mode` (default: CONCURRENCY_BENCH's) and return
    the results document."""
    mode = mode or mode_from_env()
    this = machine()
    if mode == "off":
        return document("off", None, this, {}, [], [], None, 0)
    execute = os.environ.get("CONCURRENCY_EXECUTE", "1") != "0"
    session = run_session(root, PROFILES[mode], Store(cache_dir(root)), log, million=one_million(), run_missing=execute)
    for result in session.results:
        if result.get("status") == "failed":
            program = result["program"]
            fail(program, f"{program}:1: benchmark failed with {result['params']}: {result['error']}")
    log(f"[bench] {len(session.results)} case(s), {session.measured} measured in this build ({mode} profile)")
    return document(
        mode,
        session.profile,
        session.machine,
        session.toolchains,
        session.results,
        session.other_machines,
        session.steal_fraction,
        session.measured,
    )


def publish(
    root: Path,
    log: Callable[[str], None],
    fail: Callable[[str, str], None],
    mode: str | None = None,
) -> dict[str, str]:
    """Measure the benchmarks of the project at `root` (if it has a benchmarks/ folder); return the files the
    site publishes, by path in the site (`benchmarks/results.json`). The generator's adapter adds them."""
    if not (root / "benchmarks").is_dir():
        set_current(None)
        return {}
    doc = collect(root, log, fail, mode)
    set_current(doc)
    return {RESULTS_JSON: dumps(doc)}
