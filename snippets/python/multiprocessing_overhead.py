# example.cores: 1
# example.match: ^n \* n for 10000 numbers, plain loop:    [\d.]+ ms$
# example.match: ^n \* n for 10000 numbers, Pool\(4\)\.map:  [\d.]+ ms$
# example.match: ^the pool was slower for this tiny task: True$
# example.match: ^same results: True$
# The article's Pool example squares numbers. That is far too little work per
# item to pay for a pool: starting 4 processes, pickling every argument and
# result, and sending them through pipes costs more than the multiplications.
import time
from multiprocessing import Pool

NUMBERS = range(10_000)


def square(n: int) -> int:
    return n * n


if __name__ == "__main__":
    start = time.perf_counter()
    plain = [square(n) for n in NUMBERS]
    loop_time = time.perf_counter() - start

    start = time.perf_counter()
    with Pool(4) as pool:
        pooled = pool.map(square, NUMBERS)
    pool_time = time.perf_counter() - start

    count = len(NUMBERS)
    print(f"n * n for {count} numbers, plain loop:    {loop_time * 1000:.1f} ms")
    print(f"n * n for {count} numbers, Pool(4).map:  {pool_time * 1000:.1f} ms")
    print(f"the pool was slower for this tiny task: {pool_time > loop_time}")
    print(f"same results: {plain == pooled}")
