# Each article claim against our measurement, judged like for like: a verdict only where the conditions match.
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from hooks.bench.factcheck.claims import (
    BytesPerUnit,
    Claim,
    Fib40,
    FibRatio,
    HalfRoundTrip,
    HttpFigure,
    MemoryAt,
    NotMeasured,
    SpawnSecondsAt,
)
from hooks.bench.measure.record import CaseResult
from hooks.bench.results import curves, figures, fmt, limits
from hooks.bench.results.figures import Figure

TOLERANCE = 1.25  # "~" claims: within 25% of the stated range counts as consistent
VERDICTS = ("consistent", "roughly right", "wrong", "not comparable", "not a measurement")
COMPARABLE = VERDICTS[:3]


@dataclass(frozen=True)
class Checked:
    """A claim, what we measured for it, and how it holds up."""

    claim: Claim
    figure: Figure | None  # the measurement shown (at the claim's size when reached, else where it was measured)
    ratio: float | None  # measured / claimed (against the nearer end of the range); None unless comparable
    verdict: str  # one of VERDICTS
    detail: str  # "within a factor of 2", "the claim is x16 too high", ...
    reason: str  # why this verdict: the conditions compared, or why they do not match
    cores_used: int | None  # cores the measurement could use
    oversubscribed: bool = False  # more workers than cores
    bound: Bound | None = None  # what decided a verdict under unlike conditions
    machine: On | None = None  # whose results judged it (hooks/bench/factcheck/factcheck.py chooses)


@dataclass(frozen=True)
class On:
    """The machine a claim is judged on: this build's, or another machine's document (benchmarks/machines/)."""

    name: str  # "this build", or the document's name
    source: str | None  # benchmarks/machines/<name>.json; None for this build
    key: str
    cpu_model: str
    cores: int

    def __str__(self) -> str:
        where = f"{self.cpu_model}, {self.cores} core{'s' * (self.cores != 1)}"
        return f"this build's machine ({where})" if self.source is None else f"{self.source} ({where})"


@dataclass(frozen=True)
class Bound:
    """What this machine shows of the claim's value under the claim's own conditions: at most or at least."""

    side: str  # "at most" or "at least"
    value: float
    why: str


def measure(claim: Claim, results: Sequence[CaseResult], cores: int) -> Figure | None:
    """The figure that answers the claim, from the results (None when it was not measured)."""
    match claim.measure:
        case SpawnSecondsAt(unit, n):
            return figures.spawn_seconds_at(results, unit, n)
        case MemoryAt(unit, n):
            return figures.memory_at(results, unit, n)
        case BytesPerUnit(unit, n):
            return figures.bytes_per_unit(results, unit, n)
        case HttpFigure(unit, metric):
            return _http(claim, results, unit, metric)
        case Fib40(unit):
            return figures.fib_seconds(results, unit, _workers(results, unit, claim.conditions.tasks), 40)
        case FibRatio(slow_unit, fast_unit):
            workers = _workers(results, slow_unit, claim.conditions.tasks)
            slow = figures.fib_seconds(results, slow_unit, workers)
            fast = figures.fib_seconds(results, fast_unit, workers)
            if slow is None or fast is None:
                return None
            note = f"compute time of {workers} workers on threads / on processes, same n; at most \u00d7{cores} here"
            return Figure(slow.value / fast.value, "x", note, 1.0, True, slow.at, slow.basis + fast.basis, workers)
        case HalfRoundTrip(unit):
            found = figures.ok(results, "ping_pong", unit)
            value = figures.median(found[0], "round_trip_seconds") if found else None
            if value is None:
                return None
            source = (figures.basis(found[0], "round_trip_seconds"),)
            return Figure(value / 2, "s", f"half a ping-pong round trip ({unit})", basis=source)
        case NotMeasured():
            return None


def _http(claim: Claim, results: Sequence[CaseResult], unit: str, metric: str) -> Figure | None:
    found = figures.ok(results, "http", unit)
    value = figures.median(found[0], metric) if found else None
    if value is None:
        return None
    connections = found[0].load_int("connections") or None
    size = claim.conditions.size
    factor = size / connections if size and connections else 1.0
    reached = connections is not None and max(factor, 1 / factor) <= curves.MAX_EXTRAPOLATION
    at = f"{connections:,} connections" if connections else "connections not recorded"
    return Figure(value, claim.unit, f"on loopback, {at}", factor, reached, at, (figures.basis(found[0], metric),))


def _workers(results: Sequence[CaseResult], unit: str, tasks: int | None) -> int:
    """The measured worker count closest to the claim's number of tasks (else the most measured)."""
    measured = [int(r.params["workers"]) for r in figures.ok(results, "fib", unit)]
    if not measured:
        return 0
    return min(measured, key=lambda w: (abs(w - tasks), -w)) if tasks else max(measured)


def check(
    claim: Claim, results: Sequence[CaseResult], cores: int, machine_limits: limits.MachineLimits | None = None
) -> Checked:
    """Measure the claim and judge it, like for like: matching cores and a size within 10x; under unlike conditions,
    only where what this machine already shows bounds the claim's value far enough (else not comparable)."""
    if isinstance(claim.measure, NotMeasured):
        return Checked(claim, None, None, "not a measurement", "", claim.measure.reason, None)
    figure = measure(claim, results, cores)
    if figure is None or claim.low is None or claim.high is None:
        return Checked(claim, figure, None, "not comparable", "", "not measured in this build", None)
    used = _cores_used(claim, figure, cores, results)
    over = figure.workers is not None and figure.workers > cores
    if claim.proxy:
        reason = f"{figure.note} measures another quantity than the claim's; {claim.proxy}"
        return Checked(claim, figure, None, "not comparable", "", reason, used, over)
    mismatch = []
    want = claim.conditions.cores
    if want is not None and used < want:
        where = (
            f"this machine has {cores}" if used == cores else f"this measurement had {used} of this machine's {cores}"
        )
        mismatch.append(f"the article's figure needs {want} cores; {where}")
    if not figure.reached:
        mismatch.append(_size_reason(claim, figure, results, machine_limits))
    notes = [f"{figure.workers} workers ran on {cores} cores (oversubscribed)"] if over else []
    floor = _floor(claim, results)
    if floor and floor.value > claim.high * 2:  # impossible on any number of cores
        ratio = floor.value / claim.high
        return Checked(claim, figure, ratio, "wrong", f"the claim is at least {fmt.ratio(ratio)} too low", floor.why,
                       used, over, floor)  # fmt: skip
    if mismatch:
        bound = _bound(claim, figure, used, mismatch)
        if bound and bound.side == "at most" and bound.value < claim.low / 2:
            ratio = bound.value / claim.low
            detail = f"the claim is at least {fmt.ratio(1 / ratio)} too high"
            return Checked(claim, figure, ratio, "wrong", detail, bound.why, used, over, bound)
        if bound and bound.side == "at least" and bound.value > claim.high * 2:
            ratio = bound.value / claim.high
            detail = f"the claim is at least {fmt.ratio(ratio)} too low"
            return Checked(claim, figure, ratio, "wrong", detail, bound.why, used, over, bound)
        if bound:  # it bounds the claim, but not by enough to decide
            mismatch.append(f"{bound.side} {fmt.value(bound.value, figure.unit)} under the article's conditions, "
                            "within a factor of 2 of the claim, so no verdict")  # fmt: skip
        return Checked(claim, figure, None, "not comparable", "", "; ".join(mismatch + notes), used, over)
    ratio = _ratio(figure.value, claim.low, claim.high)
    word, detail = verdict(ratio)
    return Checked(claim, figure, ratio, word, detail, "; ".join([_matched(claim, figure, used), *notes]), used, over)


def _floor(claim: Claim, results: Sequence[CaseResult]) -> Bound | None:
    """fib(n): one task's own calls at the measured cost of one call, a time no number of cores can beat."""
    if not isinstance(claim.measure, Fib40) or not claim.conditions.size:
        return None
    n = claim.conditions.size
    found = figures.fib_floor(results, claim.measure.unit, n)
    if found is None:
        return None
    least, how = found
    why = (f"one fib({n}) alone is {how}: at least {fmt.duration(least)} on any number of cores, since one "
           f"call cannot be split across cores")  # fmt: skip
    return Bound("at least", least, why)


def _bound(claim: Claim, figure: Figure, used: int, mismatch: list[str]) -> Bound | None:
    """The claim's value as bounded by this measurement, where every unlike condition moves it one known way."""
    cores_trend, size_trend = claim.measure.trend
    sides = []
    want = claim.conditions.cores
    tasks = claim.conditions.tasks
    if want is not None and used < want:
        fewer_tasks = figure.workers is not None and tasks is not None and figure.workers < tasks
        sides.append(None if fewer_tasks else {-1: "at most", 1: "at least"}.get(cores_trend))
    if not figure.reached:
        larger = figure.extrapolation > 1
        sides.append({1: "at least", -1: "at most"}.get(size_trend if larger else -size_trend))
    if not sides or None in sides or len(set(sides)) > 1 or figure.low is None or figure.high is None:
        return None
    side = str(sides[0])
    value = figure.high if side == "at most" else figure.low
    what = f"{figure.workers} workers on {used} core{'s' * (used != 1)}" if figure.workers else f"{figure.at} here"
    more = "more cores" if want is not None and used < want else "a larger size"
    shown = fmt.value(value, figure.unit)
    did = f"finish in {shown}" if figure.unit == "s" and side == "at most" else f"measured {shown}"
    end = "high" if side == "at most" else "low"
    why = (f"{what} already {did} ({end} end of the 95% interval; {figure.note}) and {more} cannot make it "
           f"{'longer' if side == 'at most' else 'less'}: {side} {shown} under the article's conditions")  # fmt: skip
    return Bound(side, value, why)


def _cores_used(claim: Claim, figure: Figure, cores: int, results: Sequence[CaseResult]) -> int:
    if isinstance(claim.measure, HttpFigure):
        found = figures.ok(results, "http", claim.measure.unit)
        pinned = found[0].load.get("server_cpus") if found else None
        return len(str(pinned).split(",")) if pinned else cores
    return min(figure.workers, cores) if figure.workers else cores


def _size_reason(
    claim: Claim, figure: Figure, results: Sequence[CaseResult], machine: limits.MachineLimits | None
) -> str:
    size, kind = claim.conditions.size, claim.conditions.size_kind
    far = curves.factor_text(figure.extrapolation)
    if kind == "fib":
        return f"fib({size}) is {far} the work measured here ({figure.at}); only up to \u00d710 is scaled"
    shown = f"{size:,} {kind}" if size else "the article's size"
    reason = f"the article's {shown} is {far} beyond what was measured ({figure.at}); only up to \u00d710 is scaled"
    if (
        kind == "units"
        and machine is not None
        and size
        and isinstance(claim.measure, SpawnSecondsAt | MemoryAt | BytesPerUnit)
    ):
        why = limits.why_not(claim.measure.unit, size, results, machine)
        reason += f". {why}" if why else ""
    return reason


def _matched(claim: Claim, figure: Figure, used: int) -> str:
    want = claim.conditions.cores
    parts = [f"{used} cores here for the article's {want}"] if want else []
    return "; ".join([*parts, figure.note or "measured directly"])


def _ratio(value: float, low: float, high: float) -> float:
    if value > high:
        return value / high if high else float("inf")
    if value < low:
        return value / low
    return 1.0


def verdict(ratio: float) -> tuple[str, str]:
    """The verdict word and its detail for measured / claimed."""
    if 1 / TOLERANCE <= ratio <= TOLERANCE:
        return "consistent", "within 25% of the claimed range"
    if 0.5 <= ratio <= 2:
        return "roughly right", "within a factor of 2"
    if ratio < 1:
        return "wrong", f"the claim is {fmt.ratio(1 / ratio)} too high"
    return "wrong", f"the claim is {fmt.ratio(ratio)} too low"
