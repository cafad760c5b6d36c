"""fib: naive recursive fib(n) computed once by each of `workers` processes at the same time.

Each process has its own interpreter and GIL, so the work runs in parallel on separate cores. The processes
are started, each computes fib(n - 5) once to warm up (1/11 of the work: caches, allocator), then all park on a
barrier; only the computation after the barrier is timed.
Parameters (argv key=value): n, workers. Last stdout line: {"n", "workers", "result", "seconds", ...}.
"""

from __future__ import annotations

import json
import multiprocessing
import sys
import time
from pathlib import Path
from typing import Any, NoReturn

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


def warmup_n(n: int) -> int:
    """The untimed warm-up computation before the timed one: fib(n - 5), about 1/11 of the work."""
    return max(n - 5, 0)


def work(n: int, barrier: Any, results: Any) -> None:
    fib(warmup_n(n))
    barrier.wait()  # every process is up and warm before the clock starts
    results.put(fib(n))


def main() -> None:
    p = parameters(sys.argv[1:])
    context = multiprocessing.get_context()
    barrier = context.Barrier(p["workers"] + 1)
    results = context.Queue()
    processes = [context.Process(target=work, args=(p["n"], barrier, results)) for _ in range(p["workers"])]
    for process in processes:
        process.start()
    barrier.wait(timeout=600)
    start = time.perf_counter()
    values = [results.get(timeout=3600) for _ in processes]
    seconds = time.perf_counter() - start
    for process in processes:
        process.join()
    if len(set(values)) != 1:
        print(f"workers disagree: {values}", file=sys.stderr)
        sys.exit(1)
    summary = {
        "n": p["n"],
        "workers": p["workers"],
        "result": values[0],
        "seconds": seconds,
        "warmup_n": warmup_n(p["n"]),
    }
    print(json.dumps({**summary, "start_method": context.get_start_method()}))


if __name__ == "__main__":
    main()
