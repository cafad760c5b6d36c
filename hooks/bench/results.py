# benchmarks/results.json: every figure with its samples and summary, the parameters, profile and fingerprints.
from __future__ import annotations

import dataclasses
import json
from datetime import UTC, datetime
from typing import Any

from hooks.bench.figures import bytes_per_unit, ok, speedup, units
from hooks.bench.fingerprint import Machine
from hooks.bench.profiles import Profile

RESULTS_JSON = "benchmarks/results.json"
SCHEMA = 1


def derived(results: list[dict[str, Any]]) -> dict[str, Any]:
    """Figures computed across results: bytes per unit per spawn_hold unit, fib speed-ups per worker count."""
    memory = {}
    for unit in units(results, "spawn_hold"):
        figure = bytes_per_unit(results, unit)
        if figure is not None:
            memory[unit] = {"bytes_per_unit": figure.value, "method": "least squares of ready_pss_bytes against n"}
    speedups: dict[str, dict[str, float]] = {}
    for r in ok(results, "fib"):
        value = speedup(results, r["unit"], int(r["params"]["workers"]))
        if value is not None:
            speedups.setdefault(r["unit"], {})[str(r["params"]["workers"])] = value
    return {"spawn_hold_memory": memory, "fib_speedup": speedups}


def document(
    mode: str,
    profile: Profile | None,
    machine: Machine,
    toolchains: dict[str, str],
    results: list[dict[str, Any]],
    other_machines: list[tuple[dict[str, Any], list[dict[str, Any]]]],
    steal_fraction: float | None,
    measured: int,
) -> dict[str, Any]:
    """The whole results document (mode "off": no results, a note instead)."""
    return {
        "schema": SCHEMA,
        "generated_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "mode": mode,
        "profile": dataclasses.asdict(profile) if profile else None,
        "machine": {**machine.to_json(), "steal_fraction": steal_fraction},
        "toolchains": toolchains,
        "measured_in_this_build": measured,
        "results": results,
        "derived": derived(results),
        "other_machines": [
            {"machine": m, "results": latest(rs), "derived": derived(latest(rs))} for m, rs in other_machines
        ],
        "note": "not measured in this build (CONCURRENCY_BENCH=off)" if mode == "off" else "",
    }


def latest(results: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The newest result per (workload, unit, parameters), in their first order."""
    newest: dict[str, dict[str, Any]] = {}
    for r in sorted(results, key=lambda r: str(r.get("measured_at", ""))):
        newest[json.dumps([r.get("workload"), r.get("unit"), r.get("params")], sort_keys=True)] = r
    return list(newest.values())


def dumps(doc: dict[str, Any]) -> str:
    """results.json text."""
    return json.dumps(doc, indent=1, sort_keys=False) + "\n"
