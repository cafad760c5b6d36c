# A worker thread raises; its Future carries the exception to the supervising loop, which starts a new worker.
import queue
from concurrent.futures import ThreadPoolExecutor

import timeline  # records the timeline drawn below the output

MAX_RESTARTS = 3


class PoisonJobError(Exception):
    pass


def worker(name: str, jobs: queue.Queue[int]) -> None:
    while True:
        try:
            job = jobs.get_nowait()
        except queue.Empty:
            return
        timeline.recv(name, f"job {job}")
        with timeline.busy(name, f"job {job}"):
            if job == 3:
                timeline.send(name, f"crash: poison job {job}")
                raise PoisonJobError(f"poison job {job}")
            print(f"job {job} -> {job * 10}")


jobs: queue.Queue[int] = queue.Queue()
for job in range(1, 6):
    timeline.send("main", f"job {job}")
    jobs.put(job)

with ThreadPoolExecutor(max_workers=1) as pool:
    for restarts in range(MAX_RESTARTS + 1):
        future = pool.submit(worker, f"worker {restarts + 1}", jobs)
        try:
            future.result()  # re-raises, here in the caller, what the worker raised in its thread
            break
        except PoisonJobError as crash:
            timeline.recv("main", f"crash: {crash}")
            print(f"worker crashed: {crash}")
        if restarts == MAX_RESTARTS:
            print("too many crashes: giving up")
            break
        timeline.mark("main", "restart")
        print("worker restarted")  # the job that crashed is dropped; the rest are still queued
