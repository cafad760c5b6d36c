# example.cores: waits
# example.match: ^5 waits of 0.15 s one after another: [\d.]+ s$
# example.match: ^5 waits of 0.15 s on 5 threads:      [\d.]+ s$
# example.match: ^the threaded waits overlapped: True$
# I/O-bound work overlaps: while one thread waits (here in time.sleep, which,
# like a socket read, releases the GIL) the others run or wait too.
import time
from concurrent.futures import ThreadPoolExecutor

TASKS, DELAY = 5, 0.15


def fetch(_: int) -> None:
    time.sleep(DELAY)  # stands in for waiting on a server


start = time.perf_counter()
for i in range(TASKS):
    fetch(i)
sequential = time.perf_counter() - start

start = time.perf_counter()
with ThreadPoolExecutor(TASKS) as pool:
    list(pool.map(fetch, range(TASKS)))
threaded = time.perf_counter() - start

print(f"{TASKS} waits of {DELAY} s one after another: {sequential:.2f} s")
print(f"{TASKS} waits of {DELAY} s on {TASKS} threads:      {threaded:.2f} s")
# Without overlap the waits alone would add up to TASKS x DELAY: finishing
# sooner than that is only possible if they overlapped.
print(f"the threaded waits overlapped: {threaded < TASKS * DELAY}")
