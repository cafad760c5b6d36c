# ruff: noqa: E501
# example.expect: 4 threads x 100000 increments
# example.expect: counter = 400000
# example.annotation: `with lock:` acquires the lock and releases it when the block ends, even if it raises: the form the article recommends.
# example.annotation: A read, an add and a write. Without the lock two threads can read the same value, and one of the two increments is lost.
# example.erratum: The article shows a four-line fragment (no `import threading`, no threads, an empty critical section) that stops with NameError if run; this is a complete program around it.
# Four threads bump one shared counter. `counter += 1` is a read-modify-write,
# so each increment runs inside `with lock:`, the article's recommended form.
import threading

THREADS = 4
INCREMENTS = 100_000

counter = 0
lock = threading.Lock()


def increment(times: int) -> None:
    global counter
    for _ in range(times):
        with lock:  # (1)!
            counter += 1  # (2)!


threads = [threading.Thread(target=increment, args=(INCREMENTS,)) for _ in range(THREADS)]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()

print(f"{THREADS} threads x {INCREMENTS} increments")
print(f"counter = {counter}")
