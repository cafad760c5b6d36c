# One benchmark process, started as a `Running` of the process layer (sandbox, limits, own process group, its lines,
# stdin, SIGTERM, CPU time and the kill of its tree): what this adds is the READY handshake and the peak RSS of the
# program's tree, sampled while it runs.
from __future__ import annotations

import threading
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from hooks.process import proc
from hooks.process.capture import STDOUT
from hooks.process.limits import Limits
from hooks.process.run import Running, contributed

SAMPLE_SECONDS = 0.05  # how often the process tree's RSS is sampled for its peak
_TAIL = 4096  # characters of stderr kept
_KEPT_LINES = 200  # lines of stdout kept (the last one is the program's JSON)


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
        self.lines: list[str] = []
        self.ready = threading.Event()
        self.peak_rss = 0
        self._looks = 0  # samples that saw the program itself
        self._stderr = ""
        self._done = threading.Event()
        self.session = Running(
            argv,
            cwd=cwd,
            env={"HOME": str(cwd), **env},
            confinement=contributed(limits, (cwd,), readable),
            output_cap=0,  # nothing kept but the lines below
            kill_at_cap=False,
            on_line=self._line,
            stdin=True,
        )
        self.process = self.session.process
        self.pid = self.process.payload_pid()  # the program itself (inside a sandbox: below its init)
        threading.Thread(target=self._stdout_ended, daemon=True).start()
        self._sampler = threading.Thread(target=self._sample, daemon=True)
        self._sampler.start()

    def __enter__(self) -> Child:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _line(self, stream: int, line: str) -> None:
        if stream == STDOUT:
            self.lines.append(line)
            del self.lines[:-_KEPT_LINES]
            if line.strip() == "READY":
                self.ready.set()
        else:
            self._stderr = (self._stderr + line + "\n")[-_TAIL:]

    def _stdout_ended(self) -> None:
        self.session.reader.ended.wait()
        self.ready.set()  # EOF: nobody will say READY any more

    def _sample(self) -> None:
        """Every SAMPLE_SECONDS; in the program's first 0.2 s, its own high-water mark every 2 ms (a quick program
        may end before a slower sampler ever sees it)."""
        first_seen: float | None = None
        while not self._done.is_set():
            now = time.monotonic()
            if first_seen is not None and now - first_seen < 0.2:
                hwm = proc.hwm(self.pid)
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
        now = proc.tree_rss(pid)
        self.peak_rss = max(self.peak_rss, now, proc.hwm(pid))
        self._looks += now > 0
        return now

    def wait_ready(self, timeout: float) -> bool:
        """True when the program printed READY within `timeout` seconds (False on timeout or early exit)."""
        return self.ready.wait(timeout) and "READY" in (line.strip() for line in self.lines)

    def send_line(self, text: str = "") -> None:
        """Write one line to the program's stdin."""
        self.session.send_line(text)

    def terminate(self) -> None:
        """SIGTERM to the program (a server's way to stop)."""
        self.session.terminate()

    def wait(self, timeout: float) -> Exit:
        """Wait for the main process to exit; past `timeout` seconds (from the start) the whole tree is killed.
        Every line the program wrote is read before this returns."""
        done = self.session.finish(timeout)
        self._done.set()
        self._sampler.join(2.0)
        # Not ru_maxrss: it counts the harness pages the forked child shared before exec. A program seen only once
        # (it ended within ~2 ms of starting) has no peak worth a figure.
        peak = self.peak_rss if self._looks >= 2 else 0
        return Exit(done.exit_code, done.seconds, done.cpu_seconds, peak, done.timed_out)

    def kill(self) -> None:
        """SIGKILL the program's whole tree (process group, sandbox, cgroup)."""
        self.process.kill()

    def close(self) -> None:
        """Kill what is left, reap the main process, remove its cgroup, close the pipes."""
        self._done.set()
        self.session.finish(0.0)

    def stderr_tail(self) -> str:
        """The last few KiB the program wrote to stderr."""
        return self._stderr
