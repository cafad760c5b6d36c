# Unit tests for hooks.bench.publish.factpages: fact check tables under headings, styled verdicts, published figures.
from __future__ import annotations

from html import escape

from hooks.bench.factcheck.claims import B3, CLAIMS
from hooks.bench.publish import factpages
from hooks.bench.results.machines import from_cache
from tests.bench.fixture import doc, records


def test_every_claim_is_on_the_fact_check_page_under_a_heading() -> None:
    text = factpages.fact_check(doc())
    for claim in CLAIMS:
        assert escape(claim.text) in text
    assert f"{len(CLAIMS)} claims:" in text and f"### {B3}" in text
    assert "This machine has **2 cores**; 5 claims were made on more" in text


def test_verdicts_stand_out() -> None:
    text = factpages.claims("cpu", doc())
    assert 'class="bench-verdict bench-verdict--not-comparable"' in text and "⊘" in text
    assert factpages.badge("wrong", "x").startswith('<span class="bench-verdict bench-verdict--wrong" style="')


def test_published_figures_only_within_ten_times() -> None:
    text = factpages.published(doc())
    assert "pkolaczk.github.io" in text and "2,658\u00a0MB" in text and "hez2010" in text
    assert "| Go goroutines | goroutines | 2,586\u00a0MB | 2.39\u00a0GiB<br><small>extrapolated" in text  # 10x
    assert "| Python asyncio | asyncio tasks | 1,276\u00a0MB | — |" in text  # not measured in the fixture
    d = doc()
    d["results"] = [r for r in d["results"] if r["params"].get("n") != 100_000]  # Go up to 10,000 only
    assert "not comparable<br><small>N = 1,000,000 not reached: measured up to N = 10,000" in factpages.published(d)


def test_comparison_uses_as_many_workers_as_cores() -> None:
    text = factpages.comparison(doc())
    assert "2.50\u00a0KiB per goroutine" in text and "64.0\u00a0KiB per thread" in text
    assert "CPU-bound speed-up, 2 workers on 2 cores" in text and "\u00d71.9" in text


def test_other_machines_are_labelled() -> None:
    d = doc()
    far = {"key": "0123456789abcdef", "cpu_model": "Far CPU", "cores": 64, "kernel": "5.0", "system": "Linux"}
    d["other_machines"] = [from_cache(far, records()[:1], {})]
    text = factpages.other_machines(d)
    assert "### cache 0123456789abcdef" in text and "| CPU | Far CPU |" in text and "2026-11-27" in text
    assert "Stale: shown, never used for a verdict or a finding" in text  # no record of its programs' versions
    assert "No results from other machines" in factpages.other_machines(doc())
