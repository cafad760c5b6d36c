# One HTTP run: the server pinned to CPU 0 and warmed up, wrk pinned to CPU 1 on the server's loopback, bounded in
# time; wrk's output parsed.
from __future__ import annotations

import os
import re
import resource
import shutil
import socket
import sys
import tempfile
import time
from pathlib import Path

from hooks.bench.measure.child import Child
from hooks.bench.measure.measure import Prepared, RunError, Sample, held, params_argv
from hooks.bench.measure.profiles import Case, Profile
from hooks.process import proc
from hooks.process.limits import benchmark_limits
from hooks.process.run import Confinement, run_process

_UNITS = {"us": 1e-6, "ms": 1e-3, "s": 1.0, "m": 60.0, "h": 3600.0}
_DURATION = r"([\d.]+)(us|ms|s|m|h)"


def parse_wrk(text: str) -> dict[str, float]:
    """Requests per second, latency percentiles (seconds), request and error counts from `wrk --latency`."""
    found: dict[str, float] = {}
    rate = re.search(r"^Requests/sec:\s+([\d.]+)", text, re.M)
    if not rate:
        raise RunError(f"wrk printed no Requests/sec line: {text[-400:]!r}")
    found["requests_per_second"] = float(rate.group(1))
    for pct, value, unit in re.findall(r"^\s+(50|75|90|99)%\s+" + _DURATION, text, re.M):
        found[f"latency_p{pct}_seconds"] = float(value) * _UNITS[unit]
    total = re.search(r"^\s+(\d+) requests in", text, re.M)
    if total:
        found["requests"] = float(total.group(1))
    errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", text)
    found["socket_errors"] = float(sum(int(g) for g in errors.groups())) if errors else 0.0
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
    found["non_2xx"] = float(non2xx.group(1)) if non2xx else 0.0
    return found


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nobody listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def pinned(cpu: int, argv: list[str]) -> list[str]:
    """`taskset -c <the cpu-th CPU this process may use> argv` when taskset exists and there is such a CPU."""
    allowed = sorted(os.sched_getaffinity(0))
    if shutil.which("taskset") and len(allowed) > cpu:
        return ["taskset", "-c", str(allowed[cpu]), *argv]
    return argv


def wrk(port: int, seconds: int, connections: int, netns_of: int | None = None) -> tuple[str, float | None]:
    """Run wrk once against the port (pinned to CPU 1), in the server's network namespace when it has one;
    its output and its CPU seconds from its own cgroup (None where none could account it)."""
    exe = shutil.which("wrk")
    if exe is None:
        raise RunError("wrk is not installed (apt-get install wrk)")
    argv = pinned(1, [exe, "-t1", f"-c{connections}", f"-d{seconds}s", "--latency", f"http://127.0.0.1:{port}/"])
    text, code, cpu = _run_client(argv, seconds + 30, netns_of)
    if code != 0:
        raise RunError(f"wrk exited with {code}: {text[-400:]!r}")
    return text, cpu


def warm_up(port: int, seconds: float, netns_of: int | None = None) -> None:
    """The warm-up client (hooks/bench/measure/warmup.py) pinned to CPU 1, in the server's network namespace when it has
    one: GET / one request at a time over 4 keep-alive connections for `seconds`."""
    argv = pinned(1, [sys.executable, "-m", "hooks.bench.measure.warmup", str(port), str(seconds)])
    text, code, _cpu = _run_client(argv, seconds + 30, netns_of)
    if code != 0:
        raise RunError(text.strip()[-400:] or f"warm-up client exited with {code}")


def _run_client(argv: list[str], timeout: float, netns_of: int | None) -> tuple[str, int | None, float | None]:
    """Run a load-side client through the process layer, in a cgroup of its own: its output, exit code and CPU
    seconds as that cgroup accounted them. Not wait4's rusage: in its PID namespace the client is the grandchild of
    the process waited for, so rusage counted the namespace's init alone (2 ms for a second of wrk at full speed).
    None where no cgroup could be made: no figure beats a wrong one (ProcessResult.cpu_seconds)."""
    held = Confinement(limits=benchmark_limits(), netns_of=netns_of)
    done = run_process(argv, cwd=Path(tempfile.gettempdir()), timeout=timeout, output_cap=1 << 20, confinement=held)
    if done.start_error:
        raise RunError(done.start_error)
    return done.output.decode("utf-8", "replace"), done.exit_code, done.cpu_seconds


def load(profile: Profile) -> dict[str, object]:
    """The load as it is applied: connections, durations, wrk threads and the CPUs server and wrk are pinned to."""
    server = pinned(0, [])
    client = pinned(1, [])
    return {
        "generator": "wrk",
        "connections": profile.http_connections,
        "seconds": profile.http_seconds,
        "warmup_seconds": profile.http_warmup_seconds,
        "warmup": "GET / one at a time over 4 keep-alive connections",
        "wrk_threads": 1,
        "server_cpus": server[2] if server else None,
        "wrk_cpus": client[2] if client else None,
    }


def enough_files(connections: int) -> None:
    """Raise this process's soft limit on open files (inherited by wrk and the server) to fit the connections."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    want = connections + 256
    if soft != resource.RLIM_INFINITY and soft < want:
        if hard != resource.RLIM_INFINITY and hard < want:
            raise RunError(f"{connections} connections need {want} open files; the hard limit here is {hard}")
        resource.setrlimit(resource.RLIMIT_NOFILE, (want, hard))


def run_http(case: Case, prepared: Prepared, profile: Profile) -> Sample:
    """Start the server pinned to CPU 0, wait for READY, warm up, measure with wrk, stop it with SIGTERM."""
    enough_files(profile.http_connections)
    port = free_port()
    argv = pinned(0, [*prepared.argv, *params_argv((*case.params, ("port", port)))])
    with (
        tempfile.TemporaryDirectory(prefix="bench-") as work,
        Child(argv, prepared.env, Path(work), *held(prepared)) as child,
    ):
        if not child.wait_ready(profile.timeout):
            raise RunError(f"the server printed no READY within {profile.timeout:g}s: {child.stderr_tail()[-500:]}")
        netns = child.process.inner_pid  # the server's own network namespace (loopback only), if sandboxed
        if profile.http_warmup_seconds:
            warm_up(port, profile.http_warmup_seconds, netns)
        child.sample()
        server_cpu = proc.tree_cpu_seconds(child.pid)
        child.peak_rss = 0  # the peak under load, not during the warm-up
        started = time.monotonic()
        text, wrk_cpu = wrk(port, profile.http_seconds, profile.http_connections, netns)
        elapsed = time.monotonic() - started
        server_cpu = proc.tree_cpu_seconds(child.pid) - server_cpu
        peak = max(child.peak_rss, proc.tree_rss(child.pid))
        child.terminate()
        end = child.wait(10.0)
        del end  # a server killed after 10 s still measured fine; its exit code does not matter
    values = parse_wrk(text)
    if values["requests"] == 0 or values["non_2xx"] > 0:
        raise RunError(f"wrk saw no successful responses: {text[-400:]!r}")
    values.update(wall_seconds=elapsed, server_cpu_seconds=server_cpu, peak_rss_bytes=float(peak))
    if wrk_cpu is not None:  # the saturation guard: a client near a whole core of its own limits what it measures
        values.update(wrk_cpu_seconds=wrk_cpu, wrk_cpu_share=wrk_cpu / max(elapsed, 1e-9))
    return Sample(values)
