"""ping_pong: two threads bounce one message back and forth `rounds` times over two queue.Queue(maxsize=1).

The responder adds 1 to each value it receives and sends it back, so after `rounds` round trips the value is
2 x rounds: the program checks it. Parameters (argv key=value): rounds.
Last stdout line: {"rounds", "seconds", "value"}.
"""

from __future__ import annotations

import json
import queue
import sys
import threading
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


def main() -> None:
    rounds = parameters(sys.argv[1:])["rounds"]
    ping: queue.Queue[int | None] = queue.Queue(maxsize=1)
    pong: queue.Queue[int] = queue.Queue(maxsize=1)

    def responder() -> None:
        while (value := ping.get()) is not None:
            pong.put(value + 1)

    thread = threading.Thread(target=responder)
    thread.start()
    start = time.perf_counter()
    message = 0
    for _ in range(rounds):
        ping.put(message + 1)
        message = pong.get()
    seconds = time.perf_counter() - start
    ping.put(None)
    thread.join()

    if message != 2 * rounds:
        print(f"expected {2 * rounds}, got {message}", file=sys.stderr)
        sys.exit(1)
    print(json.dumps({"rounds": rounds, "seconds": seconds, "value": message}))


if __name__ == "__main__":
    main()
