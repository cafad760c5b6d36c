"""latency: the main process asks to wake every millisecond for `millis` milliseconds while `neighbours` CPU-bound
multiprocessing processes run beside it.

Every process has its own interpreter and GIL, so the operating system's scheduler decides who runs: a thread
that wakes from sleep is usually put on a core at once, ahead of processes that have used their share. The
neighbours start and report ready before the clock starts (start method: the platform's default, printed). The
ticker warms up alone first (20 untimed ticks). Lateness: how much longer than 1 ms each `time.sleep(0.001)` took.
Parameters (argv key=value): neighbours, millis.
Last stdout line: {"neighbours", "millis", "lateness_us", "chunks", "chunk_n", "seconds", "start_method"}.
"""

from __future__ import annotations

import json
import multiprocessing
import sys
import time
from multiprocessing.synchronize import Event, Semaphore
from pathlib import Path
from typing import Any, NoReturn

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


def neighbour(started: Semaphore, go: Event, stop: Event, done: Any) -> None:
    """Compute chunks from `go` until `stop`; report how many."""
    started.release()
    go.wait()
    count = 0
    while not stop.is_set():
        fib(CHUNK_N)
        count += 1
    done.put(count)


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
    started, go, stop, done = multiprocessing.Semaphore(0), multiprocessing.Event(), multiprocessing.Event(), \
        multiprocessing.Queue()  # fmt: skip
    procs = [multiprocessing.Process(target=neighbour, args=(started, go, stop, done))
             for _ in range(p["neighbours"])]  # fmt: skip
    for proc in procs:
        proc.start()
    for _ in procs:
        started.acquire()  # every neighbour is up before anything is timed
    tick(0, 20)  # warm-up, alone
    go.set()
    start = time.perf_counter()
    late = tick(p["millis"] / 1000)
    seconds = time.perf_counter() - start
    stop.set()
    chunks = sum(done.get() for _ in procs)
    for proc in procs:
        proc.join()
    line = {"neighbours": p["neighbours"], "millis": p["millis"], "lateness_us": [round(x, 1) for x in late],
            "chunks": chunks, "chunk_n": CHUNK_N, "seconds": seconds,
            "start_method": multiprocessing.get_start_method()}  # fmt: skip
    print(json.dumps(line))


if __name__ == "__main__":
    main()
