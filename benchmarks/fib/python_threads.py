"""fib: naive recursive fib(n) computed once by each of `workers` threads at the same time.

The GIL lets only one thread run Python bytecode at a time, so W threads take about W times as long as one.
Parameters (argv key=value): n, workers. Last stdout line: {"n", "workers", "result", "seconds"}.
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

    def work(index: int) -> None:
        results[index] = fib(p["n"])

    threads = [threading.Thread(target=work, args=(i,)) for i in range(p["workers"])]
    start = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    seconds = time.perf_counter() - start
    if len(set(results)) != 1:
        print(f"workers disagree: {results}", file=sys.stderr)
        sys.exit(1)
    print(json.dumps({"n": p["n"], "workers": p["workers"], "result": results[0], "seconds": seconds}))


if __name__ == "__main__":
    main()
