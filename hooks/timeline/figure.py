# The Markdown that puts a run's timeline next to its output: the SVG, then where and when it was measured.
from __future__ import annotations

from collections.abc import Iterable

from hooks.result import Result
from hooks.timeline.events import EventError, Timeline, parse_events
from hooks.timeline.shapes import check_shape, parse_shape
from hooks.timeline.svg import render_svg


def parsed(result: Result) -> Timeline | None:
    """The result's timeline, or None when it has none or it is broken (the check reports that)."""
    if not result.events:
        return None
    try:
        return parse_events(result.events)
    except EventError:
        return None


def shared_scale(results: Iterable[Result]) -> int | None:
    """The longest duration among these results' timelines: tabs of one marker share one time scale."""
    durations = [t.duration_ns for r in results if (t := parsed(r)) is not None]
    return max(durations) if durations else None


def timeline_block(result: Result, shapes: tuple[str, ...] = (), scale_ns: int | None = None) -> str:
    """The SVG and a caption; empty when the result has no drawable timeline."""
    timeline = parsed(result)
    if timeline is None:
        return ""
    svg = render_svg(timeline, result.path, scale_ns)
    return f"{svg}\n\n{caption(timeline, result, shapes)}"


def caption(timeline: Timeline, result: Result, shapes: tuple[str, ...] = ()) -> str:
    """What the picture is, where and when it was measured, and what the declared shapes found in it."""
    measured = timeline.meta.get("measured", "at an unknown time")
    machine = timeline.meta.get("machine", "an unknown machine")
    cores = timeline.cores
    given = f"; the run was given {cores} core{'s' if cores != 1 else ''}" if cores else ""
    source = "drawn from the cached run of " if result.cached else ""
    text = (
        f"Timeline of this run: a lane per unit, a bar while it was busy, an arrow per message, a dot per mark; "
        f"milliseconds from its first event. Recorded {source}{measured} on {machine}{given}."
    )
    verdicts = []
    for shape in shapes:
        verdict = check_shape(parse_shape(shape), timeline)
        verdicts.append(f"`{shape}`: {'holds' if verdict.holds else 'does not hold'} ({verdict.detail})")
    if verdicts:
        text += " Checked: " + "; ".join(verdicts) + "."
    return f"{text}\n{{: .timeline-caption }}"
