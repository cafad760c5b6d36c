# example.cores: 1
# example.match: ^waiting:   CPU [\d.]+ s / wall [\d.]+ s = [\d.]+ -> I/O-bound$
# example.match: ^computing: CPU [\d.]+ s / wall [\d.]+ s = [\d.]+ -> (CPU-bound|not classified: .+)$
# example.platform: linux
# Is a task CPU-bound or I/O-bound? Measure it: the CPU time it used divided
# by the wall time it took. Near 0 (here: under 0.1), it mostly waited (disk,
# network, a timer); near 1 (here: over 0.5), it computed the whole time, and
# only a faster core, or more of them, makes it faster. The build gives this
# program a core of its own, so other examples do not slow its computing; if
# programs outside the build took the core instead, it says so.
import os
import time

CPUS = sorted(os.sched_getaffinity(0))


def waiting() -> None:
    time.sleep(0.2)  # stands in for a network call or a disk read


def computing() -> None:
    sum(i * i for i in range(1_500_000))


def idle_seconds() -> float:
    """CPU time the cores this program may use spent idle, summed (Linux: /proc/stat)."""
    with open("/proc/stat") as stat:
        rows = {row.split()[0]: row.split()[1:] for row in stat if row.startswith("cpu")}
    return sum(int(rows[f"cpu{cpu}"][3]) + int(rows[f"cpu{cpu}"][4]) for cpu in CPUS) / os.sysconf("SC_CLK_TCK")


def kind(ratio: float, left: float) -> str:
    if ratio < 0.1:
        return "I/O-bound"
    if ratio > 0.5:
        return "CPU-bound"
    if left < 0.8:  # its CPU time plus the idle time of the cores: less than a core was free for it
        return f"not classified: other programs left it {left:.1f} of a core"
    return "partly waiting, partly computing"


for name, task in (("waiting", waiting), ("computing", computing)):
    wall, cpu, idle = time.perf_counter(), time.thread_time(), idle_seconds()
    task()
    wall, cpu, idle = time.perf_counter() - wall, time.thread_time() - cpu, idle_seconds() - idle
    ratio = cpu / wall
    label = f"{name}:"
    print(f"{label:<10} CPU {cpu:.2f} s / wall {wall:.2f} s = {ratio:.2f} -> {kind(ratio, (cpu + idle) / wall)}")
