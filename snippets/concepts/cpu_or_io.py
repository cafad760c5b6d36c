# example.cores: 1
# example.match: ^waiting:   CPU [\d.]+ s / wall [\d.]+ s = [\d.]+ -> I/O-bound$
# example.match: ^computing: CPU [\d.]+ s / wall [\d.]+ s = [\d.]+ -> CPU-bound$
# Is a task CPU-bound or I/O-bound? Measure it: the CPU time it used divided
# by the wall time it took. Near 0 (here: under 0.1), it mostly waited (disk,
# network, a timer); near 1 (here: over 0.5), it computed the whole time, and
# only a faster core, or more of them, makes it faster. The build gives this
# program a core of its own, so computing is not slowed by other examples.
import time


def waiting() -> None:
    time.sleep(0.2)  # stands in for a network call or a disk read


def computing() -> None:
    sum(i * i for i in range(1_500_000))


def kind(ratio: float) -> str:
    if ratio < 0.1:
        return "I/O-bound"
    return "CPU-bound" if ratio > 0.5 else "partly waiting, partly computing"


for name, task in (("waiting", waiting), ("computing", computing)):
    wall, cpu = time.perf_counter(), time.thread_time()
    task()
    wall, cpu = time.perf_counter() - wall, time.thread_time() - cpu
    ratio = cpu / wall
    label = f"{name}:"
    print(f"{label:<10} CPU {cpu:.2f} s / wall {wall:.2f} s = {ratio:.2f} -> {kind(ratio)}")
