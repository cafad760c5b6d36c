# The timeline helper for Python examples: who was busy when, and which messages went where.
# The build sets CONCURRENCY_TIMELINE to a file beside the example and draws what lands in it;
# run by hand, without that variable, every call here does nothing.
import os
import sys
import threading
import time

_lock = threading.Lock()


def start(unit: str, label: str = "", at: int | None = None) -> None:
    """`unit` starts being busy (optionally at `at`, a time.monotonic_ns() reading)."""
    _emit("start", unit, label, sys._getframe(1).f_lineno, at)


def finish(unit: str, label: str = "", at: int | None = None) -> None:
    """`unit` stops being busy."""
    _emit("end", unit, label, sys._getframe(1).f_lineno, at)


def send(unit: str, message: str) -> None:
    """`unit` hands `message` over; call it before the handover, so it can never come after the receipt."""
    _emit("send", unit, message, sys._getframe(1).f_lineno)


def recv(unit: str, message: str) -> None:
    """`unit` has received `message` (the same text its sender used)."""
    _emit("recv", unit, message, sys._getframe(1).f_lineno)


def mark(unit: str, label: str, at: int | None = None) -> None:
    """A moment worth pointing at (optionally `at`, a time.monotonic_ns() reading)."""
    _emit("mark", unit, label, sys._getframe(1).f_lineno, at)


class busy:
    """`with timeline.busy(unit, label):` is start() on entry and finish() on exit."""

    def __init__(self, unit: str, label: str = "") -> None:
        self.unit, self.label, self.line = unit, label, sys._getframe(1).f_lineno

    def __enter__(self) -> None:
        _emit("start", self.unit, self.label, self.line)

    def __exit__(self, *exc_info: object) -> None:
        _emit("end", self.unit, self.label, self.line)


def _emit(kind: str, unit: str, label: str, line: int, at: int | None = None) -> None:
    if _fd is None:
        return
    now = time.monotonic_ns() if at is None else at
    text = f"{kind}\t{now}\t{_clean(unit)}\t{line}\t{_clean(label)}\n"
    with _lock:
        os.write(_fd, text.encode())  # one write per line, in append mode: processes never mix lines


def _clean(text: str) -> str:
    return " ".join(str(text).split())


def _cpus() -> int:
    """The cores this process may run on: its affinity mask on Linux; elsewhere (macOS has no affinity call)
    what the OS lets it use (Python 3.13's os.process_cpu_count), else every core."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    count = getattr(os, "process_cpu_count", os.cpu_count)()
    return count or 1


def _open(path: str | None) -> int | None:
    """The file, opened on import (before any event), headed by the cores the run may use and, when the
    build reserved free cores for it, how many (CONCURRENCY_CORES)."""
    if path is None:
        return None
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
    os.write(fd, f"# cpus {_cpus()}\n".encode())
    granted = os.environ.get("CONCURRENCY_CORES", "")
    if granted.isdigit() and int(granted) > 0:
        os.write(fd, f"# cores {granted}\n".encode())
    return fd


_fd = _open(os.environ.get("CONCURRENCY_TIMELINE"))
