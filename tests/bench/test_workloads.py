# Unit tests for hooks.bench.measure.workloads: one record per workload (sizes, correctness check, derived figures).
from __future__ import annotations

from pathlib import Path

from hooks.bench.measure.profiles import FULL, PROFILES, QUICK
from hooks.bench.measure.workloads import WORKLOADS, cases, fib, warmups_for


def test_every_profile_publishes_at_least_ten_runs() -> None:
    assert all(profile.publishable and profile.runs >= 10 for profile in PROFILES.values())


def test_fib_sizes_per_language_and_workers_per_core() -> None:
    params = WORKLOADS["fib"].params
    assert params("python_threads", QUICK, 2, False) == [{"n": 30, "workers": w} for w in (1, 2, 4)]
    assert params("go_goroutines", QUICK, 4, False) == [{"n": 36, "workers": w} for w in (1, 4, 8)]


def test_spawn_sizes_by_class_and_the_million() -> None:
    params = WORKLOADS["spawn_hold"].params
    assert params("csharp_task_run", QUICK, 2, True) == params("csharp_tasks", QUICK, 2, True)
    assert params("python_threads", QUICK, 2, False) == [{"n": 300}, {"n": 1000}]  # 10,000 is within 10x
    assert {"n": 1_000_000} in params("go_goroutines", FULL, 2, True)
    assert {"n": 1_000_000} not in params("go_goroutines", QUICK, 2, True)


def test_checks_and_derived_figures() -> None:
    assert WORKLOADS["fib"].check({"n": 10}, {"result": fib(10)}) is None
    assert "should be 55" in (WORKLOADS["fib"].check({"n": 10}, {"result": 54}) or "")
    assert WORKLOADS["ping_pong"].check({"rounds": 5}, {"value": 10}) is None
    assert WORKLOADS["ping_pong"].check({"rounds": 5}, {"value": 9})
    assert WORKLOADS["pipeline"].check({"messages": 3, "stages": 2}, {"sum": 6 + 6}) is None
    assert WORKLOADS["ping_pong"].derive({"rounds": 4}, {"seconds": 2.0}) == {"round_trip_seconds": 0.5}
    assert WORKLOADS["spawn_hold"].derive({"n": 4}, {"spawn_seconds": 2.0}) == {"spawn_seconds_per_unit": 0.5}


def test_http_warms_up_inside_each_run_and_unknown_folders_are_ignored(tmp_path: Path) -> None:
    assert warmups_for("http", QUICK) == warmups_for("fib", QUICK) == 0  # both warm up inside each run
    assert warmups_for("spawn_hold", QUICK) == QUICK.warmups
    assert cases([tmp_path / "benchmarks" / "other" / "x.py"], QUICK, 2) == []
