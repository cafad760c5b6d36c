# What every toolchain module provides, and the helpers they share (finding binaries, version probes).
from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import threading
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from hooks.atomic import write_atomically


@dataclass(frozen=True)
class ToolchainInfo:
    """A toolchain found on this machine."""

    version: str  # as shown on pages and in the report, e.g. "go1.27.3"
    executable: str
    details: Mapping[str, str] = field(default_factory=dict)  # toolchain-specific paths


@dataclass(frozen=True)
class Plan:
    """How to run one example in its working directory: commands run in order, sharing one timeout."""

    steps: tuple[tuple[str, ...], ...]
    display: str  # the command as shown on the page
    env: Mapping[str, str] = field(default_factory=dict)  # added to the build's environment


class Toolchain(Protocol):
    name: str  # registry key and report value: python, go, elixir, csharp
    label: str  # tab label: Python, Go, Elixir, C#
    extensions: tuple[str, ...]
    comment: str  # how a line comment starts: `#` or `//`
    fence: str  # the code fence language for the source
    install_hint: str
    position: re.Pattern[str]  # a compiler/runtime position in the output; groups `file`, `line`
    last_position_wins: bool  # tracebacks name the innermost frame last

    def detect(self) -> ToolchainInfo | None:
        """The toolchain on this machine, or None when it is not installed."""

    def plan(self, source: Path, workdir: Path, info: ToolchainInfo) -> Plan:
        """The commands that run `source` (already copied into `workdir`)."""

    def close(self) -> None:
        """Stop whatever the toolchain started for this build (a compiler server)."""


def close_nothing() -> None:
    """`close` for toolchains that start nothing."""


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
            write_atomically(_probe_file, json.dumps(stored, indent=1))
    return value


def probe_output(argv: Sequence[str], env: Mapping[str, str] | None = None) -> str:
    """The output of a quick version command; empty when it fails."""
    try:
        done = subprocess.run(list(argv), capture_output=True, text=True, timeout=30, env=dict(env) if env else None)
    except (OSError, subprocess.TimeoutExpired):
        return ""
    return (done.stdout + done.stderr).strip() if done.returncode == 0 else ""


def _read_probes() -> dict[str, str]:
    if _probe_file is None:
        return {}
    try:
        data = json.loads(_probe_file.read_text())
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}
