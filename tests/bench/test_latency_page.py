# The latency page and its sentences, derived from a fixture document (hooks.bench.publish.latency).
from __future__ import annotations

import re

from hooks.bench.publish.findings import published
from hooks.bench.publish.latency import latency, latency_findings
from tests.bench.fixture import doc


def test_a_table_and_a_log_scale_chart_per_neighbour_count() -> None:
    page = latency(doc())
    assert "### The ticker alone" in page and "### The ticker beside 2 CPU-bound neighbours (one per core)" in page
    assert page.count('<figure class="bench-chart"') == 2 and "logarithmic scale" in page
    assert "| Go goroutines |" in page and "p99.9" in page
    ticks = re.findall(r"<text[^>]*font-size[^>]*>([^<]+)</text>", page)
    assert "100 µs" in ticks and "1.00 s" in ticks  # decades from the smallest p50 to above the largest max


def test_rankings_and_changes_follow_the_intervals() -> None:
    said = {f.text: f for f in latency_findings(doc())}
    ranking = next(f for t, f in said.items() if t.startswith("p99 lateness of a 1 ms sleep beside 2"))
    # Go (30 ms) and asyncio (31 ms, runs within 10%) overlap: one place, said so; C# tasks (400 ms) are apart.
    assert "≈" in ranking.text and "indistinguishable here" in ranking.text
    assert ranking.text.index("C# tasks") > ranking.text.index("Python asyncio")
    assert ranking.states_difference and not ranking.distinguishable
    rose = next(f for t, f in said.items() if t.startswith("C# tasks:"))
    assert "rose from" in rose.text and rose.distinguishable
    assert all(f.page == "benchmarks/latency.md" for f in said.values())


def test_latency_sentences_are_in_findings_json_and_absent_without_results() -> None:
    texts = [f.text for f in published(doc())]
    assert any(t.startswith("Go goroutines: p99 lateness rose") for t in texts)
    assert latency_findings(doc("off")) == []
    assert "Not measured in this build" in latency(doc("off"))
