# Unit tests for the page modules and charts, rendered from a small results fixture.
from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest

from hooks.bench import factpages, figures, pages, site
from hooks.bench.charts import Bar, bar_chart
from hooks.bench.claims import CLAIMS
from hooks.bench.fmt import duration, size
from hooks.bench.verdicts import check, verdict
from tests.bench.fixture import doc, results


def test_bytes_per_unit_is_the_slope() -> None:
    figure = figures.bytes_per_unit(results(), "go_goroutines")
    assert figure is not None and figure.value == pytest.approx(2560)


def test_spawn_page_has_table_chart_and_failure_notes() -> None:
    text = pages.spawn_hold(doc())
    assert "Quick profile" in text
    assert "| Go goroutines | 100,000 |" in text
    assert "2.50 KiB" in text and "64.0 KiB" in text
    assert text.count("<svg") == 1


def test_failed_case_is_shown_not_hidden() -> None:
    text = pages.http(doc())
    assert "without a measurement" in text and "timed out after 120s" in text
    assert "| Go net/http | 41,000/s" in text


def test_off_mode_shows_a_notice_and_no_numbers() -> None:
    for render in (pages.spawn_hold, pages.cpu_bound, pages.message_passing, pages.http, factpages.comparison):
        text = render(doc("off"))
        assert "Not measured in this build" in text
        assert "<svg" not in text and "|" not in text.split("\n", 3)[-1]


def test_pages_read_the_current_build_document() -> None:
    site.set_current(doc())
    try:
        assert "Go goroutines" in pages.spawn_hold()
    finally:
        site.set_current(None)
    assert "Not measured" in pages.spawn_hold()


def test_cpu_page_speedups() -> None:
    text = pages.cpu_bound(doc())
    assert "| Go goroutines | fib(30) | 4 |" in text
    assert "\u00d72" in text  # 4 x 0.1 / 0.2


def test_chart_is_accessible_svg_in_site_colours() -> None:
    svg_text = bar_chart("Memory", [Bar("a", 1000.0, 900.0, 1100.0), Bar("b", 2000.0)], size, caption="c")
    inner = re.search(r"<svg.*</svg>", svg_text, re.S)
    assert inner
    root = ET.fromstring(inner.group(0))
    assert root.get("role") == "img" and "a: 1,000 B" in (root.get("aria-label") or "")
    assert root.find("{http://www.w3.org/2000/svg}title") is not None
    assert "currentColor" in svg_text and "var(--md-primary-fg-color" in svg_text
    assert "linear scale" in svg_text


def test_chart_switches_to_log_scale_for_wide_ranges() -> None:
    assert "logarithmic" in bar_chart("t", [Bar("a", 1.0), Bar("b", 1000.0)], duration)
    assert bar_chart("t", [], duration) == ""


def test_every_claim_is_on_the_fact_check_page() -> None:
    text = factpages.fact_check(doc())
    for claim in CLAIMS:
        assert claim.text in text
    assert f"{len(CLAIMS)} claims" in text


def test_verdicts() -> None:
    assert verdict(1.0) == "consistent"
    assert verdict(1.9) == "roughly right (within a factor of 2)"
    assert verdict(0.001) == "wrong: the claim is \u00d71,000 too high"
    go_memory = next(c for c in CLAIMS if c.section.startswith("Comparison") and c.column == "GO")
    checked = check(go_memory, results())
    assert checked.verdict == "consistent" and checked.ratio == pytest.approx(2560 / 2048)
    python_threads = next(c for c in CLAIMS if c.section.startswith("Comparison") and c.column == "Python")
    assert check(python_threads, results()).verdict == "wrong: the claim is \u00d716 too high"


def test_extrapolated_figures_say_so() -> None:
    go_1m = figures.spawn_seconds_at(results(), "go_goroutines", 1_000_000)
    assert go_1m is not None and "extrapolated" in go_1m.note
    fib40 = figures.fib_seconds(results(), "go_goroutines", 4, 40)
    assert fib40 is not None and "extrapolated" in fib40.note and fib40.value > 0.2


def test_published_figures_and_comparison() -> None:
    text = factpages.published(doc())
    assert "pkolaczk.github.io" in text and "2,658 MB" in text and "hez2010" in text
    comparison = factpages.comparison(doc())
    assert "2.50 KiB per goroutine" in comparison and "64.0 KiB per thread" in comparison


def test_other_machines_are_labelled() -> None:
    d = doc()
    d["other_machines"] = [{"machine": {"cpu_model": "Far CPU", "cores": 64, "kernel": "5.0"},
                            "results": results()[:1]}]  # fmt: skip
    text = factpages.other_machines(d)
    assert "Measured on another machine" in text and "Far CPU" in text and "2026-11-27" in text
    assert "No results from other machines" in factpages.other_machines(doc())
