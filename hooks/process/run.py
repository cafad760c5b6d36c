# The one process layer: every process the engine starts (examples, compiles, version probes, benchmark builds
# and runs, the C# compiler server) starts here, in its own process group, in the sandbox and a cgroup where it
# runs contributed code; this module captures its output and leaves nothing of it running.
from __future__ import annotations

import contextlib
import math
import os
import secrets
import signal
import subprocess
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import NamedTuple

from hooks.process import sandbox
from hooks.process.capture import STDERR, STDOUT, Capture, OnLine
from hooks.process.cgroup import Cgroup
from hooks.process.limits import Limits, Usage
from hooks.process.sandbox_filter import filter_fd
from hooks.process.tree import (
    StartError,
    call_in_spawner,
    check_startable,
    give_away,
    kill_group,
    kill_tagged,
    open_pidfd,
    read_info,
    send_kill,
    send_signal,
)

DEFAULT_OUTPUT_CAP = 256 * 1024  # bytes kept of an example's output; a docs example prints far less
_DRAIN_SECONDS = 2.0  # how long to wait for the pipes to close once the process tree is gone
CPU_POLL_SECONDS = 0.1  # how often a run with a CPU budget has its cgroup's account read
RUN_ID_VARIABLE = "CONCURRENCY_RUN_ID"  # tags every process a run starts, to find escaped ones without a sandbox


@dataclass(frozen=True)
class Confinement:
    """How a process is held: contributed code gets the sandbox, an allowlisted environment and limits;
    a toolchain's own process (compiler, server, probe, wrk) gets a PID namespace that dies with the build."""

    contributed: bool = False
    limits: Limits | None = None  # cgroup caps (when the kernel lets us set them)
    writable: tuple[Path, ...] = ()  # contributed: writable besides a private /tmp (its own folder)
    readable: tuple[Path, ...] = ()  # contributed: folders it must read even where the sandbox hides them
    read_only: tuple[Path, ...] = ()  # tool: paths it may read but not change (the source it compiles)
    netns_of: int | None = None  # tool: join the network namespace of this process (wrk, of a server)
    own_pids: bool = True  # tool: in a PID namespace of its own (the C# server cannot be: see csharp_server.py)
    charged: Callable[[], float | None] | None = None  # CPU seconds of a shared helper (the C# compiler server)
    # whose growth while this runs counts as this run's own (its budget, its account)
    inside_of: int | None = None  # run in the sandbox of this process (its init), as nobody: the C# compile client
    owned: bool = True  # contributed: its writable folders are handed to the user it runs as


TOOL = Confinement()


def contributed(limits: Limits | None, writable: Sequence[Path], readable: Sequence[Path] = ()) -> Confinement:
    """The confinement of code from the repository."""
    return Confinement(True, limits, tuple(writable), tuple(readable))


class Waited(NamedTuple):
    """How a wait for a process ended (Process.wait_usage)."""

    exit_code: int
    rusage_seconds: float  # CPU seconds of it and of the descendants it waited for (wait4's rusage)
    timed_out: bool  # the timeout fired
    over_cpu: float | None  # the CPU seconds used when it was killed at its budget (None: it was not)


@dataclass(eq=False)
class Process:
    """A started command. `close()` kills whatever is left of it, reaps it and removes its cgroup."""

    popen: subprocess.Popen[bytes]
    run_id: str
    confinement: Confinement
    isolated: bool  # inside bubblewrap namespaces
    cgroup: Cgroup | None = None
    inner_pid: int | None = None  # the sandbox's init, in our PID namespace
    inner_pidfd: int | None = None
    final_usage: Usage | None = None
    started: float = field(default_factory=time.monotonic)
    charged_before: float | None = None  # the `charged` helper's CPU seconds when this started

    @property
    def pid(self) -> int:
        return self.popen.pid

    def payload_pid(self) -> int:
        """The command itself: inside a sandbox, the child of the sandbox's init; else the process started."""
        if self.inner_pid is None:
            return self.popen.pid
        try:
            children = Path(f"/proc/{self.inner_pid}/task/{self.inner_pid}/children").read_text().split()
        except OSError:
            return self.inner_pid
        return int(children[0]) if children else self.inner_pid

    def kill(self) -> None:
        """SIGKILL the whole tree: the group, the sandbox's PID namespace, the cgroup, tagged escapees."""
        kill_group(self.popen.pid)
        if self.inner_pidfd is not None:
            send_kill(self.inner_pidfd)  # the PID namespace dies with its init
        if self.cgroup is not None:
            self.cgroup.kill()
        if not self.isolated and self.cgroup is None:
            kill_tagged(RUN_ID_VARIABLE, self.run_id)  # descendants that left the group by starting a session

    def signal(self, signum: int) -> None:
        """`signum` to the command itself (inside a sandbox: the child of its init), by pidfd: never to a process
        that reused its pid. SIGTERM is a server's way to stop; a runtime's dump signal makes it say where it is."""
        pidfd = open_pidfd(self.payload_pid())
        if pidfd is not None:
            send_signal(pidfd, signum)
            os.close(pidfd)

    def wait_usage(self, timeout: float, dump: tuple[int, float] | None = None) -> Waited:
        """Wait for the process to exit, killing its tree after `timeout` seconds, or, where its limits set a CPU
        budget, once its cgroup's account (with what a `charged` helper did for it) is over it, read every
        CPU_POLL_SECONDS. `dump` (signal, seconds): at the timeout, first send the command that signal and give it
        that long to print where it is stuck (a runtime's stack dump)."""
        fired, exited = threading.Event(), threading.Event()
        over: list[float] = []
        limits = self.confinement.limits
        budget = limits.cpu_seconds if limits is not None else None
        deadline = time.monotonic() + max(0.0, timeout)

        def watch() -> None:
            while True:
                left = deadline - time.monotonic()
                if exited.wait(max(0.0, min(left, CPU_POLL_SECONDS) if budget is not None else left)):
                    return
                if time.monotonic() >= deadline:
                    fired.set()
                    if dump is not None:
                        self.signal(dump[0])
                        exited.wait(dump[1])
                    self.kill()
                    return
                if budget is not None and (used := self.cpu_used()) is not None and used > budget:
                    over.append(used)
                    self.kill()
                    return

        watcher = threading.Thread(target=watch, name="cme-wait", daemon=True)
        watcher.start()
        try:
            _pid, status, usage = os.wait4(self.popen.pid, 0)
        finally:
            exited.set()
            watcher.join()
        self.popen.returncode = os.waitstatus_to_exitcode(status)
        code = shell_code(self.popen.returncode)
        return Waited(code, usage.ru_utime + usage.ru_stime, fired.is_set(), over[0] if over else None)

    def cpu_used(self) -> float | None:
        """CPU seconds so far by its cgroup's account, with what a `charged` helper did since the start (None: no
        cgroup, or not accounted)."""
        used = self.cgroup.cpu_seconds() if self.cgroup is not None else None
        return None if used is None else used + (self.charged_cpu() or 0.0)

    def charged_cpu(self) -> float | None:
        """The CPU seconds its confinement's `charged` helper has used since this started (None: none charged)."""
        charged, before = self.confinement.charged, self.charged_before
        if charged is None or before is None:
            return None
        return max(0.0, (charged() or before) - before)

    def cpu_seconds(self, rusage_seconds: float) -> float | None:
        """The CPU time of the run: its cgroup's account when it has one (every process that ran in it); else
        wait4's rusage, except in a PID namespace, whose init hides the program from it (None: not measured)."""
        if self.cgroup is not None and (seconds := self.cgroup.cpu_seconds()) is not None:
            return seconds
        return None if self.inner_pid is not None else rusage_seconds

    def close(self) -> Usage | None:
        """Kill what is left, reap the process, read and remove its cgroup; return what the cgroup saw."""
        self.kill()
        with contextlib.suppress(ChildProcessError):
            self.popen.wait()
        if self.cgroup is not None and self.final_usage is None:
            self.final_usage = self.cgroup.usage()
            self.cgroup.remove()
        if self.inner_pidfd is not None:
            os.close(self.inner_pidfd)
            self.inner_pidfd = None
        with _running_lock:
            _running.discard(self)
        return self.final_usage


_running: set[Process] = set()
_running_lock = threading.Lock()


def start(
    argv: Sequence[str],
    *,
    cwd: Path,
    env: Mapping[str, str] | None = None,
    confinement: Confinement = TOOL,
    stdin: bool = False,
    capture: bool = True,
) -> Process:
    """Start `argv` held as `confinement` says; raise StartError when it cannot start."""
    status = sandbox.current()
    cwd = cwd.absolute()  # bubblewrap changes into it from inside its own mount namespace
    run_id = secrets.token_hex(8)
    joined = confinement.inside_of is not None and status.bwrap is not None
    if confinement.contributed or joined:
        full_env = sandbox.allowed_env({**(env or {}), RUN_ID_VARIABLE: run_id})
    else:
        full_env = {**os.environ, **(env or {}), RUN_ID_VARIABLE: run_id}
    check_startable(argv, cwd, full_env)
    info_read, info_write = os.pipe() if status.bwrap and not joined else (None, None)
    seccomp_fd = filter_fd() if status.bwrap and status.seccomp and confinement.contributed else None
    command = list(argv)
    if (confinement.contributed or joined) and confinement.owned and sandbox.drop_to() is not None:
        give_away(confinement.writable, sandbox.UNPRIVILEGED)
    if joined:
        assert confinement.inside_of is not None
        command = sandbox.wrap_joined(argv, confinement.inside_of, cwd)
    elif status.bwrap is not None:
        if confinement.contributed:
            named = tuple(Path(a) for a in argv if a.startswith("/") and os.path.exists(a))
            readable = (*confinement.readable, *named)  # what its command line names, it may read
            command = sandbox.wrap_contributed(
                status.bwrap, argv, cwd, confinement.writable, readable, info_write, seccomp_fd, status.tmpfs_size
            )
        else:
            command = sandbox.wrap_tool(
                status.bwrap, argv, cwd, confinement.read_only, info_write, confinement.own_pids
            )
        if confinement.netns_of is not None:
            nsenter = sandbox.system_tool("nsenter") or "nsenter"
            command = [nsenter, f"--net=/proc/{confinement.netns_of}/ns/net", "--", *command]
    cgroup = status.cgroups.create(confinement.limits) if confinement.limits and status.cgroups else None
    files = [str(f) for f in cgroup.procs_files] if cgroup is not None else []
    budget = confinement.limits.cpu_seconds if confinement.limits else None
    if cgroup is not None or budget is not None:  # RLIMIT_CPU: a second line, per process, past the budget
        ulimit = f"ulimit -t {math.ceil(budget) + 1} && " if budget is not None else ""
        join = ulimit + 'echo $$ > "$1" && shift && ' * len(files) + 'exec "$@"'
        command = ["/bin/sh", "-c", join, "cme-cgroup-join", *files, *command]
    pipe = subprocess.PIPE if capture else subprocess.DEVNULL
    charged_before = confinement.charged() if confinement.charged is not None else None

    def spawn() -> subprocess.Popen[bytes]:
        return subprocess.Popen(
            command,
            cwd=cwd,
            env=full_env,
            stdin=subprocess.PIPE if stdin else subprocess.DEVNULL,
            stdout=pipe,
            stderr=pipe,
            start_new_session=True,
            pass_fds=tuple(fd for fd in (info_write, seccomp_fd) if fd is not None),
        )

    try:
        popen = call_in_spawner(spawn)  # one long-lived thread: the sandbox dies with the build, not a thread
    except OSError as exc:
        if cgroup is not None:
            cgroup.remove()
        raise StartError(f"cannot start {argv[0]}: {exc.strerror or exc}") from None
    finally:
        for fd in (info_write, seccomp_fd):
            if fd is not None:
                os.close(fd)
    process = Process(popen, run_id, confinement, status.bwrap is not None, cgroup, charged_before=charged_before)
    with _running_lock:  # from here on, an interrupted build can find and kill it
        _running.add(process)
    if info_read is not None:
        process.inner_pid = read_info(info_read)
        process.inner_pidfd = open_pidfd(process.inner_pid) if process.inner_pid else None
    return process


@dataclass(frozen=True)
class ProcessResult:
    """What a finished (or killed) command left behind."""

    exit_code: int | None  # None when it never exited by itself (timeout, cap); 128 + n when signal n killed it
    output: bytes  # stdout and stderr interleaved in the order they arrived, capped
    seconds: float
    timed_out: bool = False
    output_capped: bool = False  # the output exceeded the cap (the process tree was killed, unless told otherwise)
    not_found: str | None = None  # the executable that does not exist, if that is why it failed
    start_error: str | None = None  # why the command could not be started at all
    stdout: bytes = b""  # the part of `output` that came from stdout
    stderr: bytes = b""  # and from stderr
    usage: Usage | None = None  # what its cgroup saw (None: no cgroup)
    cpu_seconds: float | None = None  # user + system of the whole run (Process.cpu_seconds); None: not measured
    over_cpu: float | None = None  # the CPU seconds it had used when it was stopped at its budget


class Running:
    """A started command that is talked to while it runs: its lines reach `on_line` as they come, `send_line` writes
    to its stdin, `terminate` asks it to stop; `finish` waits for it (killing its tree at the timeout), cleans up
    and returns its ProcessResult. Also a context manager: leaving the block kills whatever is left."""

    def __init__(
        self,
        argv: Sequence[str],
        *,
        cwd: Path,
        env: Mapping[str, str] | None = None,
        confinement: Confinement = TOOL,
        output_cap: int = DEFAULT_OUTPUT_CAP,
        kill_at_cap: bool = True,
        on_line: OnLine | None = None,
        stdin: bool = False,
    ) -> None:
        """Start `argv` (StartError when it cannot); past `output_cap` bytes the tree is killed, or, with
        `kill_at_cap` False, the output is no longer kept (its lines still reach `on_line`)."""
        self.started = time.monotonic()
        self.process = start(argv, cwd=cwd, env=env, confinement=confinement, stdin=stdin)
        popen = self.process.popen
        assert popen.stdout is not None and popen.stderr is not None
        self.kill_at_cap = kill_at_cap
        overflow = self.process.kill if kill_at_cap else lambda: None
        self.reader = Capture(popen.stdout, popen.stderr, output_cap, overflow, on_line)
        self.reader.start()
        self.result: ProcessResult | None = None

    def __enter__(self) -> Running:
        return self

    def __exit__(self, *exc: object) -> None:
        self.finish(0.0)

    def send_line(self, text: str = "") -> None:
        """Write one line to the command's stdin (started with `stdin=True`); a closed pipe is ignored."""
        pipe = self.process.popen.stdin
        assert pipe is not None
        with contextlib.suppress(OSError):
            pipe.write(text.encode() + b"\n")
            pipe.flush()

    def terminate(self) -> None:
        self.process.signal(signal.SIGTERM)

    def finish(self, timeout: float, dump: tuple[int, float] | None = None) -> ProcessResult:
        """Wait until `timeout` seconds after the start for the command to exit (then kill its tree, after asking
        for a `dump` (Process.wait_usage)), kill what is left of it, read the rest of its output; once (later calls
        return the same result)."""
        if self.result is not None:
            return self.result
        waited = self.process.wait_usage(timeout - (time.monotonic() - self.started), dump)
        code, fired = waited.exit_code, waited.timed_out
        cpu = self.process.cpu_seconds(waited.rusage_seconds)
        seconds = time.monotonic() - self.started
        usage = self.process.close()
        if (extra := self.process.charged_cpu()) is not None:  # the shared helper's work for it is its own
            cpu = (cpu or 0.0) + extra
            usage = replace(usage, cpu_seconds=(usage.cpu_seconds or 0.0) + extra) if usage is not None else None
        self.reader.join(_DRAIN_SECONDS)
        with contextlib.suppress(OSError):
            if self.process.popen.stdin is not None:
                self.process.popen.stdin.close()
        killed_at_cap = self.reader.capped and self.kill_at_cap
        self.result = ProcessResult(
            exit_code=None if fired or killed_at_cap or waited.over_cpu is not None else code,
            output=self.reader.data(),
            seconds=seconds,
            timed_out=fired and not killed_at_cap,
            output_capped=self.reader.capped,
            stdout=self.reader.data(STDOUT),
            stderr=self.reader.data(STDERR),
            usage=usage,
            cpu_seconds=cpu,
            over_cpu=waited.over_cpu,
        )
        return self.result


def run_process(
    argv: Sequence[str],
    *,
    cwd: Path,
    timeout: float,
    env: Mapping[str, str] | None = None,
    output_cap: int = DEFAULT_OUTPUT_CAP,
    confinement: Confinement = TOOL,
    dump: tuple[int, float] | None = None,
) -> ProcessResult:
    """Run `argv` and wait at most `timeout` seconds; the whole tree is killed on timeout, when the output
    passes `output_cap`, and after the main process exits (so nothing lingers or holds the pipes open).
    `dump` (signal, seconds): on timeout, first send the command that signal and give it that long to print
    where it is stuck (a runtime's stack dump)."""
    started = time.monotonic()
    for attempt in range(1, SETUP_ATTEMPTS + 1):
        try:
            running = Running(argv, cwd=cwd, env=env, confinement=confinement, output_cap=output_cap)
        except StartError as exc:
            return ProcessResult(None, b"", time.monotonic() - started, not_found=exc.not_found, start_error=str(exc))
        left = timeout if attempt == 1 else max(0.1, timeout - (running.started - started))
        done = running.finish(left, dump)
        if attempt == SETUP_ATTEMPTS or not _sandbox_setup_raced(done):
            return done
    raise AssertionError("unreachable")


# bubblewrap binds / recursively and then remounts each mount below it read-only; a run folder's tmpfs that another
# run detaches in between makes that remount fail before the payload starts: EINVAL when the mount is gone, ENOENT
# when its folder is gone too (seen in CI, where it failed a C# compiler server's start and then every C# compile of
# that build). That race is the build's, not the example's: start it again (a payload that prints the same line
# itself only buys itself two more quick runs).
SETUP_ATTEMPTS = 3
_SETUP_RACE = (b"bwrap: Can't bind mount /oldroot/", b"bwrap: Can't remount ")
_SETUP_RACE_ERRORS = (b"Invalid argument", b"No such file or directory")


def _sandbox_setup_raced(done: ProcessResult) -> bool:
    return (
        done.exit_code == 1
        and done.seconds < 2.0
        and done.output.startswith(_SETUP_RACE)
        and done.output.count(b"\n") <= 1
        and any(error in done.output for error in _SETUP_RACE_ERRORS)
    )


def shell_code(returncode: int) -> int:
    """An exit status as a shell (and bubblewrap) reports it: 128 + n for a process killed by signal n."""
    return 128 - returncode if returncode < 0 else returncode


def kill_all_running() -> int:
    """Kill every process this layer started and that still runs, with its whole tree (an interrupted build)."""
    with _running_lock:
        running = list(_running)
    for process in running:
        process.kill()
    return len(running)


__all__ = [
    "SETUP_ATTEMPTS",
    "TOOL",
    "Confinement",
    "Process",
    "ProcessResult",
    "Running",
    "StartError",
    "contributed",
    "kill_all_running",
    "run_process",
    "start",
]
