# Resource caps for contributed code: one cgroup per run (v2, or v1's memory + pids), a memory cap and a task cap.
from __future__ import annotations

import atexit
import contextlib
import os
import re
import secrets
import signal
import threading
import time
from dataclasses import dataclass
from pathlib import Path

GIB = 1024**3
MIB = 1024**2


@dataclass(frozen=True)
class Limits:
    """What one run may use: bytes of memory (RSS, page cache and tmpfs alike) and tasks (processes + threads)."""

    memory_bytes: int
    tasks: int

    def describe(self) -> str:
        return f"{format_bytes(self.memory_bytes)} of memory, {self.tasks:,} tasks"

    def raised(self, memory_bytes: int | None, tasks: int | None) -> Limits:
        """These limits with an example's declared ones (never lower than what they replace)."""
        return Limits(max(self.memory_bytes, memory_bytes or 0), max(self.tasks, tasks or 0))


EXAMPLE_LIMITS = Limits(2 * GIB, 1024)  # a docs example: far more than any needs, far less than the machine
MAX_DECLARED = Limits(64 * GIB, 1_000_000)  # what `example.memory` and `example.tasks` may ask for at most


def benchmark_limits(meminfo: Path = Path("/proc/meminfo")) -> Limits:
    """Benchmarks hold up to 100k+ units (threads, processes): three quarters of the machine, 200,000 tasks."""
    total = 0
    with contextlib.suppress(OSError, ValueError, IndexError):
        for line in meminfo.read_text().splitlines():
            if line.startswith("MemTotal:"):
                total = int(line.split()[1]) * 1024
    return Limits(max(4 * GIB, total * 3 // 4), 200_000)


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


class Cgroup:
    """One run's cgroup: a directory per hierarchy (v1: memory and pids; v2: one)."""

    def __init__(self, version: str, dirs: tuple[Path, ...]) -> None:
        self.version = version
        self.dirs = dirs

    @property
    def procs_files(self) -> tuple[Path, ...]:
        return tuple(d / "cgroup.procs" for d in self.dirs)

    def usage(self) -> Usage:
        memory, pids = (self.dirs[0], self.dirs[1]) if self.version == "v1" else (self.dirs[0], self.dirs[0])
        events = _keyed(memory / ("memory.oom_control" if self.version == "v1" else "memory.events"))
        peak = _int(memory / ("memory.max_usage_in_bytes" if self.version == "v1" else "memory.peak"))
        return Usage(events.get("oom_kill", 0), _keyed(pids / "pids.events").get("max", 0), peak)

    def pids(self) -> set[int]:
        found: set[int] = set()
        for procs in self.procs_files:
            with contextlib.suppress(OSError, ValueError):
                found.update(int(line) for line in procs.read_text().split())
        return found

    def kill(self, patience: float = 5.0) -> None:
        """SIGKILL every process in the cgroup until it is empty (a process may fork while we look)."""
        for directory in self.dirs:
            with contextlib.suppress(OSError):
                (directory / "cgroup.kill").write_text("1")  # v2, Linux 5.14+
        deadline = time.monotonic() + patience
        while (pids := self.pids()) and time.monotonic() < deadline:
            for pid in pids:
                with contextlib.suppress(ProcessLookupError, PermissionError):
                    os.kill(pid, signal.SIGKILL)
            time.sleep(0.01)

    def remove(self) -> None:
        """Kill what is left and delete the directories."""
        self.kill()
        for directory in self.dirs:
            _rmdir(directory)


class CgroupTree:
    """Where this build makes its cgroups: a `cme-<pid>-<tag>` directory below the build's own cgroup."""

    def __init__(self, version: str, bases: tuple[Path, ...]) -> None:
        self.version = version
        self._tops = tuple(base / f"cme-{os.getpid()}-{secrets.token_hex(3)}" for base in bases)
        self._made = False
        self._lock = threading.Lock()

    def create(self, limits: Limits) -> Cgroup:
        """A fresh cgroup with these limits; OSError when the kernel refuses."""
        with self._lock:
            if not self._made:
                for top in self._tops:
                    _sweep_stale(top.parent)
                    top.mkdir()
                if self.version == "v2":
                    (self._tops[0] / "cgroup.subtree_control").write_text("+memory +pids")
                self._made = True
                atexit.register(self.remove)
        name = secrets.token_hex(6)
        dirs = tuple(top / name for top in self._tops)
        for directory in dirs:
            directory.mkdir()
        cgroup = Cgroup(self.version, dirs)
        try:
            if self.version == "v1":
                (dirs[0] / "memory.limit_in_bytes").write_text(str(limits.memory_bytes))
                with contextlib.suppress(OSError):  # no swap accounting: nothing to cap
                    (dirs[0] / "memory.memsw.limit_in_bytes").write_text(str(limits.memory_bytes))
                (dirs[1] / "pids.max").write_text(str(limits.tasks))
            else:
                (dirs[0] / "memory.max").write_text(str(limits.memory_bytes))
                with contextlib.suppress(OSError):
                    (dirs[0] / "memory.swap.max").write_text("0")
                (dirs[0] / "pids.max").write_text(str(limits.tasks))
        except OSError:
            cgroup.remove()
            raise
        return cgroup

    def remove(self) -> None:
        for top in self._tops:
            _rmdir_tree(top)


def find_cgroups(proc: Path = Path("/proc/self")) -> CgroupTree | str:
    """This process's writable cgroups (v1 memory + pids, or v2 with both controllers), or why there are none."""
    mounts = _mounts(proc / "mountinfo")
    own = _own_paths(proc / "cgroup")
    bases: tuple[Path, ...]
    if "memory" in mounts and "pids" in mounts and "memory" in own and "pids" in own:
        bases = (mounts["memory"] / own["memory"].lstrip("/"), mounts["pids"] / own["pids"].lstrip("/"))
        version = "v1"
    elif "" in mounts and "" in own:
        base = mounts[""] / own[""].lstrip("/")
        controllers = _read(base / "cgroup.controllers").split()
        if not {"memory", "pids"} <= set(controllers):
            return f"cgroup v2 at {base} offers no memory and pids controllers"
        bases, version = (base,), "v2"
    else:
        return "no cgroup v2 and no cgroup v1 memory + pids hierarchy is mounted"
    for base in bases:
        if not os.access(base, os.W_OK):
            return f"cannot create cgroups in {base} (run as root, or delegate a cgroup to the build)"
    probe = CgroupTree(version, bases)
    try:
        probe.create(Limits(GIB, 64)).remove()
    except OSError as exc:
        return f"cannot set limits in a cgroup below {bases[0]}: {exc.strerror or exc}"
    finally:
        probe.remove()
    return CgroupTree(version, bases)


def _mounts(mountinfo: Path) -> dict[str, Path]:
    """Mount point by controller ("" for the v2 hierarchy)."""
    found: dict[str, Path] = {}
    for line in _read(mountinfo).splitlines():
        left, _, right = line.partition(" - ")
        fields, tail = left.split(), right.split()
        if len(fields) < 5 or len(tail) < 3:
            continue
        if tail[0] == "cgroup2":
            found.setdefault("", Path(fields[4]))
        elif tail[0] == "cgroup":
            for option in tail[2].split(","):
                if option in ("memory", "pids"):
                    found.setdefault(option, Path(fields[4]))
    return found


def _own_paths(cgroup_file: Path) -> dict[str, str]:
    """This process's cgroup path by controller ("" for v2), from /proc/self/cgroup."""
    found: dict[str, str] = {}
    for line in _read(cgroup_file).splitlines():
        parts = line.split(":", 2)
        if len(parts) == 3:
            for controller in parts[1].split(",") if parts[1] else [""]:
                found[controller] = parts[2]
    return found


def _sweep_stale(parent: Path) -> None:
    """Remove the cgroups of builds that died (killed before they could clean up)."""
    with contextlib.suppress(OSError):
        for entry in parent.iterdir():
            parts = entry.name.split("-")
            stale = len(parts) == 3 and parts[0] == "cme" and parts[1].isdigit() and entry.is_dir()
            if stale and not Path(f"/proc/{parts[1]}").exists():
                _rmdir_tree(entry)  # killing what is left in it: nothing of a dead build keeps running


def _rmdir_tree(top: Path) -> None:
    with contextlib.suppress(OSError):
        for child in top.iterdir():
            if child.is_dir():
                Cgroup("", (child,)).kill(patience=1.0)
                _rmdir(child)
    _rmdir(top)


def _rmdir(directory: Path) -> None:
    for _ in range(50):  # a killed process leaves its cgroup a moment after it dies
        try:
            directory.rmdir()
            return
        except FileNotFoundError:
            return
        except OSError:
            time.sleep(0.02)


def _keyed(path: Path) -> dict[str, int]:
    found = {}
    for line in _read(path).splitlines():
        parts = line.split()
        if len(parts) == 2 and parts[1].isdigit():
            found[parts[0]] = int(parts[1])
    return found


def _int(path: Path) -> int | None:
    text = _read(path).strip()
    return int(text) if text.isdigit() else None


def _read(path: Path) -> str:
    try:
        return path.read_text()
    except OSError:
        return ""
