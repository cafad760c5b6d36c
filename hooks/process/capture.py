# Reads a process's stdout and stderr as they arrive, keeping their interleaved order and which stream said what.
from __future__ import annotations

import os
import selectors
import threading
from collections.abc import Callable
from typing import IO

STDOUT, STDERR = 1, 2
_READ_CHUNK = 64 * 1024
_LONGEST_LINE = 1 << 20  # bytes of one line handed to `on_line`

OnLine = Callable[[int, str], None]  # (STDOUT or STDERR, one line without its end), as the lines arrive


class Capture(threading.Thread):
    """Keeps at most `cap` bytes of both pipes, in arrival order; past the cap it calls `overflow` once
    (the process layer kills the tree, unless told to keep reading) and reads on until both pipes close.
    `on_line` sees every line of either stream as it arrives, cap or not; `ended` is set when both pipes closed."""

    def __init__(
        self,
        stdout: IO[bytes],
        stderr: IO[bytes],
        cap: int,
        overflow: Callable[[], None],
        on_line: OnLine | None = None,
    ) -> None:
        super().__init__(daemon=True)
        self._pipes = {STDOUT: stdout, STDERR: stderr}
        self._cap = cap
        self._overflow = overflow
        self._on_line = on_line
        self._partial = {STDOUT: b"", STDERR: b""}
        self._chunks: list[tuple[int, bytes]] = []
        self._size = 0
        self.capped = False
        self.ended = threading.Event()

    def run(self) -> None:
        with selectors.DefaultSelector() as selector:
            for stream, pipe in self._pipes.items():
                selector.register(pipe.fileno(), selectors.EVENT_READ, stream)
            while selector.get_map():
                for key, _ in selector.select():
                    chunk = os.read(key.fd, _READ_CHUNK)
                    if chunk:
                        self._keep(key.data, chunk)
                        self._lines(key.data, chunk)
                    else:
                        selector.unregister(key.fd)
                        self._lines(key.data, b"\n" if self._partial[key.data] else b"")  # a last, unended line
        for pipe in self._pipes.values():
            pipe.close()
        self.ended.set()

    def _lines(self, stream: int, chunk: bytes) -> None:
        if self._on_line is None:
            return
        *whole, rest = (self._partial[stream] + chunk).split(b"\n")
        self._partial[stream] = rest[-_LONGEST_LINE:]  # a line without end is not kept whole past this
        for line in whole:
            self._on_line(stream, line.decode("utf-8", "replace").rstrip("\r"))

    def _keep(self, stream: int, chunk: bytes) -> None:
        room = self._cap - self._size
        if room > 0:
            self._chunks.append((stream, chunk[:room]))
            self._size += min(room, len(chunk))
        if len(chunk) > room and not self.capped:
            self.capped = True
            self._overflow()

    def data(self, stream: int | None = None) -> bytes:
        """Everything kept, or only what came from one stream (STDOUT or STDERR)."""
        return b"".join(chunk for source, chunk in list(self._chunks) if stream is None or source == stream)
