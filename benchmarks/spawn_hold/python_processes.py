"""spawn_hold: start n processes that all block on one multiprocessing.Event, hold them, then release them.

Each process counts itself in (releases a shared semaphore) before blocking, so READY means every process is
parked. Meant for small n: every unit is a whole interpreter. Parameters (argv key=value): n, and start_method
(fork: a copy of this interpreter, its pages shared until written; spawn: a fresh interpreter that imports this
module; forkserver; default: the platform's). Protocol: prints READY, reads one stdin line, sets the gate, joins
every process.
Last stdout line: {"n", "spawn_seconds", "release_seconds", "start_method"}.
"""

from __future__ import annotations

import json
import multiprocessing
import sys
import time
from pathlib import Path
from typing import Any, NoReturn

DEFAULTS = {"n": 10}
MINIMUM = {"n": 1}
START_METHODS = ("fork", "spawn", "forkserver")


def start_method(argv: list[str]) -> str | None:
    """The `start_method=...` argument (None: the platform's default); a method not in START_METHODS exits 2."""
    chosen = None
    for arg in argv:
        key, _, text = arg.partition("=")
        if key == "start_method":
            if text not in START_METHODS:
                fail(f"start_method must be one of {', '.join(START_METHODS)}, got {text!r}")
            chosen = text
    return chosen


def parameters(argv: list[str]) -> dict[str, int]:
    """`key=value` arguments over DEFAULTS (start_method aside); anything else exits 2 with a message on stderr."""
    values = dict(DEFAULTS)
    for arg in argv:
        key, sep, text = arg.partition("=")
        if key == "start_method":
            continue
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


def unit(arrived: Any, gate: Any) -> None:
    arrived.release()
    gate.wait()


def main() -> None:
    n = parameters(sys.argv[1:])["n"]
    context = multiprocessing.get_context(start_method(sys.argv[1:]))
    gate = context.Event()
    arrived = context.Semaphore(0)

    start = time.perf_counter()
    processes = [context.Process(target=unit, args=(arrived, gate)) for _ in range(n)]
    try:
        for process in processes:
            process.start()
    except OSError as error:  # out of processes or memory: release the ones already waiting, then fail
        gate.set()
        print(f"could not start {n} processes: {error}", file=sys.stderr)
        sys.exit(1)
    for count in range(n):
        if not arrived.acquire(timeout=600):  # a process died before counting itself in
            gate.set()
            print(f"only {count} of {n} processes arrived", file=sys.stderr)
            sys.exit(1)
    spawn_seconds = time.perf_counter() - start

    print("READY", flush=True)
    sys.stdin.readline()

    start = time.perf_counter()
    gate.set()
    for process in processes:
        process.join()
    release_seconds = time.perf_counter() - start
    summary = {"n": n, "spawn_seconds": spawn_seconds, "release_seconds": release_seconds}
    print(json.dumps({**summary, "start_method": context.get_start_method()}))


if __name__ == "__main__":
    main()
