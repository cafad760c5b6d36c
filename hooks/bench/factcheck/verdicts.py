# Each article claim against our measurement, judged like for like: a verdict only where the conditions match.
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from hooks.bench.factcheck.claims import Claim
from hooks.bench.results import curves, figures, fmt, limits
from hooks.bench.results.figures import Figure, Result

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


def measure(claim: Claim, results: Sequence[Result], cores: int) -> Figure | None:
    """The figure that answers the claim, from the results (None when it was not measured)."""
    kind, *args = claim.measure
    if kind == "spawn_seconds_at":
        return figures.spawn_seconds_at(results, args[0], int(args[1]))
    if kind == "memory_at":
        return figures.memory_at(results, args[0], int(args[1]))
    if kind == "bytes_per_unit":
        return figures.bytes_per_unit(results, args[0], int(args[1]) if len(args) > 1 else None)
    if kind == "http":
        return _http(claim, results, args[0], args[1])
    if kind == "fib40":
        return figures.fib_seconds(results, args[0], _workers(results, args[0], claim.conditions.tasks), 40)
    if kind == "fib_ratio":
        workers = _workers(results, args[0], claim.conditions.tasks)
        slow, fast = figures.fib_seconds(results, args[0], workers), figures.fib_seconds(results, args[1], workers)
        if slow is None or fast is None:
            return None
        note = f"compute time of {workers} workers on threads / on processes, same n; at most \u00d7{cores} here"
        return Figure(slow.value / fast.value, "x", note, 1.0, True, slow.at, slow.basis + fast.basis, workers)
    if kind == "half_round_trip":
        found = figures.ok(results, "ping_pong", args[0])
        value = figures.median(found[0], "round_trip_seconds") if found else None
        if value is None:
            return None
        source = (figures.basis(found[0], "round_trip_seconds"),)
        return Figure(value / 2, "s", f"half a ping-pong round trip ({args[0]})", basis=source)
    return None


def _http(claim: Claim, results: Sequence[Result], unit: str, metric: str) -> Figure | None:
    found = figures.ok(results, "http", unit)
    value = figures.median(found[0], metric) if found else None
    if value is None:
        return None
    connections = int(found[0].get("load", {}).get("connections", 0)) or None
    size = claim.conditions.size
    factor = size / connections if size and connections else 1.0
    reached = connections is not None and max(factor, 1 / factor) <= curves.MAX_EXTRAPOLATION
    at = f"{connections:,} connections" if connections else "connections not recorded"
    return Figure(value, claim.unit, f"on loopback, {at}", factor, reached, at, (figures.basis(found[0], metric),))


def _workers(results: Sequence[Result], unit: str, tasks: int | None) -> int:
    """The measured worker count closest to the claim's number of tasks (else the most measured)."""
    measured = [int(r["params"]["workers"]) for r in figures.ok(results, "fib", unit)]
    if not measured:
        return 0
    return min(measured, key=lambda w: (abs(w - tasks), -w)) if tasks else max(measured)


def check(claim: Claim, results: Sequence[Result], cores: int, machine_limits: limits.Limits | None = None) -> Checked:
    """Measure the claim and judge it, like for like: matching cores and a size within 10x, else not comparable."""
    if claim.measure[0] == "none":
        return Checked(claim, None, None, "not a measurement", "", claim.measure[1], None)
    figure = measure(claim, results, cores)
    if figure is None or claim.low is None or claim.high is None:
        return Checked(claim, figure, None, "not comparable", "", "not measured in this build", None)
    used = _cores_used(claim, figure, cores, results)
    over = figure.workers is not None and figure.workers > cores
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
    if mismatch:
        return Checked(claim, figure, None, "not comparable", "", "; ".join(mismatch + notes), used, over)
    ratio = _ratio(figure.value, claim.low, claim.high)
    word, detail = verdict(ratio)
    return Checked(claim, figure, ratio, word, detail, "; ".join([_matched(claim, figure, used), *notes]), used, over)


def _cores_used(claim: Claim, figure: Figure, cores: int, results: Sequence[Result]) -> int:
    if claim.measure[0] == "http":
        found = figures.ok(results, "http", claim.measure[1])
        pinned = found[0].get("load", {}).get("server_cpus") if found else None
        return len(str(pinned).split(",")) if pinned else cores
    return min(figure.workers, cores) if figure.workers else cores


def _size_reason(claim: Claim, figure: Figure, results: Sequence[Result], machine: limits.Limits | None) -> str:
    size, kind = claim.conditions.size, claim.conditions.size_kind
    far = curves.factor_text(figure.extrapolation)
    if kind == "fib":
        return f"fib({size}) is {far} the work measured here ({figure.at}); only up to \u00d710 is scaled"
    shown = f"{size:,} {kind}" if size else "the article's size"
    reason = f"the article's {shown} is {far} beyond what was measured ({figure.at}); only up to \u00d710 is scaled"
    if kind == "units" and machine is not None and size:
        why = limits.why_not(claim.measure[1], size, results, machine)
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
