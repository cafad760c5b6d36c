# A worker thread raises; its Future carries the exception to the supervising loop, which starts a new worker.
import queue
from concurrent.futures import ThreadPoolExecutor

MAX_RESTARTS = 3


class PoisonJobError(Exception):
    pass


def worker(jobs: queue.Queue[int]) -> None:
    while True:
        try:
            job = jobs.get_nowait()
        except queue.Empty:
            return
        if job == 3:
            raise PoisonJobError(f"poison job {job}")
        print(f"job {job} -> {job * 10}")


jobs: queue.Queue[int] = queue.Queue()
for job in range(1, 6):
    jobs.put(job)

with ThreadPoolExecutor(max_workers=1) as pool:
    for restarts in range(MAX_RESTARTS + 1):
        future = pool.submit(worker, jobs)
        try:
            future.result()  # re-raises, here in the caller, what the worker raised in its thread
            break
        except PoisonJobError as crash:
            print(f"worker crashed: {crash}")
        if restarts == MAX_RESTARTS:
            print("too many crashes: giving up")
            break
        print("worker restarted")  # the job that crashed is dropped; the rest are still queued
