"""spawn_hold: start n asyncio tasks that all await one asyncio.Event, hold them, then release them.

Each task counts itself in before awaiting; the last one to arrive sets a second event, so READY means every
task is parked. Parameters (argv key=value): n. Protocol: prints READY, reads one stdin line (in the loop's
default executor, so the loop stays free), sets the gate, awaits every task.
Last stdout line: {"n", "spawn_seconds", "release_seconds"}.
"""

from __future__ import annotations

import asyncio
import json
import sys
import time
from pathlib import Path
from typing import NoReturn

DEFAULTS = {"n": 1000}
MINIMUM = {"n": 1}


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


async def main() -> None:
    n = parameters(sys.argv[1:])["n"]
    gate = asyncio.Event()
    all_in = asyncio.Event()
    arrived = 0

    async def unit() -> None:
        nonlocal arrived
        arrived += 1
        if arrived == n:
            all_in.set()
        await gate.wait()

    start = time.perf_counter()
    tasks = [asyncio.create_task(unit()) for _ in range(n)]
    await all_in.wait()
    spawn_seconds = time.perf_counter() - start

    print("READY", flush=True)
    await asyncio.get_running_loop().run_in_executor(None, sys.stdin.readline)

    start = time.perf_counter()
    gate.set()
    await asyncio.gather(*tasks)
    release_seconds = time.perf_counter() - start
    print(json.dumps({"n": n, "spawn_seconds": spawn_seconds, "release_seconds": release_seconds}))


if __name__ == "__main__":
    asyncio.run(main())
