# The cgroups that enforce the limits: one per run (v2, or v1's memory + pids hierarchies), below the build's own.
from __future__ import annotations

import atexit
import contextlib
import os
import secrets
import signal
import threading
import time
from pathlib import Path

from hooks.process.limits import GIB, Limits, Usage


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
        return Usage(events.get("oom_kill", 0), _keyed(pids / "pids.events").get("max", 0), peak, self.cpu_seconds())

    def cpu_seconds(self) -> float | None:
        """CPU time of every process that ever ran in the cgroup, the exited included: v2's cpu.stat, v1's
        cpuacct hierarchy when it is mounted (a PID namespace hides the program from wait4's rusage)."""
        if self.version == "v2":
            usec = _keyed(self.dirs[0] / "cpu.stat").get("usage_usec")
            return usec / 1e6 if usec is not None else None
        if len(self.dirs) > 2:
            ns = _int(self.dirs[2] / "cpuacct.usage")
            return ns / 1e9 if ns is not None else None
        return None

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


DELEGATED = "CONCURRENCY_CGROUP"  # a cgroup v2 folder delegated to the build (CI): runs' cgroups go below it


def find_cgroups(proc: Path = Path("/proc/self")) -> CgroupTree | str:
    """This process's writable cgroups (v1 memory + pids, or v2 with both controllers), or why there are none.
    CONCURRENCY_CGROUP names a v2 cgroup to use instead of the build's own: one with no process in it, owned by
    the build user, with memory and pids in its subtree_control (v2 lets no cgroup that holds a process, the
    root excepted, hand controllers down, so the build's own cgroup can serve only when it is delegated empty)."""
    mounts = _mounts(proc / "mountinfo")
    own = _own_paths(proc / "cgroup")
    bases: tuple[Path, ...]
    if os.environ.get(DELEGATED):
        bases, version = (Path(os.environ[DELEGATED]),), "v2"
    elif "memory" in mounts and "pids" in mounts and "memory" in own and "pids" in own:
        bases = (mounts["memory"] / own["memory"].lstrip("/"), mounts["pids"] / own["pids"].lstrip("/"))
        accounting = (
            mounts["cpuacct"] / own["cpuacct"].lstrip("/") if "cpuacct" in mounts and "cpuacct" in own else None
        )
        if accounting is not None and os.access(accounting, os.W_OK):
            bases += (accounting,)  # CPU time, where it is mounted on its own or with cpu
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
                if option in ("memory", "pids", "cpuacct"):
                    found.setdefault(option, Path(fields[4]))
    return found


def _own_paths(cgroup_file: Path) -> dict[str, str]:
    """This process's cgroup path by controller ("" for v2), from /proc/self/cgroup."""
    found: dict[str, str] = {}
    for line in _read(cgroup_file).splitlines():
        parts = line.split(":", 2)
        if len(parts) == 3:
            for controller in parts[1].split(",") if parts[1] else [""]:  # "cpu,cpuacct" names both
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
