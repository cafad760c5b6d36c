# Unit tests for hooks.bench.publish.charts: accessible SVG, which way is better, legible on a phone.
from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest

from hooks.bench.publish import charts
from hooks.bench.publish.charts import Bar, bar_chart
from hooks.bench.results.fmt import duration, size


def test_chart_is_accessible_svg_in_site_colours() -> None:
    text = bar_chart("Memory", [Bar("a", 1000.0, 900.0, 1100.0), Bar("b", 2000.0)], size, "lower", caption="c")
    inner = re.search(r"<svg.*</svg>", text, re.S)
    assert inner
    root = ET.fromstring(inner.group(0))
    assert root.get("role") == "img" and "a: 1,000 B" in (root.get("aria-label") or "")
    assert "lower is better" in (root.get("aria-label") or "")
    assert root.find("{http://www.w3.org/2000/svg}title") is not None
    assert "currentColor" in text and "var(--md-primary-fg-color" in text
    assert "<figcaption><strong>Memory</strong> — lower is better; linear scale from zero" in text


def test_chart_text_stays_legible_on_a_phone() -> None:
    text = bar_chart("t", [Bar("a label as long as C# ASP.NET Core minimal API", 1.0)], duration, "higher")
    width = float(re.search(r'viewBox="0 0 (\d+)', text).group(1))  # type: ignore[union-attr]
    font = float(re.search(r"font:(\d+)px", text).group(1))  # type: ignore[union-attr]
    assert font * min(1.0, charts.PHONE_COLUMN / width) >= 11
    assert charts.smallest_text_px() >= 11


def test_chart_switches_to_log_scale_for_wide_ranges_and_needs_a_direction() -> None:
    assert "logarithmic" in bar_chart("t", [Bar("a", 1.0), Bar("b", 1000.0)], duration, "lower")
    assert bar_chart("t", [], duration, "lower") == ""
    with pytest.raises(ValueError, match="better"):
        bar_chart("t", [Bar("a", 1.0)], duration, "faster")
