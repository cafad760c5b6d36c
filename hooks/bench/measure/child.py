# One benchmark process, started by the process layer (sandbox, limits, own process group): stdout lines watched
# for READY, peak RSS of the program's tree sampled, rusage at exit.
from __future__ import annotations

import contextlib
import os
import signal
import threading
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from hooks.bench.measure import proctree
from hooks.process.limits import Limits
from hooks.process.run import contributed, start

SAMPLE_SECONDS = 0.05  # how often the process tree's RSS is sampled for its peak
_TAIL = 4096


@dataclass(frozen=True)
class Exit:
    """How a benchmark process ended."""

    code: int | None  # None: killed by the harness (timeout)
    wall_seconds: float
    cpu_seconds: float | None  # user + system of the whole run (its cgroup, or wait4's rusage); None: unknown
    peak_rss_bytes: int  # max of the sampled tree RSS and the main process's VmHWM (kernel high-water mark)
    timed_out: bool


class Child:
    """A started program; `close()` (or leaving the `with` block) kills whatever is left of its tree."""

    def __init__(
        self,
        argv: Sequence[str],
        env: Mapping[str, str],
        cwd: Path,
        limits: Limits | None = None,
        readable: Sequence[Path] = (),
    ) -> None:
        """Start `argv` in the sandbox, writing only to `cwd` (its HOME too), reading `readable`."""
        self.started = time.monotonic()
        confinement = contributed(limits, (cwd,), readable)
        self.process = start(argv, cwd=cwd, env={"HOME": str(cwd), **env}, confinement=confinement, stdin=True)
        self.proc = self.process.popen
        self.pid = self.process.payload_pid()  # the program itself (inside a sandbox: below its init)
        self.lines: list[str] = []
        self.ready = threading.Event()
        self.peak_rss = 0
        self._looks = 0  # samples that saw the program itself
        self._stderr = bytearray()
        self._done = threading.Event()
        self._threads = [
            threading.Thread(target=self._read_stdout, daemon=True),
            threading.Thread(target=self._read_stderr, daemon=True),
            threading.Thread(target=self._sample, daemon=True),
        ]
        for thread in self._threads:
            thread.start()

    def __enter__(self) -> Child:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _read_stdout(self) -> None:
        assert self.proc.stdout is not None
        for raw in self.proc.stdout:
            line = raw.decode("utf-8", "replace").rstrip("\r\n")
            self.lines.append(line)
            if line.strip() == "READY":
                self.ready.set()
            del self.lines[:-200]  # keep the tail only
        self.ready.set()  # EOF: nobody will say READY any more

    def _read_stderr(self) -> None:
        assert self.proc.stderr is not None
        while chunk := os.read(self.proc.stderr.fileno(), 65536):
            self._stderr += chunk
            del self._stderr[:-_TAIL]

    def _sample(self) -> None:
        """Every SAMPLE_SECONDS; in the program's first 0.2 s, its own high-water mark every 2 ms (a quick program
        may end before a slower sampler ever sees it)."""
        first_seen: float | None = None
        while not self._done.is_set():
            now = time.monotonic()
            if first_seen is not None and now - first_seen < 0.2:
                hwm = proctree.hwm(self.pid)
                self.peak_rss = max(self.peak_rss, hwm)
                self._looks += hwm > 0
            elif self.sample() > 0 and first_seen is None:
                first_seen = now
            fast = first_seen is None or now - first_seen < 0.2
            self._done.wait(0.002 if fast else SAMPLE_SECONDS)

    def sample(self) -> int:
        """Update the peak with the program tree's RSS now and the program's high-water mark; return the RSS
        (0 while the sandbox has not started the program: its own init is not measured)."""
        pid = self.process.payload_pid()
        if self.process.inner_pid is not None and pid == self.process.inner_pid:
            return 0
        self.pid = pid
        now = proctree.tree_rss(pid)
        self.peak_rss = max(self.peak_rss, now, proctree.hwm(pid))
        self._looks += now > 0
        return now

    def wait_ready(self, timeout: float) -> bool:
        """True when the program printed READY within `timeout` seconds (False on timeout or early exit)."""
        return self.ready.wait(timeout) and "READY" in (line.strip() for line in self.lines)

    def send_line(self, text: str = "") -> None:
        """Write one line to the program's stdin."""
        assert self.proc.stdin is not None
        with contextlib.suppress(OSError):
            self.proc.stdin.write(text.encode() + b"\n")
            self.proc.stdin.flush()

    def terminate(self) -> None:
        """SIGTERM to the program (a server's way to stop)."""
        with contextlib.suppress(ProcessLookupError):
            os.kill(self.process.payload_pid(), signal.SIGTERM)

    def wait(self, timeout: float) -> Exit:
        """Wait for the main process to exit; past `timeout` seconds (from the start) the whole tree is killed."""
        code, rusage_cpu, fired = self.process.wait_usage(timeout - (time.monotonic() - self.started))
        wall = time.monotonic() - self.started
        cpu = self.process.cpu_seconds(rusage_cpu)
        self._done.set()
        self.kill()  # leftovers that still hold the pipes
        for thread in self._threads[:2]:
            thread.join(2.0)  # every line the program wrote is read before anyone looks at them
        # Not ru_maxrss: it counts the harness pages the forked child shared before exec. A program seen only once
        # (it ended within ~2 ms of starting) has no peak worth a figure.
        peak = self.peak_rss if self._looks >= 2 else 0
        return Exit(None if fired else code, wall, cpu, peak, fired)

    def kill(self) -> None:
        """SIGKILL the program's whole tree (process group, sandbox, cgroup)."""
        self.process.kill()

    def close(self) -> None:
        """Kill what is left, reap the main process, remove its cgroup, close the pipes."""
        self._done.set()
        self.kill()
        if self.proc.returncode is None:
            with contextlib.suppress(ChildProcessError):
                _pid, status, _usage = os.wait4(self.proc.pid, 0)
                self.proc.returncode = os.waitstatus_to_exitcode(status)
        self.process.close()
        for thread in self._threads[:2]:
            thread.join(2.0)
        for pipe in (self.proc.stdin, self.proc.stdout, self.proc.stderr):
            with contextlib.suppress(OSError):
                if pipe is not None:
                    pipe.close()

    def stderr_tail(self) -> str:
        """The last few KiB the program wrote to stderr."""
        return self._stderr.decode("utf-8", "replace")
