# The decision guide (hooks.bench.publish.guide), derived from a fixture document: cells, links, the intervals rule.
from __future__ import annotations

from hooks.bench.publish.guide import ROWS, cells, guide, guide_findings
from tests.bench.fixture import doc


def test_a_row_per_workload_shape_and_a_column_per_language() -> None:
    page = guide(doc())
    assert page.splitlines()[0] == "| workload shape | Python | Elixir | C# | Go |"
    assert [line.split("|")[1].strip(" *") for line in page.splitlines()[2:]] == [shape for shape, _ in ROWS]


def test_each_measured_cell_links_to_its_figure_and_is_a_finding() -> None:
    found = dict(cells(doc()))
    python, _elixir, csharp, _go = found["CPU-bound batch"]
    assert "(figure)](benchmarks/cpu-bound.md#compute-time-and-speed-up)" in python.text
    assert python.finding and "Python threads: 2 workers ran fib at \u00d71.0 the speed of one, indistinguishable" \
        in python.finding.text  # fmt: skip
    assert csharp.finding is None and "not measured in this build" in csharp.text
    idle = found["Many idle waits"]
    assert "the least of any unit measured" in idle[2].text and "as much as C# tasks" in idle[3].text
    busy = found["A latency-sensitive service beside CPU-bound work"][3]
    assert "latency.md#the-ticker-beside-2-cpu-bound-neighbours-one-per-core" in busy.text and "up from" in busy.text
    assert "(figure)](../benchmarks/http.md" in dict(cells(doc(), "../"))["Thousands of connections"][3].text


def test_guide_sentences_obey_the_intervals_and_vanish_without_results() -> None:
    said = guide_findings(doc())
    assert said and all(f.page == "recommendations.md" for f in said)
    for f in said:
        if f.distinguishable is False:
            assert "indistinguishable here" in f.text
    assert guide_findings(doc("off")) == [] and "no figures" in guide(doc("off"))
