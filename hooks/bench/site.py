# Build integration: measure (or take from the cache) before pages render, publish benchmarks/results.json.
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files

from hooks.bench.fingerprint import machine
from hooks.bench.profiles import PROFILES
from hooks.bench.results import RESULTS_JSON, document, dumps
from hooks.bench.store import Store, cache_dir
from hooks.bench.suite import run_session
from hooks.settings import bench_million, bench_mode, execute_enabled

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
    mode = mode or bench_mode()
    this = machine()
    if mode == "off":
        return document("off", None, this, {}, [], [], None, 0)
    execute = execute_enabled()
    session = run_session(
        root, PROFILES[mode], Store(cache_dir(root)), log, million=bench_million(), run_missing=execute
    )
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


def on_files(
    files: Files,
    config: MkDocsConfig,
    log: Callable[[str], None],
    fail: Callable[[str, str], None],
    mode: str | None = None,
) -> None:
    """Measure the benchmarks of the project (if it has a benchmarks/ folder) and add results.json to the site."""
    root = Path(config.config_file_path or ".").resolve().parent
    if not (root / "benchmarks").is_dir():
        set_current(None)
        return
    doc = collect(root, log, fail, mode)
    set_current(doc)
    files.append(File.generated(config, RESULTS_JSON, content=dumps(doc)))
