# The one reader of /proc (Linux): the pids, a process's environment, the descendants of a pid, and the memory and
# CPU of a whole process tree (RSS, PSS, high-water mark, CPU seconds).
from __future__ import annotations

import os
from pathlib import Path

PROC = Path("/proc")
PAGE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096
TICKS = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="ascii", errors="replace")
    except OSError:
        return ""


def _stat_fields(pid: int) -> list[str]:
    """Fields of /proc/<pid>/stat after the command name (field 3 onwards), [] when gone."""
    text = _read(PROC / str(pid) / "stat")
    return text.rsplit(")", 1)[1].split() if ")" in text else []


def all_pids() -> list[int]:
    """Every process's pid but this one's ([] without /proc)."""
    try:
        return [int(name) for name in os.listdir(PROC) if name.isdigit() and int(name) != os.getpid()]
    except OSError:
        return []


def environ(pid: int) -> bytes:
    """A process's environment, `NAME=value\\0` each (b"" when gone or not ours to read)."""
    try:
        return (PROC / str(pid) / "environ").read_bytes() + b"\0"
    except OSError:
        return b""


def descendants(root: int) -> list[int]:
    """`root` and every live descendant, by parent pid (one pass over /proc)."""
    children: dict[int, list[int]] = {}
    for pid in all_pids():
        fields = _stat_fields(pid)
        if len(fields) > 1:
            children.setdefault(int(fields[1]), []).append(pid)
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo.extend(children.get(pid, []))
    return found


def rss(pid: int) -> int:
    """Resident set size of one process in bytes (0 when gone)."""
    parts = _read(PROC / str(pid) / "statm").split()
    return int(parts[1]) * PAGE if len(parts) > 1 else 0


def hwm(pid: int) -> int:
    """The kernel's resident high-water mark of one process (VmHWM) in bytes, 0 when gone.

    Unlike wait4's ru_maxrss it starts afresh at exec, so it does not include the harness's own memory
    that a forked child briefly shared before exec.
    """
    for line in _read(PROC / str(pid) / "status").splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) * 1024
    return 0


def pss(pid: int) -> int:
    """Proportional set size in bytes: shared pages split between their users (0 when unavailable)."""
    for line in _read(PROC / str(pid) / "smaps_rollup").splitlines():
        if line.startswith("Pss:"):
            return int(line.split()[1]) * 1024
    return 0


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of one live process so far, including its reaped children."""
    fields = _stat_fields(pid)
    if len(fields) < 15:
        return 0.0
    return sum(int(v) for v in fields[11:15]) / TICKS  # utime stime cutime cstime


def tree_rss(root: int) -> int:
    """Sum of the RSS of `root` and its descendants (shared pages counted once per process)."""
    return sum(rss(pid) for pid in descendants(root))


def tree_pss(root: int) -> int:
    """Sum of the PSS of `root` and its descendants (shared pages counted once in total)."""
    return sum(pss(pid) for pid in descendants(root))


def tree_cpu_seconds(root: int) -> float:
    """CPU seconds of `root` and its live descendants so far."""
    return sum(cpu_seconds(pid) for pid in descendants(root))
