# Figures with their 95% intervals, and the one rule for comparing two: they differ only where the intervals separate.
from __future__ import annotations

import math
import statistics
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from hooks.bench.measure.record import CaseResult
from hooks.bench.results import figures

Z975 = 1.959964  # the normal distribution's 97.5% point


@dataclass(frozen=True)
class Quantity:
    """One figure a sentence rests on: which result (its id in results.json), which figure, value and 95% interval."""

    result: str
    figure: str  # a metric of the result ("round_trip_seconds") or a figure derived from it ("bytes_per_unit")
    value: float
    ci_low: float
    ci_high: float
    unit: str  # "B", "s", "1/s", "x", or a unit of work ("fib calls/s")
    basis: tuple[str, ...] = ()  # every result id it rests on, where more than one

    def to_json(self) -> dict[str, object]:
        """As findings.json publishes it."""
        found: dict[str, object] = {"result": self.result, "figure": self.figure, "value": self.value,
                                 "ci_low": self.ci_low, "ci_high": self.ci_high, "unit": self.unit}  # fmt: skip
        if self.basis:
            found["basis"] = list(self.basis)
        return found


def separate(a: Quantity, b: Quantity) -> bool:
    """True only where the two 95% intervals do not overlap: the one test of "different" on every page."""
    return a.ci_high < b.ci_low or b.ci_high < a.ci_low


def metric(result: CaseResult, name: str, unit: str) -> Quantity | None:
    """A measured metric of one result: its median and the 95% interval of the median."""
    summary = result.summary.get(name)
    if not summary:
        return None
    return Quantity(result.ident, name, summary.median, summary.ci_low, summary.ci_high, unit)


def throughput(results: Sequence[CaseResult], unit: str, workers: int) -> Quantity | None:
    """fib calls per second of `workers` parallel fib(n): workers x calls(n) / compute time, the interval inverted.
    Two worker counts differ in speed exactly where the speed-up's interval excludes x1."""
    found = figures.find(results, "fib", unit, workers=workers)
    time = metric(found, "inner_seconds", "s") if found else None
    if found is None or time is None or time.ci_low <= 0:
        return None
    work = workers * figures.calls(int(found.params["n"]))
    return Quantity(time.result, "fib_calls_per_second", work / time.value, work / time.ci_high,
                    work / time.ci_low, "fib calls/s")  # fmt: skip


def _t975(df: int) -> float:
    """Student's t 97.5% point (Cornish-Fisher expansion; within 0.5% from 4 degrees of freedom)."""
    z = Z975
    return z + (z**3 + z) / (4 * df) + (5 * z**5 + 16 * z**3 + 3 * z) / (96 * df**2)


def bytes_per_unit(results: Sequence[CaseResult], unit: str) -> Quantity | None:
    """Memory per unit: the least-squares slope of memory at READY against N over every run, with its 95% interval
    (the slope's standard error times Student's t): wide where the runs scatter or memory bends with N."""
    found = figures.ok(results, "spawn_hold", unit)
    samples = [(r, r.samples.get(figures.MEMORY_METRIC, ())) for r in found]
    points = [(float(r.params["n"]), float(v)) for r, values in samples for v in values]
    fit = figures.memory_fit(results, unit)
    if fit is None or len(points) < 3:
        return None
    b, a, n = fit
    mean_x = statistics.fmean(x for x, _ in points)
    sxx = sum((x - mean_x) ** 2 for x, _ in points)
    residual = sum((y - a - b * x) ** 2 for x, y in points) / (n - 2)
    half = _t975(n - 2) * math.sqrt(residual / sxx)
    ids = tuple(r.ident for r in sorted(found, key=lambda r: int(r.params["n"])))
    return Quantity(ids[-1], "bytes_per_unit", b, b - half, b + half, "B", ids)


@dataclass(frozen=True)
class Comparison:
    """Two figures a sentence compares (indices into its figures) and whether it may call them different."""

    a: int
    b: int
    distinguishable: bool


def tiers(quantities: Iterable[Quantity]) -> list[list[Quantity]]:
    """The figures in order of value, grouped so that every figure of a group is separate from every figure of
    every other group: a ranking that never orders two figures whose intervals overlap."""
    groups: list[list[Quantity]] = []
    for q in sorted(quantities, key=lambda q: q.value):
        first = next((i for i, g in enumerate(groups) if any(not separate(q, o) for o in g)), len(groups))
        merged = [o for g in groups[first:] for o in g] + [q]
        groups[first:] = [merged]
    return groups
