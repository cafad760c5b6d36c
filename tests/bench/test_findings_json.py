# findings.json: every computed sentence with its figures; a difference is stated only where the intervals separate.
from __future__ import annotations

import json
from typing import Any

from hooks.bench.publish import factpages, findings, guide, latency
from hooks.bench.results.intervals import Quantity, separate
from tests.bench.fixture import doc

FIELDS = {"text", "figures", "distinguishable"}
FIGURE = {"result", "figure", "value", "ci_low", "ci_high"}


def published(d: dict[str, Any]) -> list[dict[str, Any]]:
    data = json.loads(findings.dumps(d))
    assert findings.FINDINGS_JSON == "benchmarks/findings.json"
    return list(data["findings"])


def quantity(f: dict[str, Any]) -> Quantity:
    return Quantity(f["result"], f["figure"], f["value"], f["ci_low"], f["ci_high"], f.get("unit", ""))


def test_every_figure_points_at_a_result_and_sits_in_its_interval() -> None:
    d = doc()
    ids = {r["id"] for r in d["results"]}
    assert len(ids) == len(d["results"])  # stable and unique
    found = published(d)
    assert found and all(set(f) >= FIELDS for f in found)
    for f in found:
        for q in f["figures"]:
            assert set(q) >= FIGURE and q["result"] in ids, q
            assert q["ci_low"] <= q["value"] <= q["ci_high"], q


def test_a_stated_difference_rests_on_separate_intervals_and_overlap_is_said() -> None:
    for cores in (1, 2, 4):
        for f in published(doc(cores=cores)):
            figures = [quantity(q) for q in f["figures"]]
            for c in f["comparisons"]:
                assert c["distinguishable"] == separate(figures[c["a"]], figures[c["b"]]), f
            if f["states_difference"]:
                assert any(c["distinguishable"] for c in f["comparisons"])
            if f["distinguishable"] is False:
                assert "indistinguishable here" in f["text"], f
            if f["distinguishable"] is None:
                assert not f["comparisons"]


def test_findings_json_is_the_page_text() -> None:
    d = doc()
    pages = {
        "benchmarks/index.md": findings.summary(d),
        "comparison.md": findings.summary(d, base="benchmarks/") + factpages.comparison(d),
        "index.md": findings.home(d),
        "benchmarks/latency.md": latency.latency(d),
        "recommendations.md": guide.guide(d),
    }
    found = published(d)
    assert {f["page"] for f in found} == set(pages)
    for f in found:
        assert f["text"].replace("&", "&amp;") in pages[f["page"]] or f["text"] in pages[f["page"]], f["text"]
    summary_text = [f["text"] for f in found if f["page"] == "benchmarks/index.md"]
    rebuilt = findings.summary(d)
    for text in summary_text:  # and nothing computed on the page is missing from findings.json
        rebuilt = rebuilt.replace(text, "")
    assert set(rebuilt.replace("**", "").split()) <= {"Python.", "Elixir.", "C#.", "Go."}


def test_no_results_no_findings() -> None:
    assert published(doc("off")) == []
