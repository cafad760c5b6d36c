# example.match: ^waiting:   CPU [\d.]+ s / wall [\d.]+ s = [\d.]+ -> I/O-bound$
# example.match: ^computing: CPU [\d.]+ s / wall [\d.]+ s = [\d.]+ -> CPU-bound$
# Is a task CPU-bound or I/O-bound? Measure it: the CPU time it used divided
# by the wall time it took. Near 0 (here: under 0.05): it mostly waited
# (disk, network, a timer). Near 1: it computed the whole time, and only
# more cores make it faster.
import time


def waiting() -> None:
    time.sleep(0.2)  # stands in for a network call or a disk read


def computing() -> None:
    sum(i * i for i in range(1_500_000))


for name, task in (("waiting", waiting), ("computing", computing)):
    wall, cpu = time.perf_counter(), time.thread_time()
    task()
    wall, cpu = time.perf_counter() - wall, time.thread_time() - cpu
    ratio = cpu / wall
    kind = "I/O-bound" if ratio < 0.05 else "CPU-bound"
    label = f"{name}:"
    print(f"{label:<10} CPU {cpu:.2f} s / wall {wall:.2f} s = {ratio:.2f} -> {kind}")
