# Figures derived from results: bytes per unit (slope of memory against N), speed-ups, values at a given N.
from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from hooks.bench.stats import slope

Result = Mapping[str, Any]
MEMORY_METRIC = "ready_pss_bytes"  # PSS of the tree at READY: shared pages split, so processes are not overcounted


@dataclass(frozen=True)
class Figure:
    """A number with its unit and a note saying how it was obtained (measured at N, extrapolated, ...)."""

    value: float
    unit: str  # "B", "s", "1/s", "x"
    note: str = ""


def ok(results: Iterable[Result], workload: str, unit: str | None = None) -> list[Result]:
    """Successful results of one workload (and unit)."""
    return [
        r
        for r in results
        if r.get("status") == "ok" and r["workload"] == workload and (unit is None or r["unit"] == unit)
    ]


def units(results: Iterable[Result], workload: str) -> list[str]:
    """Units measured for a workload, in the order of the results."""
    return list(dict.fromkeys(r["unit"] for r in results if r["workload"] == workload))


def median(result: Result, metric: str) -> float | None:
    """The median of one metric of one result, None when absent."""
    summary = result.get("summary", {}).get(metric)
    return float(summary["median"]) if summary else None


def find(results: Iterable[Result], workload: str, unit: str, **params: int) -> Result | None:
    """The successful result with exactly these parameters (a subset match)."""
    for r in ok(results, workload, unit):
        if all(r["params"].get(k) == v for k, v in params.items()):
            return r
    return None


def memory_fit(results: Sequence[Result], unit: str) -> tuple[float, float, int] | None:
    """(bytes per unit, baseline bytes, points): least squares of memory at READY against N, over every sample."""
    points = [
        (float(r["params"]["n"]), float(v))
        for r in ok(results, "spawn_hold", unit)
        for v in r.get("samples", {}).get(MEMORY_METRIC, [])
    ]
    try:
        per_unit, baseline = slope(points)
    except ValueError:
        return None
    return per_unit, baseline, len(points)


def largest_n(results: Sequence[Result], unit: str) -> Result | None:
    """The spawn_hold result with the largest N."""
    found = ok(results, "spawn_hold", unit)
    return max(found, key=lambda r: int(r["params"]["n"])) if found else None


def spawn_seconds_at(results: Sequence[Result], unit: str, n: int) -> Figure | None:
    """Time to spawn N units: measured at N, or extrapolated linearly from the largest N measured."""
    exact = find(results, "spawn_hold", unit, n=n)
    if exact is not None and (value := median(exact, "inner_spawn_seconds")) is not None:
        return Figure(value, "s", f"measured at N = {n:,}")
    top = largest_n(results, unit)
    per_unit = median(top, "spawn_seconds_per_unit") if top else None
    if top is None or per_unit is None:
        return None
    return Figure(per_unit * n, "s", f"extrapolated linearly from N = {int(top['params']['n']):,}")


def memory_at(results: Sequence[Result], unit: str, n: int) -> Figure | None:
    """Memory of the tree holding N units: measured at N (peak RSS), or baseline + slope x N."""
    exact = find(results, "spawn_hold", unit, n=n)
    if exact is not None and (value := median(exact, "peak_rss_bytes")) is not None:
        return Figure(value, "B", f"peak RSS measured at N = {n:,}")
    fit = memory_fit(results, unit)
    if fit is None:
        return None
    top = largest_n(results, unit)
    top_n = int(top["params"]["n"]) if top else 0
    return Figure(fit[1] + fit[0] * n, "B", f"extrapolated from the slope up to N = {top_n:,}")


def bytes_per_unit(results: Sequence[Result], unit: str) -> Figure | None:
    """Slope of memory against N."""
    fit = memory_fit(results, unit)
    return None if fit is None else Figure(fit[0], "B", f"slope over {fit[2]} runs")


def fib_seconds(results: Sequence[Result], unit: str, workers: int, target_n: int | None = None) -> Figure | None:
    """Compute time (the program's own timing, start-up excluded) of `workers` parallel fib(n); scaled to
    fib(target_n) by the ratio of recursive calls, and then labelled extrapolated."""
    found = find(results, "fib", unit, workers=workers)
    value = median(found, "inner_seconds") if found else None
    if found is None or value is None:
        return None
    n = int(found["params"]["n"])
    if target_n is None or target_n == n:
        return Figure(value, "s", f"measured: {workers} workers, fib({n}) each")
    factor = calls(target_n) / calls(n)
    note = f"extrapolated from {workers} workers on fib({n}), times {factor:,.0f} for the calls of fib({target_n})"
    return Figure(value * factor, "s", note)


def calls(n: int) -> int:
    """Calls made by naive recursive fib(n): 2 fib(n+1) - 1."""
    a, b = 0, 1
    for _ in range(n + 1):
        a, b = b, a + b
    return 2 * a - 1


def speedup(results: Sequence[Result], unit: str, workers: int) -> float | None:
    """Throughput gain of `workers` over 1: workers x t(1) / t(workers), on inner compute wall time."""
    one = find(results, "fib", unit, workers=1)
    many = find(results, "fib", unit, workers=workers)
    t1 = median(one, "inner_seconds") if one else None
    tw = median(many, "inner_seconds") if many else None
    return workers * t1 / tw if t1 and tw else None
