# One run's timeline as an inline SVG: a lane per unit, bars for busy spans, arrows for messages, an axis in ms.
from __future__ import annotations

import hashlib
import math
from dataclasses import dataclass
from html import escape

from hooks.timeline.events import Mark, Message, Span, Timeline
from hooks.timeline.shapes import peak_busy

# Sizes in CSS pixels. There is no viewBox: text keeps its size at any width, and times are percentages.
# The height is also set in the style: Material's `.md-typeset svg {height: auto}` would override the attribute.
FONT = 12
LABEL_H, BAR_H, GAP, TOP, AXIS_H = 16, 14, 10, 4, 24
LANE_H = LABEL_H + BAR_H + GAP
PHONE_WIDTH = 330  # the narrowest drawing we plan for: a 390 px phone, minus the page's and the tabs' margins
CHAR_W = 7.2  # an average character of the 12 px sans-serif font: does a label fit inside its bar?
# Material's palette (light and dark schemes follow it), with fallbacks outside the theme.
BAR = "var(--md-primary-fg-color, #4051b5)"
ON_BAR = "var(--md-primary-bg-color, #fff)"
ARROW = "var(--md-accent-fg-color, #526cfe)"
GRID = "var(--md-default-fg-color--lightest, #8884)"
BASE = "var(--md-default-fg-color--lighter, #8886)"
PAPER = "var(--md-default-bg-color, #fff)"


@dataclass(frozen=True)
class _Scale:
    start_ns: int
    span_ns: int

    def x(self, ns: int) -> str:
        return f"{100 * (ns - self.start_ns) / self.span_ns:.3f}%"

    def ms(self, ns: int) -> str:
        return f"{(ns - self.start_ns) / 1e6:.3f}"

    def share(self, start_ns: int, end_ns: int) -> float:
        return 100 * (end_ns - start_ns) / self.span_ns


def render_svg(timeline: Timeline, example: str, scale_ns: int | None = None) -> str:
    """The SVG on a single line (it goes into Markdown); `scale_ns` gives several timelines one time scale."""
    scale = _Scale(timeline.start_ns, max(timeline.duration_ns, scale_ns or 0, 1))
    total_ms = scale.span_ns / 1e6
    step = tick_step(total_ms)
    ticks = [step * i for i in range(int(total_ms / step + 1e-9) + 1)]
    lanes = {unit: TOP + i * LANE_H for i, unit in enumerate(timeline.units)}
    height = TOP + len(lanes) * LANE_H + AXIS_H
    arrow = "tl" + hashlib.sha256(example.encode()).hexdigest()[:10] + "-arrow"  # unique on a page of tabs
    parts = [
        f'<svg class="timeline" data-example="{_attr(example)}" data-events="{timeline.events}" role="img" '
        f'aria-label="{_attr(describe(timeline, example))}" xmlns="http://www.w3.org/2000/svg" '
        f'width="100%" height="{height}" style="display:block;width:100%;height:{height}px;max-width:none;'
        f'font:{FONT}px sans-serif;overflow:visible">',
        f'<defs><marker id="{arrow}" viewBox="0 0 8 8" refX="8" refY="4" markerWidth="7" markerHeight="7" '
        f'orient="auto"><path d="M0 0L8 4L0 8z" style="fill:{ARROW}"/></marker></defs>',
        f'<g class="grid" data-scale-ms="{total_ms:.3f}" data-tick-ms="{step:g}">',
    ]
    for tick in ticks:
        px = f"{100 * tick / total_ms:.3f}%"
        parts.append(f'<line x1="{px}" y1="{TOP}" x2="{px}" y2="{height - AXIS_H + 4}" style="stroke:{GRID}"/>')
    parts.append('</g><g class="messages">')  # under the lanes: bars and labels stay readable where arrows cross
    parts.extend(_arrow(message, lanes, arrow, scale) for message in timeline.messages)
    parts.append("</g>")
    for unit, top in lanes.items():
        parts.append(_lane(unit, top, timeline, scale))
    parts.append(f'<g class="axis" style="fill:currentColor">{_axis(ticks, total_ms, height)}</g></svg>')
    return "".join(parts)


def _lane(unit: str, top: int, timeline: Timeline, scale: _Scale) -> str:
    bar_y = top + LABEL_H
    middle = bar_y + BAR_H / 2
    parts = [
        f'<g class="lane" data-unit="{_attr(unit)}">',
        f'<text class="lane-label" x="0" y="{top + LABEL_H - 4}" style="fill:currentColor;stroke:{PAPER};'
        f'stroke-width:3px;paint-order:stroke">{_text(unit)}</text>',
        f'<line x1="0" y1="{middle}" x2="100%" y2="{middle}" style="stroke:{BASE}"/>',
    ]
    parts.extend(_span(span, bar_y, scale) for span in timeline.spans if span.unit == unit)
    parts.extend(_mark(mark, middle, scale) for mark in timeline.marks if mark.unit == unit)
    parts.append("</g>")
    return "".join(parts)


def _span(span: Span, bar_y: int, scale: _Scale) -> str:
    width = max(scale.share(span.start_ns, span.end_ns), 0.2)
    label = span.label or span.unit
    tip = f"{span.unit}: {label}, {scale.ms(span.start_ns)} to {scale.ms(span.end_ns)} ms"
    shown = ""
    if len(label) * CHAR_W + 6 <= width / 100 * PHONE_WIDTH:  # it fits inside the bar, even on a phone
        shown = (
            f'<text x="{scale.x(span.start_ns)}" dx="3" y="{bar_y + BAR_H - 3}" style="fill:{ON_BAR}" '
            f'pointer-events="none">{_text(label)}</text>'
        )
    return (
        f'<rect class="span" data-unit="{_attr(span.unit)}" data-label="{_attr(span.label)}" '
        f'data-start-ms="{scale.ms(span.start_ns)}" data-end-ms="{scale.ms(span.end_ns)}" '
        f'x="{scale.x(span.start_ns)}" y="{bar_y}" width="{width:.3f}%" height="{BAR_H}" rx="2" '
        f'style="fill:{BAR}"><title>{_text(tip)}</title></rect>{shown}'
    )


def _mark(mark: Mark, middle: float, scale: _Scale) -> str:
    tip = f"{mark.unit}: {mark.label} at {scale.ms(mark.at_ns)} ms"
    return (
        f'<circle class="mark" data-unit="{_attr(mark.unit)}" data-label="{_attr(mark.label)}" '
        f'data-at-ms="{scale.ms(mark.at_ns)}" cx="{scale.x(mark.at_ns)}" cy="{middle}" r="4" '
        f'style="fill:{ARROW};stroke:{PAPER};stroke-width:1.5"><title>{_text(tip)}</title></circle>'
    )


def _arrow(message: Message, lanes: dict[str, int], marker: str, scale: _Scale) -> str:
    top_from, top_to = lanes[message.sender] + LABEL_H, lanes[message.receiver] + LABEL_H
    if top_to > top_from:  # downwards: from the bottom of the sender's bar to the top of the receiver's
        y1, y2 = top_from + BAR_H, top_to
    elif top_to < top_from:
        y1, y2 = top_from, top_to + BAR_H
    else:  # to itself: along the top edge of its bar
        y1 = y2 = top_from
    tip = (
        f"{message.label}: {message.sender} to {message.receiver}, sent at {scale.ms(message.sent_ns)} ms, "
        f"received at {scale.ms(message.received_ns)} ms"
    )
    return (
        f'<line class="message" data-from="{_attr(message.sender)}" data-to="{_attr(message.receiver)}" '
        f'data-label="{_attr(message.label)}" data-sent-ms="{scale.ms(message.sent_ns)}" '
        f'data-received-ms="{scale.ms(message.received_ns)}" x1="{scale.x(message.sent_ns)}" y1="{y1}" '
        f'x2="{scale.x(message.received_ns)}" y2="{y2}" marker-end="url(#{marker})" '
        f'style="stroke:{ARROW};stroke-width:1.2"><title>{_text(tip)}</title></line>'
    )


def _axis(ticks: list[float], total_ms: float, height: int) -> str:
    parts = []
    for i, tick in enumerate(ticks):
        position = 100 * tick / total_ms
        anchor = "start" if i == 0 else "end" if position > 92 else "middle"
        label = f"{tick:g} ms" if i in (0, len(ticks) - 1) else f"{tick:g}"
        parts.append(f'<text x="{position:.3f}%" y="{height - 6}" text-anchor="{anchor}">{_text(label)}</text>')
    return "".join(parts)


def tick_step(total_ms: float) -> float:
    """A round step (1, 2 or 5 times a power of ten) that gives at most 7 intervals."""
    exponent = math.floor(math.log10(max(total_ms, 1e-3) / 6))
    for base in (1, 2, 5):
        if total_ms / (base * 10.0**exponent) <= 7:
            return base * 10.0**exponent
    return 10.0 ** (exponent + 1)


def describe(timeline: Timeline, example: str) -> str:
    """The aria-label: what the picture shows, in words a screen reader can read."""
    units = list(timeline.units)
    named = ", ".join(units[:6]) + (f" and {len(units) - 6} more" if len(units) > 6 else "")
    return (
        f"Timeline of {example.rsplit('/', 1)[-1]} as this build ran it: {len(units)} lanes ({named}) over "
        f"{timeline.duration_ns / 1e6:.0f} ms; {len(timeline.spans)} busy spans, {len(timeline.messages)} messages, "
        f"{len(timeline.marks)} marks; at most {peak_busy(list(timeline.spans))} units busy at once"
    )


def _attr(text: str) -> str:
    return escape(text, quote=True)


def _text(text: str) -> str:
    """Text content as character references, except letters, digits and spaces: Markdown leaves it alone."""
    return "".join(c if c.isalnum() or c == " " else f"&#{ord(c)};" for c in text)
