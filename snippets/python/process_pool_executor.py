# example.expect: sum of squares below 100000 = 333328333350000
# example.expect: sum of squares below 200000 = 2666646666700000
# example.expect: sum of squares below 300000 = 8999955000050000
# example.expect: ran in worker processes (at most 2), never in this one: True
# Same interface, other engine: ProcessPoolExecutor runs each call in a worker
# process, so CPU-bound calls run in parallel, each under its own GIL.
# Swapping ThreadPoolExecutor for it is a one-word change.
import os
from concurrent.futures import ProcessPoolExecutor


def sum_of_squares(limit: int) -> tuple[int, int]:
    return sum(i * i for i in range(limit)), os.getpid()


if __name__ == "__main__":
    limits = [100_000, 200_000, 300_000]
    with ProcessPoolExecutor(max_workers=2) as executor:
        results = list(executor.map(sum_of_squares, limits))  # in input order
    for limit, (total, _) in zip(limits, results, strict=True):
        print(f"sum of squares below {limit} = {total}")
    pids = {pid for _, pid in results}
    elsewhere = len(pids) <= 2 and os.getpid() not in pids
    print(f"ran in worker processes (at most 2), never in this one: {elsewhere}")
