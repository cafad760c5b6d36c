# Each article claim against our measurement: the measured figure, the ratio, and a verdict in words.
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from hooks.bench import figures, fmt
from hooks.bench.claims import Claim
from hooks.bench.figures import Figure, Result

TOLERANCE = 1.25  # "~" claims: within 25% of the stated range counts as consistent


@dataclass(frozen=True)
class Checked:
    """A claim with what we measured for it."""

    claim: Claim
    figure: Figure | None
    ratio: float | None  # measured / claimed (against the nearer end of the range)
    verdict: str


def measure(claim: Claim, results: Sequence[Result]) -> Figure | None:
    """The figure that answers the claim, from the results (None when it was not measured)."""
    kind, *args = claim.measure
    if kind == "spawn_seconds_at":
        return figures.spawn_seconds_at(results, args[0], int(args[1]))
    if kind == "memory_at":
        return figures.memory_at(results, args[0], int(args[1]))
    if kind == "bytes_per_unit":
        return figures.bytes_per_unit(results, args[0])
    if kind == "http":
        found = figures.ok(results, "http", args[0])
        value = figures.median(found[0], args[1]) if found else None
        return None if value is None else Figure(value, claim.unit, "measured on loopback")
    if kind == "fib40":
        return figures.fib_seconds(results, args[0], _most_workers(results, args[0]), 40)
    if kind == "fib_ratio":
        slow = figures.fib_seconds(results, args[0], _most_workers(results, args[0]))
        fast = figures.fib_seconds(results, args[1], _most_workers(results, args[1]))
        if slow is None or fast is None:
            return None
        return Figure(slow.value / fast.value, "x", "compute time, same n and workers")
    if kind == "half_round_trip":
        found = figures.ok(results, "ping_pong", args[0])
        value = figures.median(found[0], "round_trip_seconds") if found else None
        return None if value is None else Figure(value / 2, "s", f"half a ping-pong round trip ({args[0]})")
    return None


def _most_workers(results: Sequence[Result], unit: str) -> int:
    found = figures.ok(results, "fib", unit)
    return max((int(r["params"]["workers"]) for r in found), default=0)


def check(claim: Claim, results: Sequence[Result]) -> Checked:
    """Measure the claim and say how it holds up."""
    if claim.measure[0] == "none":
        return Checked(claim, None, None, f"not a measurement: {claim.measure[1]}")
    figure = measure(claim, results)
    if figure is None or claim.low is None or claim.high is None:
        return Checked(claim, figure, None, "not measured in this build")
    value, low, high = figure.value, claim.low, claim.high
    if value > high:
        ratio = value / high if high else float("inf")
    elif value < low:
        ratio = value / low
    else:
        ratio = 1.0
    return Checked(claim, figure, ratio, verdict(ratio))


def verdict(ratio: float) -> str:
    """Words for measured / claimed."""
    if 1 / TOLERANCE <= ratio <= TOLERANCE:
        return "consistent"
    if 0.5 <= ratio <= 2:
        return "roughly right (within a factor of 2)"
    if ratio < 1:
        return f"wrong: the claim is {fmt.ratio(1 / ratio)} too high"
    return f"wrong: the claim is {fmt.ratio(ratio)} too low"
