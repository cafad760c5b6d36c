# Python: the interpreter that runs the build, started as a subprocess; benchmark programs run the same way.
from __future__ import annotations

import platform
import re
import sys
from pathlib import Path

from hooks.common.errors import SetupError
from hooks.toolchains.base import Command, Plan, Step, TimelineHelper, Toolchain, ToolchainInfo

ENV = {"PYTHONUNBUFFERED": "1", "PYTHONDONTWRITEBYTECODE": "1", "PYTHONIOENCODING": "utf-8"}


def detect() -> ToolchainInfo:
    return ToolchainInfo(version=f"Python {platform.python_version()}", executable=sys.executable)


def plan(source: Path, workdir: Path, info: ToolchainInfo) -> Plan:
    return Plan(steps=(Step((info.executable, "--", source.name)),), display=f"python {source.name}", env=ENV)


def build_benchmark(program: Path, out: Path, info: ToolchainInfo, shown: str) -> None:
    """Syntax-checked here (compiling is not running it)."""
    try:
        compile(program.read_text(encoding="utf-8"), str(program), "exec")
    except SyntaxError as error:
        raise SetupError(f"{shown}:{error.lineno or 1}: {error.msg}") from None


def bench_command(program: Path, out: Path, info: ToolchainInfo) -> Command:
    """Run by the build's interpreter from its source."""
    env = {"PYTHONDONTWRITEBYTECODE": "1", "PYTHONIOENCODING": "utf-8"}
    return Command((info.executable, str(program)), env, (program.parent,))


TOOLCHAIN = Toolchain(
    name="python",
    label="Python",
    extensions=(".py",),
    comment="#",  # line comments, where example options live
    reader_command="python {name}",
    fence="python",
    install_hint="Python runs the build itself, so it is always present.",
    position=re.compile(r'File "(?P<file>[^"]+)", line (?P<line>\d+)'),
    last_position_wins=True,  # the innermost frame of a traceback comes last
    detect=detect,
    plan=plan,
    build_benchmark=build_benchmark,
    bench_command=bench_command,
    timeline=TimelineHelper("timeline.py"),  # imported from the script's folder
    # `x.py:3: DeprecationWarning: ...` and the source line under it (the warnings module's format).
    diagnostics=re.compile(r"^.*:\d+: \w*Warning: .*(?:\n[ \t]+.*)*\n?", re.MULTILINE),
)
