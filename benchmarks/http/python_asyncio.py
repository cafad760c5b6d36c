"""http: an asyncio server (standard library only) answering GET / with 200 "Hello, World!" as text/plain.

A minimal HTTP/1.1 parser: request line and headers, keep-alive unless the client asks to close (or speaks
HTTP/1.0 without keep-alive); other paths get 404. Listens on 127.0.0.1:port only. Prints READY once listening;
runs until SIGTERM/SIGINT, or until stdin reaches end of file when stdin is a pipe.
Parameters (argv key=value): port. Last stdout line (at shutdown): {"port", "requests"}.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import signal
import stat
import sys
from pathlib import Path
from typing import NoReturn

DEFAULTS = {"port": 8080}
MINIMUM = {"port": 0}
BODY = b"Hello, World!"
OK = b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: %d\r\n\r\n%s" % (len(BODY), BODY)
NOT_FOUND = b"HTTP/1.1 404 Not Found\r\nContent-Type: text/plain\r\nContent-Length: 9\r\n\r\nNot Found"


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


class Server:
    """Counts requests and remembers open connections, so shutdown can close them."""

    def __init__(self) -> None:
        self.requests = 0
        self.writers: set[asyncio.StreamWriter] = set()

    async def serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.writers.add(writer)
        try:
            while True:
                try:
                    head = await reader.readuntil(b"\r\n\r\n")
                except (asyncio.IncompleteReadError, asyncio.LimitOverrunError, ConnectionError):
                    return
                lines = head.decode("latin-1").split("\r\n")
                method, _, rest = lines[0].partition(" ")
                path, _, version = rest.partition(" ")
                headers = dict(line.lower().split(":", 1) for line in lines[1:] if ":" in line)
                length = int(headers.get("content-length", "0").strip() or 0)
                if length:
                    await reader.readexactly(length)
                connection = headers.get("connection", "").strip()
                keep_alive = connection != "close" and (version != "HTTP/1.0" or connection == "keep-alive")
                if method == "GET" and path == "/":
                    self.requests += 1
                    writer.write(OK)
                else:
                    writer.write(NOT_FOUND)
                await writer.drain()
                if not keep_alive:
                    return
        except ConnectionError:
            return
        finally:
            self.writers.discard(writer)
            writer.close()


async def watch_stdin(stop: asyncio.Event) -> None:
    """When stdin is a pipe, its end of file means whoever started us is gone: stop."""
    if not stat.S_ISFIFO(os.fstat(sys.stdin.fileno()).st_mode):
        return
    reader = asyncio.StreamReader()
    loop = asyncio.get_running_loop()
    await loop.connect_read_pipe(lambda: asyncio.StreamReaderProtocol(reader), sys.stdin)
    while await reader.read(4096):
        pass
    stop.set()


async def main() -> None:
    port = parameters(sys.argv[1:])["port"]
    state = Server()
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    server = await asyncio.start_server(state.serve, "127.0.0.1", port, backlog=1024)
    watcher = asyncio.create_task(watch_stdin(stop))
    print("READY", flush=True)
    await stop.wait()

    server.close()
    for writer in list(state.writers):
        writer.close()
    await server.wait_closed()
    watcher.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await watcher
    print(json.dumps({"port": port, "requests": state.requests}), flush=True)


if __name__ == "__main__":
    asyncio.run(main())
