# Unit tests for hooks.bench.publish.pages: tables, headings, charts and flags rendered from a results fixture.
from __future__ import annotations

import re

from hooks.bench.measure.profiles import QUICK
from hooks.bench.measure.record import CaseResult, parse_results
from hooks.bench.measure.stats import summarize
from hooks.bench.publish import factpages, pages, site
from hooks.bench.results.common import stat
from hooks.bench.results.fmt import duration
from hooks.bench.results.results import publishable
from tests.bench.fixture import doc, result, runs


def test_spawn_page_has_headings_tables_and_charts() -> None:
    text = pages.spawn_hold(doc())
    assert "### Time and memory at each size" in text and "### Memory per unit" in text
    assert "| Go goroutines | 100,000 |" in text
    assert "2.50\u00a0KiB" in text and "64.0\u00a0KiB" in text  # the slopes
    assert text.count("<svg") == 2 and text.count("</strong> — lower is better") == 2
    assert "Quick profile: 10 measured runs" in text


def test_stat_is_compact_with_the_whole_interval_on_hover() -> None:
    cell = stat(CaseResult.from_json(result("x", "go_y", {}, t=runs(2.0, 0.1))), "t", duration)
    shape = r'<span title="98% CI of the median: .+ to .+, 10 runs">2\.00\u00a0s&nbsp;<small>±\d+%</small></span>'
    assert re.fullmatch(shape, cell), cell
    assert stat(CaseResult.from_json(result("x", "go_y", {})), "t", duration) == "—"


def test_failed_case_is_shown_not_hidden() -> None:
    text = pages.http(doc())
    assert "without a measurement" in text and "timed out after 120s" in text
    assert "| Go net/http <small>(standard library)</small> | <span" in text and "higher is better" in text
    assert "| **Go net/http** | standard library |" in text and "saturated" not in text


def test_http_saturation_guard_reads_wrk_share_of_its_core() -> None:
    d = doc()
    server = next(r for r in d["results"] if r["unit"] == "go_net_http")
    server["summary"]["wrk_cpu_share"] = summarize(runs(0.97)).to_json()
    text = pages.http(d)
    assert "The load generator was saturated" in text and "97%" in text


def test_off_mode_shows_a_notice_and_no_numbers() -> None:
    for render in (pages.spawn_hold, pages.cpu_bound, pages.message_passing, pages.http, factpages.comparison):
        text = render(doc("off"))
        assert "Not measured in this build" in text
        assert "<svg" not in text and "|" not in text.split("\n", 3)[-1]


def test_too_few_runs_are_labelled_not_publishable() -> None:
    few = doc()
    for r in few["results"]:
        r["samples"] = {name: samples[:3] for name, samples in r.get("samples", {}).items()}
        r["summary"] = {name: summarize(samples).to_json() for name, samples in r["samples"].items()}
    few["publishable"] = publishable(QUICK, parse_results(few["results"]))
    assert not few["publishable"]
    assert "Not publishable" in pages.spawn_hold(few)


def test_pages_read_the_current_build_document() -> None:
    site.set_current(doc())
    try:
        assert "Go goroutines" in pages.spawn_hold()
    finally:
        site.set_current(None)
    assert "Not measured" in pages.spawn_hold()


def test_cpu_page_shows_oversubscription_and_speedups() -> None:
    text = pages.cpu_bound(doc())
    assert "| Go goroutines | fib(36) | 4 <small>(on 2 cores: oversubscribed)</small> |" in text
    assert "| Go goroutines | fib(36) | 2 |" in text and "\u00d72" in text  # 2 x 0.1 / 0.1
    assert "This machine has **2 cores**" in text
    assert "Speed-up of 2 workers over one" in text and "higher is better" in text
    assert "Time per fib call, one worker" in text


def test_a_speedup_above_the_cores_is_flagged_and_explained() -> None:
    d = doc()
    for r in d["results"]:
        if r["workload"] == "fib" and r["unit"] == "go_goroutines" and r["params"]["workers"] == 2:
            r["summary"]["inner_seconds"].update(median=0.08, ci_low=0.079, ci_high=0.081)
    text = pages.cpu_bound(d)
    assert "\u00d72.5 ⚑" in text
    assert "is above the 2 cores of this machine" in text and "slower per fib call" in text
    # a run under 100 ms of measured work is named, with why it is kept
    assert "\nUnder 100 ms of measured work (median of the runs): Go goroutines, fib(" in text
    assert "× 2: 80" in text and "no figure here is ranked above another unless" in text


def test_only_runs_under_100_ms_of_measured_work_are_named() -> None:
    d = doc()
    d["results"] = [r for r in d["results"] if r["workload"] not in ("ping_pong", "pipeline")] + [
        result(
            "ping_pong", "go_channels", {"rounds": 300_000}, round_trip_seconds=runs(5e-7), inner_seconds=runs(0.15)
        ),
        result(
            "ping_pong", "python_threads", {"rounds": 3_000}, round_trip_seconds=runs(2e-5), inner_seconds=runs(0.06)
        ),
    ]
    text = pages.message_passing(d)
    assert "Under 100 ms of measured work (median of the runs): Python threads, 3,000 round trips: 60" in text
    assert "Go channels, 300,000" not in text


def test_message_passing_and_http_setup() -> None:
    text = pages.message_passing(doc())
    assert "### Ping-pong" in text and "### Pipeline" in text and "lower is better" in text
    assert "wrk -t1 -c" in pages.http_setup(doc())


def test_the_spawn_page_says_where_each_curve_stops_and_why() -> None:
    text = pages.spawn_hold(doc())
    assert "### Where the measured curves stop" in text
    assert "- **Python processes**: It stops at N = 40 to keep the build's benchmark phase short" in text


def test_a_busy_machine_is_named_on_every_page() -> None:
    d = doc()
    assert "was busy" not in pages.cpu_bound(d)
    for r in d["results"]:
        if r["workload"] == "fib":
            r["summary"]["cpu_seconds"]["median"] = r["summary"]["wall_seconds"]["median"] / 2
    assert "The machine was busy while these figures were measured" in pages.cpu_bound(d)
    assert "median 50% of a core" in pages.spawn_hold(d)
