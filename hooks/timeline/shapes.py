# Declared shapes of a timeline ("at most 3 of worker* busy at once"), parsed and checked on one run's spans.
from __future__ import annotations

import fnmatch
import re
from dataclasses import dataclass

from hooks.timeline.events import Span, Timeline

GRAMMAR = "at most|least <N or cores> of <unit glob> busy at once [for <P>% of the time]"
_SHAPE = re.compile(
    r"^at (?P<bound>most|least) (?P<count>\d+|cores) of (?P<units>\S+) busy at once"
    r"(?: for (?P<share>\d+(?:\.\d+)?)% of the time)?$"
)


@dataclass(frozen=True)
class Shape:
    """How many of some units may (at most) or must (at least) be busy at the same moment."""

    text: str
    bound: str  # "most" or "least"
    count: int | None  # None ("cores"): the free cores reserved for the run (1 if none), at most the units
    units: str  # an fnmatch pattern over unit names
    share: float | None  # "at least" only: the share of the time any of them is busy, 0..1

    def __str__(self) -> str:
        return self.text


@dataclass(frozen=True)
class Verdict:
    holds: bool
    detail: str  # what the run showed, in words
    line: int = 0  # the example's line to point at (0: none in particular)
    needs: int | None = None  # free cores the run needed to show it (a time share or `cores`); None: any machine


def needs_cores(shape: Shape, timeline: Timeline) -> int | None:
    """The free cores a run needs to show `shape`: set for an "at least" with a time share or a count of
    `cores` (other work can take those cores away); None where no machine excuses a failure."""
    if shape.bound != "least" or (shape.share is None and shape.count is not None):
        return None
    units = [u for u in timeline.units if fnmatch.fnmatchcase(u, shape.units)]
    return shape.count or max(1, min(timeline.cores or 1, len(units) or 1))


def parse_shape(text: str) -> Shape:
    """A shape from its one-line declaration; ValueError says what is wrong."""
    text = " ".join(text.split())
    found = _SHAPE.match(text)
    if not found:
        raise ValueError(f"not a shape: {text!r} (expected: {GRAMMAR})")
    share = float(found["share"]) / 100 if found["share"] else None
    if found["bound"] == "most" and share is not None:
        raise ValueError(f"{text!r}: 'for P% of the time' goes with 'at least'")
    if share is not None and not 0 < share <= 1:
        raise ValueError(f"{text!r}: the share must be in (0, 100]%")
    count = None if found["count"] == "cores" else int(found["count"])
    if count is not None and count < (1 if found["bound"] == "least" else 0):
        raise ValueError(f"{text!r}: 'at least' needs a count of 1 or more")
    return Shape(text, found["bound"], count, found["units"], share)


def check_shape(shape: Shape, timeline: Timeline) -> Verdict:
    """Whether the run's busy spans have the declared shape, and what they showed."""
    units = [u for u in timeline.units if fnmatch.fnmatchcase(u, shape.units)]
    if not units:
        return Verdict(False, f"no unit matches {shape.units!r} (units: {', '.join(timeline.units)})")
    spans = [s for s in timeline.spans if s.unit in units]
    count = shape.count
    if count is None:  # the cores reserved for the run; sharing the machine, it was promised only one
        count = max(1, min(timeline.cores or 1, len(units)))
    peak, at, busy, peak_span = _sweep(spans, count)
    union = sum(busy[n] for n in busy if n >= 1)
    at_least = sum(busy[n] for n in busy if n >= count)
    when = f"{(at - timeline.start_ns) / 1e6:.1f} ms"
    if shape.bound == "most":
        if peak <= count:
            return Verdict(True, f"at most {peak} busy at once")
        assert peak_span is not None
        return Verdict(False, f"{peak} busy at once at {when}", peak_span.line)
    needs = needs_cores(shape, timeline)
    need = f"{count}" + (
        f" (the {timeline.cores} cores reserved for the run)" if shape.count is None and timeline.cores else ""
    )
    if at_least <= 0:
        return Verdict(False, f"never {need} busy at once (at most {peak}, at {when})", needs=needs)
    share = at_least / union if union else 0.0
    if shape.share is not None and share < shape.share:
        seen = f"{need} busy at once for {share:.0%} of the time any was busy, not {shape.share:.0%}"
        return Verdict(False, seen, needs=needs)
    return Verdict(True, f"{count} or more busy at once for {at_least / 1e6:.1f} ms ({share:.0%} of the busy time)")


def peak_busy(spans: list[Span]) -> int:
    """The largest number of these spans running at the same moment."""
    return _sweep(spans, len(spans))[0]


def _sweep(spans: list[Span], count: int) -> tuple[int, int, dict[int, int], Span | None]:
    """Peak concurrency, when it was first reached, nanoseconds spent at each level, and the span that
    first pushed the level above `count`. A span ending when another starts does not overlap it."""
    edges = sorted([(s.start_ns, 1, i) for i, s in enumerate(spans)] + [(s.end_ns, -1, i) for i, s in enumerate(spans)])
    level, peak, at, previous = 0, 0, edges[0][0] if edges else 0, edges[0][0] if edges else 0
    busy: dict[int, int] = {}
    over: Span | None = None
    for time, step, index in edges:
        busy[level] = busy.get(level, 0) + time - previous
        previous = time
        level += step
        if level > peak:
            peak, at = level, time
        if step > 0 and level > count and over is None:
            over = spans[index]
    return peak, at, busy, over
