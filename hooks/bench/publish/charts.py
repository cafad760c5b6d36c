# Inline SVG bar charts: narrow enough for a phone, in the site's light/dark palette, saying which way is better.
from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from html import escape

# A phone 390 CSS px wide leaves the content column about 358 px: drawn at most that wide, the chart is never scaled
# down there, so its text stays at FONT px (>= 11). On a wider screen it keeps this size.
WIDTH, FONT, ROW, VALUE_ROOM = 358, 13, 40, 96
PHONE_COLUMN = 358  # CSS px of content at a 390 px viewport (measured in Chromium with this theme)
BAR = "var(--md-primary-fg-color, #4051b5)"
GRID = "var(--md-default-fg-color--lightest, #8884)"
BETTER = {"lower": "lower is better", "higher": "higher is better"}


@dataclass(frozen=True)
class Bar:
    """One bar: its label, its value and, optionally, an interval drawn as a whisker (e.g. the median's CI)."""

    label: str
    value: float
    low: float | None = None
    high: float | None = None
    note: str = ""  # shown after the value (e.g. "extrapolated")


def smallest_text_px(width_px: float = PHONE_COLUMN) -> float:
    """The size in CSS px of the chart's text when its column is `width_px` wide."""
    return FONT * min(1.0, width_px / WIDTH)


def bar_chart(
    title: str, bars: Sequence[Bar], formatter: Callable[[float], str], better: str, caption: str = ""
) -> str:
    """A horizontal bar chart as a <figure>: the title, which way is better and the scale in its caption (HTML text
    that wraps), one row per bar (label above, bar and value below); log scale when values span 100x."""
    if better not in BETTER:
        raise ValueError(f"better must be one of {', '.join(BETTER)}")
    shown = [b for b in bars if b.value > 0 and math.isfinite(b.value)]
    if not shown:
        return ""
    top = max(b.high if b.high is not None else b.value for b in shown)
    small = min(b.low if b.low else b.value for b in shown)
    log = top / small > 100
    span = WIDTH - VALUE_ROOM
    floor = 10 ** math.floor(math.log10(small)) if log else 0.0

    def x(v: float) -> float:
        if log:
            return span * (math.log10(max(v, floor)) - math.log10(floor)) / (math.log10(top / floor) or 1)
        return span * v / top

    height = ROW * len(shown) + 4
    summary = "; ".join(f"{b.label}: {formatter(b.value)}" for b in shown)
    scale = "logarithmic scale" if log else "linear scale from zero"
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" height="{height}" '
        f'role="img" aria-label="{escape(title)} ({BETTER[better]}, {scale}). {escape(summary)}" '
        f'style="max-width:100%;height:auto;font:{FONT}px sans-serif">',
        f"<title>{escape(title)} ({BETTER[better]})</title>",
        f'<line x1="0.5" y1="0" x2="0.5" y2="{height}" stroke="{GRID}"/>',
    ]
    for i, b in enumerate(shown):
        y = i * ROW
        end = max(x(b.value), 1.0)
        parts.append(f'<text x="2" y="{y + FONT}" fill="currentColor">{escape(b.label)}</text>')
        parts.append(
            f'<rect x="0" y="{y + FONT + 5}" width="{end:.1f}" height="{FONT + 2}" style="fill:{BAR}" rx="2"/>'
        )
        right = end
        if b.low is not None and b.high is not None and b.high > b.low > 0:
            lo, hi = x(b.low), x(b.high)
            mid = y + FONT + 5 + (FONT + 2) / 2
            parts.append(f'<path d="M{lo:.1f} {mid - 5:.1f}v10M{lo:.1f} {mid:.1f}H{hi:.1f}M{hi:.1f} {mid - 5:.1f}v10" '
                         'stroke="currentColor" fill="none"/>')  # fmt: skip
            right = max(end, hi)
        value = formatter(b.value) + (f" {b.note}" if b.note else "")
        parts.append(f'<text x="{right + 5:.1f}" y="{y + 2 * FONT + 4}" fill="currentColor">{escape(value)}</text>')
    parts.append("</svg>")
    whisker = "; whiskers: 95% CI of the median" if any(b.low is not None for b in shown) else ""
    text = f"<strong>{escape(title)}</strong> — {BETTER[better]}; {scale}{whisker}."
    if caption:
        text += f" {escape(caption)}"
    return f'<figure class="bench-chart" markdown="0">{"".join(parts)}<figcaption>{text}</figcaption></figure>\n'


@dataclass(frozen=True)
class Spread:
    """One row of a percentile chart: a label and its percentiles in order (name, value), e.g. p50 ... max."""

    label: str
    points: tuple[tuple[str, float], ...]


MARKS = ("circle", "square", "diamond", "triangle")  # one shape per percentile, so colour is never the only cue


def _mark(shape: str, x: float, y: float) -> str:
    if shape == "circle":
        return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4" style="fill:{BAR}"/>'
    if shape == "square":
        return f'<rect x="{x - 4:.1f}" y="{y - 4:.1f}" width="8" height="8" fill="none" stroke="currentColor"/>'
    if shape == "diamond":
        return f'<path d="M{x:.1f} {y - 5:.1f}l5 5l-5 5l-5 -5z" style="fill:{BAR}" stroke="currentColor"/>'
    return f'<path d="M{x:.1f} {y - 5:.1f}l5 9h-10z" fill="none" stroke="currentColor"/>'


def percentile_chart(title: str, rows: Sequence[Spread], formatter: Callable[[float], str], caption: str = "") -> str:
    """Percentiles per row on one logarithmic axis (decades marked): a shape per percentile, joined by a line from
    the lowest to the highest; lower is better. Rows without positive values are left out."""
    shown = [Spread(r.label, tuple((n, v) for n, v in r.points if v > 0 and math.isfinite(v))) for r in rows]
    shown = [r for r in shown if r.points]
    if not shown:
        return ""
    values = [v for r in shown for _, v in r.points]
    low = 10 ** math.floor(math.log10(min(values)))
    high = 10 ** math.ceil(math.log10(max(values)))
    high = high * 10 if high <= low else high
    span, pad = WIDTH - 12, 6

    def x(v: float) -> float:
        return pad + span * (math.log10(v) - math.log10(low)) / (math.log10(high) - math.log10(low))

    names = [n for n, _ in shown[0].points]
    axis = ROW * len(shown) + 4
    height = axis + FONT + 8
    summary = "; ".join(f"{r.label}: " + ", ".join(f"{n} {formatter(v)}" for n, v in r.points) for r in shown)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" height="{height}" '
        f'role="img" aria-label="{escape(title)} (lower is better, logarithmic scale). {escape(summary)}" '
        f'style="max-width:100%;height:auto;font:{FONT}px sans-serif">',
        f"<title>{escape(title)} (lower is better)</title>",
    ]
    decade = low
    while decade <= high * 1.0001:
        gx = x(decade)
        parts.append(f'<line x1="{gx:.1f}" y1="0" x2="{gx:.1f}" y2="{axis}" stroke="{GRID}"/>')
        anchor = "start" if decade == low else "end" if decade >= high else "middle"
        parts.append(f'<text x="{gx:.1f}" y="{height - 2}" text-anchor="{anchor}" fill="currentColor" '
                     f'font-size="{FONT - 2}">{escape(formatter(decade))}</text>')  # fmt: skip
        decade *= 10
    for i, r in enumerate(shown):
        y = i * ROW
        mid = y + FONT + 12
        parts.append(f'<text x="2" y="{y + FONT}" fill="currentColor">{escape(r.label)}</text>')
        xs = [x(v) for _, v in r.points]
        parts.append(f'<line x1="{min(xs):.1f}" y1="{mid}" x2="{max(xs):.1f}" y2="{mid}" stroke="currentColor"/>')
        for (name, _), px in zip(r.points, xs, strict=True):
            parts.append(_mark(MARKS[names.index(name) % len(MARKS)] if name in names else MARKS[-1], px, mid))
    parts.append("</svg>")
    legend = ", ".join(f"{shape} {name}" for shape, name in zip(("●", "□", "◆", "△"), names, strict=False))
    text = f"<strong>{escape(title)}</strong> — lower is better; logarithmic scale; {escape(legend)}."
    if caption:
        text += f" {escape(caption)}"
    return f'<figure class="bench-chart" markdown="0">{"".join(parts)}<figcaption>{text}</figcaption></figure>\n'
