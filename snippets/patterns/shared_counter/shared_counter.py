# Four threads increment one integer 200 times each, reading it, waiting 0.1 ms, then writing
# it back. Unguarded, a thread writes back a value that another one has already increased: updates vanish.
# Guarded by a threading.Lock, the read, pause and write are one step and every increment counts.
import threading
import time

import timeline  # records the timeline drawn below the output

WORKERS = 4
INCREMENTS = 200
count = 0
lock = threading.Lock()


def increment() -> None:
    global count
    value = count  # read
    time.sleep(0.0001)  # a short wait, like any I/O: another thread runs here meanwhile
    count = value + 1  # write


def work(name: str, start: threading.Barrier, guarded: bool) -> None:
    start.wait()  # all workers begin together
    with timeline.busy(name, f"{INCREMENTS} increments"):
        for _ in range(INCREMENTS):
            if guarded:
                with lock:
                    increment()
            else:
                increment()


def run(guarded: bool) -> int:
    global count
    count = 0
    start = threading.Barrier(WORKERS)
    label = "guarded" if guarded else "unguarded"
    threads = [threading.Thread(target=work, args=(f"{label} {n}", start, guarded)) for n in range(1, WORKERS + 1)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return count


print(f"{WORKERS} workers x {INCREMENTS} increments, started together, a short pause in every increment")
print(f"unguarded: lost updates: {str(run(guarded=False) < WORKERS * INCREMENTS).lower()}")
print(f"guarded: count {run(guarded=True)}")
