# A size the article names, reached from the sizes measured: exactly, along the measured curve within 10x, or not.
from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

MAX_EXTRAPOLATION = 10.0  # a claim's size may be at most this far from a measured one (either way)


@dataclass(frozen=True)
class Reach:
    """How a figure at `target` was obtained from measurements at `points` (size, median value)."""

    target: float
    nearest: float  # the measured size closest to the target (in ratio)
    value: float  # at the target when reached, else the measurement at `nearest`
    factor: float  # target / nearest: 1 when measured at the target's own size
    exponent: float | None  # the local power law used between measured sizes (None: not used)
    model: str  # "measured", "power law", "affine", "proportional"

    @property
    def reached(self) -> bool:
        """Within MAX_EXTRAPOLATION of a measured size (either way)."""
        return max(self.factor, 1 / self.factor) <= MAX_EXTRAPOLATION * (1 + 1e-9)


def nearest(sizes: Sequence[float], target: float) -> float:
    """The measured size closest to `target` on a log scale."""
    return min(sizes, key=lambda s: abs(math.log(target / s)))


def power_law(points: Sequence[tuple[float, float]], target: float) -> Reach:
    """value(target) along y = a x^b through the two measured sizes that bracket (or are nearest to) the target.

    Using the local segment, not one fit over every size, follows a curve that bends (Python threads get
    dearer per thread as N grows) instead of averaging the bend away.
    """
    ordered = sorted(points)
    sizes = [x for x, _ in ordered]
    near = nearest(sizes, target)
    exact = [y for x, y in ordered if x == target]
    if exact:
        return Reach(target, target, exact[0], 1.0, None, "measured")
    if len(ordered) < 2:
        return Reach(target, near, dict(ordered)[near], target / near, None, "measured")
    above = [p for p in ordered if p[0] > target]
    below = [p for p in ordered if p[0] < target]
    if above and below:
        (x0, y0), (x1, y1) = below[-1], above[0]
    elif above:
        (x0, y0), (x1, y1) = ordered[0], ordered[1]
    else:
        (x0, y0), (x1, y1) = ordered[-2], ordered[-1]
    factor = target / near
    if max(factor, 1 / factor) > MAX_EXTRAPOLATION * (1 + 1e-9) or y0 <= 0 or y1 <= 0:
        return Reach(target, near, dict(ordered)[near], factor, None, "measured")
    b = math.log(y1 / y0) / math.log(x1 / x0)
    return Reach(target, near, y1 * (target / x1) ** b, factor, b, "power law")


def affine(slope: float, intercept: float, sizes: Sequence[float], target: float, at_nearest: float) -> Reach:
    """value(target) = intercept + slope x target, when the target is within reach of a measured size."""
    near = nearest(sizes, target)
    factor = target / near
    reach = Reach(target, near, intercept + slope * target, factor, None, "affine")
    return reach if reach.reached else Reach(target, near, at_nearest, factor, None, "measured")


def proportional(value: float, measured_work: float, target_work: float) -> Reach:
    """A time scaled by the ratio of work (naive fib: time per call is constant), within reach."""
    factor = target_work / measured_work
    reach = Reach(target_work, measured_work, value * factor, factor, None, "proportional")
    return reach if reach.reached else Reach(target_work, measured_work, value, factor, None, "measured")


def factor_text(factor: float) -> str:
    """`x2,500` (with a multiplication sign): how far a size is from the measured one, as pages print it."""
    shown = factor if factor >= 1 else 1 / factor
    return f"\u00d7{shown:,.0f}" if shown >= 10 else f"\u00d7{shown:.2g}"
