# ruff: noqa
# fmt: off
# example.original-of: python/multiprocessing_pool.py
# example.silent: true
from multiprocessing import Pool

def cpu_intensive_task(n):
    return n * n

if __name__ == '__main__':
    with Pool(4) as p:
        results = p.map(cpu_intensive_task, range(10))
