# ruff: noqa: E501
# example.expect: [0, 1, 4, 9, 16, 25, 36, 49, 64, 81]
# example.expect: ran in child processes, not the parent: True
# example.erratum: The article's version runs and exits cleanly but prints nothing: `results` is computed and never used. This one prints the results and checks that the work really ran in child processes.
# Pool.map splits range(10) across 4 worker processes, each with its own
# interpreter (and its own GIL), and returns the results in input order.
import os
from multiprocessing import Pool


def cpu_intensive_task(n):
    return n * n


def worker_pid(_):
    return os.getpid()


if __name__ == "__main__":
    with Pool(4) as p:
        results = p.map(cpu_intensive_task, range(10))
        # Every task ran in a child process, never in this one.
        pids = set(p.map(worker_pid, range(8)))
    print(results)
    print(f"ran in child processes, not the parent: {os.getpid() not in pids}")
