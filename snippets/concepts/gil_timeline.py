# example.cores: 2
# example.shape: at most 1 of thread* busy at once
# example.shape: at least cores of process* busy at once for 50% of the time
# example.match: ^CPython \d+\.\d+\.\d+, GIL enabled: True, switch interval: [\d.]+ ms$
# example.match: ^cores: \d+ (reserved for this run|shared with the rest of the build)$
# example.match: ^2 threads:   \d+ spans, at most \d running at once, both running \d+% of the time, [\d,]+ chunks done$
# example.match: ^2 processes: \d+ spans, at most \d running at once, both running \d+% of the time, [\d,]+ chunks done$
# example.platform: linux
# Two threads, then two processes, run the same CPU-bound loop for the same WINDOW of time. Each
# unit works in chunks of a few microseconds and reads the clock after each one: a pause longer
# than PAUSE between two readings means something else ran, so the unit's busy span ends there and
# a new one begins. Both units begin and stop at the same instants, so the figure compares running,
# not starting up or running at different speeds. Threads then processes run ROUNDS times, and the
# round whose processes overlapped most is drawn: other programs on the machine can only take cores
# away, so that is the round they disturbed least.
import os
import platform
import sys
import threading
import time
from concurrent.futures import ProcessPoolExecutor

import timeline  # records the timeline drawn below the output

WINDOW = 150_000_000  # ns that each unit works for
CHUNK = 40  # loop turns between two clock readings
PAUSE = 30_000  # ns: a longer gap between two readings means the unit did not run in it
ROUNDS = 3
HEAD_START = 50_000_000  # ns for both units of a run to be ready before they begin together

Spans = list[tuple[int, int]]


def work(begin_at: int) -> tuple[Spans, int]:
    """Pure-Python busy work from `begin_at` (a time.monotonic_ns() reading: one clock for every
    process) for WINDOW ns; the spans (start, end in ns) in which this unit ran, and its chunks done."""
    time.sleep(max(0, begin_at - time.monotonic_ns()) / 1e9)
    while time.monotonic_ns() < begin_at:  # the last few microseconds, so that both begin together
        pass
    spans, chunks, total = [], 0, 0
    start = last = time.monotonic_ns()
    while last < begin_at + WINDOW:
        for i in range(CHUNK):
            total += i % 7 == 0
        chunks += 1
        now = time.monotonic_ns()
        if now - last > PAUSE:  # paused: another unit held the GIL or the core
            spans.append((start, last))
            start = now
        last = now
    spans.append((start, last))
    return spans, chunks


def overlap(spans: Spans) -> tuple[int, float]:
    """The most spans running at the same moment (a span ending as another starts does not overlap
    it), and the share of the time any ran in which two or more ran."""
    edges = sorted([(s, 1) for s, _ in spans] + [(e, -1) for _, e in spans])
    level = most = busy = both = 0
    for (at, step), (following, _) in zip(edges, edges[1:] + edges[-1:], strict=True):
        level += step
        most = max(most, level)
        busy += (following - at) * (level >= 1)
        both += (following - at) * (level >= 2)
    return most, both / busy if busy else 0.0


def on_threads() -> list[tuple[Spans, int]]:
    begin_at = time.monotonic_ns() + HEAD_START
    results: list[tuple[Spans, int]] = [([], 0), ([], 0)]
    threads = [threading.Thread(target=lambda n=n: results.__setitem__(n, work(begin_at))) for n in (0, 1)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def on_processes() -> list[tuple[Spans, int]]:
    with ProcessPoolExecutor(2) as pool:
        begin_at = time.monotonic_ns() + HEAD_START
        return list(pool.map(work, [begin_at, begin_at]))


def report(label: str, unit: str, results: list[tuple[Spans, int]]) -> None:
    """One line of output, and the spans on the timeline: written after the work, so that writing
    them did not disturb it."""
    spans = [span for unit_spans, _ in results for span in unit_spans]
    most, share = overlap(spans)
    chunks = sum(done for _, done in results)
    timeline.mark("main", label, at=min(begin for begin, _ in spans))
    for n, (unit_spans, _) in enumerate(results, start=1):
        for begin, end in unit_spans:
            timeline.start(f"{unit} {n}", "runs", at=begin)
            timeline.finish(f"{unit} {n}", "runs", at=end)
    print(
        f"{label + ':':<12} {len(spans)} spans, at most {most} running at once, "
        f"both running {share:.0%} of the time, {chunks:,} chunks done"
    )


if __name__ == "__main__":
    gil = sys._is_gil_enabled() if hasattr(sys, "_is_gil_enabled") else True
    interval = sys.getswitchinterval() * 1000
    print(f"CPython {platform.python_version()}, GIL enabled: {gil}, switch interval: {interval:g} ms")
    reserved = os.environ.get("CONCURRENCY_CORES")  # free cores the build set aside for this run, if any
    shared = f"{len(os.sched_getaffinity(0))} shared with the rest of the build"
    print(f"cores: {reserved} reserved for this run" if reserved else f"cores: {shared}")
    rounds = [(on_threads(), on_processes()) for _ in range(ROUNDS)]
    threads, processes = max(rounds, key=lambda r: overlap([s for spans, _ in r[1] for s in spans])[1])
    report("2 threads", "thread", threads)
    report("2 processes", "process", processes)
