# Unit tests for hooks.timeline.shapes: declared shapes, parsed and checked on fixture spans.
from __future__ import annotations

import pytest

from hooks.timeline.events import parse_events
from hooks.timeline.shapes import check_shape, parse_shape, peak_busy

MS = 1_000_000


def spans(*rows: tuple[str, float, float], meta: str = "# cpus 2\n") -> str:
    """Busy spans from (unit, start ms, end ms); each on its own source line."""
    lines = []
    for number, (unit, start, end) in enumerate(rows, 1):
        lines.append((start, f"start\t{int(start * MS)}\t{unit}\t{number}\t\n"))
        lines.append((end, f"end\t{int(end * MS)}\t{unit}\t{number}\t\n"))
    return meta + "".join(text for _, text in sorted(lines, key=lambda pair: pair[0]))


POOL = spans(("worker 1", 0, 60), ("worker 2", 1, 50), ("worker 3", 2, 40), ("worker 3", 40, 70), ("main", 0, 100))
TURNS = spans(("thread 1", 0, 5), ("thread 2", 5, 10), ("thread 1", 10, 15), ("thread 2", 15, 20))


@pytest.mark.parametrize(
    ("text", "bound", "count", "units", "share"),
    [
        ("at most 3 of worker* busy at once", "most", 3, "worker*", None),
        ("at  least 2 of  process*   busy at once", "least", 2, "process*", None),
        ("at least cores of process* busy at once for 50% of the time", "least", None, "process*", 0.5),
        ("at most 1 of thread* busy at once", "most", 1, "thread*", None),
    ],
)
def test_parse(text: str, bound: str, count: int | None, units: str, share: float | None) -> None:
    shape = parse_shape(text)
    assert (shape.bound, shape.count, shape.units, shape.share) == (bound, count, units, share)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("no more than 3 workers", "not a shape"),
        ("at most 3 of worker 1 busy at once", "not a shape"),
        ("at most 3 of worker* busy at once for 50% of the time", "goes with 'at least'"),
        ("at least 0 of worker* busy at once", "a count of 1 or more"),
        ("at least 2 of worker* busy at once for 150% of the time", "in (0, 100]%"),
    ],
)
def test_parse_errors(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=message.replace("(", r"\(").replace(")", r"\)").replace("]", r"\]")):
        parse_shape(text)


def test_at_most_holds_and_says_the_peak() -> None:
    verdict = check_shape(parse_shape("at most 3 of worker* busy at once"), parse_events(POOL))
    assert verdict.holds and verdict.detail == "at most 3 busy at once"


def test_at_most_fails_at_the_span_that_went_over() -> None:
    verdict = check_shape(parse_shape("at most 2 of worker* busy at once"), parse_events(POOL))
    assert not verdict.holds
    assert verdict.detail == "3 busy at once at 2.0 ms"
    assert verdict.line == 3  # the third span (worker 3's first) pushed it to 3


def test_at_least_holds_for_a_duration() -> None:
    verdict = check_shape(parse_shape("at least 3 of worker* busy at once"), parse_events(POOL))
    assert verdict.holds and verdict.detail.startswith("3 or more busy at once for 48.0 ms")


def test_at_least_fails_when_never_reached() -> None:
    verdict = check_shape(parse_shape("at least 2 of thread* busy at once"), parse_events(TURNS))
    assert not verdict.holds and verdict.detail.startswith("never 2 busy at once (at most 1")


def test_spans_that_touch_do_not_overlap() -> None:
    timeline = parse_events(TURNS)
    assert check_shape(parse_shape("at most 1 of thread* busy at once"), timeline).holds
    assert peak_busy(list(timeline.spans)) == 1


def test_share_of_the_time() -> None:
    half = parse_events(spans(("process 1", 0, 100), ("process 2", 50, 150)))  # both busy 50 of 150 ms
    assert check_shape(parse_shape("at least 2 of process* busy at once for 33% of the time"), half).holds
    verdict = check_shape(parse_shape("at least 2 of process* busy at once for 50% of the time"), half)
    assert not verdict.holds and verdict.detail == "2 busy at once for 33% of the time any was busy, not 50%"


def test_cores_means_the_reserved_cores_capped_by_the_units() -> None:
    rows = (("process 1", 0, 100), ("process 2", 90, 190))
    shape = parse_shape("at least cores of process* busy at once for 50% of the time")
    reserved = check_shape(shape, parse_events(spans(*rows, meta="# cpus 8\n# cores 4\n")))
    assert not reserved.holds  # 4 cores reserved, 2 processes: both must overlap for half the time
    assert "(the 4 cores reserved for the run)" in reserved.detail
    # A run that shared the machine was promised one core: one busy at a time is all it can be held to.
    assert check_shape(shape, parse_events(spans(*rows, meta="# cpus 8\n"))).holds


def test_a_shape_over_no_unit_fails() -> None:
    verdict = check_shape(parse_shape("at most 3 of worker* busy at once"), parse_events(TURNS))
    assert not verdict.holds and verdict.detail.startswith("no unit matches 'worker*'")
