# The one function that runs a subprocess: own process group, timeout, output cap, tree kill.
from __future__ import annotations

import contextlib
import os
import secrets
import signal
import subprocess
import threading
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

DEFAULT_OUTPUT_CAP = 256 * 1024  # bytes kept of an example's output; a docs example prints far less
_READ_CHUNK = 64 * 1024
_DRAIN_SECONDS = 2.0  # how long to wait for the pipe to close once the process tree is gone
RUN_ID_VARIABLE = "CONCURRENCY_RUN_ID"  # tags every process a run starts, to find escaped ones


@dataclass(frozen=True)
class ProcessResult:
    """What a finished (or killed) command left behind."""

    exit_code: int | None  # None when the command never exited by itself (timeout, cap)
    output: bytes  # stdout and stderr merged, in the order they were written, capped
    seconds: float
    timed_out: bool = False
    output_capped: bool = False  # the output exceeded the cap and the process tree was killed
    not_found: str | None = None  # the executable that does not exist, if that is why it failed
    start_error: str | None = None  # why the command could not be started at all


def run_process(
    argv: Sequence[str],
    *,
    cwd: Path,
    timeout: float,
    env: Mapping[str, str] | None = None,
    output_cap: int = DEFAULT_OUTPUT_CAP,
) -> ProcessResult:
    """Run `argv` in its own process group and wait at most `timeout` seconds.

    The whole process tree is killed on timeout, when the output passes `output_cap`, and after the
    main process exits (so a child that outlives its parent never lingers or holds the pipe open).
    """
    started = time.monotonic()
    run_id = secrets.token_hex(8)
    tagged_env = {**(os.environ if env is None else env), RUN_ID_VARIABLE: run_id}
    try:
        proc = subprocess.Popen(
            list(argv),
            cwd=cwd,
            env=tagged_env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    except OSError as exc:
        seconds = time.monotonic() - started
        if not cwd.is_dir():
            return ProcessResult(None, b"", seconds, start_error=f"working directory {cwd} does not exist")
        missing = isinstance(exc, FileNotFoundError)
        return ProcessResult(
            None,
            b"",
            seconds,
            not_found=argv[0] if missing else None,
            start_error=f"cannot start {argv[0]}: {exc.strerror or exc}",
        )

    with _running_lock:  # from here on, an interrupted build can find and kill it
        _running[proc.pid] = run_id
    reader = _CappedReader(proc, output_cap)
    reader.start()
    timed_out = False
    try:
        proc.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        timed_out = not reader.capped
    finally:
        _kill_group(proc.pid)  # leftovers: grandchildren, or everything on timeout
        proc.wait()
        kill_tree(proc.pid, run_id)  # and descendants that left the group (setsid), e.g. BEAM ports
        with _running_lock:
            _running.pop(proc.pid, None)
    reader.join(_DRAIN_SECONDS)
    seconds = time.monotonic() - started
    killed = timed_out or reader.capped
    return ProcessResult(
        exit_code=None if killed else proc.returncode,
        output=reader.data(),
        seconds=seconds,
        timed_out=timed_out,
        output_capped=reader.capped,
    )


_running: dict[int, str] = {}  # process group id -> run tag, of every command running now
_running_lock = threading.Lock()


def kill_all_running() -> int:
    """Kill every command `run_process` is running, with its whole tree (an interrupted build)."""
    with _running_lock:
        running = list(_running.items())
    for pgid, run_id in running:
        kill_tree(pgid, run_id)
    return len(running)


def kill_tree(pgid: int, run_id: str) -> None:
    """SIGKILL the process group `pgid` and every process carrying the run tag `run_id` (those that left it)."""
    _kill_group(pgid)
    kill_tagged(run_id)


def kill_tagged(run_id: str) -> int:
    """Kill every process whose environment carries this run's tag; return how many were found.

    A process group does not hold descendants that start a session of their own (Erlang starts
    port programs that way), but they inherit the environment, so the tag finds them.
    """
    needle = f"{RUN_ID_VARIABLE}={run_id}".encode() + b"\0"
    found = 0
    for _ in range(3):  # a process may fork while we look: look again
        pids = [pid for pid in _all_pids() if needle in _environ(pid)]
        for pid in pids:
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.kill(pid, signal.SIGKILL)
        found += len(pids)
        if not pids:
            break
    return found


def _all_pids() -> list[int]:
    try:
        return [int(name) for name in os.listdir("/proc") if name.isdigit() and int(name) != os.getpid()]
    except OSError:
        return []  # no /proc: only the process group is killed


def _environ(pid: int) -> bytes:
    try:
        with open(f"/proc/{pid}/environ", "rb") as handle:
            return handle.read() + b"\0"
    except OSError:
        return b""


def _kill_group(pgid: int) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(pgid, signal.SIGKILL)


class _CappedReader(threading.Thread):
    """Reads the merged output pipe, keeps at most `cap` bytes, kills the tree past the cap."""

    def __init__(self, proc: subprocess.Popen[bytes], cap: int) -> None:
        super().__init__(daemon=True)
        self._proc = proc
        self._cap = cap
        self._chunks: list[bytes] = []
        self._size = 0
        self.capped = False

    def run(self) -> None:
        assert self._proc.stdout is not None
        fd = self._proc.stdout.fileno()
        while chunk := os.read(fd, _READ_CHUNK):
            room = self._cap - self._size
            if room > 0:
                self._chunks.append(chunk[:room])
                self._size += min(room, len(chunk))
            if len(chunk) > room and not self.capped:
                self.capped = True
                _kill_group(self._proc.pid)
        self._proc.stdout.close()

    def data(self) -> bytes:
        return b"".join(self._chunks)
