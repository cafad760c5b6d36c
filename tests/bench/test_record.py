# Unit tests for hooks.bench.measure.record: a result's JSON in and out, the shapes results.json has always had.
from __future__ import annotations

import json

from hooks.bench.measure.record import CaseResult, Summary, parse_results
from hooks.bench.measure.stats import summarize

FIELDS = ["workload", "unit", "program", "language", "params", "profile", "runs", "warmups", "toolchain",
          "build_seconds", "sandbox", "measured_at", "measured_until", "args", "load", "status", "error", "samples",
          "summary", "incomplete", "cached", "key", "machine_key", "steal_fraction", "program_sha256"]  # fmt: skip


def measured() -> CaseResult:
    samples = {"wall_seconds": (0.1, 0.2, 0.3)}
    return CaseResult(
        "spawn_hold", "python_processes_spawn", "benchmarks/spawn_hold/python_processes.py", {"n": 2}, "ok", None,
        language="python", toolchain="3.11", runs=3, warmups=1, measured_at="2026-01-01T00:00:00+00:00",
        measured_until="2026-01-01T00:01:00+00:00", steal_fraction=0.0, cached=False, samples=samples,
        summary={"wall_seconds": summarize(samples["wall_seconds"])}, load={"connections": 32, "cpus": [0]},
        args={"start_method": "spawn"}, profile="quick", build_seconds=0.5, sandbox={"isolation": "none"},
        incomplete=("peak_rss_bytes",), key="k", machine_key="m", program_sha256="s",
    )  # fmt: skip


def test_a_measured_result_is_written_in_the_harness_order_and_read_back_whole() -> None:
    result = measured()
    data = result.to_json()
    assert list(data) == FIELDS
    assert CaseResult.from_json(json.loads(json.dumps(data))) == result
    assert result.load_int("connections") == 32 and result.load_int("cpus") is None and result.median("x") is None


def test_a_failed_result_has_no_figures_and_one_not_run_says_only_why() -> None:
    failed = CaseResult("fib", "go_goroutines", "benchmarks/fib/go_goroutines.go", {"n": 1}, "failed", "boom")
    assert "samples" not in failed.to_json() and "key" not in failed.to_json() and not failed.ok
    skipped = CaseResult("fib", "go_goroutines", "benchmarks/fib/go_goroutines.go", {"n": 1}, "not_run", "why")
    assert list(skipped.to_json()) == ["workload", "unit", "program", "params", "status", "error"]
    assert skipped.ident == "fib/go_goroutines/n=1"


def test_a_summary_keeps_only_the_fields_it_has() -> None:
    partial = Summary.from_json({"n": 10, "median": 1.0, "ci_low": 0.5, "ci_high": 2.0, "ci_coverage": 0.98})
    assert partial.to_json() == {"n": 10, "median": 1.0, "ci_low": 0.5, "ci_high": 2.0, "ci_coverage": 0.98}
    assert parse_results({"not": "a list"}) == [] and parse_results([1, {"workload": "fib"}])[0].workload == "fib"


def test_the_summary_line_shows_the_figure_that_matters_for_its_workload() -> None:
    from dataclasses import replace

    from hooks.bench.__main__ import _line

    spawn = measured()
    assert _line(spawn).endswith("n=2: wall 0.200s median of 3")
    idle = (4000.0, 5000.0, 6000.0)
    summary = {"bytes_per_connection": summarize(idle)}
    connections = replace(spawn, workload="connections", unit="go_net_http", params={"connections": 1000},
                          samples={"bytes_per_connection": idle}, summary=summary)  # fmt: skip
    assert _line(connections).endswith("connections=1000: 5,000 B per idle connection median of 3")
    nothing = replace(connections, summary={})
    assert _line(nothing).endswith("measured, but no wall_seconds in every run")
