# What machine the benchmarks ran on: CPU, cores, memory, kernel, and the steal time seen during the run.
from __future__ import annotations

import hashlib
import json
import platform
from dataclasses import dataclass
from pathlib import Path

from hooks.common.machine import parse_cpu_model
from hooks.engine.cores import machine_cores

PROC = Path("/proc")


def parse_mem_total(meminfo: str) -> int:
    """MemTotal of /proc/meminfo in bytes (0 when absent)."""
    for line in meminfo.splitlines():
        if line.startswith("MemTotal:"):
            parts = line.split()
            return int(parts[1]) * 1024 if len(parts) >= 2 and parts[1].isdigit() else 0
    return 0


def parse_cpu_times(stat: str) -> tuple[int, int]:
    """(total jiffies, steal jiffies) from the aggregate `cpu` line of /proc/stat."""
    for line in stat.splitlines():
        fields = line.split()
        if fields and fields[0] == "cpu":
            values = [int(v) for v in fields[1:]]
            steal = values[7] if len(values) > 7 else 0
            return sum(values[:8]), steal  # guest time is already inside user/nice
    return 0, 0


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return ""


@dataclass(frozen=True)
class Machine:
    """The identity of the build machine; `key` decides which results belong to it."""

    cpu_model: str
    cores: int
    memory_bytes: int
    kernel: str
    system: str

    @property
    def key(self) -> str:
        """A short hash of what changes the results (memory rounded to GiB, so a few pages' drift does not)."""
        material = [self.cpu_model, self.cores, round(self.memory_bytes / 2**30), self.kernel, self.system]
        return hashlib.sha256(json.dumps(material).encode()).hexdigest()[:16]

    def to_json(self) -> dict[str, object]:
        """The fingerprint as stored in results.json."""
        return {
            "key": self.key,
            "cpu_model": self.cpu_model,
            "cores": self.cores,
            "memory_bytes": self.memory_bytes,
            "kernel": self.kernel,
            "system": self.system,
        }


def machine(proc: Path = PROC) -> Machine:
    """This machine's fingerprint, from /proc and `uname`; the cores are those this process may run on (its
    affinity and cgroup quota: `taskset -c 0` makes a one-core machine, with a fingerprint of its own)."""
    return Machine(
        cpu_model=parse_cpu_model(_read(proc / "cpuinfo")),
        cores=machine_cores(),
        memory_bytes=parse_mem_total(_read(proc / "meminfo")),
        kernel=platform.release(),
        system=f"{platform.system()} {platform.machine()}",
    )


class StealMeter:
    """Share of CPU time stolen by the hypervisor between `start` and `stop` (from /proc/stat)."""

    def __init__(self, proc: Path = PROC) -> None:
        self._proc = proc
        self._start = parse_cpu_times(_read(proc / "stat"))

    def fraction(self) -> float | None:
        """Steal jiffies / all jiffies since the meter was made; None without /proc/stat."""
        total, steal = parse_cpu_times(_read(self._proc / "stat"))
        elapsed = total - self._start[0]
        if elapsed <= 0:
            return None
        return (steal - self._start[1]) / elapsed
