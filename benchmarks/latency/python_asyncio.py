"""latency: a coroutine asks to wake every millisecond for `millis` milliseconds while `neighbours` CPU-bound
coroutines run on the same event loop.

A coroutine that computes does not give the loop back until it awaits: each neighbour computes one chunk (fib(20),
about a millisecond) and then yields with `await asyncio.sleep(0)`. The ticker's timer can only fire between chunks,
so it waits for every neighbour's chunk in the loop's ready queue. The ticker warms up alone first (20 untimed ticks);
then the neighbours start and every tick is measured. Lateness: how much longer than 1 ms each `asyncio.sleep(0.001)`
took. Parameters (argv key=value): neighbours, millis.
Last stdout line: {"neighbours", "millis", "lateness_us", "chunks", "chunk_n", "seconds"}.
"""

from __future__ import annotations

import asyncio
import json
import sys
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


async def tick(seconds: float, count: int = 0) -> list[float]:
    """Sleep 1 ms again and again for `seconds` (or `count` times); how late each wake-up was, in µs."""
    late: list[float] = []
    end = time.perf_counter() + seconds
    while (len(late) < count) if count else (time.perf_counter() < end):
        start = time.perf_counter()
        await asyncio.sleep(0.001)
        late.append(max(0.0, (time.perf_counter() - start - 0.001) * 1e6))
    return late


async def main() -> None:
    p = parameters(sys.argv[1:])
    await tick(0, 20)  # warm-up, alone
    fib(CHUNK_N)
    stop = False
    chunks = [0] * p["neighbours"]

    async def neighbour(index: int) -> None:
        while not stop:
            fib(CHUNK_N)
            chunks[index] += 1
            await asyncio.sleep(0)  # the only point where the loop can run anything else

    tasks = [asyncio.create_task(neighbour(i)) for i in range(p["neighbours"])]
    await asyncio.sleep(0)  # every neighbour has started
    start = time.perf_counter()
    late = await tick(p["millis"] / 1000)
    seconds = time.perf_counter() - start
    stop = True
    await asyncio.gather(*tasks)
    line = {"neighbours": p["neighbours"], "millis": p["millis"], "lateness_us": [round(x, 1) for x in late],
            "chunks": sum(chunks), "chunk_n": CHUNK_N, "seconds": seconds}  # fmt: skip
    print(json.dumps(line))


if __name__ == "__main__":
    asyncio.run(main())
