# The connections client, run in the server's network namespace (loopback only), bounded in count and time:
# `python -m hooks.bench.measure.connclient PORT CONNECTIONS ROUNDS TIMEOUT`. Opens CONNECTIONS keep-alive
# connections (one GET / each, so the server has accepted and served every one), prints `IDLE <opened>`, waits for
# one stdin line (the harness reads the server's memory meanwhile), then sends ROUNDS rounds of one GET / on every
# connection at once; its last stdout line is {"opened", "errors", "latency_us": [...], "seconds"}.
from __future__ import annotations

import asyncio
import json
import sys
import time

REQUEST = b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: keep-alive\r\n\r\n"
CONNECTING = 64  # connects in flight at once: below every server's listen backlog (asyncio's default is 100)
MOST = 20_000  # connections one client may hold


class Failed(Exception):
    """A request that got no complete 200 answer."""


async def request(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    """One GET / and its whole response (a Content-Length body) on an open keep-alive connection."""
    writer.write(REQUEST)
    await writer.drain()
    head = await reader.readuntil(b"\r\n\r\n")
    if not head.startswith(b"HTTP/1.1 200"):
        raise Failed(head[:40].decode("latin-1"))
    length = 0
    for line in head.split(b"\r\n"):
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value.strip())
    await reader.readexactly(length)


async def open_one(port: int, gate: asyncio.Semaphore) -> tuple[asyncio.StreamReader, asyncio.StreamWriter]:
    async with gate:
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        await request(reader, writer)
        return reader, writer


async def timed(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> int | None:
    """Microseconds one request took, None when it failed."""
    started = time.perf_counter_ns()
    try:
        await request(reader, writer)
    except (OSError, EOFError, asyncio.IncompleteReadError, asyncio.LimitOverrunError, Failed, ValueError):
        return None
    return (time.perf_counter_ns() - started) // 1000


async def run(port: int, connections: int, rounds: int) -> dict[str, object]:
    gate = asyncio.Semaphore(CONNECTING)
    opened = await asyncio.gather(*(open_one(port, gate) for _ in range(connections)), return_exceptions=True)
    held = [pair for pair in opened if isinstance(pair, tuple)]
    failures = [repr(e) for e in opened if isinstance(e, BaseException)]
    print(f"IDLE {len(held)}", flush=True)
    await asyncio.get_running_loop().run_in_executor(None, sys.stdin.readline)
    latency: list[int] = []
    errors = len(failures)
    started = time.perf_counter()
    for _ in range(rounds):
        took = await asyncio.gather(*(timed(r, w) for r, w in held))
        latency += [t for t in took if t is not None]
        errors += sum(t is None for t in took)
    seconds = time.perf_counter() - started
    for _, writer in held:
        writer.close()
    return {"opened": len(held), "errors": errors, "latency_us": latency, "seconds": seconds,
            "first_failure": failures[0] if failures else None}  # fmt: skip


def main(argv: list[str]) -> int:
    try:
        port, connections, rounds, timeout = int(argv[0]), int(argv[1]), int(argv[2]), float(argv[3])
    except (IndexError, ValueError):
        print("usage: python -m hooks.bench.measure.connclient PORT CONNECTIONS ROUNDS TIMEOUT", file=sys.stderr)
        return 2
    if not 0 < connections <= MOST or not 0 < rounds <= 100:
        print(f"connections must be 1 to {MOST}, rounds 1 to 100", file=sys.stderr)
        return 2
    try:
        found = asyncio.run(asyncio.wait_for(run(port, connections, rounds), timeout))
    except TimeoutError:
        print(f"connections client: not done within {timeout:g}s", file=sys.stderr)
        return 1
    print(json.dumps(found))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
