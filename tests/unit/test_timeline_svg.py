# Unit tests for hooks.timeline.svg and figure: fixture events drawn as SVG, checked as XML, not as pixels.
from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import replace
from pathlib import Path

import markdown
import pytest

from hooks.engine.example import load_example
from hooks.engine.result import PASSED, Result
from hooks.site.render import render_marker
from hooks.site.timeline_figure import shared_scale, timeline_block
from hooks.timeline.events import parse_events
from hooks.timeline.svg import FONT, render_svg, tick_step

SVG = "{http://www.w3.org/2000/svg}"
MS = 1_000_000
EVENTS = (
    "# measured 2026-11-28 14:03 UTC\n# machine Test CPU, 2 logical cores\n# cpus 2\n"
    "send\t0\tmain\t10\tjob_1 *x*\n"
    "recv\t1000000\tworker 1\t20\tjob_1 *x*\n"
    "start\t1000000\tworker 1\t21\tjob_1 *x*\n"
    "start\t2000000\tworker 2\t21\tjob 2\n"
    "end\t40000000\tworker 1\t21\tjob_1 *x*\n"
    "send\t40500000\tworker 1\t25\tresult <1>\n"
    "recv\t41000000\tmain\t30\tresult <1>\n"
    "end\t60000000\tworker 2\t21\tjob 2\n"
    "mark\t70000000\tmain\t31\tdone & dusted\n"
)
EXAMPLE = "snippets/patterns/pool/pool.py"


def svg_root(text: str) -> ET.Element:
    return ET.fromstring(text)


def test_the_contract_attributes() -> None:
    root = svg_root(render_svg(parse_events(EVENTS), EXAMPLE))
    assert root.tag == f"{SVG}svg"
    assert root.get("class") == "timeline"
    assert root.get("data-example") == EXAMPLE
    assert root.get("data-events") == "9"
    assert root.get("role") == "img"
    label = root.get("aria-label") or ""
    assert label.startswith("Timeline of pool.py as this build ran it: 3 lanes (main, worker 1, worker 2) over 70 ms")
    assert "2 busy spans, 2 messages, 1 marks; at most 2 units busy at once" in label


def test_one_lane_per_unit_with_its_spans_and_marks() -> None:
    root = svg_root(render_svg(parse_events(EVENTS), EXAMPLE))
    lanes = root.findall(f"{SVG}g[@class='lane']")
    assert [lane.get("data-unit") for lane in lanes] == ["main", "worker 1", "worker 2"]
    labels = [lane.find(f"{SVG}text[@class='lane-label']") for lane in lanes]
    assert [label.text for label in labels if label is not None] == ["main", "worker 1", "worker 2"]
    spans = {lane.get("data-unit"): lane.findall(f"{SVG}rect[@class='span']") for lane in lanes}
    assert spans["main"] == []
    assert [(s.get("data-label"), s.get("data-start-ms"), s.get("data-end-ms")) for s in spans["worker 1"]] == [
        ("job_1 *x*", "1.000", "40.000")
    ]
    assert [(s.get("x"), s.get("width")) for s in spans["worker 2"]] == [("2.857%", "82.857%")]  # of 70 ms
    marks = lanes[0].findall(f"{SVG}circle[@class='mark']")
    found = [(m.get("data-label"), m.get("data-at-ms"), m.get("cx")) for m in marks]
    assert found == [("done & dusted", "70.000", "100.000%")]


def test_spans_of_one_lane_share_its_row_and_lanes_do_not_overlap() -> None:
    root = svg_root(render_svg(parse_events(EVENTS), EXAMPLE))
    rows = []
    for lane in root.findall(f"{SVG}g[@class='lane']"):
        ys = {rect.get("y") for rect in lane.findall(f"{SVG}rect[@class='span']")}
        assert len(ys) <= 1
        rows.extend(float(y) for y in ys if y is not None)
    assert rows == sorted(set(rows))
    height = float(root.get("height") or 0)
    assert all(0 < y < height for y in rows)


def test_messages_are_arrows_from_sender_to_receiver() -> None:
    root = svg_root(render_svg(parse_events(EVENTS), EXAMPLE))
    arrows = root.findall(f"{SVG}g[@class='messages']/{SVG}line[@class='message']")
    found = [(a.get("data-from"), a.get("data-to"), a.get("data-label"), a.get("x1"), a.get("x2")) for a in arrows]
    assert found == [
        ("main", "worker 1", "job_1 *x*", "0.000%", "1.429%"),
        ("worker 1", "main", "result <1>", "57.857%", "58.571%"),
    ]
    down, up = arrows
    assert float(down.get("y1") or 0) < float(down.get("y2") or 0)  # main is above worker 1
    assert float(up.get("y1") or 0) > float(up.get("y2") or 0)
    marker = (down.get("marker-end") or "")[5:-1]
    assert root.find(f".//{SVG}marker[@id='{marker}']") is not None


def test_the_axis_is_in_milliseconds_with_round_ticks() -> None:
    root = svg_root(render_svg(parse_events(EVENTS), EXAMPLE))
    grid = root.find(f"{SVG}g[@class='grid']")
    assert grid is not None and grid.get("data-scale-ms") == "70.000" and grid.get("data-tick-ms") == "10"
    texts = [t.text for t in root.findall(f"{SVG}g[@class='axis']/{SVG}text")]
    assert texts == ["0 ms", "10", "20", "30", "40", "50", "60", "70 ms"]


@pytest.mark.parametrize(("total", "step"), [(0.5, 0.1), (47, 10), (70, 10), (130, 20), (600, 100), (1234, 200)])
def test_tick_steps_are_round_and_few(total: float, step: float) -> None:
    assert tick_step(total) == pytest.approx(step)
    assert total / tick_step(total) <= 7


def test_a_shared_scale_stretches_the_axis() -> None:
    root = svg_root(render_svg(parse_events(EVENTS), EXAMPLE, scale_ns=140 * MS))
    spans = root.findall(f".//{SVG}rect[@class='span']")
    assert spans[1].get("width") == "41.429%"  # 58 of 140 ms


def test_legible_on_a_phone_and_follows_the_palette() -> None:
    text = render_svg(parse_events(EVENTS), EXAMPLE)
    root = svg_root(text)
    assert root.get("viewBox") is None and root.get("width") == "100%"  # text never scales down
    assert FONT >= 11 and f"font:{FONT}px" in (root.get("style") or "")
    colours = re.findall(r"(?:fill|stroke):([^;\"]+)", text)
    assert colours and all(c == "currentColor" or c.startswith("var(--md-") for c in colours)


def test_text_is_safe_from_markdown_inside_tabs() -> None:
    text = render_svg(parse_events(EVENTS), EXAMPLE)
    assert "\n" not in text
    for node in re.findall(r">([^<]+)<", text):
        assert re.fullmatch(r"(?:[A-Za-z0-9 ]|&#\d+;)+", node), node  # no `*`, `_` or `&` for Markdown to touch


def _result(events: str | None, path: str = EXAMPLE, **changes: object) -> Result:
    result = Result(path, "python", PASSED, 0.3, 0, "ok\n", "Python 3.11", "python pool.py", events=events)
    return replace(result, **changes)  # type: ignore[arg-type]


def test_the_block_says_where_and_when_and_what_the_shapes_found() -> None:
    block = timeline_block(_result(EVENTS), ("at most 1 of worker* busy at once",))
    svg, caption = block.split("\n\n")
    assert svg.startswith(
        '<svg class="timeline" data-example="snippets/patterns/pool/pool.py" data-events="9" role="img"'
    )
    assert "Recorded 2026-11-28 14:03 UTC on Test CPU, 2 logical cores" in caption
    assert "shared the machine's 2 cores with the rest of the build" in caption
    assert "`at most 1 of worker* busy at once`: does not hold (2 busy at once at 2.0 ms)" in caption
    assert caption.endswith("{: .timeline-caption }")
    cached = timeline_block(_result(EVENTS, cached=True))
    assert "Recorded 2026-11-28 14:03 UTC on Test CPU" in cached
    assert "This build drew it from the cache entry of that run, without running anything." in cached


def test_no_block_without_a_drawable_timeline() -> None:
    assert timeline_block(_result(None)) == ""
    assert timeline_block(_result("start\t1\tmain\t3\t\n")) == ""  # broken: the check reports it, no picture


def test_tabs_share_a_scale_only_when_their_runs_are_comparable() -> None:
    long = EVENTS.replace("mark\t70000000", "mark\t250000000")
    assert shared_scale([_result(EVENTS), _result(long)]) == 250 * MS
    much_longer = EVENTS.replace("mark\t70000000", "mark\t700000000")
    assert shared_scale([_result(EVENTS), _result(much_longer)]) is None
    assert shared_scale([_result(EVENTS)]) is None


def test_rendered_in_tabs_the_svg_survives_markdown(tmp_path: Path) -> None:
    folder = tmp_path / "snippets" / "patterns" / "pool"
    folder.mkdir(parents=True)
    (folder / "pattern.toml").write_text(
        'title = "Pool"\nexpect = "ok"\nshapes = ["at most 2 of worker* busy at once"]\n'
    )
    pairs = []
    for name in ("pool.py", "pool.go"):
        (folder / name).write_text("print('ok')\n" if name.endswith(".py") else "package main\n")
        example = load_example(folder / name, root=tmp_path)
        pairs.append((example, _result(EVENTS, path=example.display_path, language=example.language)))
    html = markdown.markdown(
        render_marker(pairs),
        extensions=["pymdownx.superfences", "pymdownx.tabbed", "attr_list", "admonition", "pymdownx.details"],
        extension_configs={"pymdownx.tabbed": {"alternate_style": True}},
    )
    found = re.findall(r"<svg .*?</svg>", html, re.DOTALL)
    assert len(found) == 2
    for svg, name in zip(found, ("pool.py", "pool.go"), strict=True):
        root = svg_root(svg)
        assert root.get("data-example") == f"snippets/patterns/pool/{name}"
        assert len(root.findall(f"{SVG}g[@class='lane']")) == 3
        assert "<em>" not in svg
    assert html.count('<p class="timeline-caption">') == 2
    assert "holds (at most 2 busy at once)" in html
