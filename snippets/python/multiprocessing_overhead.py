# example.cores: all
# example.match: ^n \* n for 10000 numbers, plain loop:    [\d.]+ ms \(best of 3\)$
# example.match: ^n \* n for 10000 numbers, Pool\(4\)\.map:  [\d.]+ ms \(best of 3\)$
# example.match: ^the pool was slower for this tiny task: (True|False)$
# example.match: ^same results: True$
# example.match: ^lesson: (holds|contradicted: .+|inconclusive: .+)$
# example.platform: linux
# It asks for the whole machine (`example.cores: all`): anything running beside it,
# the build's own work included, would stretch one side of the comparison.
# The article's Pool example squares numbers. That is far too little work per
# item to pay for a pool: starting 4 processes, pickling every argument and
# result, and sending them through pipes costs more than the multiplications.
# A busy machine slows the pool's 4 processes more than the plain loop, so the
# program measures what was left to it (its CPU time and its children's, plus
# the time the cores stood idle, from /proc/stat); with less than most of a
# core, its last line says the comparison could not be made here. Each way
# runs three times and the fastest counts: a busy machine only adds time.
import os
import time
from multiprocessing import Pool

NUMBERS = range(10_000)
ROUNDS = 3
CPUS = sorted(os.sched_getaffinity(0))


def square(n: int) -> int:
    return n * n


def idle_seconds() -> float:
    """CPU time the cores this program may use spent idle, summed (Linux: /proc/stat)."""
    with open("/proc/stat") as stat:
        rows = {row.split()[0]: row.split()[1:] for row in stat if row.startswith("cpu")}
    return sum(int(rows[f"cpu{cpu}"][3]) + int(rows[f"cpu{cpu}"][4]) for cpu in CPUS) / os.sysconf("SC_CLK_TCK")


def plain_loop() -> list[int]:
    return [square(n) for n in NUMBERS]


def on_a_pool() -> list[int]:
    with Pool(4) as pool:
        return pool.map(square, NUMBERS)


if __name__ == "__main__":
    cpu, idle, wall = sum(os.times()[:4]), idle_seconds(), time.perf_counter()
    times: dict[str, list[float]] = {"loop": [], "pool": []}
    results: dict[str, list[int]] = {}
    for _ in range(ROUNDS):  # in turns, so a slow moment hits both ways alike
        for name, way in (("loop", plain_loop), ("pool", on_a_pool)):
            start = time.perf_counter()
            results[name] = way()
            times[name].append(time.perf_counter() - start)
    loop_time, pool_time = min(times["loop"]), min(times["pool"])
    # The pool's workers are reaped on leaving the `with`: their CPU time is counted in os.times().
    wall = time.perf_counter() - wall
    left = (sum(os.times()[:4]) - cpu + idle_seconds() - idle) / wall

    count = len(NUMBERS)
    print(f"n * n for {count} numbers, plain loop:    {loop_time * 1000:.1f} ms (best of {ROUNDS})")
    print(f"n * n for {count} numbers, Pool(4).map:  {pool_time * 1000:.1f} ms (best of {ROUNDS})")
    print(f"the pool was slower for this tiny task: {pool_time > loop_time}")
    print(f"same results: {results['loop'] == results['pool']}")
    if left < 0.75:
        print(f"lesson: inconclusive: other programs left this run {left:.1f} of a core")
    elif pool_time > loop_time:
        print("lesson: holds")
    else:
        print(f"lesson: contradicted: the pool took {pool_time / loop_time:.2f}x the loop's time, with a core free")
