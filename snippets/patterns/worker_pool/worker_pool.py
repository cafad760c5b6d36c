# Three worker threads take jobs from one shared queue.Queue and put results on another.
import queue
import threading
import time

import timeline  # records the timeline drawn below the output

WORKERS = 3
JOBS = range(1, 7)


def worker(name: str, jobs: queue.Queue[int | None], results: queue.Queue[tuple[int, int]]) -> None:
    while (job := jobs.get()) is not None:  # None: no more jobs
        timeline.recv(name, f"job {job}")
        with timeline.busy(name, f"job {job}"):
            time.sleep(0.01 * (7 - job))  # simulated I/O: later jobs are quicker
        timeline.send(name, f"result {job}")
        results.put((job, job * job))


jobs: queue.Queue[int | None] = queue.Queue()
results: queue.Queue[tuple[int, int]] = queue.Queue()
pool = [threading.Thread(target=worker, args=(f"worker {n}", jobs, results)) for n in range(1, WORKERS + 1)]
for thread in pool:
    thread.start()
for job in JOBS:
    timeline.send("main", f"job {job}")
    jobs.put(job)
for _ in pool:
    jobs.put(None)  # one stop signal per worker

total = 0
for _ in JOBS:
    job, square = results.get()  # in the order the workers finish
    timeline.recv("main", f"result {job}")
    print(f"job {job} -> {square}")
    total += square
for thread in pool:
    thread.join()
print(f"total {total}")
