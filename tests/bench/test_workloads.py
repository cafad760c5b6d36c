# Unit tests for hooks.bench.measure.workloads: one record per workload (sizes, correctness check, derived figures).
from __future__ import annotations

from pathlib import Path

import pytest

from hooks.bench.measure.profiles import FULL, PROFILES, QUICK
from hooks.bench.measure.units import UNITS
from hooks.bench.measure.workloads import WORKLOADS, cases, fib, percentile, warmups_for


def test_every_profile_publishes_at_least_ten_runs() -> None:
    assert all(profile.publishable and profile.runs >= 10 for profile in PROFILES.values())


def test_fib_sizes_per_language_and_workers_per_core() -> None:
    params = WORKLOADS["fib"].params
    assert params("python_threads", QUICK, 2) == [{"n": 30, "workers": w} for w in (1, 2, 4)]
    assert params("go_goroutines", QUICK, 4) == [{"n": 36, "workers": w} for w in (1, 4, 8)]


def test_spawn_sizes_by_class_and_the_million() -> None:
    params = WORKLOADS["spawn_hold"].params
    assert params("csharp_task_run", QUICK, 2) == params("csharp_tasks", QUICK, 2)
    assert params("python_threads", QUICK, 2) == [{"n": n} for n in (100, 300, 600, 1000)]  # four sizes: residuals
    assert all(len(params(unit, QUICK, 2)) >= 4 for unit in UNITS)
    for unit in ("go_goroutines", "elixir_processes", "csharp_tasks", "python_asyncio"):  # the article's scale
        assert {"n": 1_000_000} in params(unit, FULL, 2) and {"n": 1_000_000} not in params(unit, QUICK, 2)
    assert max(n["n"] for n in params("python_processes_spawn", FULL, 2)) <= 16  # a fresh interpreter each


def test_python_processes_run_as_two_labelled_units_fork_and_spawn(tmp_path: Path) -> None:
    program = tmp_path / "spawn_hold" / "python_processes.py"
    program.parent.mkdir()
    program.write_text("")
    found = cases([program], QUICK, 2)
    fork = [c for c in found if c.unit == "python_processes"]
    spawn = [c for c in found if c.unit == "python_processes_spawn"]
    assert fork[0].args == (("start_method", "fork"),) and spawn[0].args == (("start_method", "spawn"),)
    assert [c.label for c in cases([program], QUICK, 2, "spawn_hold/python_processes_spawn")] == [
        f"spawn_hold/python_processes_spawn n={n}" for n in (1, 2, 4, 8)]  # fmt: skip


def test_connections_run_the_http_servers_at_a_thousand_and_ten_thousand(tmp_path: Path) -> None:
    server = tmp_path / "http" / "go_net_http.go"
    server.parent.mkdir()
    server.write_text("")
    found = cases([server], FULL, 2)
    assert {c.workload for c in found} == {"http", "connections"}
    assert [dict(c.params)["connections"] for c in found if c.workload == "connections"] == [1_000, 10_000]
    reduce, check = WORKLOADS["connections"].reduce, WORKLOADS["connections"].check
    got = reduce({"connections": 2}, {"opened": 2, "errors": 0, "latency_us": [3000, 1000, 2000, 4000]})
    assert got["latency_p50_seconds"] == 0.002 and got["latency_max_seconds"] == 0.004 and got["requests"] == 4
    assert check({"connections": 2}, got) is None
    assert "2 connections asked, 1 held open" in (check({"connections": 2}, {**got, "opened": 1}) or "")
    assert "3 requests failed" in (check({"connections": 2}, {**got, "errors": 3}) or "")


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


def test_latency_neighbours_per_core_and_figures_from_the_lateness_list() -> None:
    latency = WORKLOADS["latency"]
    assert latency.params("go_goroutines", QUICK, 2) == [{"neighbours": 0, "millis": 150},
                                                              {"neighbours": 2, "millis": 150}]  # fmt: skip
    assert [p["neighbours"] for p in latency.params("go_goroutines", FULL, 4)] == [0, 4, 16]
    assert not latency.warmup_runs  # each program ticks alone before its neighbours start
    assert percentile([1.0, 2.0, 3.0, 4.0], 0.5) == 2.0 and percentile([1.0, 2.0, 3.0, 4.0], 0.99) == 4.0
    found = latency.reduce({"neighbours": 1}, {"lateness_us": [300, 100, 200, 10_000], "chunks": 4, "chunk_n": 2,
                                               "seconds": 2.0})  # fmt: skip
    assert found["lateness_p50_seconds"] == pytest.approx(200e-6)
    assert found["lateness_max_seconds"] == found["lateness_p999_seconds"] == pytest.approx(0.01)
    assert found["ticks"] == 4 and found["neighbour_calls_per_second"] == 4 * 3 / 2.0  # fib(2) makes 3 calls
    assert latency.check({"neighbours": 1}, {"ticks": 4, "chunks": 0}) == "1 neighbours computed nothing"
    assert latency.check({"neighbours": 0}, {**found, "chunks": 0}) is None
    assert latency.reduce({"neighbours": 0}, {"lateness_us": []}) == {"ticks": 0.0}
    assert latency.check({"neighbours": 0}, {"ticks": 0.0}) == "the ticker never woke up"


def test_message_passing_sizes_per_unit_measure_at_least_100_ms() -> None:
    assert WORKLOADS["ping_pong"].params("go_channels", QUICK, 2) == [{"rounds": QUICK.rounds["default"]}]
    assert WORKLOADS["pipeline"].params("python_threads", QUICK, 2)[0]["messages"] == 15_000
    # the smallest known cost per round trip / message on a 2-core machine, times the size: >= 100 ms
    assert QUICK.rounds_for("go_channels") * 0.34e-6 >= 0.1 and QUICK.rounds_for("python_threads") * 45e-6 >= 0.1
    assert QUICK.messages_for("go_channels") * 0.2e-6 >= 0.1 and QUICK.messages_for("python_asyncio") * 3.7e-6 >= 0.1
    assert all(FULL.rounds_for(u) > QUICK.rounds_for(u) for u in ("go_channels", "python_threads"))
