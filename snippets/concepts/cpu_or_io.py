# example.cores: 1
# example.match: ^waiting:   CPU [\d.]+ s / wall [\d.]+ s = [\d.]+ -> .+$
# example.match: ^computing: CPU [\d.]+ s / wall [\d.]+ s = [\d.]+ -> .+$
# example.match: ^lesson: (holds|contradicted: .+|inconclusive: .+)$
# example.platform: linux
# Is a task CPU-bound or I/O-bound? Measure it: the CPU time it used divided
# by the wall time it took. Near 0 (here: under 0.1), it mostly waited (disk,
# network, a timer); near 1 (here: over 0.5), it computed the whole time, and
# only a faster core, or more of them, makes it faster. The build gives this
# program a core of its own, but programs outside the build can still take
# it: the program also measures how much of a core was left to it (its CPU
# time plus the time the cores stood idle, from /proc/stat), and its last
# line says whether the lesson holds, or could not be shown here
# (CONTRIBUTING.md, "Timing lessons").
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
    if left < 0.75:  # its CPU time plus the idle time of the cores: less than a core was free for it
        return f"not classified: other programs left it {left:.1f} of a core"
    return "partly waiting, partly computing"


measured = {}
for name, task in (("waiting", waiting), ("computing", computing)):
    wall, cpu, idle = time.perf_counter(), time.thread_time(), idle_seconds()
    task()
    wall, cpu, idle = time.perf_counter() - wall, time.thread_time() - cpu, idle_seconds() - idle
    ratio, left = cpu / wall, (cpu + idle) / wall
    measured[name] = ratio, left
    label = f"{name}:"
    print(f"{label:<10} CPU {cpu:.2f} s / wall {wall:.2f} s = {ratio:.2f} -> {kind(ratio, left)}")

# Other programs can only lower the computing task's ratio (it waits for a core), never raise the waiting
# one's: a run that classifies both rightly shows the lesson, busy machine or not.
(waits, _), (computes, left) = measured["waiting"], measured["computing"]
if waits < 0.1 and computes > 0.5:
    print("lesson: holds")
elif waits < 0.1 and left < 0.75:
    print(f"lesson: inconclusive: other programs left the computing task {left:.1f} of a core")
else:
    print(f"lesson: contradicted: CPU / wall was {waits:.2f} waiting and {computes:.2f} computing, with a core free")
