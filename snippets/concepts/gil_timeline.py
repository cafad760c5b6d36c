# example.cores: 2
# example.shape: at most 1 of thread* busy at once
# example.shape: at least cores of process* busy at once for 50% of the time
# example.match: ^CPython \d+\.\d+\.\d+, GIL enabled: True, switch interval: [\d.]+ ms$
# example.match: ^cores: \d+ (reserved for this run|shared with the rest of the build)$
# example.match: ^2 threads:   [\d.]+ s wall, \d+ spans, at most \d running at once$
# example.match: ^2 processes: [\d.]+ s wall, \d+ spans, at most \d running at once$
# Two threads, then two processes, run the same CPU-bound loop. Each unit works in chunks of
# a few microseconds and reads the clock after each one: a pause longer than PAUSE between two
# readings means something else ran, so the unit's busy span ends there and a new one begins.
import os
import platform
import sys
import threading
import time
from concurrent.futures import ProcessPoolExecutor

import timeline  # records the timeline drawn below the output

CHUNKS = 50_000  # of CHUNK loop turns each
CHUNK = 40
PAUSE = 30_000  # ns: a longer gap between two chunks means the unit did not run in it


def count(name: str) -> list[tuple[int, int]]:
    """Pure-Python busy work; returns the spans (start, end in ns) in which this unit ran."""
    spans, start = [], time.monotonic_ns()
    last = start
    total = 0
    for _ in range(CHUNKS):
        for i in range(CHUNK):
            total += i % 7 == 0
        now = time.monotonic_ns()
        if now - last > PAUSE:  # paused: another unit held the GIL or the core
            spans.append((start, last))
            start = now
        last = now
    spans.append((start, last))
    for begin, end in spans:  # recorded after the work, so writing them does not disturb it
        timeline.start(name, "runs", at=begin)
        timeline.finish(name, "runs", at=end)
    return spans


def peak(spans: list[tuple[int, int]]) -> int:
    """The most spans running at the same moment (a span ending as another starts does not overlap it)."""
    edges = sorted([(s, 1) for s, _ in spans] + [(e, -1) for _, e in spans])
    level = most = 0
    for _, step in edges:
        level += step
        most = max(most, level)
    return most


def on_threads() -> list[list[tuple[int, int]]]:
    results: list[list[tuple[int, int]]] = [[], []]
    threads = [threading.Thread(target=lambda n=n: results.__setitem__(n, count(f"thread {n + 1}"))) for n in (0, 1)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def on_processes() -> list[list[tuple[int, int]]]:
    with ProcessPoolExecutor(2) as pool:
        return list(pool.map(count, ["process 1", "process 2"]))


if __name__ == "__main__":
    gil = sys._is_gil_enabled() if hasattr(sys, "_is_gil_enabled") else True
    interval = sys.getswitchinterval() * 1000
    print(f"CPython {platform.python_version()}, GIL enabled: {gil}, switch interval: {interval:g} ms")
    reserved = os.environ.get("CONCURRENCY_CORES")  # free cores the build set aside for this run, if it could
    cores = f"{reserved} reserved for this run" if reserved else f"{len(os.sched_getaffinity(0))} shared with the rest of the build"
    print(f"cores: {cores}")
    for label, run in (("2 threads:  ", on_threads), ("2 processes:", on_processes)):
        timeline.mark("main", label.strip(" :"))
        began = time.perf_counter()
        per_unit = run()
        wall = time.perf_counter() - began
        spans = [span for unit in per_unit for span in unit]
        print(f"{label} {wall:.2f} s wall, {len(spans)} spans, at most {peak(spans)} running at once")
