"""pipeline: a source thread, `stages` threads and a sink chained by bounded queue.Queue objects.

The source puts 1..messages, each stage adds 1 and forwards, the sink sums: the sum must be
sum(i + stages), and the program checks it. Each queue holds at most BUFFER items (put blocks when full);
None marks the end of the stream. Parameters (argv key=value): messages, stages.
Last stdout line: {"messages", "stages", "seconds", "sum", "buffer"}.
"""

from __future__ import annotations

import json
import queue
import sys
import threading
import time
from pathlib import Path
from typing import NoReturn

BUFFER = 64
DEFAULTS = {"messages": 10000, "stages": 4}
MINIMUM = {"messages": 1, "stages": 1}


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
    p = parameters(sys.argv[1:])
    messages, stages = p["messages"], p["stages"]
    links: list[queue.Queue[int | None]] = [queue.Queue(maxsize=BUFFER) for _ in range(stages + 1)]

    def source() -> None:
        for i in range(1, messages + 1):
            links[0].put(i)
        links[0].put(None)

    def stage(inbox: queue.Queue[int | None], outbox: queue.Queue[int | None]) -> None:
        while (value := inbox.get()) is not None:
            outbox.put(value + 1)
        outbox.put(None)

    start = time.perf_counter()
    threads = [threading.Thread(target=source)]
    threads += [threading.Thread(target=stage, args=(links[s], links[s + 1])) for s in range(stages)]
    for thread in threads:
        thread.start()
    total = 0
    while (value := links[stages].get()) is not None:
        total += value
    seconds = time.perf_counter() - start
    for thread in threads:
        thread.join()

    expected = messages * (messages + 1) // 2 + messages * stages
    if total != expected:
        print(f"sum {total}, expected {expected}", file=sys.stderr)
        sys.exit(1)
    summary = {"messages": messages, "stages": stages, "seconds": seconds, "sum": total, "buffer": BUFFER}
    print(json.dumps(summary))


if __name__ == "__main__":
    main()
