# What every toolchain provides (a typed record, checked by mypy), and the helpers they share: finding binaries,
# version probes, and running a build step through the process layer.
from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import shutil
import tempfile
import threading
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from hooks.common.atomic import write_atomically
from hooks.common.errors import SetupError
from hooks.process.run import TOOL, Confinement, run_process

BUILD_TIMEOUT = 600.0  # seconds for one benchmark build


@dataclass(frozen=True)
class ToolchainInfo:
    """A toolchain found on this machine."""

    version: str  # as shown on pages and in the report, e.g. "go1.27.3"
    executable: str
    details: Mapping[str, str] = field(default_factory=dict)  # toolchain-specific paths


@dataclass(frozen=True)
class Step:
    """One command of a plan. `contributed` (every step but the C# compile client): in the sandbox with the run's
    limits, compiles included (cgo runs the C compiler on the file, `elixir` runs module bodies). The C# client
    talks to this build's compiler server (which runs no code of the source: no analyzers or generators are
    passed) outside the sandbox, in a cgroup with the run's limits; `on_timeout` then kills what it started."""

    argv: tuple[str, ...]
    contributed: bool = True
    env: Mapping[str, str] = field(default_factory=dict)  # this step only, over the plan's
    own_pids: bool = True  # a compile in a PID namespace of its own (not the C# client: see csharp_server.py)
    on_timeout: Callable[[], None] | None = None  # what a timeout of this step must stop besides its own tree
    joins: Callable[[Path], int | None] | None = None  # the sandbox (its init's pid) this step enters to compile in
    # the given folder (the C# client, beside its compiler server); None from it: a sandbox of its own instead
    charged: Callable[[], float | None] | None = None  # CPU of a shared server whose work is this step's own
    readable: tuple[Path, ...] = ()  # what this step must also read when it runs in a sandbox of its own (the C#
    # client without its server: the response file of references)


@dataclass(frozen=True)
class Plan:
    """How to run one example in its working directory: commands run in order, sharing one timeout."""

    steps: tuple[Step, ...]
    display: str  # the command as shown on the page
    env: Mapping[str, str] = field(default_factory=dict)  # every step's environment, besides the allowlist
    readable: tuple[Path, ...] = ()  # toolchain folders the sandbox must show even where it hides a folder


@dataclass(frozen=True)
class Command:
    """How a built benchmark program runs (the harness appends `key=value` parameters)."""

    argv: tuple[str, ...]
    env: Mapping[str, str] = field(default_factory=dict)
    readable: tuple[Path, ...] = ()  # what it reads: its build folder, its source, the toolchain


@dataclass(frozen=True)
class TimelineHelper:
    """How an example that records a timeline gets its language's helper (hooks/timeline/helpers.py puts it there)."""

    file: str  # its name beside the example, and in the project's snippets/timeline/
    before: tuple[str, ...] = ()  # put before the example's file name where a command names it (`-r timeline.exs`)
    after: tuple[str, ...] = ()  # and after it: compiled with it (`timeline.go`)
    reader_names_it: bool = True  # the reader's command names it too (a C# example includes it itself)
    source: Path | None = None  # where it is read from; None: the project's snippets/timeline/<file>


@dataclass(frozen=True)
class Toolchain:
    """One language: how its examples run and how its benchmark programs are built."""

    name: str  # registry key and report value: python, go, elixir, csharp
    label: str  # tab label: Python, Go, Elixir, C#
    extensions: tuple[str, ...]
    comment: str  # how a line comment starts: `#` or `//`
    fence: str  # the code fence language for the source
    install_hint: str
    position: re.Pattern[str]  # a compiler/runtime position in the output; groups `file`, `line`
    last_position_wins: bool  # tracebacks name the innermost frame last
    detect: Callable[[], ToolchainInfo | None]  # None when it is not installed
    plan: Callable[[Path, Path, ToolchainInfo], Plan]  # (source already copied into workdir, workdir, info)
    build_benchmark: Callable[[Path, Path, ToolchainInfo, str], None]  # (program, out dir, info, shown name)
    bench_command: Callable[[Path, Path, ToolchainInfo], Command]  # how a built program runs (program, out, info)
    reader_command: str = "{name}"  # what a reader types to run a copy of the file (`go run {name}`)
    diagnostics: re.Pattern[str] | None = None  # its own warnings on stderr: not "printing something"
    close: Callable[[], None] = lambda: None  # stop what it started for this build (a compiler server)
    timeline: TimelineHelper | None = None  # its timeline helper (None: its examples cannot draw one)

    def printed(self, stdout: str, stderr: str) -> bool:
        """Whether a run printed something: anything on stdout, or on stderr beyond the toolchain's warnings."""
        if stdout.strip():
            return True
        rest = self.diagnostics.sub("", stderr) if self.diagnostics else stderr
        return bool(rest.strip())


def find_executable(name: str, *fallback_dirs: Path) -> str | None:
    """`name` on PATH, else in the first fallback directory that has it."""
    found = shutil.which(name)
    if found:
        return found
    for directory in fallback_dirs:
        candidate = directory / name
        if candidate.is_file() and os.access(candidate, os.X_OK):
            return str(candidate)
    return None


_probe_lock = threading.Lock()
_probe_file: Path | None = None


def set_probe_cache(path: Path | None) -> None:
    """Where version probes are remembered between builds (None: only within this process)."""
    global _probe_file
    _probe_file = path


_memory: dict[str, str] = {}


def cached_probe(files: Sequence[str], compute: Callable[[], str]) -> str:
    """`compute()` (a version probe), remembered until one of `files` changes (path, size, mtime).

    Asking `elixir --version` costs a VM start (~0.3 s); a warm rebuild must not pay it.
    """
    stamp = []
    for name in files:
        real = os.path.realpath(name)
        st = os.stat(real)
        stamp.append([real, st.st_size, st.st_mtime_ns])
    key = hashlib.sha256(json.dumps(stamp).encode()).hexdigest()
    with _probe_lock:
        if key in _memory:
            return _memory[key]
        stored = _read_probes()
        if key in stored:
            _memory[key] = stored[key]
            return stored[key]
    value = compute()
    with _probe_lock:
        _memory[key] = value
        if _probe_file is not None:
            stored = _read_probes()
            stored[key] = value
            with contextlib.suppress(OSError):  # a full disk costs the next build a probe, nothing more
                write_atomically(_probe_file, json.dumps(stored, indent=1))
    return value


def probe_output(argv: Sequence[str], env: Mapping[str, str] | None = None) -> str:
    """The output of a quick version command (through the process layer); empty when it fails."""
    with tempfile.TemporaryDirectory(prefix="cme-probe-") as scratch:
        done = run_process(argv, cwd=Path(scratch), timeout=30, env=env)
    return done.output.decode("utf-8", "replace").strip() if done.exit_code == 0 else ""


def run_build(
    shown: str,
    argv: Sequence[str],
    cwd: Path,
    env: Mapping[str, str],
    position: re.Pattern[str],
    confinement: Confinement = TOOL,
) -> None:
    """One benchmark build step; SetupError naming `shown:line` (the first position in the output) on failure."""
    done = run_process(argv, cwd=cwd, timeout=BUILD_TIMEOUT, env=env, confinement=confinement)
    output = done.output.decode("utf-8", "replace").strip()
    if done.start_error or done.timed_out:
        reason = done.start_error or f"timed out after {BUILD_TIMEOUT:g} s"
        raise SetupError(f"{shown}:1: building failed: {reason}")
    if done.exit_code != 0:
        found = position.search(output)
        line = found["line"] if found else "1"
        raise SetupError(f"{shown}:{line}: building failed (exit {done.exit_code}):\n{output}")


def read_only_copy(source: Path, folder: Path) -> Path:
    """`source` copied into `folder`, read-only: what a compile outside the sandbox gets to see."""
    target = folder / source.name
    shutil.copyfile(source, target)
    target.chmod(0o444)
    return target


def _read_probes() -> dict[str, str]:
    if _probe_file is None:
        return {}
    try:
        data = json.loads(_probe_file.read_text())
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) and all(isinstance(v, str) for v in data.values()) else {}
