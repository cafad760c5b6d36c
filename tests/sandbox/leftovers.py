# Finding processes a test started by a marker in their command line, and waiting for them to be gone.
from __future__ import annotations

import contextlib
import os
import signal
import time
import uuid
from pathlib import Path


def marker() -> str:
    """A string unique to one test, to put in the command lines of the processes it starts."""
    return f"cme-marker-{uuid.uuid4().hex[:12]}"


def running(text: str) -> list[int]:
    """Live processes (not zombies) whose command line contains `text`, other than this test's own."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit() or int(entry.name) == os.getpid():
            continue
        try:
            cmdline = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
            state = (entry / "stat").read_text().rsplit(")", 1)[1].split()[0]
        except (OSError, IndexError):
            continue
        if text in cmdline and state not in ("Z", "X") and "pytest" not in cmdline:
            found.append(int(entry.name))
    return found


def gone_within(text: str, seconds: float) -> list[int]:
    """Wait until no process mentions `text`; return those still running after `seconds` (killing them)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if not running(text):
            return []
        time.sleep(0.05)
    left = running(text)
    for pid in left:
        with contextlib.suppress(OSError):
            os.kill(pid, signal.SIGKILL)
    return left
