# Inline SVG bar charts that follow the site's light/dark palette (currentColor and Material's CSS variables).
from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from html import escape

WIDTH, LABEL, ROW, TOP, RIGHT = 720, 230, 24, 34, 110
BAR = "var(--md-primary-fg-color, #4051b5)"
SECOND = "var(--md-accent-fg-color, #526cfe)"
GRID = "var(--md-default-fg-color--lightest, #8884)"


@dataclass(frozen=True)
class Bar:
    """One bar: its label, its value and, optionally, an interval drawn as a whisker (e.g. the median's CI)."""

    label: str
    value: float
    low: float | None = None
    high: float | None = None
    note: str = ""  # shown after the value (e.g. "extrapolated")


def bar_chart(title: str, bars: Sequence[Bar], formatter: Callable[[float], str], caption: str = "") -> str:
    """A horizontal bar chart as a <figure> holding an accessible inline <svg>; log scale when values span 100x."""
    shown = [b for b in bars if b.value > 0 and math.isfinite(b.value)]
    if not shown:
        return ""
    top = max(b.high if b.high is not None else b.value for b in shown)
    small = min(b.value for b in shown)
    log = top / small > 100
    span = WIDTH - LABEL - RIGHT

    def x(v: float) -> float:
        if log:
            floor = 10 ** math.floor(math.log10(small))
            return LABEL + span * (math.log10(max(v, floor)) - math.log10(floor)) / (
                math.log10(top) - math.log10(floor) or 1
            )
        return LABEL + span * v / top

    height = TOP + ROW * len(shown) + 24
    summary = "; ".join(f"{b.label}: {formatter(b.value)}" for b in shown)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" height="{height}" '
        'role="img" '
        f'aria-label="{escape(title)}. {escape(summary)}" style="max-width:100%;height:auto;font:12px sans-serif">',
        f"<title>{escape(title)}</title>",
        f'<text x="0" y="16" fill="currentColor" font-weight="bold">{escape(title)}</text>',
        f'<line x1="{LABEL}" y1="{TOP - 6}" x2="{LABEL}" y2="{height - 20}" stroke="{GRID}"/>',
    ]
    for i, b in enumerate(shown):
        y = TOP + i * ROW
        end = x(b.value)
        parts.append(
            f'<text x="{LABEL - 8}" y="{y + 13}" fill="currentColor" text-anchor="end">{escape(b.label)}</text>'
        )
        parts.append(f'<rect x="{LABEL}" y="{y + 2}" width="{max(end - LABEL, 1):.1f}" height="{ROW - 8}" '
                     f'style="fill:{BAR}" rx="2"/>')  # fmt: skip
        if b.low is not None and b.high is not None and b.high > b.low > 0:
            lo, hi = x(b.low), x(b.high)
            mid = y + ROW / 2 - 2
            parts.append(f'<path d="M{lo:.1f} {mid - 4}v8M{lo:.1f} {mid}H{hi:.1f}M{hi:.1f} {mid - 4}v8" '
                         f'stroke="currentColor" fill="none"/>')  # fmt: skip
        label = formatter(b.value) + (f" ({b.note})" if b.note else "")
        right = max(end, x(b.high) if b.high else end)
        parts.append(f'<text x="{right + 6:.1f}" y="{y + 13}" fill="currentColor">{escape(label)}</text>')
    scale = "logarithmic scale" if log else "linear scale from zero"
    parts.append(f'<text x="{LABEL}" y="{height - 6}" fill="currentColor" opacity="0.7">{scale}</text>')
    parts.append("</svg>")
    figcaption = f"<figcaption>{escape(caption)}</figcaption>" if caption else ""
    return '<figure class="bench-chart" markdown="0">' + "".join(parts) + figcaption + "</figure>"
