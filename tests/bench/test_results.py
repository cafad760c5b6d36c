# Unit tests for hooks.bench.results.results: the results.json document and its schema.
from __future__ import annotations

import json

from hooks.bench.results.results import RESULTS_JSON, dumps, latest
from tests.bench.fixture import doc, result


def test_document_has_every_figure_with_samples_and_fingerprints() -> None:
    data = json.loads(dumps(doc()))
    assert RESULTS_JSON == "benchmarks/results.json"
    assert data["schema"] == 2 and data["mode"] == "quick" and data["publishable"]
    assert data["profile"]["runs"] == 10
    assert {"cpu_model", "cores", "memory_bytes", "kernel", "key", "steal_fraction"} <= set(data["machine"])
    assert data["toolchains"]["go"] == "go1.23"
    for r in data["results"]:
        assert {"workload", "unit", "program", "params", "status", "toolchain", "measured_at"} <= set(r)
        if r["status"] == "ok":
            for metric, samples in r["samples"].items():
                summary = r["summary"][metric]
                assert summary["n"] == len(samples)
                assert {"median", "ci_low", "ci_high", "ci_coverage", "q1", "q3", "iqr"} <= set(summary)
    assert data["derived"]["spawn_hold_memory"]["go_goroutines"]["bytes_per_unit"] > 0
    four = data["derived"]["fib_speedup"]["go_goroutines"]["4"]
    assert four["speedup"] == 2 and four["oversubscribed"] and not four["above_cores"]
    assert set(data["machine"]["limits"]) >= {"memory_bytes", "pid_max", "threads_max"}


def test_off_document_says_so() -> None:
    data = json.loads(dumps(doc("off")))
    assert data["results"] == [] and "CONCURRENCY_BENCH=off" in data["note"]


def test_latest_keeps_the_newest_per_case() -> None:
    old = {**result("fib", "go_goroutines", {"n": 1}), "measured_at": "2025"}
    new = {**result("fib", "go_goroutines", {"n": 1}), "measured_at": "2026"}
    assert latest([new, old]) == [new]
