# example.cores: 1
# example.match: ^n \* n for 10000 numbers, plain loop:    [\d.]+ ms$
# example.match: ^n \* n for 10000 numbers, Pool\(4\)\.map:  [\d.]+ ms$
# example.match: ^the pool was slower for this tiny task: (True|False)$
# example.match: ^same results: True$
# example.match: ^lesson: (holds|contradicted: .+|inconclusive: .+)$
# example.platform: linux
# The article's Pool example squares numbers. That is far too little work per
# item to pay for a pool: starting 4 processes, pickling every argument and
# result, and sending them through pipes costs more than the multiplications.
# A busy machine slows the pool's 4 processes more than the plain loop, so the
# program measures what was left to it (its CPU time and its children's, plus
# the time the cores stood idle, from /proc/stat); with less than most of a
# core, its last line says the comparison could not be made here.
import os
import time
from multiprocessing import Pool

NUMBERS = range(10_000)
CPUS = sorted(os.sched_getaffinity(0))


def square(n: int) -> int:
    return n * n


def idle_seconds() -> float:
    """CPU time the cores this program may use spent idle, summed (Linux: /proc/stat)."""
    with open("/proc/stat") as stat:
        rows = {row.split()[0]: row.split()[1:] for row in stat if row.startswith("cpu")}
    return sum(int(rows[f"cpu{cpu}"][3]) + int(rows[f"cpu{cpu}"][4]) for cpu in CPUS) / os.sysconf("SC_CLK_TCK")


if __name__ == "__main__":
    cpu, idle = sum(os.times()[:4]), idle_seconds()
    start = time.perf_counter()
    plain = [square(n) for n in NUMBERS]
    loop_time = time.perf_counter() - start

    start = time.perf_counter()
    with Pool(4) as pool:
        pooled = pool.map(square, NUMBERS)
    pool_time = time.perf_counter() - start
    # The pool's workers are reaped on leaving the `with`: their CPU time is counted in os.times().
    left = (sum(os.times()[:4]) - cpu + idle_seconds() - idle) / (loop_time + pool_time)

    count = len(NUMBERS)
    print(f"n * n for {count} numbers, plain loop:    {loop_time * 1000:.1f} ms")
    print(f"n * n for {count} numbers, Pool(4).map:  {pool_time * 1000:.1f} ms")
    print(f"the pool was slower for this tiny task: {pool_time > loop_time}")
    print(f"same results: {plain == pooled}")
    if left < 0.75:
        print(f"lesson: inconclusive: other programs left this run {left:.1f} of a core")
    elif pool_time > loop_time:
        print("lesson: holds")
    else:
        print(f"lesson: contradicted: the pool took {pool_time / loop_time:.2f}x the loop's time, with a core free")
