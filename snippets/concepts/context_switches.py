# example.cores: 1
# example.match: ^sleeper: \d+ voluntary, \d+ involuntary context switches$
# example.match: ^spinner: \d+ voluntary, \d+ involuntary context switches$
# example.match: ^the sleeper gave up the CPU on most of its 50 sleeps: True$
# example.match: ^the spinner gave it up less often than the sleeper: True$
# Linux counts, per thread, how often the scheduler switched it out:
# voluntarily (it blocked: sleep, I/O, a lock) or involuntarily (its time
# slice ran out, or a more deserving thread woke up).
# getrusage(RUSAGE_THREAD) reads both counters.
import resource
import threading
import time

SLEEPS = 50


def switches() -> tuple[int, int]:
    usage = resource.getrusage(resource.RUSAGE_THREAD)
    return usage.ru_nvcsw, usage.ru_nivcsw


def measure(name: str, work, results: dict) -> None:
    before = switches()
    work()
    after = switches()
    results[name] = (after[0] - before[0], after[1] - before[1])


def sleeper() -> None:
    for _ in range(SLEEPS):
        time.sleep(0.001)  # blocks in the kernel: a voluntary switch


def spinner() -> None:
    deadline = time.perf_counter() + 0.1
    # Never blocks: only preemption can take the CPU away.
    while time.perf_counter() < deadline:
        pass


results: dict[str, tuple[int, int]] = {}
for name, work in (("sleeper", sleeper), ("spinner", spinner)):
    thread = threading.Thread(target=measure, args=(name, work, results))
    thread.start()
    thread.join()  # one at a time, so they do not compete for the GIL

for name, (voluntary, involuntary) in results.items():
    print(f"{name}: {voluntary} voluntary, {involuntary} involuntary context switches")
sleeper, spinner = results["sleeper"][0], results["spinner"][0]
# Most, not all: a timer that has already expired when the thread would block costs no switch.
print(f"the sleeper gave up the CPU on most of its {SLEEPS} sleeps: {sleeper > SLEEPS // 2}")
print(f"the spinner gave it up less often than the sleeper: {spinner < sleeper}")
