# Benchmark programs: find them, have each one's toolchain build it once the way its users ship it, and say how
# to run it (the languages live in hooks/toolchains/: this module keeps no table of its own).
from __future__ import annotations

import hashlib
import json
import os
import stat
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from hooks.bench.measure.record import Description
from hooks.common.atomic import write_atomically
from hooks.common.errors import SetupError
from hooks.common.untrusted_files import read_text_capped, remove_tree
from hooks.process.limits import Limits, benchmark_limits
from hooks.process.sandbox import current as sandbox_status
from hooks.toolchains import TOOLCHAINS, Detected, ToolchainInfo, elixir, order, toolchain_for

LANGUAGES = {ext: tc.name for tc in TOOLCHAINS.values() for ext in tc.extensions}  # the registry's at import
RECIPE = "2"  # bump when a build command changes, so stamped builds are redone (2: built through the process layer)
STAMP_BYTES = 64 * 1024  # a build stamp is a few hundred bytes
ELIXIR_VM_FLAGS = elixir.VM_FLAGS  # part of the recipe (hooks/bench/measure/suite.py reads it)


@dataclass(frozen=True)
class Prepared:
    """A built benchmark program and the command that runs it (the harness appends `key=value` parameters)."""

    program: str  # "benchmarks/fib/go_goroutines.go"
    language: str  # python | elixir | csharp | go
    argv: tuple[str, ...]
    env: dict[str, str]  # added to the environment of the run
    toolchain: str  # version string from the toolchain's detect()
    build_seconds: float
    readable: tuple[Path, ...] = ()  # what the sandboxed run must be able to read (build folder, source, SDK)
    limits: Limits | None = None  # the cgroup caps of each run (None: none)

    @property
    def sandbox(self) -> Description:
        """How each run is held, as results.json states it."""
        return sandbox_status().describe(self.limits)


def programs(root: Path) -> list[Path]:
    """Every program under `root`/benchmarks (or under `root` itself when it is the benchmarks directory).

    Sorted by workload, then in page order Python | Elixir | C# | Go, then by name.
    """
    base = root / "benchmarks" if (root / "benchmarks").is_dir() else root
    found = {p: tc.name for p in base.glob("*/*") if p.is_file() and (tc := toolchain_for(p)) is not None}
    return sorted(found, key=lambda p: (p.parent.name, order().index(found[p]), p.name))


def prepare(program: Path, build_dir: Path, detected: Detected | None = None) -> Prepared:
    """Build `program` into a directory of its own under `build_dir` (skipped when an identical build is there),
    by its toolchain's `build_benchmark`, with the toolchain `detected` (the build's; default: detected now).
    Raises SetupError naming file:line when the toolchain is missing or the program does not compile.
    """
    program = program.resolve()
    toolchain = toolchain_for(program)
    if toolchain is None:
        known = ", ".join(ext for tc in TOOLCHAINS.values() for ext in tc.extensions)
        raise SetupError(f"{program}:1: not a benchmark program (expected one of {known})")
    info = (detected or Detected()).get(toolchain.name)
    if info is None:
        raise SetupError(f"{label(program)}:1: {toolchain.label} toolchain missing: {toolchain.install_hint}")
    out = build_dir / program.parent.name / program.stem
    key = hashlib.sha256(f"{RECIPE}\0{info.version}\0{ELIXIR_VM_FLAGS}\0".encode() + program.read_bytes()).hexdigest()
    stamp = out.with_name(f"{out.name}.build.json")  # beside the build folder, which the compile may write
    recorded = _read_stamp(stamp)
    if recorded.get("key") == key and all(_regular(out / str(name)) for name in recorded.get("outputs", [])):
        return _prepared(program, toolchain.name, info, out, float(recorded["build_seconds"]))
    remove_tree(out)  # no link followed, whatever the last compile left
    out.mkdir(parents=True)
    _readable(build_dir, out)
    started = time.perf_counter()
    toolchain.build_benchmark(program, out, info, label(program))
    seconds = time.perf_counter() - started
    outputs = sorted(p.name for p in out.iterdir() if _regular(p))
    write_atomically(stamp, json.dumps({"key": key, "build_seconds": seconds, "outputs": outputs}))
    return _prepared(program, toolchain.name, info, out, seconds)


def _readable(build_dir: Path, out: Path) -> None:
    """Sandboxed runs (as `nobody` when the build is root) must be able to reach their build folder."""
    for folder in (build_dir, *(p for p in out.parents if build_dir in p.parents), out):
        os.chmod(folder, 0o755)


def _read_stamp(stamp: Path) -> dict[str, Any]:
    """What the last build in this directory recorded; empty when there was none (or it is unreadable)."""
    try:
        recorded = json.loads(read_text_capped(stamp, STAMP_BYTES, "build stamp"))
    except (OSError, ValueError, RecursionError):
        return {}
    if not isinstance(recorded, dict) or not isinstance(recorded.get("build_seconds"), (int, float)):
        return {}
    return recorded if isinstance(recorded.get("outputs"), list) else {}


def _regular(path: Path) -> bool:
    """A regular file, not a link to one (a compile's leftovers are trusted no further than that)."""
    try:
        return stat.S_ISREG(os.lstat(path).st_mode)
    except OSError:
        return False


def label(program: Path) -> str:
    """`benchmarks/<workload>/<file>`: the program as pages and results name it."""
    return f"benchmarks/{program.parent.name}/{program.name}"


def _prepared(program: Path, language: str, info: ToolchainInfo, out: Path, seconds: float) -> Prepared:
    """How to run a build that is on disk (the toolchain says; building again is skipped when stamped)."""
    run = TOOLCHAINS[language].bench_command(program, out, info)
    return Prepared(
        label(program), language, run.argv, dict(run.env), info.version, seconds, run.readable, benchmark_limits()
    )


__all__ = ["LANGUAGES", "Prepared", "label", "prepare", "programs"]
