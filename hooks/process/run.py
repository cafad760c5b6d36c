# The one process layer: every process the engine starts (examples, compiles, version probes, benchmark builds
# and runs, the C# compiler server) starts here, in its own process group, in the sandbox and a cgroup where it
# runs contributed code; this module captures its output and leaves nothing of it running.
from __future__ import annotations

import contextlib
import math
import os
import secrets
import subprocess
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from hooks.process import sandbox
from hooks.process.capture import STDERR, STDOUT, Capture
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

    def wait_usage(self, timeout: float) -> tuple[int, float, bool]:
        """Wait for the process to exit, killing its tree after `timeout` seconds: its exit code, the CPU seconds
        of it and of the descendants it waited for (wait4's rusage), and whether the timeout fired."""
        fired = threading.Event()

        def expire() -> None:
            fired.set()
            self.kill()

        timer = threading.Timer(max(0.0, timeout), expire)
        timer.daemon = True
        timer.start()
        try:
            _pid, status, usage = os.wait4(self.popen.pid, 0)
        finally:
            timer.cancel()
        self.popen.returncode = os.waitstatus_to_exitcode(status)
        return shell_code(self.popen.returncode), usage.ru_utime + usage.ru_stime, fired.is_set()

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
    process = Process(popen, run_id, confinement, status.bwrap is not None, cgroup)
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
    output_capped: bool = False  # the output exceeded the cap and the process tree was killed
    not_found: str | None = None  # the executable that does not exist, if that is why it failed
    start_error: str | None = None  # why the command could not be started at all
    stdout: bytes = b""  # the part of `output` that came from stdout
    stderr: bytes = b""  # and from stderr
    usage: Usage | None = None  # what its cgroup saw (None: no cgroup)
    over_cpu: float | None = None  # the CPU seconds it had used when it was stopped at its budget


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
    try:
        process = start(argv, cwd=cwd, env=env, confinement=confinement)
    except StartError as exc:
        return ProcessResult(None, b"", time.monotonic() - started, not_found=exc.not_found, start_error=str(exc))
    assert process.popen.stdout is not None and process.popen.stderr is not None
    reader = Capture(process.popen.stdout, process.popen.stderr, output_cap, process.kill)
    reader.start()
    charged = confinement.charged
    charged_before = charged() if charged is not None else None
    timed_out, over_cpu = False, None
    try:
        over_cpu = _wait(process, started + timeout, _budget(confinement), charged, charged_before)
        timed_out = over_cpu is None and process.popen.poll() is None and not reader.capped
        if timed_out and dump is not None:
            _ask_for_dump(process, *dump)
    finally:
        usage = process.close()
    if usage is not None and charged is not None and charged_before is not None:
        extra = max(0.0, (charged() or charged_before) - charged_before)
        usage = replace(usage, cpu_seconds=(usage.cpu_seconds or 0.0) + extra)
    reader.join(_DRAIN_SECONDS)
    killed = timed_out or reader.capped or over_cpu is not None
    return ProcessResult(
        exit_code=None if killed else shell_code(process.popen.returncode),
        output=reader.data(),
        seconds=time.monotonic() - started,
        timed_out=timed_out,
        output_capped=reader.capped,
        stdout=reader.data(STDOUT),
        stderr=reader.data(STDERR),
        usage=usage,
        over_cpu=over_cpu,
    )


def _budget(confinement: Confinement) -> float | None:
    return confinement.limits.cpu_seconds if confinement.limits is not None else None


def _wait(
    process: Process,
    deadline: float,
    budget: float | None,
    charged: Callable[[], float | None] | None,
    charged_before: float | None,
) -> float | None:
    """Wait until the process exits or the deadline passes; with a CPU budget, read the run's cgroup (and what a
    shared helper did meanwhile) every CPU_POLL_SECONDS and kill the tree once it is over: the CPU seconds used
    then (None: it exited or the deadline passed)."""
    while (left := deadline - time.monotonic()) > 0:
        try:
            process.popen.wait(timeout=min(left, CPU_POLL_SECONDS) if budget is not None else left)
            return None
        except subprocess.TimeoutExpired:
            pass
        if budget is None or process.cgroup is None or (used := process.cgroup.cpu_seconds()) is None:
            continue
        if charged is not None and charged_before is not None:
            used += max(0.0, (charged() or charged_before) - charged_before)
        if used > budget:
            process.kill()
            return used
    return None


def _ask_for_dump(process: Process, signum: int, seconds: float) -> None:
    """Signal the command (inside the sandbox: the child of its init) and wait for it to write its dump and exit."""
    with contextlib.suppress(OSError):
        os.kill(process.payload_pid(), signum)
    with contextlib.suppress(subprocess.TimeoutExpired):
        process.popen.wait(timeout=seconds)


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
    "TOOL",
    "Confinement",
    "Process",
    "ProcessResult",
    "StartError",
    "contributed",
    "kill_all_running",
    "run_process",
    "start",
]
