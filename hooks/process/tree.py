# Low-level help for the process layer: the spawning thread, and killing a process tree without killing a stranger.
from __future__ import annotations

import contextlib
import json
import os
import queue
import select
import shutil
import signal
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import Future
from pathlib import Path
from typing import Any, TypeVar

from hooks.common.untrusted_files import remove_tree
from hooks.process.disk import unmount_below
from hooks.process.proc import all_pids, environ

T = TypeVar("T")
_INFO_SECONDS = 10.0  # how long bubblewrap may take to say which process is the sandbox's init


class _Spawner:
    """One long-lived thread that starts every process.

    bubblewrap's --die-with-parent ties the sandbox to the *thread* that forked it (PR_SET_PDEATHSIG): a
    sandbox started from a pool thread would die when that thread ends, and one started from a thread that
    already ended would outlive the build. This thread lives exactly as long as the build's process.
    """

    def __init__(self) -> None:
        self._jobs: queue.SimpleQueue[tuple[Callable[[], Any], Future[Any]]] = queue.SimpleQueue()
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()

    def call(self, job: Callable[[], T]) -> T:
        with self._lock:
            if self._thread is None:
                self._thread = threading.Thread(target=self._serve, name="process-spawner", daemon=True)
                self._thread.start()
        if threading.current_thread() is self._thread:
            return job()
        done: Future[T] = Future()
        self._jobs.put((job, done))
        return done.result()

    def _serve(self) -> None:
        while True:
            job, done = self._jobs.get()
            try:
                done.set_result(job())
            except BaseException as exc:
                done.set_exception(exc)


_spawner = _Spawner()


def call_in_spawner(job: Callable[[], T]) -> T:
    """Run `job` (a Popen) on the spawning thread and return its result (or raise its exception)."""
    return _spawner.call(job)


def read_info(fd: int) -> int | None:
    """The sandbox init's pid from bubblewrap's --info-fd JSON; None when bubblewrap failed first. Closes `fd`."""
    data = b""
    deadline = time.monotonic() + _INFO_SECONDS
    try:
        while time.monotonic() < deadline:
            ready, _, _ = select.select([fd], [], [], max(0.0, deadline - time.monotonic()))
            if not ready:
                break
            chunk = os.read(fd, 4096)
            if not chunk:
                break
            data += chunk
            with contextlib.suppress(ValueError):
                pid = json.loads(data)["child-pid"]
                return int(pid)
    finally:
        os.close(fd)
    return None


def open_pidfd(pid: int) -> int | None:
    """A pidfd for `pid` (so that a later kill cannot hit a process that reused the number)."""
    try:
        return os.pidfd_open(pid)
    except (OSError, AttributeError):
        return None


def send_kill(pidfd: int) -> None:
    send_signal(pidfd, signal.SIGKILL)


def send_signal(pidfd: int, signum: int) -> None:
    with contextlib.suppress(OSError):
        signal.pidfd_send_signal(pidfd, signum)


def kill_group(pgid: int) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(pgid, signal.SIGKILL)


def kill_tagged(variable: str, run_id: str) -> int:
    """Kill every process whose environment carries `variable=run_id`; return how many were found.

    Without a sandbox, a process group does not hold descendants that start a session of their own (Erlang
    starts port programs that way), but they inherit the environment, so the tag finds them (unless one
    clears its environment: only the sandbox's PID namespace or a cgroup catches that one).
    """
    needle = f"{variable}={run_id}".encode() + b"\0"
    found = 0
    for _ in range(3):  # a process may fork while we look: look again
        pids = [pid for pid in all_pids() if needle in environ(pid)]
        for pid in pids:
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.kill(pid, signal.SIGKILL)
        found += len(pids)
        if not pids:
            break
    return found


class StartError(Exception):
    """The command could not be started at all."""

    def __init__(self, message: str, not_found: str | None = None) -> None:
        super().__init__(message)
        self.not_found = not_found


def check_startable(argv: Sequence[str], cwd: Path, env: Mapping[str, str]) -> None:
    """The errors Popen would report, found before the sandbox hides them behind its own."""
    if not cwd.is_dir():
        raise StartError(f"working directory {cwd} does not exist")
    program = argv[0]
    found = shutil.which(program, path=env.get("PATH", os.defpath)) if os.sep not in program else str(cwd / program)
    if found is None or not os.path.exists(found):
        raise StartError(f"cannot start {program}: No such file or directory", not_found=program)
    if os.path.isdir(found) or not os.access(found, os.X_OK):
        raise StartError(f"cannot start {program}: Permission denied")


def give_away(paths: Sequence[Path], uid: int) -> None:
    """Hand the folders contributed code may write to the unprivileged user it runs as."""
    for top in paths:
        os.chown(top, uid, uid)
        os.chmod(top, 0o711)  # bubblewrap changes into it before it drops to that user
        for folder, dirs, files in os.walk(top):
            for name in (*dirs, *files):
                with contextlib.suppress(OSError):
                    os.chown(os.path.join(folder, name), uid, uid, follow_symlinks=False)


def sweep_stale(parent: Path, prefix: str) -> None:
    """Remove the folders `<prefix><pid>-*` under `parent` of builds that died (killed before their cleanup ran):
    without recursion or following links (hooks/common/untrusted_files.py), and what cannot be removed stays; a sweep
    never fails a build."""
    with contextlib.suppress(OSError):
        for entry in parent.iterdir():
            pid = entry.name.removeprefix(prefix).split("-", 1)[0]
            if entry.name.startswith(prefix) and pid.isdigit() and not Path(f"/proc/{pid}").exists():
                unmount_below(entry)  # a killed build's runs' tmpfs mounts (hooks/process/disk.py)
                remove_tree(entry)
