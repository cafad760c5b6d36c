# Build integration: measure (or take from the cache) before pages render; publish results.json and fact-check.json.
from __future__ import annotations

import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files

from hooks.bench import factcheck
from hooks.bench.current import current, set_current
from hooks.bench.fingerprint import machine
from hooks.bench.profiles import PROFILES, mode_from_env, one_million
from hooks.bench.results import RESULTS_JSON, document, dumps
from hooks.bench.store import Store, cache_dir
from hooks.bench.suite import run_session

__all__ = ["collect", "current", "on_files", "set_current"]


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
    started = time.monotonic()
    session = run_session(root, PROFILES[mode], Store(cache_dir(root)), log, million=one_million(), run_missing=execute)
    seconds = time.monotonic() - started
    for result in session.results:
        if result.get("status") == "failed":
            program = result["program"]
            fail(program, f"{program}:1: benchmark failed with {result['params']}: {result['error']}")
    log(
        f"[bench] {len(session.results)} case(s), {session.measured} measured in this build ({mode} profile), "
        f"benchmark phase {seconds:.0f} s"
    )
    doc = document(
        mode,
        session.profile,
        session.machine,
        session.toolchains,
        session.results,
        session.other_machines,
        session.steal_fraction,
        session.measured,
        session.load_average,
    )
    doc["phase_seconds"] = round(seconds, 1)  # building and measuring (or looking up) every case
    return doc


def on_files(
    files: Files,
    config: MkDocsConfig,
    log: Callable[[str], None],
    fail: Callable[[str, str], None],
    mode: str | None = None,
) -> None:
    """Measure the benchmarks of the project (if it has a benchmarks/ folder); add results.json and fact-check.json
    (every claim of the article judged against it) to the site."""
    root = Path(config.config_file_path or ".").resolve().parent
    if not (root / "benchmarks").is_dir():
        set_current(None)
        return
    doc = collect(root, log, fail, mode)
    set_current(doc)
    files.append(File.generated(config, RESULTS_JSON, content=dumps(doc)))
    files.append(File.generated(config, factcheck.FACT_CHECK_JSON, content=factcheck.dumps(doc)))
