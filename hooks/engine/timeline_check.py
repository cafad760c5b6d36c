# Whether a run's timeline passes: events recorded and well-formed, and every declared shape holds.
from __future__ import annotations

from hooks.engine.checks import CheckFailure
from hooks.engine.example import Example
from hooks.timeline.events import EventError, parse_events
from hooks.timeline.shapes import check_shape, parse_shape


def check_timeline(example: Example, events: str | None) -> CheckFailure | None:
    """The first way in which the run's events fail the example, like a wrong output would; else None.

    A failure points at the line of the example that emitted the offending event when the helper
    recorded it, else at the option (or the pattern.toml) that asked for the timeline.
    """
    declared = example.option_lines.get("timeline", example.option_lines.get("shape", example.body_start))
    where = f" (declared in {example.options.pattern})" if example.options.pattern else ""
    if not events:
        return CheckFailure(
            "the example declares a timeline but its run recorded no events (is the helper called? see "
            f"CONTRIBUTING.md, 'Timelines'){where}",
            declared,
        )
    try:
        timeline = parse_events(events)
    except EventError as exc:
        return CheckFailure(f"timeline: {exc.message}", exc.line or declared)
    for text in example.options.shapes:
        verdict = check_shape(parse_shape(text), timeline)
        if not verdict.holds:
            shape_line = example.option_lines.get("shape", declared)
            return CheckFailure(
                f"timeline shape '{text}'{where} does not hold: {verdict.detail}", verdict.line or shape_line
            )
    return None
