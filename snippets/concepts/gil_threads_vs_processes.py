# example.cores: 2
# example.match: ^CPython \d+\.\d+\.\d+, GIL enabled: True, switch interval: [\d.]+ ms$
# example.match: ^cores this run had to itself: \d+$
# example.match: ^one after another: [\d.]+ s wall, [\d.]+ s CPU \(best of 3\)$
# example.match: ^2 threads:         [\d.]+ s wall, [\d.]+ s CPU \(best of 3\)$
# example.match: ^2 processes:       [\d.]+ s wall, [\d.]+ s CPU \(best of 3\)$
# example.match: ^2 threads vs one after another:   [\d.]+x the speed$
# example.match: ^2 processes vs one after another: [\d.]+x the speed$
# example.match: ^threads never had more than one core busy: True$
# example.match: ^threads were no faster than one after another \(under 1\.2x\): True$
# example.match: ^processes were at least 1\.5x faster: (True|cannot show with 1 core)$
# example.match: ^same results every way: True$
# The same CPU-bound function, run twice: one call after the other, on two
# threads, and on a pool of two processes. CPU time / wall time says how many
# cores were busy on average; with the GIL, threads cannot push it above one.
# The build gives this program two cores to itself (CONCURRENCY_CORES says how
# many it got), so the processes have a free core each. Each way runs three
# times, in turns, and the fastest run counts: a busy machine only adds time.
import os
import platform
import sys
import time
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor

N = 3_000_000  # about 0.15 s of pure-Python work per call
ROUNDS = 3


def count_multiples_of_7(n: int) -> int:
    """Pure-Python busy work: no I/O, no C call that releases the GIL."""
    total = 0
    for i in range(n):
        total += i % 7 == 0
    return total


def measure(run) -> tuple[float, float, list[int]]:
    """Wall time and CPU time of this process and its finished children."""
    start_wall, start = time.perf_counter(), os.times()
    results = run()
    wall, end = time.perf_counter() - start_wall, os.times()
    cpu = sum(end[:4]) - sum(start[:4])  # user + system, self + children
    return wall, cpu, results


def sequential() -> list[int]:
    return [count_multiples_of_7(N), count_multiples_of_7(N)]


def on_threads() -> list[int]:
    with ThreadPoolExecutor(2) as pool:
        return list(pool.map(count_multiples_of_7, [N, N]))


def on_processes() -> list[int]:
    with ProcessPoolExecutor(2) as pool:
        return list(pool.map(count_multiples_of_7, [N, N]))


if __name__ == "__main__":
    cores = int(os.environ.get("CONCURRENCY_CORES") or len(os.sched_getaffinity(0)))
    gil = sys._is_gil_enabled() if hasattr(sys, "_is_gil_enabled") else True
    interval_ms = sys.getswitchinterval() * 1000
    version = platform.python_version()
    print(f"CPython {version}, GIL enabled: {gil}, switch interval: {interval_ms:g} ms")
    print(f"cores this run had to itself: {cores}")
    ways = {
        "one after another": sequential,
        "2 threads": on_threads,
        "2 processes": on_processes,
    }
    tries = {label: [measure(run) for _ in range(1)] for label, run in ways.items()}
    for _ in range(ROUNDS - 1):  # in turns, so a slow moment hits every way alike
        for label, run in ways.items():
            tries[label].append(measure(run))
    runs = {label: min(found, key=lambda t: t[0]) for label, found in tries.items()}
    for label, (wall, cpu, _) in runs.items():
        print(f"{label + ':':<18} {wall:.2f} s wall, {cpu:.2f} s CPU (best of {ROUNDS})")
    base = runs["one after another"][0]
    speed = {label: base / runs[label][0] for label in ("2 threads", "2 processes")}
    print(f"2 threads vs one after another:   {speed['2 threads']:.1f}x the speed")
    print(f"2 processes vs one after another: {speed['2 processes']:.1f}x the speed")
    wall, cpu, _ = runs["2 threads"]
    print(f"threads never had more than one core busy: {cpu / wall < 1.2}")
    # The point, checked: threads gain nothing; processes gain when each has a core.
    print(f"threads were no faster than one after another (under 1.2x): {speed['2 threads'] < 1.2}")
    if cores >= 2:
        print(f"processes were at least 1.5x faster: {speed['2 processes'] >= 1.5}")
    else:
        print(f"processes were at least 1.5x faster: cannot show with {cores} core")
    same = len({tuple(results) for _, _, results in runs.values()}) == 1
    print(f"same results every way: {same}")
