# example.expect: Pool.map(square) -> [0, 1, 4, 9]
# example.expect: Pool.map(lambda) -> PicklingError
# example.expect: open file as an argument -> TypeError
# Everything crossing a process boundary is pickled: the function (by its
# module and name), its arguments and its result. A lambda has no importable
# name, and an open file cannot be pickled at all.
import pickle
import sys
from multiprocessing import Pool


def square(n: int) -> int:
    return n * n


if __name__ == "__main__":
    with Pool(2) as pool:
        print(f"Pool.map(square) -> {pool.map(square, range(4))}")
        try:
            pool.map(lambda n: n * n, range(4))
        except pickle.PicklingError as error:
            print(f"Pool.map(lambda) -> {type(error).__name__}")
        try:
            pool.map(len, [sys.stdout])
        except TypeError as error:
            print(f"open file as an argument -> {type(error).__name__}")
