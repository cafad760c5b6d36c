"""latency: a thread asks to wake every millisecond for `millis` milliseconds while `neighbours` CPU-bound threads
run in the same interpreter.

Only the thread holding the GIL runs Python code. A thread whose sleep has ended must take the GIL back: it asks, and
the holder gives it up at the next switch interval (`sys.getswitchinterval()`, 5 ms by default), when it may go to
any waiting thread. The ticker warms up alone first (20 untimed ticks); then the neighbours start and every tick is
measured. Lateness: how much longer than 1 ms each `time.sleep(0.001)` took. Parameters (argv key=value): neighbours,
ticks. Last stdout line: {"neighbours", "millis", "lateness_us", "chunks", "chunk_n", "seconds", "switch_interval"}.
"""

from __future__ import annotations

import json
import sys
import threading
import time
from pathlib import Path
from typing import NoReturn

DEFAULTS = {"neighbours": 2, "millis": 200}
MINIMUM = {"neighbours": 0, "millis": 1}
CHUNK_N = 20  # fib(20): 21,891 calls, about a millisecond of CPython


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


def tick(seconds: float, count: int = 0) -> list[float]:
    """Sleep 1 ms again and again for `seconds` (or `count` times); how late each wake-up was, in µs."""
    late: list[float] = []
    end = time.perf_counter() + seconds
    while (len(late) < count) if count else (time.perf_counter() < end):
        start = time.perf_counter()
        time.sleep(0.001)
        late.append(max(0.0, (time.perf_counter() - start - 0.001) * 1e6))
    return late


def main() -> None:
    p = parameters(sys.argv[1:])
    tick(0, 20)  # warm-up, alone
    fib(CHUNK_N)
    stop = threading.Event()
    chunks = [0] * p["neighbours"]

    def neighbour(index: int) -> None:
        while not stop.is_set():
            fib(CHUNK_N)
            chunks[index] += 1

    threads = [threading.Thread(target=neighbour, args=(i,)) for i in range(p["neighbours"])]
    for thread in threads:
        thread.start()
    start = time.perf_counter()
    late = tick(p["millis"] / 1000)
    seconds = time.perf_counter() - start
    stop.set()
    for thread in threads:
        thread.join()
    line = {"neighbours": p["neighbours"], "millis": p["millis"], "lateness_us": [round(x, 1) for x in late],
            "chunks": sum(chunks), "chunk_n": CHUNK_N, "seconds": seconds,
            "switch_interval": sys.getswitchinterval()}  # fmt: skip
    print(json.dumps(line))


if __name__ == "__main__":
    main()
