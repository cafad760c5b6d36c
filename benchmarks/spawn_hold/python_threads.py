"""spawn_hold: start n threads that all block on one threading.Event, hold them, then release them.

Each thread counts itself in (under a Condition) before blocking, so READY means every thread is parked.
Parameters (argv key=value): n. Protocol: prints READY, reads one stdin line, opens the gate, joins every
thread. Last stdout line: {"n", "spawn_seconds", "release_seconds"}.
"""

from __future__ import annotations

import json
import sys
import threading
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


def main() -> None:
    n = parameters(sys.argv[1:])["n"]
    gate = threading.Event()
    counted = threading.Condition()
    arrived = 0

    def unit() -> None:
        nonlocal arrived
        with counted:
            arrived += 1
            if arrived == n:
                counted.notify()
        gate.wait()

    start = time.perf_counter()
    threads = [threading.Thread(target=unit) for _ in range(n)]
    try:
        for thread in threads:
            thread.start()
    except RuntimeError as error:  # "can't start new thread": release the ones already waiting, then fail
        gate.set()
        print(f"started {arrived} of {n} threads: {error}", file=sys.stderr)
        sys.exit(1)
    with counted:
        counted.wait_for(lambda: arrived == n)
    spawn_seconds = time.perf_counter() - start

    print("READY", flush=True)
    sys.stdin.readline()

    start = time.perf_counter()
    gate.set()
    for thread in threads:
        thread.join()
    release_seconds = time.perf_counter() - start
    print(json.dumps({"n": n, "spawn_seconds": spawn_seconds, "release_seconds": release_seconds}))


if __name__ == "__main__":
    main()
