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
