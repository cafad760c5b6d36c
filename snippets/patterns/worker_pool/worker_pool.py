# Three worker threads take jobs from one shared queue.Queue and put results on another.
import queue
import threading
import time

WORKERS = 3
JOBS = range(1, 7)


def worker(jobs: queue.Queue[int | None], results: queue.Queue[tuple[int, int]]) -> None:
    while (job := jobs.get()) is not None:  # None: no more jobs
        time.sleep(0.01 * (7 - job))  # simulated I/O: later jobs are quicker
        results.put((job, job * job))


jobs: queue.Queue[int | None] = queue.Queue()
results: queue.Queue[tuple[int, int]] = queue.Queue()
pool = [threading.Thread(target=worker, args=(jobs, results)) for _ in range(WORKERS)]
for thread in pool:
    thread.start()
for job in JOBS:
    jobs.put(job)
for _ in pool:
    jobs.put(None)  # one stop signal per worker

total = 0
for _ in JOBS:
    job, square = results.get()  # in the order the workers finish
    print(f"job {job} -> {square}")
    total += square
for thread in pool:
    thread.join()
print(f"total {total}")
