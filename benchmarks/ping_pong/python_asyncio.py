"""ping_pong: two asyncio tasks bounce one message back and forth `rounds` times over two asyncio.Queue(maxsize=1).

The responder adds 1 to each value it receives and sends it back, so after `rounds` round trips the value is
2 x rounds: the program checks it. Parameters (argv key=value): rounds.
Last stdout line: {"rounds", "seconds", "value"}.
"""

from __future__ import annotations

import asyncio
import json
import sys
import time
from pathlib import Path
from typing import NoReturn

DEFAULTS = {"rounds": 10000}
MINIMUM = {"rounds": 1}


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
    rounds = parameters(sys.argv[1:])["rounds"]
    ping: asyncio.Queue[int | None] = asyncio.Queue(maxsize=1)
    pong: asyncio.Queue[int] = asyncio.Queue(maxsize=1)

    async def responder() -> None:
        while (value := await ping.get()) is not None:
            await pong.put(value + 1)

    task = asyncio.create_task(responder())
    start = time.perf_counter()
    message = 0
    for _ in range(rounds):
        await ping.put(message + 1)
        message = await pong.get()
    seconds = time.perf_counter() - start
    await ping.put(None)
    await task

    if message != 2 * rounds:
        print(f"expected {2 * rounds}, got {message}", file=sys.stderr)
        sys.exit(1)
    print(json.dumps({"rounds": rounds, "seconds": seconds, "value": message}))


if __name__ == "__main__":
    asyncio.run(main())
