# benchmarks/results.json: every figure with its samples and summary, the parameters, profile and fingerprints.
from __future__ import annotations

import dataclasses
import json
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from hooks.bench.measure.fingerprint import Machine
from hooks.bench.measure.profiles import PUBLISH_MIN_RUNS, Profile
from hooks.bench.measure.record import CaseResult, case_id
from hooks.bench.results import limits
from hooks.bench.results.figures import bytes_per_unit, ok, speedup, speedup_bounds, units

RESULTS_JSON = "benchmarks/results.json"
SCHEMA = 2  # 2: measured_at per result, complete summaries only, load, limits, publishable


def derived(results: Sequence[CaseResult], cores: int | None = None) -> dict[str, object]:
    """Figures computed across results: bytes per unit per spawn_hold unit, fib speed-ups per worker count (each
    with the range the CIs allow, and flagged when it exceeds the cores or the workers ran oversubscribed)."""
    memory: dict[str, dict[str, object]] = {}
    for unit in units(results, "spawn_hold"):
        figure = bytes_per_unit(results, unit)
        if figure is not None:
            memory[unit] = {"bytes_per_unit": figure.value, "method": "least squares of ready_pss_bytes against n"}
    speedups: dict[str, dict[str, dict[str, object]]] = {}
    for r in ok(results, "fib"):
        workers = int(r.params["workers"])
        value = speedup(results, r.unit, workers)
        if value is None:
            continue
        bounds = speedup_bounds(results, r.unit, workers)
        speedups.setdefault(r.unit, {})[str(workers)] = {
            "speedup": value,
            "range": list(bounds) if bounds else None,
            "oversubscribed": bool(cores and workers > cores),
            "above_cores": bool(cores and value > cores),
        }
    return {"spawn_hold_memory": memory, "fib_speedup": speedups}


def publishable(profile: Profile | None, results: Sequence[CaseResult]) -> bool:
    """Every published figure has at least PUBLISH_MIN_RUNS runs (so its CI of the median reaches 95%)."""
    if profile is None or not profile.publishable:
        return False
    summaries = [s for r in results if r.ok for s in r.summary.values()]
    return all(s.n >= PUBLISH_MIN_RUNS and s.ci_coverage >= 0.95 for s in summaries)


def results_document(
    mode: str,
    profile: Profile | None,
    machine: Machine,
    toolchains: dict[str, str],
    results: Sequence[CaseResult],
    other_machines: list[dict[str, Any]],
    steal_fraction: float | None,
    measured: int,
    load_average: dict[str, list[float]] | None = None,
) -> dict[str, Any]:
    """The whole results document (mode "off": no results of its own, a note instead)."""
    return {
        "schema": SCHEMA,
        "generated_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "mode": mode,
        "profile": dataclasses.asdict(profile) if profile else None,
        "machine": {
            **machine.to_json(),
            "steal_fraction": steal_fraction,
            "load_average": load_average,  # of the whole machine, before and after this build measured
            "limits": limits.read(),
        },
        "publishable": publishable(profile, results),
        "min_runs": PUBLISH_MIN_RUNS,
        "toolchains": toolchains,
        "measured_in_this_build": measured,
        "results": [{"id": r.ident, **r.to_json()} for r in results],
        "derived": derived(results, machine.cores),
        # Other machines' results (hooks.bench.results.machines): each with its `machine`, `stale` and `results`,
        # shown apart, never pooled into this build's statistics.
        "other_machines": other_machines,
        "note": "not measured in this build (CONCURRENCY_BENCH=off)" if mode == "off" else "",
    }


def with_ids(results: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each result with its stable `id` first (workload/unit/parameters): what findings.json's figures point at."""
    ids = [str(r.get("id") or case_id(r["workload"], r["unit"], r.get("params", {}))) for r in results]
    return [{"id": i, **{k: v for k, v in r.items() if k != "id"}} for i, r in zip(ids, results, strict=True)]


def latest(results: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The newest result per (workload, unit, parameters), in their first order."""
    newest: dict[str, dict[str, Any]] = {}
    for r in sorted(results, key=lambda r: str(r.get("measured_at", ""))):
        newest[json.dumps([r.get("workload"), r.get("unit"), r.get("params")], sort_keys=True)] = r
    return list(newest.values())


def latest_records(results: Sequence[CaseResult]) -> list[CaseResult]:
    """The newest record per (workload, unit, parameters), in their first order (`latest`, for records)."""
    newest: dict[str, CaseResult] = {}
    for r in sorted(results, key=lambda r: str(r.measured_at or "")):
        newest[json.dumps([r.workload, r.unit, dict(r.params)], sort_keys=True)] = r
    return list(newest.values())


def dumps(doc: dict[str, Any]) -> str:
    """results.json text."""
    return json.dumps(doc, indent=1, sort_keys=False) + "\n"
