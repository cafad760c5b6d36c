# example.expect: hello from worker 1
# example.expect: hello from worker 2
# example.expect: hello from worker 3
# Python: three threads from a pool; map returns results in input order.
from concurrent.futures import ThreadPoolExecutor


def greet(worker: int) -> str:
    return f"hello from worker {worker}"


with ThreadPoolExecutor() as pool:
    for line in pool.map(greet, [1, 2, 3]):
        print(line)
