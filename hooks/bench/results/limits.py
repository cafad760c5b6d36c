# What caps how many units this machine can hold, and why a measured curve stops short of an article's size.
from __future__ import annotations

import resource
from collections.abc import Mapping, Sequence
from pathlib import Path

from hooks.bench.measure.record import CaseResult
from hooks.bench.measure.units import unit as unit_record
from hooks.bench.results import curves, fmt
from hooks.bench.results.figures import memory_fit, ok, spawn_seconds_at

MachineLimits = Mapping[str, int | None]
PROC = Path("/proc")
BUILD_SHARE = 30.0  # seconds of a build's benchmark phase one size of one unit may take


def _number(path: Path) -> int | None:
    try:
        text = path.read_text(encoding="utf-8").strip()
    except OSError:
        return None
    return int(text) if text.isdigit() else None


def read(proc: Path = PROC, cgroup_root: Path = Path("/sys/fs/cgroup")) -> dict[str, int | None]:
    """Memory, pid_max, threads-max, the cgroup's pids.max and RLIMIT_NPROC (None: no limit, or not known)."""
    memory = None
    try:
        for line in (proc / "meminfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("MemTotal:"):
                memory = int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        memory = None
    try:
        group = (proc / "self" / "cgroup").read_text(encoding="utf-8").strip().splitlines()[-1].rpartition(":")[2]
    except (OSError, IndexError):
        group = ""
    nproc = resource.getrlimit(resource.RLIMIT_NPROC)[0]
    return {
        "memory_bytes": memory,
        "pid_max": _number(proc / "sys" / "kernel" / "pid_max"),
        "threads_max": _number(proc / "sys" / "kernel" / "threads-max"),
        "cgroup_pids_max": _number(cgroup_root / group.lstrip("/") / "pids.max") if group else None,
        "rlimit_nproc": None if nproc == resource.RLIM_INFINITY else nproc,
    }


def why_not(unit: str, size: int, results: Sequence[CaseResult], machine: MachineLimits, runs: int = 11) -> str:
    """Why the measured sizes stop short of `size`: what the nearest size within 10x would need here (memory,
    kernel processes or threads, time to start them `runs` times), against this machine's limits."""
    need = max(1, round(size / curves.MAX_EXTRAPOLATION))
    measured = [int(r.params["n"]) for r in ok(results, "spawn_hold", unit)]
    if not measured:
        return ""
    reasons: list[str] = []
    fit = memory_fit(results, unit)
    memory = machine.get("memory_bytes")
    if fit is not None and memory:
        bytes_needed = fit[1] + fit[0] * need
        if bytes_needed > memory / 2:
            reasons.append(
                f"at the measured {fmt.size(fit[0])} per unit, N = {need:,} would need about {fmt.size(bytes_needed)},"
                f" more than half of this machine's {fmt.size(memory)}"
            )
    kind = unit_record(unit).kernel  # one OS process or thread per unit: they count against the pid and thread limits
    if kind:
        caps = {name: value for name, value in machine.items() if name != "memory_bytes" and value}
        tight = {name: value for name, value in caps.items() if value is not None and value < need * 2}
        if tight:
            names = ", ".join(f"{name} = {value:,}" for name, value in sorted(tight.items()))
            reasons.append(f"every unit is an OS {kind} and this machine allows {names}")
    spawn = spawn_seconds_at(results, unit, need)
    if spawn is not None and spawn.reached and spawn.value * runs > BUILD_SHARE:
        reasons.append(
            f"starting N = {need:,} takes about {fmt.duration(spawn.value)} along the measured curve, "
            f"{fmt.duration(spawn.value * runs)} for {runs} runs"
        )
    if reasons:
        return "It stops at N = " + f"{max(measured):,}: " + "; ".join(reasons)
    return f"It stops at N = {max(measured):,} to keep the build's benchmark phase short; N = {need:,} would fit here"
