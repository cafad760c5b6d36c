# Figures derived from results: bytes per unit (slope of memory against N), speed-ups, values at a given size.
from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from hooks.bench.measure.profiles import SCALE_PROFILES
from hooks.bench.measure.record import CaseResult, parse_results
from hooks.bench.measure.stats import slope
from hooks.bench.results import curves
from hooks.bench.results.curves import Reach

MEMORY_METRIC = "ready_pss_bytes"  # PSS of the tree at READY: shared pages split, so processes are not overcounted


@dataclass(frozen=True)
class Figure:
    """A number with its unit, a note saying how it was obtained, and how far it is from what was measured."""

    value: float
    unit: str  # "B", "s", "1/s", "x"
    note: str = ""
    extrapolation: float = 1.0  # the asked size / the measured size it rests on (1: measured at that size)
    reached: bool = True  # False: the asked size is beyond reach; `value` is then the measurement at `at`
    at: str = ""  # where it was measured, e.g. "N = 100,000" or "fib(36), 4 workers"
    basis: tuple[str, ...] = ()  # the results it rests on: "spawn_hold/go_goroutines n=100000: metric (10 runs)"
    workers: int | None = None  # concurrent workers, where the figure has them (fib)
    low: float | None = None  # the 95% interval of `value`, where it carries over from the measurement
    high: float | None = None


def interval(result: CaseResult, metric: str, scale: float = 1.0) -> tuple[float | None, float | None]:
    """The 95% interval of one metric's median, times `scale` ((None, None) when absent)."""
    summary = result.summary.get(metric)
    return (summary.ci_low * scale, summary.ci_high * scale) if summary else (None, None)


def ok(results: Iterable[CaseResult], workload: str, unit: str | None = None) -> list[CaseResult]:
    """Successful results of one workload (and unit)."""
    return [r for r in results if r.ok and r.workload == workload and (unit is None or r.unit == unit)]


def units(results: Iterable[CaseResult], workload: str) -> list[str]:
    """Units measured for a workload, in the order of the results."""
    return list(dict.fromkeys(r.unit for r in results if r.workload == workload))


def median(result: CaseResult, metric: str) -> float | None:
    """The median of one metric of one result, None when absent."""
    return result.median(metric)


def find(results: Iterable[CaseResult], workload: str, unit: str, **params: int) -> CaseResult | None:
    """The successful result with exactly these parameters (a subset match)."""
    for r in ok(results, workload, unit):
        if all(r.params.get(k) == v for k, v in params.items()):
            return r
    return None


def basis(result: CaseResult, metric: str) -> str:
    """`fib/go_goroutines n=36 workers=4: inner_seconds, median of 10 runs` (what a verdict rests on)."""
    params = " ".join(f"{k}={v}" for k, v in result.params.items())
    summary = result.summary.get(metric)
    runs = summary.n if summary else 0
    return f"{result.workload}/{result.unit} {params}".rstrip() + f": {metric}, median of {runs} runs"


def curve(results: Sequence[CaseResult], unit: str, metric: str) -> list[tuple[float, float, CaseResult]]:
    """(N, median, result) of a spawn_hold unit, in order of N."""
    found = [(float(r.params["n"]), median(r, metric), r) for r in ok(results, "spawn_hold", unit)]
    return sorted(((n, v, r) for n, v, r in found if v is not None), key=lambda p: p[0])


def memory_fit(results: Sequence[CaseResult], unit: str) -> tuple[float, float, int] | None:
    """(bytes per unit, baseline bytes, points): least squares of memory at READY against N, over every sample."""
    points = [
        (float(r.params["n"]), float(v))
        for r in ok(results, "spawn_hold", unit)
        for v in r.samples.get(MEMORY_METRIC, ())
    ]
    try:
        per_unit, baseline = slope(points)
    except ValueError:
        return None
    return per_unit, baseline, len(points)


def largest_n(results: Sequence[CaseResult], unit: str) -> CaseResult | None:
    """The spawn_hold result with the largest N."""
    found = ok(results, "spawn_hold", unit)
    return max(found, key=lambda r: int(r.params["n"])) if found else None


def _reach_note(reach: Reach, how: str) -> str:
    if reach.factor == 1:
        return f"measured at N = {reach.target:,.0f}"
    if not reach.reached:
        return f"N = {reach.target:,.0f} not reached: measured up to N = {reach.nearest:,.0f}"
    return f"{how} {curves.factor_text(reach.factor)} from N = {reach.nearest:,.0f}"


def spawn_seconds_at(results: Sequence[CaseResult], unit: str, n: int) -> Figure | None:
    """Time to spawn N units: measured at N, else along the measured curve (local power law) within 10x."""
    points = curve(results, unit, "inner_spawn_seconds")
    if not points:
        return None
    reach = curves.power_law([(x, y) for x, y, _ in points], n)
    how = f"extrapolated (time \u221d N^{reach.exponent:.2f})" if reach.exponent is not None else "extrapolated"
    source = next(r for x, _, r in points if x == reach.nearest)
    low, high = interval(source, "inner_spawn_seconds") if reach.model == "measured" else (None, None)
    return Figure(reach.value, "s", _reach_note(reach, how), reach.factor, reach.reached,
                  f"N = {reach.nearest:,.0f}", (basis(source, "inner_spawn_seconds"),), None, low, high)  # fmt: skip


def memory_at(results: Sequence[CaseResult], unit: str, n: int) -> Figure | None:
    """Memory (PSS at READY) of the tree holding N units: measured at N, else baseline + slope x N within 10x."""
    points = curve(results, unit, MEMORY_METRIC)
    fit = memory_fit(results, unit)
    if not points or fit is None:
        return None
    sizes = [x for x, _, _ in points]
    near = curves.nearest(sizes, n)
    at_near = next(y for x, y, _ in points if x == near)
    reach = curves.affine(fit[0], fit[1], sizes, n, at_near)
    if near == n:
        reach = curves.Reach(n, n, at_near, 1.0, None, "measured")
    source = next(r for x, _, r in points if x == near)
    low, high = interval(source, MEMORY_METRIC) if reach.model == "measured" else (None, None)
    return Figure(reach.value, "B", _reach_note(reach, "extrapolated (baseline + slope \u00d7 N)"), reach.factor,
                  reach.reached, f"N = {near:,.0f}", (basis(source, MEMORY_METRIC),), None, low, high)  # fmt: skip


def bytes_per_unit(results: Sequence[CaseResult], unit: str, n: int | None = None) -> Figure | None:
    """Slope of memory against N; with `n`, how far the claim's N is from the sizes the slope was fitted on."""
    fit = memory_fit(results, unit)
    points = curve(results, unit, MEMORY_METRIC)
    if fit is None or not points:
        return None
    sizes = [x for x, _, _ in points]
    factor = n / curves.nearest(sizes, n) if n else 1.0
    reached = max(factor, 1 / factor) <= curves.MAX_EXTRAPOLATION
    span = f"N = {sizes[0]:,.0f} to {sizes[-1]:,.0f}"
    return Figure(fit[0], "B", f"slope over {fit[2]} runs, {span}", factor, reached, span,
                  tuple(basis(r, MEMORY_METRIC) for _, _, r in points))  # fmt: skip


def fib_seconds(results: Sequence[CaseResult], unit: str, workers: int, target_n: int | None = None) -> Figure | None:
    """Compute time (the program's own timing, start-up excluded) of `workers` parallel fib(n); scaled to
    fib(target_n) by the ratio of recursive calls, however far: naive fib's cost is exactly linear in its calls."""
    found = find(results, "fib", unit, workers=workers)
    value = median(found, "inner_seconds") if found else None
    if found is None or value is None:
        return None
    n = int(found.params["n"])
    at = f"fib({n}), {workers} workers"
    source = (basis(found, "inner_seconds"),)
    if target_n is None or target_n == n:
        low, high = interval(found, "inner_seconds")
        return Figure(value, "s", f"measured: {workers} workers, fib({n}) each", 1.0, True, at, source, workers,
                      low, high)  # fmt: skip
    factor = calls(target_n) / calls(n)
    note = f"scaled {curves.factor_text(factor)} from fib({n}) to fib({target_n}) by the number of calls"
    low, high = interval(found, "inner_seconds", factor)
    return Figure(value * factor, "s", note, factor, True, at, source, workers, low, high)


def fib_floor(results: Sequence[CaseResult], unit: str, target_n: int) -> tuple[float, str] | None:
    """The least time one fib(target_n) can take on this machine, whatever the cores: its calls times the cost of
    one call measured on one worker (the low end of the 95% interval); one call cannot be split across cores."""
    one = find(results, "fib", unit, workers=1)
    low = interval(one, "inner_seconds")[0] if one else None
    if one is None or not low:
        return None
    per_call = low / calls(int(one.params["n"]))
    return per_call * calls(target_n), f"{calls(target_n):,} calls at {per_call * 1e9:.3g} ns each (one worker)"


def calls(n: int) -> int:
    """Calls made by naive recursive fib(n): 2 fib(n+1) - 1."""
    a, b = 0, 1
    for _ in range(n + 1):
        a, b = b, a + b
    return 2 * a - 1


def speedup(results: Sequence[CaseResult], unit: str, workers: int) -> float | None:
    """Throughput gain of `workers` over 1: workers x t(1) / t(workers), on inner compute wall time."""
    one = find(results, "fib", unit, workers=1)
    many = find(results, "fib", unit, workers=workers)
    t1 = median(one, "inner_seconds") if one else None
    tw = median(many, "inner_seconds") if many else None
    return workers * t1 / tw if t1 and tw else None


def speedup_bounds(results: Sequence[CaseResult], unit: str, workers: int) -> tuple[float, float] | None:
    """The speed-up's range allowed by the two medians' CIs (lowest, highest)."""
    one = find(results, "fib", unit, workers=1)
    many = find(results, "fib", unit, workers=workers)
    a = one.summary.get("inner_seconds") if one else None
    b = many.summary.get("inner_seconds") if many else None
    if not a or not b or not b.ci_low or not b.ci_high:
        return None
    return workers * a.ci_low / b.ci_high, workers * a.ci_high / b.ci_low


BUSY = 0.8  # a one-worker run that gets less of its core than this was sharing the machine with other work


def cpu_share(results: Sequence[CaseResult]) -> float | None:
    """The median share of a core that the one-worker CPU-bound runs got (CPU time / wall time, at most 1): near 1
    on an otherwise idle machine, well below when other work competed for the cores. None without such runs."""
    shares = []
    for r in ok(results, "fib"):
        cpu, wall = median(r, "cpu_seconds"), median(r, "wall_seconds")
        if int(r.params["workers"]) == 1 and cpu and wall:
            shares.append(min(1.0, cpu / wall))
    return sorted(shares)[len(shares) // 2] if shares else None


@dataclass(frozen=True)
class Linearity:
    """How straight memory against N is: R² of the fitted line over every run, and each size's residual (the
    median at that N less the line's value there) as a share of the line's value."""

    r2: float
    residuals: tuple[tuple[float, float], ...]  # (N, residual / fitted value)

    @property
    def worst(self) -> float:
        """The largest residual share, either sign."""
        return max((abs(r) for _, r in self.residuals), default=0.0)


def memory_linearity(results: Sequence[CaseResult], unit: str) -> Linearity | None:
    """R² and residuals of the least-squares line of memory at READY against N (None: fewer than three sizes)."""
    fit = memory_fit(results, unit)
    points = curve(results, unit, MEMORY_METRIC)
    if fit is None or len(points) < 3:
        return None
    per_unit, baseline, _ = fit
    samples = [(float(r.params["n"]), float(v)) for r in ok(results, "spawn_hold", unit)
               for v in r.samples.get(MEMORY_METRIC, ())]  # fmt: skip
    mean = sum(y for _, y in samples) / len(samples)
    total = sum((y - mean) ** 2 for _, y in samples)
    left = sum((y - baseline - per_unit * x) ** 2 for x, y in samples)
    r2 = 1 - left / total if total else 1.0
    shares = [(x, (y - fitted) / fitted if (fitted := baseline + per_unit * x) else 0.0) for x, y, _ in points]
    return Linearity(r2, tuple(shares))


def full_runs(doc: Mapping[str, Any] | None) -> list[tuple[str, str, str]]:
    """Where and when the article's scale last ran, from the results themselves: (last measured, machine, source) for
    this build when it ran a profile that reaches it (SCALE_PROFILES) and for every other machine's document of one."""
    if not doc:
        return []
    found = []
    entries = [(doc.get("profile") or {}, doc.get("machine") or {}, parse_results(doc.get("results")), "this build")]
    entries += [(o.get("profile") or {}, o.get("machine") or {}, parse_results(o.get("results")),
                 str(o.get("source") or "")) for o in doc.get("other_machines") or []]  # fmt: skip
    for profile, machine, results, source in entries:
        ends = sorted(str(r.measured_until or r.measured_at or "") for r in results if r.ok)
        if profile.get("name") in SCALE_PROFILES and ends and ends[-1]:
            where = f"{machine.get('cpu_model', '?')}, {machine.get('cores', '?')} cores"
            found.append((ends[-1][:16].replace("T", " ") + " UTC", where, source))
    return sorted(found, reverse=True)


def scale_documents(doc: Mapping[str, Any] | None) -> list[Mapping[str, Any]]:
    """The documents under benchmarks/machines/ whose profile reaches the article's scale (SCALE_PROFILES)."""
    return [o for o in (doc or {}).get("other_machines") or []
            if o.get("origin") == "document" and (o.get("profile") or {}).get("name") in SCALE_PROFILES]  # fmt: skip


def measured_span(results: Iterable[CaseResult]) -> tuple[str, str]:
    """The first and last measured run of these results, `YYYY-MM-DD HH:MM` (UTC); `?` where none says."""
    starts = sorted(str(r.measured_at) for r in results if r.measured_at)
    ends = sorted(str(r.measured_until or r.measured_at) for r in results if r.measured_at)
    shown = [t[:16].replace("T", " ") for t in (starts[:1] + ends[-1:])]
    return (shown[0], shown[1]) if len(shown) == 2 else ("?", "?")
