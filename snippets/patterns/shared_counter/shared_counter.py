# Four threads increment one integer; a threading.Lock makes each read-add-write one step.
import threading

WORKERS = 4
INCREMENTS = 10_000
count = 0
lock = threading.Lock()


def work() -> None:
    global count
    for _ in range(INCREMENTS):
        with lock:  # without it, two threads can read the same value and one update is lost
            count += 1


threads = [threading.Thread(target=work) for _ in range(WORKERS)]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()

print(f"{WORKERS} workers x {INCREMENTS} increments")
print(f"count: {count}")
