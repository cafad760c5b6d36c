# example.cores: 2
# example.match: ^CPython \d+\.\d+\.\d+, GIL enabled: True, switch interval: [\d.]+ ms$
# example.match: ^cores this run had to itself: \d+$
# example.match: ^one after another: [\d.]+ s wall, [\d.]+ s CPU \(best of \d+\)$
# example.match: ^2 threads:         [\d.]+ s wall, [\d.]+ s CPU \(best of \d+\)$
# example.match: ^2 processes:       [\d.]+ s wall, [\d.]+ s CPU \(best of \d+\)$
# example.match: ^2 threads vs one after another:   [\d.]+x the speed$
# example.match: ^2 processes vs one after another: [\d.]+x the speed$
# example.match: ^threads never had more than one core busy: (True|False)$
# example.match: ^the runs had the machine to themselves: (True|False, .+)$
# example.match: ^threads were no faster than one after another \(under 1\.25x\): (True|False)$
# example.match: ^processes kept at least 1\.5 cores busy and were over 1\.25x faster: (True|False)$
# example.match: ^same results every way: True$
# example.match: ^lesson: (holds|contradicted: .+|inconclusive: .+)$
# example.platform: linux
# The same CPU-bound function, run twice: one call after the other, on two
# threads, and on a pool of two processes. CPU time / wall time says how many
# cores were busy on average; with the GIL, threads cannot push it above one.
# The build gives this program two cores to itself (CONCURRENCY_CORES says how
# many it got), so the processes have a free core each. Each way runs five
# times, in turns, and the fastest run counts: a busy machine only adds time.
# The build cannot stop programs outside it from using the cores, so the
# program also measures how much of them was left to it, and whether they ran
# at the same speed throughout; when not, its last line says the lesson is
# inconclusive here instead of holding or being contradicted (CONTRIBUTING.md,
# "Timing lessons": the build reads that line).
import os
import platform
import sys
import time
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor

N = 3_000_000  # about 0.15 s of pure-Python work per call
ROUNDS = 5
CPUS = sorted(os.sched_getaffinity(0))
TICKS = os.sysconf("SC_CLK_TCK")


def count_multiples_of_7(n: int) -> int:
    """Pure-Python busy work: no I/O, no C call that releases the GIL."""
    total = 0
    for i in range(n):
        total += i % 7 == 0
    return total


def idle_seconds() -> float:
    """CPU time the cores this program may use spent idle, summed (Linux: /proc/stat)."""
    with open("/proc/stat") as stat:
        rows = {row.split()[0]: row.split()[1:] for row in stat if row.startswith("cpu")}
    return sum(int(rows[f"cpu{cpu}"][3]) + int(rows[f"cpu{cpu}"][4]) for cpu in CPUS) / TICKS


def measure(run) -> tuple[float, float, float, list[int]]:
    """Wall time, CPU time of this process and its finished children, and the cores left to it."""
    start_wall, start, idle = time.perf_counter(), os.times(), idle_seconds()
    results = run()
    wall, end, idle = time.perf_counter() - start_wall, os.times(), idle_seconds() - idle
    cpu = sum(end[:4]) - sum(start[:4])  # user + system, self + children
    return wall, cpu, (cpu + idle) / wall, results  # cores it used + cores nobody used


def sequential() -> list[int]:
    return [count_multiples_of_7(N), count_multiples_of_7(N)]


def on_threads() -> list[int]:
    with ThreadPoolExecutor(2) as pool:
        return list(pool.map(count_multiples_of_7, [N, N]))


def on_processes() -> list[int]:
    with ProcessPoolExecutor(2) as pool:
        return list(pool.map(count_multiples_of_7, [N, N]))


if __name__ == "__main__":
    cores = int(os.environ.get("CONCURRENCY_CORES") or len(CPUS))
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
    tries = {label: [] for label in ways}
    for _ in range(ROUNDS):  # in turns, so a slow moment hits every way alike
        for label, run in ways.items():
            tries[label].append(measure(run))
    runs = {label: min(found, key=lambda t: t[0]) for label, found in tries.items()}
    for label, (wall, cpu, _, _) in runs.items():
        print(f"{label + ':':<18} {wall:.2f} s wall, {cpu:.2f} s CPU (best of {ROUNDS})")
    base = runs["one after another"][0]
    speed = {label: base / runs[label][0] for label in ("2 threads", "2 processes")}
    print(f"2 threads vs one after another:   {speed['2 threads']:.1f}x the speed")
    print(f"2 processes vs one after another: {speed['2 processes']:.1f}x the speed")
    wall, cpu, _, _ = runs["2 threads"]
    one_core = cpu / wall < 1.2
    print(f"threads never had more than one core busy: {one_core}")
    # The comparison is fair only if every run had the same machine: its cores free (the cores these
    # runs used plus those left idle) and running at the same speed (the same work, the same CPU time).
    # Speed is compared between the ways whose calls run undisturbed by each other: one after another
    # and the processes. Threads are left out: handing the GIL back and forth costs CPU time of its own.
    left = min(free for _, _, free, _ in runs.values())
    alone = [runs[label][1] for label in ("one after another", "2 processes")]
    spread = max(alone) / min(alone)
    undisturbed = True
    if left < 0.8 * len(CPUS):
        undisturbed = f"False, other programs left it {left:.1f} of {len(CPUS)} cores"
    elif spread > 1.2:
        undisturbed = f"False, the same work took {spread - 1:.0%} more CPU time in one run: the cores ran slower"
    print(f"the runs had the machine to themselves: {undisturbed}")
    # The point, checked: threads gain nothing; processes run on two cores at once, and so gain more than
    # threads ever can. 1.25x lies halfway between no gain (1x) and what two cores give with the
    # workers' start-up and a host that slows its cores a little while both are busy (about 1.5x).
    threads = speed["2 threads"] < 1.25
    print(f"threads were no faster than one after another (under 1.25x): {threads}")
    wall, cpu, _, _ = runs["2 processes"]
    processes = cpu / wall >= 1.5 and speed["2 processes"] > 1.25
    print(f"processes kept at least 1.5 cores busy and were over 1.25x faster: {processes}")
    same = len({tuple(results) for *_, results in runs.values()}) == 1
    print(f"same results every way: {same}")
    # The verdict, for the reader and the build: the machine decides whether the lesson could be shown.
    # Other programs can only take cores away, never make GIL-bound threads keep more than one busy: that
    # contradicts the lesson on any machine.
    if not one_core:
        busy = runs["2 threads"][1] / runs["2 threads"][0]
        print(f"lesson: contradicted: 2 threads kept {busy:.2f} cores busy, so they ran Python in parallel")
    elif cores < 2:
        print(f"lesson: inconclusive: this run had {cores} core, and two processes need two to run at once")
    elif undisturbed is not True:
        print(f"lesson: inconclusive: the runs did not have the machine to themselves ({undisturbed[7:]})")
    elif threads and processes:
        print("lesson: holds")
    else:
        wrong = [] if threads else [f"2 threads ran {speed['2 threads']:.2f}x the speed of one after another"]
        wrong += [] if processes else [f"2 processes kept {cpu / wall:.2f} cores busy, {speed['2 processes']:.2f}x"]
        print(f"lesson: contradicted: {'; '.join(wrong)}")
