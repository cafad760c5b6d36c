# Whether a run's timeline is usable (events recorded and well-formed), and its declared shapes as timing claims.
from __future__ import annotations

from hooks.engine.checks import CheckFailure
from hooks.engine.example import Example
from hooks.engine.judge import CONTRADICTED, HOLDS, Claim
from hooks.timeline.events import EventError, parse_events
from hooks.timeline.shapes import check_shape, parse_shape


def check_timeline(example: Example, events: str | None) -> CheckFailure | None:
    """How the run's events fail the example, like a wrong output would (none recorded, malformed); else None.

    A failure points at the line of the example that emitted the offending event when the helper
    recorded it, else at the option (or the pattern.toml) that asked for the timeline.
    """
    declared = _declared(example)
    if not events:
        return CheckFailure(
            "the example declares a timeline but its run recorded no events (is the helper called? see "
            f"CONTRIBUTING.md, 'Timelines'){_where(example)}",
            declared,
        )
    try:
        parse_events(events)
    except EventError as exc:
        return CheckFailure(f"timeline: {exc.message}", exc.line or declared)
    return None


def timeline_claims(example: Example, events: str) -> list[Claim]:
    """Each declared shape, as this run's events show it (events already checked by `check_timeline`).

    A shape that does not hold is contradicted; where other work could have caused that (an "at least"
    with a time share or a count of `cores`), the claim says how many free cores it needed, and the judge
    (hooks/engine/judge.py) weighs it against what the machine left to the run."""
    timeline = parse_events(events)
    shape_line = example.option_lines.get("shape", _declared(example))
    claims = []
    for text in example.options.shapes:
        verdict = check_shape(parse_shape(text), timeline)
        label = f"timeline shape '{text}'{_where(example)}"
        if verdict.holds:
            claims.append(Claim(f"{label} holds", HOLDS, verdict.detail, shape_line))
        else:
            line = verdict.line or shape_line
            claims.append(Claim(f"{label} does not hold", CONTRADICTED, verdict.detail, line, verdict.needs))
    return claims


def _declared(example: Example) -> int:
    return example.option_lines.get("timeline", example.option_lines.get("shape", example.body_start))


def _where(example: Example) -> str:
    return f" (declared in {example.options.pattern})" if example.options.pattern else ""
