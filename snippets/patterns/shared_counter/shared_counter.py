# Four threads increment one integer; a threading.Lock makes each read-add-write one step.
import threading

import timeline  # records the timeline drawn below the output

WORKERS = 4
INCREMENTS = 10_000
count = 0
lock = threading.Lock()


def work(name: str) -> None:
    global count
    with timeline.busy(name, f"{INCREMENTS} increments"):
        for _ in range(INCREMENTS):
            with lock:  # without it, two threads can read the same value and one update is lost
                count += 1


threads = [threading.Thread(target=work, args=(f"worker {n}",)) for n in range(1, WORKERS + 1)]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()

print(f"{WORKERS} workers x {INCREMENTS} increments")
print(f"count: {count}")
