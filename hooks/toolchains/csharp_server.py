# The C# compiler server: one VBCSCompiler per build, started through the process layer (so it dies with the
# build), with a response file of references shared by every C# compile.
from __future__ import annotations

import atexit
import contextlib
import os
import secrets
import shutil
import tempfile
import threading
import time
from dataclasses import replace
from pathlib import Path

from hooks.process import sandbox
from hooks.process.limits import GIB, Limits
from hooks.process.run import SETUP_ATTEMPTS, Confinement, Process, StartError, contributed, run_process, start
from hooks.process.tree import sweep_stale
from hooks.toolchains.base import ToolchainInfo

SERVER_START_SECONDS = 30.0  # a cold VBCSCompiler listens within ~0.5 s on a quiet machine
QUICK_EXIT_SECONDS = 2.0  # a server that ended sooner without listening is started again (SETUP_ATTEMPTS in all)
# The server compiles for every C# example of the build (compiling runs none of their code): its own cgroup caps
# what a pathological source can make it hold; a compile that times out gets it killed (see restart_after_timeout).
SERVER_LIMITS = Limits(4 * GIB, 1024)
COMPILER_FLAGS = (
    "-nologo",
    "-target:exe",
    "-langversion:latest",
    "-nullable:enable",
    "-warnaserror+",
    "-deterministic",
    "-debug:portable",
    "-optimize+",
    "-features:FileBasedProgram",  # `#:include` and other `dotnet run file.cs` directives are allowed (and ignored)
)


def dotnet_env(info: ToolchainInfo) -> dict[str, str]:
    """The environment `dotnet` runs in: this SDK, no telemetry, no first-run messages."""
    return {
        "DOTNET_ROOT": info.details["root"],
        "DOTNET_CLI_TELEMETRY_OPTOUT": "1",
        "DOTNET_NOLOGO": "1",
        "DOTNET_SKIP_FIRST_TIME_EXPERIENCE": "1",
    }


def sandboxed() -> bool:
    """Whether the server runs in a sandbox of its own and each compile client joins it (bubblewrap, as root:
    the client enters the sandbox's namespaces with nsenter, which an unprivileged build cannot)."""
    return sandbox.current().isolated and sandbox.drop_to() is not None


class CompilerSession:
    """A response file of references and a VBCSCompiler server, shared by all C# compiles of a build.

    The server and its clients find each other by a pipe (a Unix socket) in TMPDIR, and a client checks that
    the server is alive by the pid its named mutex records, so both must share a PID namespace and a /tmp.
    Sandboxed (`sandboxed()`): the server runs in a bubblewrap sandbox of its own (no network, read-only files,
    as nobody, seccomp, its own cgroup), with the folders it compiles in bound read-write (the runs' root, whose
    per-run tmpfs mounts propagate into it), and each client enters that sandbox's namespaces as nobody
    (`Step.joins`). Otherwise both share the build's PID namespace and this session's folder as TMPDIR (with
    the server in a PID namespace of its own, every client took it for dead and compiled alone: 0.7 s instead
    of 0.2 s); bubblewrap still kills the server when the build dies.
    """

    def __init__(self, info: ToolchainInfo) -> None:
        self.info = info
        self.sandboxed = sandboxed()
        sweep_stale(Path(tempfile.gettempdir()), "cme-csc-")
        self.directory = Path(tempfile.mkdtemp(prefix=f"cme-csc-{os.getpid()}-"))
        self.directory.chmod(0o755)  # readable by the sandboxed server and its clients (nobody)
        self.response_file = self.directory / "net.rsp"
        refs = info.details["refs"].splitlines()
        self.response_file.write_text("\n".join([*COMPILER_FLAGS, *(f'-r:"{r}"' for r in refs)]) + "\n")
        self.response_file.chmod(0o644)
        inner = {"TMPDIR": "/tmp", "HOME": "/tmp"} if self.sandboxed else {"TMPDIR": str(self.directory)}
        self.env = {**dotnet_env(info), **inner}
        self.server: Process | None = None
        self.pipe = f"cme{os.getpid()}{secrets.token_hex(4)}"  # sandboxed: each server's /tmp is its own
        self.folders: tuple[Path, ...] = ()  # sandboxed: what the server may write (the runs' root, build folders)
        self.gave_up = False  # the server did not start: compile without one from here on
        if not self.sandboxed:  # sandboxed: started by the first compile that joins it, with its folder
            self.start_server()

    def start_server(self) -> None:
        """A fresh server (unsandboxed: on a pipe name of its own, so clients planned for a killed one start
        theirs, in their cgroup)."""
        if not self.sandboxed:
            self.pipe = f"cme{os.getpid()}{secrets.token_hex(4)}"
        argv = [self.info.executable, "exec", self.info.details["server"], f"-pipename:{self.pipe}"]
        if self.sandboxed:
            readable = (self.directory, Path(self.info.details["root"]))
            held = contributed(SERVER_LIMITS, self.folders, readable)
            held = replace(held, owned=False)  # the runs' root stays root's (each run's folder is nobody's)
        else:
            held = Confinement(limits=SERVER_LIMITS, own_pids=False)
        for _attempt in range(SETUP_ATTEMPTS):  # a sandbox that lost bubblewrap's mount race exits at once
            started = time.monotonic()
            try:
                self.server = start(argv, cwd=self.directory, env=self.env, confinement=held, capture=False)
            except StartError:
                self.server = None
                break
            self._wait_until_listening()
            if self.server is not None or time.monotonic() - started > QUICK_EXIT_SECONDS:
                break
        self.gave_up = self.server is None

    def joins(self, folder: Path) -> int | None:
        """Sandboxed: the init of the server's sandbox, for a compile in `folder` to enter (restarting the server
        where it was killed, or where `folder` is not below what it may write); None: no server to join."""
        with _lock:
            folder = folder.resolve()
            if not any(f == folder or f in folder.parents for f in self.folders):
                self.folders = (*self.folders, folder)
                self.kill_server()
            if self.server is None and not self.gave_up:
                self.start_server()
            if not self.server_running() or self.server is None:
                return None
            return self.server.inner_pid

    def server_cpu(self) -> float | None:
        """CPU seconds the server's cgroup has used (None: no server, or not accounted)."""
        server = self.server
        return server.cgroup.cpu_seconds() if server is not None and server.cgroup is not None else None

    def kill_server(self) -> None:
        """Kill the server now, with whatever it still computes (a compile that timed out): nothing of that
        compile keeps burning CPU after its example's timeout. The next compile starts a fresh server."""
        server, self.server = self.server, None
        if server is not None:
            server.close()

    def _wait_until_listening(self) -> None:
        """Block until the server listens (its socket is /tmp/<pipe> on Unix). A client that finds no server
        starts one of its own, detached from the build, which nothing would stop if the build were killed."""
        inner = self.server.inner_pid if self.server is not None else None
        socket = (Path(f"/proc/{inner}/root/tmp") if self.sandboxed and inner else Path("/tmp")) / self.pipe
        deadline = time.monotonic() + SERVER_START_SECONDS
        while self.server_running() and not socket.exists() and time.monotonic() < deadline:
            time.sleep(0.02)
        if self.server is not None and not socket.exists():
            self.server.close()  # compile without it: slower, and nothing is left behind
            self.server = None

    def server_running(self) -> bool:
        return self.server is not None and self.server.popen.poll() is None

    def stop(self) -> None:
        if self.server is not None:
            if self.server_running():
                shutdown = [self.info.executable, "exec", self.info.details["server"], "-shutdown"]
                run_process([*shutdown, f"-pipename:{self.pipe}"], cwd=self.directory, timeout=10, env=self.env)
                with contextlib.suppress(Exception):
                    self.server.popen.wait(timeout=5)
            self.server.close()
        shutil.rmtree(self.directory, ignore_errors=True)


_lock = threading.Lock()
_current: CompilerSession | None = None


def session(info: ToolchainInfo) -> CompilerSession:
    """This build's session, started on first use."""
    global _current
    with _lock:
        if _current is None:
            _current = CompilerSession(info)
        elif _current.server is None and not _current.gave_up and not _current.sandboxed:
            _current.start_server()  # the last one was killed after a compile timed out
        return _current


def restart_after_timeout() -> None:
    """A C# compile timed out. Kill/restart, rather than a server per compile inside each run's sandbox: a cold
    csc costs ~2.5 s per example here (37 C# examples: ~90 s of CPU a cold build), the warm server ~0.2 s; a
    restart costs the next compile ~0.5 s, and only after a timeout. Concurrent compiles on the killed server
    fail over to a server of their own, started in their own cgroup."""
    with _lock:
        current = _current
    if current is not None:
        current.kill_server()


def close() -> None:
    """Stop the compiler server started for this build, if any."""
    global _current
    with _lock:
        current, _current = _current, None
    if current is not None:
        current.stop()


atexit.register(close)
