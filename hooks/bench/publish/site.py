# Build integration: measure (or take from the cache) before pages render; the files the site publishes
# (benchmarks/results.json, fact-check.json, findings.json), which the generator's adapter (hooks/site/build.py) adds.
from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from hooks.bench.factcheck import factcheck
from hooks.bench.measure.fingerprint import machine
from hooks.bench.measure.profiles import PROFILES
from hooks.bench.measure.record import CaseResult
from hooks.bench.measure.store import Store, cache_dir
from hooks.bench.measure.suite import run_session
from hooks.bench.publish import findings
from hooks.bench.results import machines
from hooks.bench.results.current import current, set_current
from hooks.bench.results.results import RESULTS_JSON, dumps, results_document
from hooks.common.settings import bench_mode, execute_enabled
from hooks.toolchains import Detected

__all__ = ["collect", "current", "publish", "set_current"]


def collect(
    root: Path,
    log: Callable[[str], None],
    fail: Callable[[str, str], None],
    mode: str | None = None,
    detected: Detected | None = None,
) -> dict[str, Any]:
    """Run (or look up) every benchmark for the profile `mode` (default: CONCURRENCY_BENCH's) and return
    the results document."""
    mode = mode or bench_mode()
    this = machine()
    if mode == "off":
        others = _other_machines(root, [], fail)
        return results_document("off", None, this, {}, [], others, None, 0)
    execute = execute_enabled()
    started = time.monotonic()
    session = run_session(
        root,
        PROFILES[mode],
        Store(cache_dir(root)),
        log,
        run_missing=execute,
        detected=detected or Detected(),  # the build's one detection, when it hands it down
    )
    seconds = time.monotonic() - started
    for result in session.results:
        if result.status == "failed":
            program = result.program
            fail(program, f"{program}:1: benchmark failed with {dict(result.params)}: {result.error}")
    log(
        f"[bench] {len(session.results)} case(s), {session.measured} measured in this build ({mode} profile), "
        f"benchmark phase {seconds:.0f} s"
    )
    others = _other_machines(root, session.other_machines, fail)
    doc = results_document(
        mode,
        session.profile,
        session.machine,
        session.toolchains,
        session.results,
        others,
        session.steal_fraction,
        session.measured,
        session.load_average,
    )
    doc["phase_seconds"] = round(seconds, 1)  # building and measuring (or looking up) every case
    return doc


def _other_machines(
    root: Path, cached: list[tuple[dict[str, object], list[CaseResult]]], fail: Callable[[str, str], None]
) -> list[dict[str, Any]]:
    """Other machines' results; a document under benchmarks/machines/ that cannot be used fails the build, named."""
    others, errors = machines.other_machines(root, cached)
    for error in errors:
        fail(error.path, f"{error}: see README.md, 'Results from other machines'")
    return others


def publish(
    root: Path,
    log: Callable[[str], None],
    fail: Callable[[str, str], None],
    mode: str | None = None,
    detected: Detected | None = None,
) -> dict[str, str]:
    """Measure the benchmarks of the project at `root` (if it has a benchmarks/ folder); return the files the
    site publishes, by path in the site (results.json, fact-check.json, findings.json); the generator's adapter
    adds them."""
    if not (root / "benchmarks").is_dir():
        set_current(None)
        return {}
    doc = collect(root, log, fail, mode, detected)
    set_current(doc)
    return {
        RESULTS_JSON: dumps(doc),
        factcheck.FACT_CHECK_JSON: factcheck.dumps(doc),
        findings.FINDINGS_JSON: findings.dumps(doc),
    }
