# The Markdown that puts a run's timeline next to its output: the SVG, then where and when it was measured.
from __future__ import annotations

from collections.abc import Iterable

from hooks.common.untrusted import code_span, markdown_text
from hooks.engine.result import Result
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


SHARED_SCALE_RATIO = 4.0  # tabs share one time scale unless their runs differ more than this in length


def shared_scale(results: Iterable[Result]) -> int | None:
    """One time scale for the tabs of a marker (the longest run), so they compare at a glance; None when
    the runs differ so much in length that the shortest would be squashed into a sliver."""
    durations = [t.duration_ns for r in results if (t := parsed(r)) is not None]
    if len(durations) < 2 or max(durations) > SHARED_SCALE_RATIO * max(min(durations), 1):
        return None
    return max(durations)


def timeline_block(result: Result, shapes: tuple[str, ...] = (), scale_ns: int | None = None) -> str:
    """The SVG and a caption; empty when the result has no drawable timeline."""
    timeline = parsed(result)
    if timeline is None:
        return ""
    svg = render_svg(timeline, result.path, scale_ns)
    return f"{svg}\n\n{caption(timeline, result, shapes, shared=scale_ns is not None)}"


def caption(timeline: Timeline, result: Result, shapes: tuple[str, ...] = (), shared: bool = False) -> str:
    """What the picture is, where and when it was measured, and what the declared shapes found in it.

    Everything from the run (where it was measured, unit names in the verdicts) is escaped: an example declared
    to hang is drawn without its timeline having been checked."""
    measured = markdown_text(timeline.meta.get("measured", "at an unknown time"))
    machine = markdown_text(timeline.meta.get("machine", "an unknown machine"))
    cores, cpus = timeline.cores, timeline.cpus
    if cores:
        given = f"; the build reserved {cores} free core{'s' if cores != 1 else ''} for the run"
    elif cpus:
        given = f"; the run shared the machine's {cpus} core{'s' if cpus != 1 else ''} with the rest of the build"
    else:
        given = ""
    source = " This build drew it from the cache entry of that run, without running anything." if result.cached else ""
    text = (
        f"Timeline of this run: a lane per unit, a bar while it was busy, an arrow per message, a dot per mark; "
        f"milliseconds from its first event{', on one scale for all the tabs' if shared else ''}. "
        f"Recorded {measured} on {machine}{given}.{source}"
    )
    verdicts = []
    for shape in shapes:
        verdict = check_shape(parse_shape(shape), timeline)
        verdicts.append(
            f"{code_span(shape)}: {'holds' if verdict.holds else 'does not hold'} ({markdown_text(verdict.detail)})"
        )
    if verdicts:
        text += " Checked: " + "; ".join(verdicts) + "."
    return f"{text}\n{{: .timeline-caption }}"
