# A small results document for page and chart tests: made-up figures in the shape the harness produces.
from __future__ import annotations

from pathlib import Path
from typing import Any

from hooks.bench.fingerprint import Machine
from hooks.bench.profiles import QUICK
from hooks.bench.results import document
from hooks.bench.stats import summarize

MACHINE = Machine("Test CPU 3000", 2, 8 * 2**30, "6.1.0-test", "Linux x86_64")


def result(workload: str, unit: str, params: dict[str, int], **samples: list[float]) -> dict[str, Any]:
    """One successful case with the given samples per metric."""
    language = unit.split("_")[0]
    return {
        "workload": workload,
        "unit": unit,
        "program": f"benchmarks/{workload}/{unit}.x",
        "language": language,
        "params": params,
        "profile": "quick",
        "runs": 3,
        "warmups": 1,
        "toolchain": f"{language} 1.0",
        "build_seconds": 0.1,
        "measured_at": "2026-11-27T04:00:00+00:00",
        "status": "ok",
        "error": None,
        "cached": False,
        "samples": samples,
        "summary": {k: summarize(v) for k, v in samples.items()},
    }


def spawn(unit: str, n: int, per_unit: float, base: float = 10e6) -> dict[str, Any]:
    memory = [base + per_unit * n + d for d in (-1000.0, 0.0, 1000.0)]
    return result("spawn_hold", unit, {"n": n}, ready_pss_bytes=memory, peak_rss_bytes=memory,
                  inner_spawn_seconds=[n * 1e-6] * 3, spawn_seconds_per_unit=[1e-6] * 3,
                  wall_seconds=[0.5, 0.6, 0.7])  # fmt: skip


def results() -> list[dict[str, Any]]:
    """Go goroutines at 2.5 KiB per unit, Python threads at 64 KiB, fib, ping-pong, pipeline, http."""
    found = [spawn("go_goroutines", n, 2560) for n in (1000, 10000, 100000)]
    found += [spawn("python_threads", n, 65536) for n in (1000, 10000)]
    for w, t in ((1, 0.1), (2, 0.1), (4, 0.2)):
        found.append(result("fib", "go_goroutines", {"n": 30, "workers": w}, wall_seconds=[t + 0.01] * 3,
                            inner_seconds=[t] * 3, cpu_seconds=[t * w] * 3, result=[832040.0] * 3))  # fmt: skip
        found.append(result("fib", "python_threads", {"n": 30, "workers": w}, wall_seconds=[w * 0.5] * 3,
                            inner_seconds=[w * 0.5] * 3, cpu_seconds=[w * 0.5] * 3))  # fmt: skip
    found.append(result("ping_pong", "go_channels", {"rounds": 10000}, round_trip_seconds=[4e-7, 5e-7, 6e-7]))
    found.append(result("pipeline", "go_channels", {"messages": 10000, "stages": 4},
                        messages_per_second=[1e6, 1.1e6, 1.2e6]))  # fmt: skip
    found.append(result("http", "go_net_http", {}, requests_per_second=[40000.0, 41000.0, 42000.0],
                        latency_p99_seconds=[0.002] * 3, peak_rss_bytes=[20e6] * 3))  # fmt: skip
    failed = result("http", "python_asyncio", {})
    failed.update(status="failed", error="timed out after 120s")
    del failed["samples"], failed["summary"]
    return [*found, failed]


def doc(mode: str = "quick") -> dict[str, Any]:
    """The whole results document over `results()`."""
    if mode == "off":
        return document("off", None, MACHINE, {}, [], [], None, 0)
    return document(mode, QUICK, MACHINE, {"go": "go1.23", "python": "3.11"}, results(), [], 0.01, 10)


def write_program(directory: Path, workload: str, name: str, body: str) -> Path:
    """A benchmark program file under directory/benchmarks/<workload>/."""
    path = directory / "benchmarks" / workload / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(body, encoding="utf-8")
    return path
