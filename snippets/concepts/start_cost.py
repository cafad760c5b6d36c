# example.cores: all
# example.match: ^start method for processes: \w+$
# example.match: ^20 threads:   started and joined in [\d.]+ ms \(best of 5\)$
# example.match: ^20 processes: started and joined in [\d.]+ ms \(best of 5\)$
# example.match: ^a process costs more to start than a thread: (True|False)$
# example.match: ^lesson: (holds|contradicted: .+|inconclusive: .+)$
# example.platform: linux
# It asks for the whole machine (`example.cores: all`): anything running beside it,
# the build's own work included, would stretch one side of the comparison.
# Start and join 20 threads that do nothing, then 20 processes that do
# nothing. A thread is a new stack and a register set inside this process; a
# process is a new address space, a new interpreter state and (with spawn) a
# fresh interpreter. A busy machine slows the processes more than the threads
# (each new process must wait for a core of its own), so the comparison counts
# only where the program had at least most of a core: it measures what was
# left to it (its CPU time and its children's, plus the time the cores stood
# idle, from /proc/stat), and its last line says whether the lesson holds or
# could not be shown here.
import multiprocessing as mp
import os
import threading
import time

COUNT = 20
ROUNDS = 5  # the best of several rounds: a busy machine only ever adds time
CPUS = sorted(os.sched_getaffinity(0))


def nothing() -> None:
    pass


def idle_seconds() -> float:
    """CPU time the cores this program may use spent idle, summed (Linux: /proc/stat)."""
    with open("/proc/stat") as stat:
        rows = {row.split()[0]: row.split()[1:] for row in stat if row.startswith("cpu")}
    return sum(int(rows[f"cpu{cpu}"][3]) + int(rows[f"cpu{cpu}"][4]) for cpu in CPUS) / os.sysconf("SC_CLK_TCK")


def start_and_join(make) -> float:
    start = time.perf_counter()
    workers = [make(target=nothing) for _ in range(COUNT)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    return time.perf_counter() - start


if __name__ == "__main__":
    print(f"start method for processes: {mp.get_start_method()}")
    wall, cpu, idle = time.perf_counter(), sum(os.times()[:4]), idle_seconds()
    threads = min(start_and_join(threading.Thread) for _ in range(ROUNDS))
    processes = min(start_and_join(mp.Process) for _ in range(ROUNDS))
    wall, cpu, idle = time.perf_counter() - wall, sum(os.times()[:4]) - cpu, idle_seconds() - idle
    left = (cpu + idle) / wall  # cores: what it used (self and children) plus what nobody used
    print(f"{COUNT} threads:   started and joined in {threads * 1000:.1f} ms (best of {ROUNDS})")
    print(f"{COUNT} processes: started and joined in {processes * 1000:.1f} ms (best of {ROUNDS})")
    print(f"a process costs more to start than a thread: {processes > threads}")
    if left < 0.75:
        print(f"lesson: inconclusive: other programs left this run {left:.1f} of a core")
    elif processes > threads:
        print("lesson: holds")
    else:
        ratio = processes / threads
        print(f"lesson: contradicted: processes started in {ratio:.2f}x the time of threads, with a core free")
