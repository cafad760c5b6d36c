# A run's own folder as a tmpfs of its own, capped in bytes and inodes (where the build may mount: as root), so
# that a run filling its folder stops at its cap and a run beside it never sees ENOSPC.
from __future__ import annotations

import ctypes
import ctypes.util
import os
import threading
from pathlib import Path

from hooks.process.limits import RUN_DISK, format_bytes

_MNT_DETACH = 2
_MS_NOSUID, _MS_NODEV, _MS_BIND, _MS_SHARED = 2, 4, 4096, 1 << 20
_lock = threading.Lock()
_usable: bool | None = None


def _libc() -> ctypes.CDLL:
    return ctypes.CDLL(ctypes.util.find_library("c") or None, use_errno=True)


def share(root: Path) -> bool:
    """Make the folder that holds the runs' folders a shared mount, so that a run's tmpfs mounted later is seen by
    the toolchain processes started before it (the C# compiler server, in a mount namespace of its own)."""
    if os.geteuid() != 0:
        return False
    libc = _libc()
    path = str(root).encode()
    if libc.mount(path, path, None, _MS_BIND, None) != 0:
        return False
    if libc.mount(None, path, None, _MS_SHARED, None) != 0:
        libc.umount2(path, _MNT_DETACH)
        return False
    return True


def mount_capped(folder: Path) -> bool:
    """Mount a tmpfs capped at RUN_DISK on `folder` (empty); False where this build cannot mount (not root)."""
    global _usable
    if _usable is False or os.geteuid() != 0:
        return False
    size, inodes = RUN_DISK
    options = f"size={size},nr_inodes={inodes},mode=0711".encode()
    done = _libc().mount(b"cme-run", str(folder).encode(), b"tmpfs", _MS_NOSUID | _MS_NODEV, options)
    with _lock:
        _usable = done == 0
    return bool(done == 0)


def unmount(folder: Path) -> None:
    """Detach the run's tmpfs (its files go with it)."""
    _libc().umount2(str(folder).encode(), _MNT_DETACH)


def unmount_below(root: Path) -> None:
    """Detach every mount at or below `root`, deepest first: what a killed build left (its runs' tmpfs mounts and
    the shared bind of their root), so that its folders can be removed. Root only; never raises."""
    if os.geteuid() != 0:
        return
    try:
        table = Path("/proc/self/mountinfo").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return
    top = str(root)
    points = []
    for line in table.splitlines():
        fields = line.split(" ")
        if len(fields) > 4:
            point = _unescape(fields[4])
            if point == top or point.startswith(top + "/"):
                points.append(point)
    libc = _libc()
    for point in sorted(points, key=len, reverse=True):
        libc.umount2(point.encode(), _MNT_DETACH)


def _unescape(field: str) -> str:
    """A mountinfo path: space, tab, newline and backslash are written as octal escapes."""
    for code in ("040", "011", "012", "134"):
        field = field.replace("\\" + code, chr(int(code, 8)))
    return field


def describe() -> str | None:
    """`1 GiB and 100,000 files per run's folder`, or None where runs' folders are not capped."""
    if os.geteuid() != 0 or _usable is False:
        return None
    return f"{format_bytes(RUN_DISK[0])} and {RUN_DISK[1]:,} files per run's folder"
