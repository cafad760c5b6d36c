# The sandbox contributed code runs in (Linux: bubblewrap namespaces + a cgroup), found once per build.
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from hooks.common.errors import SetupError
from hooks.common.settings import sandbox_mode
from hooks.process import disk as limits_disk
from hooks.process.cgroup import CgroupTree, find_cgroups
from hooks.process.limits import TMP_BYTES, Limits, format_bytes
from hooks.process.sandbox_filter import filter_fd

UNPRIVILEGED = 65534  # `nobody`: who contributed code runs as when the build runs as root
# What contributed code may see of the build's environment (plus what its toolchain sets).
ENV_ALLOWLIST = ("PATH", "LANG", "LC_ALL", "LC_CTYPE", "TZ")
SYSTEM_PATH = "/usr/bin:/bin:/usr/sbin:/sbin"
INSTALL_HINT = "install bubblewrap (Debian: apt-get install bubblewrap; scripts/setup.sh does it as root)"
# The checkout: examples may read the repository's files (read-only) wherever it lives, /tmp and home included.
PROJECT_ROOT = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class Status:
    """Which isolation this build can give contributed code, and why not where it cannot."""

    mode: str  # CONCURRENCY_SANDBOX: auto | required | off
    bwrap: str | None  # bubblewrap, when it can make namespaces here
    cgroups: CgroupTree | None  # where limits are set, when the kernel lets us
    problems: tuple[str, ...] = ()  # what is missing, in words
    seccomp: bool = False  # the filter (hooks/process/sandbox_filter.py): no user namespaces, no keyring calls
    tmpfs_size: bool = False  # bubblewrap caps its tmpfs mounts (/tmp, /dev/shm, the hidden home) with --size
    weaker: tuple[str, ...] = ()  # what is not on though the sandbox is (shown, but `required` still holds)

    @property
    def isolated(self) -> bool:
        return self.bwrap is not None

    @property
    def complete(self) -> bool:
        return self.bwrap is not None and self.cgroups is not None

    def summary(self) -> str:
        """One line for the build log."""
        if self.mode == "off":
            return "sandbox: off (CONCURRENCY_SANDBOX=off): examples run without isolation or limits"
        if self.complete:
            assert self.cgroups is not None
            weaker = f"; NOT on: {'; '.join(self.weaker)}" if self.weaker else ""
            return (
                f"sandbox: bubblewrap (own network with loopback only, PID, IPC and mount namespaces; read-only files "
                f"except the example's folder and a private /tmp{self._extras()}) + cgroup {self.cgroups.version} "
                f"limits, compiles included{weaker}"
            )
        what = "without limits" if self.isolated else "WITHOUT isolation"
        return f"sandbox: examples run {what}: {'; '.join(self.problems)}"

    def _extras(self) -> str:
        extras = [f"/tmp capped at {format_bytes(TMP_BYTES)}"] if self.tmpfs_size else []
        extras += [f"disk: {disk}"] if (disk := limits_disk.describe()) else ["disk of the run's folder NOT capped"]
        extras += ["no new user namespaces or keyring calls (seccomp)"] if self.seccomp else []
        return "".join(f"; {e}" for e in extras)

    def describe(self, limits: Limits | None) -> dict[str, Any]:
        """The `sandbox` field of a run in execution-report.json and results.json."""
        capped = limits if self.cgroups is not None and limits is not None else None
        return {
            "isolation": "bubblewrap" if self.isolated else "none",
            "cgroup": self.cgroups.version if self.cgroups is not None and capped else None,
            "memory_bytes": capped.memory_bytes if capped else None,
            "tasks": capped.tasks if capped else None,
            "cpu_seconds": capped.cpu_seconds if capped else None,  # its CPU budget, compile included
            "seccomp": self.seccomp if self.isolated else None,
            "tmp_bytes": TMP_BYTES if self.isolated and self.tmpfs_size else None,
            "disk": limits_disk.describe() if self.isolated else None,
            "unavailable": "; ".join((*self.problems, *self.weaker)) or None,
        }


_lock = threading.Lock()
_status: Status | None = None


def configure(mode: str) -> Status:
    """Find what isolation is possible (once per process and mode); SetupError when `required` cannot be met."""
    global _status
    with _lock:
        if _status is None or _status.mode != mode:
            _status = _detect(mode)
        status = _status
    if mode == "required" and not status.complete:
        raise SetupError(f"CONCURRENCY_SANDBOX=required, but {'; '.join(status.problems)}")
    return status


def current() -> Status:
    """The status `configure` found (CONCURRENCY_SANDBOX's mode when nobody configured it yet)."""
    return _status if _status is not None else configure(sandbox_mode())


def _detect(mode: str) -> Status:
    if mode == "off":
        return Status(mode, None, None)
    problems: list[str] = []
    bwrap = system_tool("bwrap")
    if not sys.platform.startswith("linux"):
        problems.append(f"no sandbox on {sys.platform} (bubblewrap and cgroups are Linux)")
        bwrap = None
    elif bwrap is None:
        problems.append(f"bubblewrap is not installed: {INSTALL_HINT}")
    elif (failure := _try(bwrap)) is not None:
        problems.append(f"bubblewrap cannot create namespaces here ({failure}); user namespaces may be disabled")
        bwrap = None
    found = find_cgroups() if sys.platform.startswith("linux") else "no cgroups outside Linux"
    if isinstance(found, str):
        problems.append(f"no memory and task limits: {found}")
    weaker: list[str] = []
    seccomp = sized = False
    if bwrap is not None:
        sized = "--size" in _help(bwrap) and _try(bwrap, sized=True) is None
        if not sized:
            weaker.append("size caps on the sandbox's /tmp (bubblewrap 0.8 or later has --size)")
        seccomp = _try(bwrap, sized=sized, seccomp=True) is None
        if not seccomp:
            weaker.append("the seccomp filter against new user namespaces and keyring calls (unsupported here)")
    cgroups = None if isinstance(found, str) else found
    return Status(mode, bwrap, cgroups, tuple(problems), seccomp, sized, tuple(weaker))


def _help(bwrap: str) -> str:
    try:
        return subprocess.run([bwrap, "--help"], capture_output=True, text=True, timeout=30).stdout
    except (OSError, subprocess.TimeoutExpired):
        return ""


def _try(bwrap: str, sized: bool = False, seccomp: bool = False) -> str | None:
    """Why a trivial sandboxed command fails here (with the size caps, the filter), or None when it works."""
    fd = filter_fd() if seccomp else None
    if seccomp and fd is None:
        return "no seccomp filter for this architecture"
    with tempfile.TemporaryDirectory(prefix="cme-probe-") as scratch:
        argv = wrap_contributed(
            bwrap, [system_tool("true") or "true"], Path(scratch), (Path(scratch),), (), None, fd, sized
        )
        try:
            # The probe decides how run.py starts every process, so it cannot go through run.py (which imports this).
            done = subprocess.run(
                argv, capture_output=True, timeout=30, stdin=subprocess.DEVNULL, pass_fds=(fd,) if fd else ()
            )
        except (OSError, subprocess.TimeoutExpired) as exc:
            return str(exc)
        finally:
            if fd is not None:
                os.close(fd)
    return None if done.returncode == 0 else done.stderr.decode(errors="replace").strip()[-300:]


def system_tool(name: str) -> str | None:
    """A system program (bwrap, setpriv, nsenter): on PATH, else where Debian puts it (the build's PATH may not
    list it: an example's toolchain is found through PATH, the sandbox is not)."""
    return shutil.which(name) or shutil.which(name, path=SYSTEM_PATH)


def drop_to() -> int | None:
    """The uid contributed code runs as: nobody when the build is root (and setpriv exists), else the build's."""
    return UNPRIVILEGED if os.geteuid() == 0 and system_tool("setpriv") else None


def wrap_contributed(
    bwrap: str,
    argv: Sequence[str],
    cwd: Path,
    writable: Sequence[Path],
    readable: Sequence[Path],
    info_fd: int | None,
    seccomp_fd: int | None = None,
    sized: bool = False,
) -> list[str]:
    """bwrap around `argv`: loopback-only network, own PID/IPC/UTS namespaces, the file system read-only except
    `writable` and a private /tmp, the build user's home hidden (the checkout shown again, read-only, where it
    lives under them), no capabilities, as nobody when we are root; `seccomp_fd`: the filter against new user
    namespaces and keyring calls; `sized`: tmpfs mounts capped."""
    home = Path.home().resolve()
    hidden = [Path("/tmp"), Path("/run")] + ([home] if home != Path("/") else [])
    size = ["--size", str(TMP_BYTES)] if sized else []
    args = [bwrap, "--ro-bind", "/", "/", "--dev", "/dev", "--perms", "1777", *size, "--tmpfs", "/dev/shm"]
    args += ["--proc", "/proc"]
    for path in hidden:
        args += ["--perms", "1777" if path == Path("/tmp") else "0755", *size, "--tmpfs", str(path)]
    made: set[Path] = set(hidden)
    bound: list[Path] = []
    for path in sorted(_needed((*readable, PROJECT_ROOT)), key=lambda p: len(p.parts)):
        under = [h for h in hidden if path == h or h in path.parents]
        if under and not any(b == path or b in path.parents for b in bound):  # else: visible already
            args += [*_parents(path, under[0], made), "--ro-bind", str(path), str(path)]
            bound.append(path)
    for path in (p.resolve() for p in writable):
        under = [h for h in hidden if h in path.parents]
        args += (_parents(path, under[0], made) if under else []) + ["--bind", str(path), str(path)]
    uid = drop_to()
    args += ["--unshare-ipc", "--unshare-pid", "--unshare-net", "--unshare-uts", "--unshare-cgroup-try"]
    args += ["--die-with-parent", "--new-session", "--cap-drop", "ALL"]
    if uid is not None:
        args += ["--cap-add", "CAP_SETUID", "--cap-add", "CAP_SETGID"]
    args += ["--chdir", str(cwd)]
    if info_fd is not None:
        args += ["--info-fd", str(info_fd)]
    if seccomp_fd is not None:
        args += ["--seccomp", str(seccomp_fd)]
    args.append("--")
    if uid is not None:
        args += [str(system_tool("setpriv")), f"--reuid={uid}", f"--regid={uid}", "--clear-groups", "--"]
    return [*args, *argv]


def wrap_joined(argv: Sequence[str], pid: int, cwd: Path) -> list[str]:
    """`argv` inside the running sandbox whose init is `pid` (its PID, mount, network, IPC and UTS namespaces;
    `cwd` as that sandbox sees it), as nobody without privileges: the C# compile client, which must share the
    compiler server's PID namespace and /tmp (its pipe). Only where the build is root (see drop_to)."""
    nsenter, setpriv = system_tool("nsenter") or "nsenter", system_tool("setpriv") or "setpriv"
    spaces = ["--pid", "--mount", "--net", "--ipc", "--uts"]
    drop = [f"--reuid={UNPRIVILEGED}", f"--regid={UNPRIVILEGED}", "--clear-groups", "--no-new-privs"]
    return [nsenter, "-t", str(pid), *spaces, f"--wdns={cwd}", "--", setpriv, *drop, "--", *argv]


def wrap_tool(
    bwrap: str,
    argv: Sequence[str],
    cwd: Path,
    read_only: Sequence[Path],
    info_fd: int | None,
    own_pids: bool = True,
) -> list[str]:
    """bwrap around a toolchain's own process (a compiler, its server): the host's view and rights, but killed
    with the build (in a PID namespace of its own unless `own_pids` is False), and `read_only` paths (the source
    being compiled) read-only."""
    args = [bwrap, "--bind", "/", "/", "--dev-bind", "/dev", "/dev"]
    if own_pids:
        args += ["--proc", "/proc", "--unshare-pid"]
    for path in read_only:
        args += ["--ro-bind", str(path), str(path)]
    args += ["--die-with-parent", "--chdir", str(cwd)]
    if info_fd is not None:
        args += ["--info-fd", str(info_fd)]
    return [*args, "--", *argv]


def _parents(path: Path, mount: Path, made: set[Path]) -> list[str]:
    """`--dir` for the folders between a tmpfs the sandbox mounted and a path bound below it (so that
    someone other than root may pass through them)."""
    args = []
    for parent in reversed(path.parents):
        if mount in parent.parents and parent not in made:
            args += ["--dir", str(parent)]
            made.add(parent)
    return args


def _needed(extra: Sequence[Path]) -> list[Path]:
    """What contributed code must be able to read even where the sandbox hides a folder (the home, /tmp):
    the interpreter, every PATH entry, and the toolchain folders the caller names."""
    paths = [Path(sys.prefix), Path(sys.base_prefix), *extra]
    paths += [Path(p) for p in os.environ.get("PATH", "").split(os.pathsep) if p]
    found: list[Path] = []
    for path in paths:
        real = path.resolve()
        if real.exists() and real not in found and real != Path("/"):
            found.append(real)
    return found


def allowed_env(extra: dict[str, str]) -> dict[str, str]:
    """The build's environment cut to the allowlist, plus `extra` (the example's and its toolchain's)."""
    kept = {name: os.environ[name] for name in ENV_ALLOWLIST if name in os.environ}
    return {**kept, **extra}
