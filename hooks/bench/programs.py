# Benchmark programs: find them, build each once the way its users ship it, and say how to run it.
from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from hooks.errors import SetupError
from hooks.toolchains import ORDER, TOOLCHAINS, ToolchainInfo, csharp, go

LANGUAGES = {".py": "python", ".exs": "elixir", ".cs": "csharp", ".go": "go"}
RECIPE = "1"  # bump when a build command changes, so stamped builds are redone
BUILD_TIMEOUT = 600
# The BEAM's default limit is 262,144 processes; spawn_hold goes to 1M (every Elixir program gets the same VM flags).
ELIXIR_VM_FLAGS = "+P 2000000"
ASPNETCORE = "Microsoft.AspNetCore.App"


@dataclass(frozen=True)
class Prepared:
    """A built benchmark program and the command that runs it (the harness appends `key=value` parameters)."""

    program: str  # "benchmarks/fib/go_goroutines.go"
    language: str  # python | elixir | csharp | go
    argv: tuple[str, ...]
    env: dict[str, str]  # added to the environment of the run
    toolchain: str  # version string from the toolchain's detect()
    build_seconds: float


def programs(root: Path) -> list[Path]:
    """Every program under `root`/benchmarks (or under `root` itself when it is the benchmarks directory).

    Sorted by workload, then in page order Python | Elixir | C# | Go, then by name.
    """
    base = root / "benchmarks" if (root / "benchmarks").is_dir() else root
    found = [p for p in base.glob("*/*") if p.is_file() and p.suffix in LANGUAGES]
    return sorted(found, key=lambda p: (p.parent.name, ORDER.index(LANGUAGES[p.suffix]), p.name))


def prepare(program: Path, build_dir: Path) -> Prepared:
    """Build `program` into a directory of its own under `build_dir` (skipped when an identical build is there).

    Python: syntax-checked, run by the build's interpreter. Go: `go build -trimpath`, offline. C#: csc -optimize+
    -warnaserror+ through the example engine's compiler server, run with `dotnet exec` (ASP.NET Core apps also get
    the Microsoft.AspNetCore.App references and framework, and server GC). Elixir: `elixirc --warnings-as-errors`
    to .beam files, run with `elixir --erl "+P 2000000" -pa <dir> -e "<Module>.main(System.argv())" --`.
    Raises SetupError naming file:line when the toolchain is missing or the program does not compile.
    """
    program = program.resolve()
    language = LANGUAGES.get(program.suffix)
    if language is None:
        raise SetupError(f"{program}:1: not a benchmark program (expected one of {', '.join(LANGUAGES)})")
    toolchain = TOOLCHAINS[language]
    info = toolchain.detect()
    if info is None:
        raise SetupError(f"{label(program)}:1: {toolchain.label} toolchain missing: {toolchain.install_hint}")
    out = build_dir / program.parent.name / program.stem
    key = hashlib.sha256(f"{RECIPE}\0{info.version}\0{ELIXIR_VM_FLAGS}\0".encode() + program.read_bytes()).hexdigest()
    stamp = out / "build.json"
    recorded = _read_stamp(stamp)
    if recorded.get("key") == key and all((out / name).is_file() for name in recorded.get("outputs", [])):
        return _prepared(program, language, info, out, float(recorded["build_seconds"]))
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    started = time.perf_counter()
    _BUILDERS[language](program, out, info)
    seconds = time.perf_counter() - started
    outputs = sorted(p.name for p in out.iterdir() if p.is_file())
    stamp.write_text(json.dumps({"key": key, "build_seconds": seconds, "outputs": outputs}))
    return _prepared(program, language, info, out, seconds)


def _read_stamp(stamp: Path) -> dict[str, Any]:
    """What the last build in this directory recorded; empty when there was none (or it is unreadable)."""
    try:
        recorded = json.loads(stamp.read_text())
    except (OSError, ValueError):
        return {}
    return recorded if isinstance(recorded, dict) else {}


def label(program: Path) -> str:
    """`benchmarks/<workload>/<file>`: the program as pages and results name it."""
    return f"benchmarks/{program.parent.name}/{program.name}"


def _prepared(program: Path, language: str, info: ToolchainInfo, out: Path, seconds: float) -> Prepared:
    argv: tuple[str, ...]
    env: dict[str, str] = {}
    if language == "python":
        argv = (info.executable, str(program))
        env = {"PYTHONDONTWRITEBYTECODE": "1", "PYTHONIOENCODING": "utf-8"}
    elif language == "go":
        argv = (str(out / program.stem),)
    elif language == "csharp":
        argv = (info.executable, "exec", str(out / f"{program.stem}.dll"))
        env = csharp.dotnet_env(info)
    else:
        call = f"{_elixir_module(program)}.main(System.argv())"
        argv = (info.executable, "--erl", ELIXIR_VM_FLAGS, "-pa", str(out), "-e", call, "--")
    return Prepared(label(program), language, argv, env, info.version, seconds)


def _build_python(program: Path, out: Path, info: ToolchainInfo) -> None:
    try:
        compile(program.read_text(), str(program), "exec")
    except SyntaxError as error:
        raise SetupError(f"{label(program)}:{error.lineno or 1}: {error.msg}") from None


def _build_go(program: Path, out: Path, info: ToolchainInfo) -> None:
    shutil.copyfile(program, out / program.name)
    env = {**go.OFFLINE_ENV, **info.details}
    _run(program, (info.executable, "build", "-trimpath", "-o", program.stem, program.name), out, env)


def _build_csharp(program: Path, out: Path, info: ToolchainInfo) -> None:
    shutil.copyfile(program, out / program.name)
    (out / "ImplicitUsings.g.cs").write_text(csharp.IMPLICIT_USINGS)
    frameworks = {"Microsoft.NETCore.App": info.details["runtime"]}
    extra: tuple[str, ...] = ()
    properties: dict[str, object] = {}
    if re.search(r"^using Microsoft\.AspNetCore\b", program.read_text(), re.MULTILINE):  # an ASP.NET Core app
        shared = csharp.shared_framework(info, ASPNETCORE)
        if shared is None:
            raise SetupError(f"{label(program)}:1: no {ASPNETCORE} shared framework + reference pack in the SDK")
        frameworks[ASPNETCORE] = shared[0]
        extra = tuple(f"-r:{ref}" for ref in shared[1])
        properties["System.GC.Server"] = True  # what the Web SDK sets for ASP.NET Core apps
    config = csharp.runtimeconfig(info, frameworks, properties)
    (out / f"{program.stem}.runtimeconfig.json").write_text(config)
    dll = f"{program.stem}.dll"
    argv = csharp.compile_argv(info, dll, (program.name, "ImplicitUsings.g.cs"), extra)
    _run(program, argv, out, csharp.dotnet_env(info))


def _build_elixir(program: Path, out: Path, info: ToolchainInfo) -> None:
    _elixir_module(program)
    elixirc = str(Path(info.executable).with_name("elixirc"))
    _run(program, (elixirc, "--warnings-as-errors", "-o", str(out), str(program)), out, {})


def _elixir_module(program: Path) -> str:
    found = re.search(r"^defmodule\s+([\w.]+)\s+do", program.read_text(), re.MULTILINE)
    if found is None:
        raise SetupError(f"{label(program)}:1: no `defmodule Name do` with a main/1 to run")
    return found[1]


def _run(program: Path, argv: tuple[str, ...], cwd: Path, env: dict[str, str]) -> None:
    try:
        done = subprocess.run(
            list(argv),
            cwd=cwd,
            env={**os.environ, **env},
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            timeout=BUILD_TIMEOUT,
        )
    except (OSError, subprocess.TimeoutExpired) as error:
        raise SetupError(f"{label(program)}:1: building failed: {error}") from None
    if done.returncode != 0:
        output = (done.stdout + done.stderr).strip()
        position = TOOLCHAINS[LANGUAGES[program.suffix]].position.search(output)
        line = position["line"] if position else "1"
        raise SetupError(f"{label(program)}:{line}: building failed (exit {done.returncode}):\n{output}")


_BUILDERS = {"python": _build_python, "go": _build_go, "csharp": _build_csharp, "elixir": _build_elixir}
__all__ = ["Prepared", "label", "prepare", "programs"]
