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


# Lines of a line chart: a stroke and a marker per series, so they differ without colour too.
STROKES = (BAR, "#e65100", "#00897b", "#8e24aa", "#6d4c41", "#546e7a")
DASHES = ("", "6 3", "2 3", "8 3 2 3", "4 4", "1 2")
PLOT = (38, 12, 12, 30)
IDEAL = "var(--md-default-fg-color--light, #0008)"  # margins: left (y labels), top, right, bottom (x labels)


@dataclass(frozen=True)
class Point:
    """One point of a line: x, y and, optionally, the interval of y; `hollow` marks a point drawn apart (e.g.
    more workers than cores)."""

    x: float
    y: float
    low: float | None = None
    high: float | None = None
    hollow: bool = False


@dataclass(frozen=True)
class Series:
    """One line: its label (shown in the legend) and its points."""

    label: str
    points: tuple[Point, ...]


def _ticks(top: float) -> list[float]:
    step = max(1.0, float(math.ceil(top / 6)))
    return [i * step for i in range(int(top // step) + 1)]


def line_chart(
    title: str, series: Sequence[Series], x_label: str, y_label: str, formatter: Callable[[float], str],
    better: str, caption: str = "", ideal: str = "",
) -> str:  # fmt: skip
    """A line chart as a <figure> (linear axes from zero, whole-number ticks), one line per series with markers and
    whiskers for the intervals, a legend under the plot; `ideal`: the label of a dashed y = x reference line."""
    if better not in BETTER:
        raise ValueError(f"better must be one of {', '.join(BETTER)}")
    shown = [s for s in series if any(p.y > 0 and math.isfinite(p.y) for p in s.points)]
    if not shown:
        return ""
    xs = [p.x for s in shown for p in s.points]
    ys = [p.high if p.high is not None else p.y for s in shown for p in s.points]
    x_top = max(max(xs), 2.0)
    y_top = max(max(ys), x_top if ideal else 0.0) * 1.05
    left, top, right, bottom = PLOT
    legend = len(shown) + (1 if ideal else 0)
    plot_h = 190
    height = top + plot_h + bottom + legend * (FONT + 8)
    span_x = WIDTH - left - right

    def px(x: float) -> float:
        return left + span_x * x / x_top

    def py(y: float) -> float:
        return top + plot_h - plot_h * y / y_top

    summary = "; ".join(
        f"{s.label}: " + ", ".join(f"{x_label} {p.x:g} → {formatter(p.y)}" for p in s.points) for s in shown
    )
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" height="{height}" '
        f'role="img" aria-label="{escape(title)} ({BETTER[better]}). {escape(summary)}" '
        f'style="max-width:100%;height:auto;font:{FONT}px sans-serif">',
        f"<title>{escape(title)} ({BETTER[better]})</title>",
    ]
    for t in _ticks(y_top):
        parts.append(f'<line x1="{left}" y1="{py(t):.1f}" x2="{WIDTH - right}" y2="{py(t):.1f}" stroke="{GRID}"/>')
        parts.append(f'<text x="{left - 4}" y="{py(t) + 4:.1f}" text-anchor="end" fill="currentColor">{t:g}</text>')
    for t in _ticks(x_top):
        if t > 0:
            parts.append(f'<text x="{px(t):.1f}" y="{top + plot_h + FONT + 3}" text-anchor="middle" '
                         f'fill="currentColor">{t:g}</text>')  # fmt: skip
    parts.append(f'<text x="{WIDTH - right}" y="{top + plot_h + 2 * FONT + 6}" text-anchor="end" '
                 f'fill="currentColor">{escape(x_label)} →</text>')  # fmt: skip
    parts.append(f'<text x="{left + 2}" y="{top + FONT - 2}" fill="currentColor">↑ {escape(y_label)}</text>')
    parts.append(f'<line x1="{left}" y1="{top}" x2="{left}" y2="{top + plot_h}" stroke="currentColor"/>')
    parts.append(f'<line x1="{left}" y1="{top + plot_h}" x2="{WIDTH - right}" y2="{top + plot_h}" '
                 'stroke="currentColor"/>')  # fmt: skip
    if ideal:
        parts.append(f'<line x1="{px(0):.1f}" y1="{py(0):.1f}" x2="{px(x_top):.1f}" y2="{py(x_top):.1f}" '
                     f'stroke="{IDEAL}" stroke-width="2" stroke-dasharray="3 3"/>')  # fmt: skip
    for i, s in enumerate(shown):
        stroke, dash = STROKES[i % len(STROKES)], DASHES[i % len(DASHES)]
        points = sorted(s.points, key=lambda p: p.x)
        path = " ".join(f"{'M' if j == 0 else 'L'}{px(p.x):.1f} {py(p.y):.1f}" for j, p in enumerate(points))
        dashed = f' stroke-dasharray="{dash}"' if dash else ""
        parts.append(f'<path d="{path}" fill="none" style="stroke:{stroke}" stroke-width="2"{dashed}/>')
        for p in points:
            if p.low is not None and p.high is not None and p.high > p.low:
                parts.append(f'<path d="M{px(p.x):.1f} {py(p.low):.1f}V{py(p.high):.1f}" style="stroke:{stroke}"/>')
            fill = "none" if p.hollow else stroke
            parts.append(f'<circle cx="{px(p.x):.1f}" cy="{py(p.y):.1f}" r="{3 + i % 3}" '
                         f'style="stroke:{stroke};fill:{fill}" stroke-width="2"/>')  # fmt: skip
    y = top + plot_h + bottom + FONT
    entries = [(s.label, STROKES[i % len(STROKES)], DASHES[i % len(DASHES)], 2) for i, s in enumerate(shown)]
    entries += [(ideal, IDEAL, "3 3", 2)] if ideal else []
    for label, stroke, dash, width in entries:
        dashed = f' stroke-dasharray="{dash}"' if dash else ""
        parts.append(f'<line x1="2" y1="{y - 4}" x2="26" y2="{y - 4}" style="stroke:{stroke}" '
                     f'stroke-width="{width}"{dashed}/>')  # fmt: skip
        parts.append(f'<text x="32" y="{y}" fill="currentColor">{escape(label)}</text>')
        y += FONT + 8
    parts.append("</svg>")
    text = f"<strong>{escape(title)}</strong> — {BETTER[better]}; linear scale from zero."
    same: dict[tuple[tuple[float, float], ...], list[str]] = {}
    for s in shown:
        same.setdefault(tuple(sorted((p.x, round(p.y, 6)) for p in s.points)), []).append(s.label)
    for labels in (v for v in same.values() if len(v) > 1):
        text += f" {escape(' and '.join(labels))} coincide (one line drawn over the other)."
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
