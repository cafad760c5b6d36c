# Resource caps for contributed code: a memory cap and a task cap, as declared and as reported; the cgroups that
# enforce them are in hooks/process/cgroup.py.
from __future__ import annotations

import contextlib
import re
from dataclasses import dataclass, replace
from pathlib import Path

GIB = 1024**3
MIB = 1024**2


@dataclass(frozen=True)
class Limits:
    """What one run may use: bytes of memory (RSS, page cache and tmpfs alike) and tasks (processes + threads)."""

    memory_bytes: int
    tasks: int
    cpu_seconds: float | None = None  # CPU time of the whole run (compile included), None: not capped

    def describe(self) -> str:
        cpu = f", {self.cpu_seconds:g} s of CPU" if self.cpu_seconds is not None else ""
        return f"{format_bytes(self.memory_bytes)} of memory, {self.tasks:,} tasks{cpu}"

    def raised(self, memory_bytes: int | None, tasks: int | None) -> Limits:
        """These limits with an example's declared ones (never lower than what they replace)."""
        return Limits(max(self.memory_bytes, memory_bytes or 0), max(self.tasks, tasks or 0), self.cpu_seconds)

    def with_cpu(self, seconds: float | None) -> Limits:
        return replace(self, cpu_seconds=seconds)


EXAMPLE_LIMITS = Limits(2 * GIB, 1024)  # a docs example: far more than any needs, far less than the machine
TMP_BYTES = 512 * MIB  # each tmpfs of the sandbox (/tmp, /dev/shm, the hidden home): charged to the run's memory too
RUN_DISK = (1 * GIB, 100_000)  # bytes and inodes of a run's own folder (a tmpfs of its own where the build may mount)
MAX_DECLARED = Limits(64 * GIB, 1_000_000)  # what `example.memory` and `example.tasks` may ask for at most


def benchmark_limits(meminfo: Path = Path("/proc/meminfo")) -> Limits:
    """Benchmarks hold up to 100k+ units (threads, processes): three quarters of the machine, 200,000 tasks."""
    total = 0
    with contextlib.suppress(OSError, ValueError, IndexError):
        for line in meminfo.read_text().splitlines():
            if line.startswith("MemTotal:"):
                total = int(line.split()[1]) * 1024
    return Limits(max(4 * GIB, total * 3 // 4), 200_000)


MAX_CPU_SECONDS = 86_400.0  # what `example.cpu` may ask for at most


def cpu_budget(timeout: float, cores: int | None, declared: float | None) -> float:
    """The CPU seconds a run may use, compile included: what it declares (`example.cpu`), else its timeout times
    the cores it was granted (one where it declares none)."""
    return declared if declared is not None else timeout * max(1, cores or 1)


def parse_cpu(text: str) -> float:
    """`example.cpu`: seconds of CPU time, like `20` or `20 s`."""
    found = re.fullmatch(r"(\d+(?:\.\d+)?)\s*s?", text.strip())
    value = float(found[1]) if found else 0.0
    if not 0 < value <= MAX_CPU_SECONDS:
        raise ValueError(f"must be seconds of CPU time like 20 s, at most {MAX_CPU_SECONDS:g}")
    return value


def parse_memory(text: str) -> int:
    """`example.memory`: a size like `512 MiB` or `4 GiB`, above the default and at most MAX_DECLARED's."""
    found = re.fullmatch(r"(\d+(?:\.\d+)?)\s*(MiB|GiB)", text.strip())
    value = int(float(found[1]) * (MIB if found[2] == "MiB" else GIB)) if found else 0
    if not 0 < value <= MAX_DECLARED.memory_bytes:
        raise ValueError(f"must be a size like 512 MiB or 4 GiB, at most {format_bytes(MAX_DECLARED.memory_bytes)}")
    return value


def parse_tasks(text: str) -> int:
    """`example.tasks`: how many processes and threads at once (the default is EXAMPLE_LIMITS.tasks)."""
    value = int(text.strip()) if text.strip().isdigit() else 0
    if not 0 < value <= MAX_DECLARED.tasks:
        raise ValueError(f"must be a whole number from 1 to {MAX_DECLARED.tasks}")
    return value


def format_bytes(value: int) -> str:
    """`2 GiB`, `512 MiB` (the unit `example.memory` takes)."""
    if value % GIB == 0:
        return f"{value // GIB} GiB"
    if value % MIB == 0:
        return f"{value // MIB} MiB"
    return f"{value:,} bytes"


@dataclass(frozen=True)
class Usage:
    """What a run's cgroup saw."""

    oom_kills: int = 0  # processes the kernel killed at the memory cap
    refused_tasks: int = 0  # forks and thread starts refused at the task cap
    peak_memory_bytes: int | None = None
    cpu_seconds: float | None = None  # user + system of every process that ran in it (None: not accounted)

    def plus(self, other: Usage | None) -> Usage:
        """Two steps of one run (a compile, then the program) as one account."""
        if other is None:
            return self
        peaks = [p for p in (self.peak_memory_bytes, other.peak_memory_bytes) if p is not None]
        cpus = [c for c in (self.cpu_seconds, other.cpu_seconds) if c is not None]
        return Usage(
            self.oom_kills + other.oom_kills,
            self.refused_tasks + other.refused_tasks,
            max(peaks) if peaks else None,
            sum(cpus) if cpus else None,
        )
