# example.match: ^CPython \d+\.\d+\.\d+, GIL enabled: True, switch interval: [\d.]+ ms$
# example.match: ^one after another: [\d.]+ s wall, [\d.]+ s CPU$
# example.match: ^2 threads:         [\d.]+ s wall, [\d.]+ s CPU$
# example.match: ^2 processes:       [\d.]+ s wall, [\d.]+ s CPU$
# example.match: ^2 threads vs one after another: [\d.]+x the speed$
# example.match: ^2 processes vs one after another: [\d.]+x the speed$
# example.match: ^threads never had more than one core busy: True$
# example.match: ^same results every way: True$
# The same CPU-bound function, run twice: one call after the other, on two
# threads, and on a pool of two processes. CPU time / wall time says how many
# cores were busy on average; with the GIL, threads cannot push it above one.
import os
import platform
import sys
import time
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor

N = 2_000_000


def count_primes_ish(n: int) -> int:
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
    return [count_primes_ish(N), count_primes_ish(N)]


def on_threads() -> list[int]:
    with ThreadPoolExecutor(2) as pool:
        return list(pool.map(count_primes_ish, [N, N]))


def on_processes() -> list[int]:
    with ProcessPoolExecutor(2) as pool:
        return list(pool.map(count_primes_ish, [N, N]))


if __name__ == "__main__":
    gil = sys._is_gil_enabled() if hasattr(sys, "_is_gil_enabled") else True
    interval_ms = sys.getswitchinterval() * 1000
    version = platform.python_version()
    print(f"CPython {version}, GIL enabled: {gil}, switch interval: {interval_ms:g} ms")
    runs = {}
    ways = {
        "one after another": sequential,
        "2 threads": on_threads,
        "2 processes": on_processes,
    }
    for label, run in ways.items():
        runs[label] = measure(run)
        wall, cpu, _ = runs[label]
        print(f"{label + ':':<18} {wall:.2f} s wall, {cpu:.2f} s CPU")
    base = runs["one after another"][0]
    for label in ("2 threads", "2 processes"):
        speed = base / runs[label][0]
        print(f"{label} vs one after another: {speed:.1f}x the speed")
    wall, cpu, _ = runs["2 threads"]
    print(f"threads never had more than one core busy: {cpu / wall < 1.2}")
    same = len({tuple(results) for _, _, results in runs.values()}) == 1
    print(f"same results every way: {same}")
