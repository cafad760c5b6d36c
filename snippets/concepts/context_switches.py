# example.cores: 1
# example.match: ^sleeper: \d+ voluntary, \d+ involuntary context switches$
# example.match: ^spinner: \d+ voluntary, \d+ involuntary context switches$
# example.match: ^the sleeper gave up the CPU on most of its 50 sleeps: (True|False)$
# example.match: ^the spinner gave it up less often than the sleeper: (True|False)$
# example.match: ^lesson: (holds|contradicted: .+|inconclusive: .+)$
# example.platform: linux
# Linux counts, per thread, how often the scheduler switched it out:
# voluntarily (it blocked: sleep, I/O, a lock) or involuntarily (its time
# slice ran out, or a more deserving thread woke up).
# getrusage(RUSAGE_THREAD) reads both counters. Other programs on the machine
# can only add involuntary switches: a sleeper preempted on its way to sleep
# finds its timer expired and skips a voluntary one. So the last line says
# whether the lesson holds, or, when it did not show while other programs
# kept the core busy, that this machine could not show it.
import os
import resource
import threading
import time

SLEEPS = 50
CPUS = sorted(os.sched_getaffinity(0))


def switches() -> tuple[int, int]:
    usage = resource.getrusage(resource.RUSAGE_THREAD)
    return usage.ru_nvcsw, usage.ru_nivcsw


def idle_seconds() -> float:
    """CPU time the cores this program may use spent idle, summed (Linux: /proc/stat)."""
    with open("/proc/stat") as stat:
        rows = {row.split()[0]: row.split()[1:] for row in stat if row.startswith("cpu")}
    return sum(int(rows[f"cpu{cpu}"][3]) + int(rows[f"cpu{cpu}"][4]) for cpu in CPUS) / os.sysconf("SC_CLK_TCK")


def measure(name: str, work, results: dict) -> None:
    before, wall, cpu, idle = switches(), time.perf_counter(), time.thread_time(), idle_seconds()
    work()
    after, wall, cpu = switches(), time.perf_counter() - wall, time.thread_time() - cpu
    left = (cpu + idle_seconds() - idle) / wall  # of a core: its own CPU time plus what the cores left idle
    results[name] = (after[0] - before[0], after[1] - before[1], left)


def sleeper() -> None:
    for _ in range(SLEEPS):
        time.sleep(0.001)  # blocks in the kernel: a voluntary switch


def spinner() -> None:
    deadline = time.perf_counter() + 0.1
    # Never blocks: only preemption can take the CPU away.
    while time.perf_counter() < deadline:
        pass


results: dict[str, tuple[int, int, float]] = {}
for name, work in (("sleeper", sleeper), ("spinner", spinner)):
    thread = threading.Thread(target=measure, args=(name, work, results))
    thread.start()
    thread.join()  # one at a time, so they do not compete for the GIL

for name, (voluntary, involuntary, _) in results.items():
    print(f"{name}: {voluntary} voluntary, {involuntary} involuntary context switches")
(sleeps, preempted, left), spins = results["sleeper"], results["spinner"][0]
# Most, not all: a timer that has already expired when the thread would block costs no switch.
most = sleeps > SLEEPS // 2
print(f"the sleeper gave up the CPU on most of its {SLEEPS} sleeps: {most}")
print(f"the spinner gave it up less often than the sleeper: {spins < sleeps}")
if most and spins < sleeps:
    print("lesson: holds")
elif preempted > SLEEPS // 4 or left < 0.75:
    busy = f"the sleeper was preempted {preempted} times, other programs left it {min(left, 1):.1f} of a core"
    print(f"lesson: inconclusive: other programs kept the core busy ({busy})")
else:
    print(f"lesson: contradicted: the sleeper gave up the CPU {sleeps} times, the spinner {spins}, on a free core")
