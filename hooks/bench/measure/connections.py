# One connections run: an HTTP server (benchmarks/http) pinned to CPU 0 holds C idle keep-alive connections of our
# own client (hooks/bench/measure/connclient.py, pinned to CPU 1, in the server's network namespace): the server's
# memory before and while they are held, then request latency with every connection sending at once.
from __future__ import annotations

import resource
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

from hooks.bench.measure.child import Child
from hooks.bench.measure.http import free_port, pinned, warm_up
from hooks.bench.measure.measure import Prepared, RunError, Sample, held, last_json, params_argv
from hooks.bench.measure.profiles import Case, Profile
from hooks.bench.measure.workloads import WORKLOADS
from hooks.process import proc
from hooks.process.capture import STDOUT
from hooks.process.limits import benchmark_limits
from hooks.process.run import Confinement, Running, StartError

SETTLE_SECONDS = 0.1  # after every connection was answered once (IDLE), before the server's memory is read
SPARE_FILES = 256  # open files beside the connections (the runtime's own, pipes, the listener)


def open_files(connections: int) -> int:
    """Raise this process's limit on open files (inherited by server and client) to fit the connections: the soft
    limit, and the hard one where this process may (root); the limit now. RunError when it cannot fit."""
    want = connections + SPARE_FILES
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if hard != resource.RLIM_INFINITY and hard < want:
        try:
            resource.setrlimit(resource.RLIMIT_NOFILE, (want, want))
        except (ValueError, OSError):
            raise RunError(f"{connections} connections need {want} open files; the hard limit here is {hard} "
                           "(raise it with ulimit -Hn, or run as a user who may)") from None  # fmt: skip
        return want
    if soft != resource.RLIM_INFINITY and soft < want:
        resource.setrlimit(resource.RLIMIT_NOFILE, (want, hard))
        return want
    return soft


def connections_load(profile: Profile) -> dict[str, object]:
    """How the connections are applied, as results.json states it."""
    client = pinned(1, [])
    server = pinned(0, [])
    return {
        "generator": "hooks/bench/measure/connclient.py (Python asyncio, one process)",
        "rounds": profile.connection_rounds,
        "connecting_at_once": 64,
        "warmup_seconds": profile.http_warmup_seconds,
        "server_cpus": server[2] if server else None,
        "client_cpus": client[2] if client else None,
        "open_files": open_files(max(profile.connections, default=0)) if profile.connections else None,
    }


class Client:
    """The connections client as a process of its own (a cgroup accounts its CPU), talked to through the process
    layer (`Running`): its stdout read by line, released through its stdin."""

    def __init__(self, port: int, connections: int, rounds: int, timeout: float, netns: int | None) -> None:
        argv = pinned(1, [sys.executable, "-m", "hooks.bench.measure.connclient", str(port), str(connections),
                          str(rounds), f"{timeout:g}"])  # fmt: skip
        self.lines: list[str] = []
        self.idle = threading.Event()
        self.stderr = ""
        try:
            held_as = Confinement(limits=benchmark_limits(), netns_of=netns)
            self.running = Running(
                argv,
                cwd=Path(tempfile.gettempdir()),
                confinement=held_as,
                output_cap=0,  # nothing kept but the lines below
                kill_at_cap=False,
                on_line=self._line,
                stdin=True,
            )
        except StartError as exc:
            raise RunError(str(exc)) from None
        threading.Thread(target=self._ended, daemon=True).start()

    def _line(self, stream: int, text: str) -> None:
        if stream != STDOUT:
            self.stderr = (self.stderr + text + "\n")[-4096:]
            return
        line = text.strip()
        self.lines.append(line)
        if line.startswith("IDLE"):
            self.idle.set()

    def _ended(self) -> None:
        self.running.reader.ended.wait()
        self.idle.set()  # EOF: it will never say IDLE now

    def wait_idle(self, timeout: float) -> int:
        """How many connections the client holds open once it says IDLE; RunError when it never does."""
        self.idle.wait(timeout)
        said = [line for line in self.lines if line.startswith("IDLE")]
        if not said:
            raise RunError(f"the connections client never held its connections: {self.stderr[-400:]}")
        return int(said[0].split()[1])

    def finish(self, timeout: float) -> tuple[dict[str, Any], float | None]:
        """Release the client into its rounds of requests (`timeout` seconds from now); its JSON and CPU seconds
        (None: not accounted)."""
        self.running.send_line()
        done = self.running.finish(timeout + (time.monotonic() - self.running.started))
        if done.timed_out or done.exit_code != 0:
            how = "timed out" if done.timed_out else f"exited with {done.exit_code}"
            raise RunError(f"the connections client {how}: {self.stderr[-400:]}")
        return last_json(self.lines), done.cpu_seconds

    def close(self) -> None:
        self.running.finish(0.0)


def run_connections(case: Case, prepared: Prepared, profile: Profile) -> Sample:
    """Start the server, warm it up, read its memory (PSS of its tree), open the connections and read it again
    while they are idle, then time the client's rounds of requests; stop the server with SIGTERM."""
    params = dict(case.params)
    count, rounds = params["connections"], params["rounds"]
    open_files(count)
    port = free_port()
    argv = pinned(0, [*prepared.argv, *params_argv((("port", port),))])
    with (
        tempfile.TemporaryDirectory(prefix="bench-") as work,
        Child(argv, prepared.env, Path(work), *held(prepared)) as server,
    ):
        if not server.wait_ready(profile.timeout):
            raise RunError(f"the server printed no READY within {profile.timeout:g}s: {server.stderr_tail()[-500:]}")
        netns = server.process.inner_pid
        if profile.http_warmup_seconds:
            warm_up(port, profile.http_warmup_seconds, netns)
        server.sample()
        before = proc.tree_pss(server.pid)
        cpu_before = proc.tree_cpu_seconds(server.pid)
        client_started = time.monotonic()
        client = Client(port, count, rounds, profile.timeout, netns)
        try:
            opened = client.wait_idle(profile.timeout)
            time.sleep(SETTLE_SECONDS)
            idle = proc.tree_pss(server.pid)
            idle_rss = proc.tree_rss(server.pid)
            data, client_cpu = client.finish(profile.timeout)
            elapsed = time.monotonic() - client_started
        finally:
            client.close()
        server_cpu = proc.tree_cpu_seconds(server.pid) - cpu_before
        server.terminate()
        server.wait(10.0)
    workload = WORKLOADS[case.workload]
    reduced = workload.reduce(params, data)
    error = workload.check(params, {**reduced, "opened": float(opened)})
    if error:
        raise RunError(f"{error}; first failure: {data.get('first_failure')}")
    values = {
        "server_pss_before_bytes": float(before),
        "server_pss_idle_bytes": float(idle),
        "server_rss_idle_bytes": float(idle_rss),
        "bytes_per_connection": (idle - before) / max(opened, 1),
        "server_cpu_seconds": server_cpu,
        **reduced,
    }
    if client_cpu is not None:  # the saturation guard: the client's CPU over its life, as a share of its core
        values.update(client_cpu_seconds=client_cpu, client_cpu_share=client_cpu / max(elapsed, 1e-9))
    return Sample(values)
