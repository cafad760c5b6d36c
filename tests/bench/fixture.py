# A small results document for page and verdict tests: made-up figures in the shape the harness produces.
from __future__ import annotations

from pathlib import Path
from typing import Any

from hooks.bench.measure.fingerprint import Machine
from hooks.bench.measure.profiles import QUICK
from hooks.bench.measure.record import CaseResult, parse_results
from hooks.bench.measure.stats import summarize
from hooks.bench.measure.workloads import WORKLOADS, warmups_for
from hooks.bench.results.results import results_document

MACHINE = Machine("Test CPU 3000", 2, 8 * 2**30, "6.1.0-test", "Linux x86_64")
RUNS = 10
LIMITS = {"memory_bytes": 8 * 2**30, "pid_max": 32768, "threads_max": 60000, "cgroup_pids_max": None}


def runs(center: float, spread: float = 0.02) -> list[float]:
    """RUNS samples around `center`, within +-spread (relative), in a scrambled order."""
    steps = [((i * 7) % RUNS) / (RUNS - 1) * 2 - 1 for i in range(RUNS)]
    return [center * (1 + spread * s) for s in steps]


def result(workload: str, unit: str, params: dict[str, int], **samples: list[float]) -> dict[str, Any]:
    """One successful case with the given samples per metric."""
    language = unit.split("_")[0]
    found: dict[str, Any] = {
        "workload": workload,
        "unit": unit,
        "program": f"benchmarks/{workload}/{unit}.x",
        "language": language,
        "params": params,
        "profile": "quick",
        "runs": RUNS,
        "warmups": warmups_for(workload, QUICK) if workload in WORKLOADS else 1,
        "toolchain": f"{language} 1.0",
        "build_seconds": 0.1,
        "measured_at": "2026-11-27T04:00:00+00:00",
        "measured_until": "2026-11-27T04:01:00+00:00",
        "status": "ok",
        "error": None,
        "cached": False,
        "samples": samples,
        "summary": {k: summarize(v).to_json() for k, v in samples.items()},
        "incomplete": [],
    }
    if workload == "http":
        found["load"] = {"connections": 32, "seconds": 1, "server_cpus": "0", "wrk_cpus": "1"}
    return found


def spawn(unit: str, n: int, per_unit: float, seconds: float, base: float = 10e6) -> dict[str, Any]:
    memory = runs(base + per_unit * n, 0.001)
    return result("spawn_hold", unit, {"n": n}, ready_pss_bytes=memory, peak_rss_bytes=memory,
                  inner_spawn_seconds=runs(seconds), spawn_seconds_per_unit=runs(seconds / n),
                  wall_seconds=runs(seconds + 0.1))  # fmt: skip


def fib_result(unit: str, n: int, workers: int, seconds: float) -> dict[str, Any]:
    return result("fib", unit, {"n": n, "workers": workers}, wall_seconds=runs(seconds + 0.01),
                  inner_seconds=runs(seconds), cpu_seconds=runs((seconds + 0.01) * min(workers, 2)))  # fmt: skip


def lateness(unit: str, neighbours: int, p99: float, spread: float = 0.02) -> dict[str, Any]:
    """A latency case: p50 a tenth of p99, p99.9 and max at twice it; 200 ticks; neighbours computing."""
    samples = {"lateness_p50_seconds": runs(p99 / 10, spread), "lateness_p99_seconds": runs(p99, spread),
               "lateness_p999_seconds": runs(2 * p99, spread), "lateness_max_seconds": runs(2 * p99, spread),
               "ticks": runs(200.0), "wall_seconds": runs(0.3)}  # fmt: skip
    if neighbours:
        samples["neighbour_calls_per_second"] = runs(1e8)
    return result("latency", unit, {"millis": 200, "neighbours": neighbours}, **samples)


def results() -> list[dict[str, Any]]:
    """Go goroutines at 2.5 KiB per unit up to 100,000; Python threads at 64 KiB with a superlinear start time;
    Python processes up to 40; C# tasks in two idioms; fib on 1, 2 and 4 workers; ping-pong, pipeline, http."""
    found = [spawn("go_goroutines", n, 2560, n * 2e-6) for n in (1000, 10000, 100000)]
    found += [spawn("python_threads", 500, 65536, 0.05), spawn("python_threads", 2000, 65536, 0.4)]
    found += [spawn("python_processes", n, 1.5 * 2**20, n * 1e-3) for n in (10, 40)]
    found += [spawn("csharp_tasks", n, 150, n * 4e-7) for n in (1000, 100000)]
    found += [spawn("csharp_task_run", n, 300, n * 8e-7) for n in (1000, 100000)]
    for w, t in ((1, 0.1), (2, 0.1), (4, 0.2)):
        found.append(fib_result("go_goroutines", 36, w, t))
    for w, t in ((1, 0.1), (2, 0.2), (4, 0.4)):
        found.append(fib_result("python_threads", 30, w, t))
    for w, t in ((1, 0.1), (2, 0.105), (4, 0.21)):
        found.append(fib_result("python_processes", 30, w, t))
    found.append(result("ping_pong", "go_channels", {"rounds": 5000}, round_trip_seconds=runs(5e-7)))
    found.append(result("ping_pong", "python_threads", {"rounds": 5000}, round_trip_seconds=runs(20e-6)))
    found.append(result("pipeline", "go_channels", {"messages": 10000, "stages": 4}, messages_per_second=runs(1.1e6)))
    found.append(result("http", "go_net_http", {}, requests_per_second=runs(41000.0),
                        latency_p99_seconds=runs(0.002), peak_rss_bytes=runs(20e6)))  # fmt: skip
    found += [lateness("go_goroutines", 0, 1e-4), lateness("go_goroutines", 2, 0.03, 0.1)]
    found += [lateness("python_asyncio", 0, 1e-4), lateness("python_asyncio", 2, 0.031, 0.1)]
    found += [lateness("csharp_tasks", 0, 2e-3), lateness("csharp_tasks", 2, 0.4)]
    failed = result("http", "python_asyncio", {})
    failed.update(status="failed", error="timed out after 120s")
    del failed["samples"], failed["summary"]
    return [*found, failed]


def records() -> list[CaseResult]:
    """`results()` as the records pages and verdicts read (hooks/bench/measure/record.py)."""
    return parse_results(results())


def doc(mode: str = "quick", cores: int = 2) -> dict[str, Any]:
    """The whole results document over `results()`, on a machine with `cores` cores."""
    machine = Machine(MACHINE.cpu_model, cores, MACHINE.memory_bytes, MACHINE.kernel, MACHINE.system)
    if mode == "off":
        return results_document("off", None, machine, {}, [], [], None, 0)
    made = results_document(mode, QUICK, machine, {"go": "go1.23", "python": "3.11"}, records(), [], 0.01, 10)
    made["machine"]["limits"] = dict(LIMITS)
    return made


def write_program(directory: Path, workload: str, name: str, body: str) -> Path:
    """A benchmark program file under directory/benchmarks/<workload>/."""
    path = directory / "benchmarks" / workload / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(body, encoding="utf-8")
    return path
