"""fib: naive recursive fib(n) computed once by each of `workers` threads at the same time.

The GIL lets only one thread run Python bytecode at a time, so W threads take about W times as long as one.
Each thread first computes fib(n - 5) once (untimed warm-up, 1/11 of the work), then all wait on a barrier;
only the computation after the barrier is timed.
Parameters (argv key=value): n, workers. Last stdout line: {"n", "workers", "result", "seconds", "warmup_n"}.
"""

from __future__ import annotations

import json
import sys
import threading
import time
from pathlib import Path
from typing import NoReturn

DEFAULTS = {"n": 25, "workers": 2}
MINIMUM = {"n": 0, "workers": 1}


def parameters(argv: list[str]) -> dict[str, int]:
    """`key=value` arguments over DEFAULTS; anything else exits 2 with a message on stderr."""
    values = dict(DEFAULTS)
    for arg in argv:
        key, sep, text = arg.partition("=")
        if not sep or key not in values:
            fail(f"unknown parameter {arg!r}: expected key=value with key one of {', '.join(values)}")
        try:
            value = int(text)
        except ValueError:
            fail(f"parameter {key} must be an integer, got {text!r}")
        if value < MINIMUM[key]:
            fail(f"parameter {key} must be at least {MINIMUM[key]}, got {value}")
        values[key] = value
    return values


def fail(message: str) -> NoReturn:
    print(f"{Path(sys.argv[0]).name}: {message}", file=sys.stderr)
    sys.exit(2)


def fib(n: int) -> int:
    return n if n < 2 else fib(n - 1) + fib(n - 2)


def main() -> None:
    p = parameters(sys.argv[1:])
    results: list[int] = [0] * p["workers"]
    warmup_n = max(p["n"] - 5, 0)
    barrier = threading.Barrier(p["workers"] + 1)

    def work(index: int) -> None:
        fib(warmup_n)
        barrier.wait()  # every thread is up and warm before the clock starts
        results[index] = fib(p["n"])

    threads = [threading.Thread(target=work, args=(i,)) for i in range(p["workers"])]
    for thread in threads:
        thread.start()
    barrier.wait()
    start = time.perf_counter()
    for thread in threads:
        thread.join()
    seconds = time.perf_counter() - start
    if len(set(results)) != 1:
        print(f"workers disagree: {results}", file=sys.stderr)
        sys.exit(1)
    summary = {"n": p["n"], "workers": p["workers"], "result": results[0], "seconds": seconds, "warmup_n": warmup_n}
    print(json.dumps(summary))


if __name__ == "__main__":
    main()
