# A whole benchmark session: find programs and cases, take what the cache has, build and measure the rest.
from __future__ import annotations

import functools
import importlib
import os
import tempfile
from collections.abc import Callable, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from hooks.bench.measure.fingerprint import Machine, StealMeter, machine
from hooks.bench.measure.harness import Measure, Progress, default_measure, run_cases
from hooks.bench.measure.measure import Prepared
from hooks.bench.measure.profiles import Case, Profile
from hooks.bench.measure.record import CaseResult
from hooks.bench.measure.store import Store, case_key, source_hash
from hooks.bench.measure.workloads import cases as all_cases
from hooks.common.errors import SetupError
from hooks.toolchains import Detected, toolchain_for

Prepare = Callable[[Path, Path], Prepared]
BUILD_JOBS = 2  # programs compiled at once before the runs (a build's own seconds are then its share of the cores)


@dataclass
class Session:
    """What one session measured or found in the cache."""

    profile: Profile
    machine: Machine
    results: list[CaseResult]
    toolchains: dict[str, str]
    measured: int  # cases run in this session (0 on a warm rebuild)
    steal_fraction: float | None
    other_machines: list[tuple[dict[str, object], list[CaseResult]]]
    load_average: dict[str, list[float]] | None = None  # 1/5/15-minute load before and after measuring


def _programs_module() -> Any:
    return importlib.import_module("hooks.bench.measure.programs")


def discover(root: Path) -> list[Path]:
    """Every benchmark program (hooks.bench.measure.programs.programs)."""
    found: list[Path] = _programs_module().programs(root)
    return found


def recipe_hash() -> str:
    """How programs are built is an input too: programs.RECIPE (bumped when a build command changes) and the
    Elixir VM flags; the hash of hooks/bench/measure/programs.py when it declares no RECIPE."""
    module = _programs_module()
    recipe = getattr(module, "RECIPE", None)
    if recipe is None:
        return source_hash(Path(module.__file__))
    return f"{recipe}|{getattr(module, 'ELIXIR_VM_FLAGS', '')}"


def toolchain_versions(cases: list[Case], detected: Detected) -> dict[str, str]:
    """Version of each language's toolchain (as detected, not built), "" when it is missing."""
    versions: dict[str, str] = {}
    for case in cases:
        toolchain = toolchain_for(case.program)
        if toolchain and toolchain.name not in versions:
            info = detected.get(toolchain.name)
            versions[toolchain.name] = info.version if info else ""
    return versions


def run_session(
    root: Path,
    profile: Profile,
    store: Store,
    progress: Progress,
    only: str | None = None,
    measure: Measure = default_measure,
    prepare: Prepare | None = None,
    programs: list[Path] | None = None,
    run_missing: bool = True,
    detected: Detected | None = None,
) -> Session:
    """Measure every case not already stored for this machine; return all results, cached or new. Toolchains are
    those `detected` (the build's detection; default: detected here, once for this session)."""
    detected = detected or Detected()
    this = machine()
    store.put_machine(this.to_json())
    found = discover(root) if programs is None else programs
    cases = all_cases(found, profile, this.cores, only)
    versions = toolchain_versions(cases, detected)
    recipe = recipe_hash() if prepare is None else "stub"
    keys: dict[Case, str] = {}
    cached: dict[Case, CaseResult] = {}
    for case in cases:
        language = toolchain_for(case.program)
        version = versions.get(language.name, "") if language else ""
        keys[case] = case_key(case, source_hash(case.program), recipe, version, profile, this.key)
        hit = store.get(this.key, keys[case])
        if hit is not None:
            cached[case] = replace(hit, cached=True)
    todo = [case for case in cases if case not in cached] if run_missing else []
    steal = StealMeter()
    before = list(os.getloadavg())
    fresh: dict[Case, CaseResult] = {}
    if todo:
        progress(
            f"[bench] {len(todo)} of {len(cases)} case(s) to measure ({profile.name} profile), {len(cached)} cached"
        )
        with tempfile.TemporaryDirectory(prefix="bench-build-") as tmp:  # builds live until the runs end
            build_dir = store.directory / "build" if store.directory else Path(tmp)  # kept: rebuilt when changed
            programs_todo = sorted({c.program for c in todo})
            build = prepare or functools.partial(_programs_module().prepare, detected=detected)
            built = _prepare_all(programs_todo, build, progress, root, build_dir)
            fresh = run_cases(todo, built, profile, progress, measure, root)
    fraction = steal.fraction() if todo else None
    load = {"before": before, "after": list(os.getloadavg())} if todo else None
    for case, result in fresh.items():
        fresh[case] = replace(result, cached=False, key=keys[case], machine_key=this.key, steal_fraction=fraction,
                              program_sha256=source_hash(case.program))  # fmt: skip
        store.put(this.key, keys[case], fresh[case])
    results = [cached.get(case) or fresh.get(case) or _not_run(case, root) for case in cases]
    return Session(profile, this, results, versions, len(todo), fraction, store.other_machines(this.key), load)


def _prepare_all(
    paths: list[Path], prepare: Prepare, progress: Progress, root: Path, build_dir: Path
) -> Mapping[Path, Prepared | str]:
    """Build each program once, before any run is timed (BUILD_JOBS side by side, as examples compile: nothing is
    measured meanwhile); a failed build becomes its reason."""

    def build(numbered: tuple[int, Path]) -> Prepared | str:
        i, path = numbered
        shown = path.relative_to(root) if path.is_relative_to(root) else path
        progress(f"[bench build {i}/{len(paths)}] {shown}")
        try:
            return prepare(path, build_dir)
        except SetupError as exc:
            return f"build failed: {exc}"

    with ThreadPoolExecutor(BUILD_JOBS) as pool:
        return dict(zip(paths, pool.map(build, enumerate(paths, 1)), strict=True))


def _not_run(case: Case, root: Path) -> CaseResult:
    program = case.program.relative_to(root).as_posix() if case.program.is_relative_to(root) else str(case.program)
    why = "not measured in this build (CONCURRENCY_EXECUTE=0) and not in the cache"
    return CaseResult(case.workload, case.unit, program, dict(case.params), "not_run", why)
