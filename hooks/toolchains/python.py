# Python: the interpreter that runs the build, started as a subprocess.
from __future__ import annotations

import platform
import re
import sys
from pathlib import Path

from hooks.toolchains.base import Plan, ToolchainInfo, close_nothing

name = "python"
label = "Python"
extensions = (".py",)
comment = "#"  # line comments, where example options live
fence = "python"
install_hint = "Python runs the build itself, so it is always present."
position = re.compile(r'File "(?P<file>[^"]+)", line (?P<line>\d+)')
last_position_wins = True  # the innermost frame of a traceback comes last
close = close_nothing


def detect() -> ToolchainInfo:
    return ToolchainInfo(version=f"Python {platform.python_version()}", executable=sys.executable)


def plan(source: Path, workdir: Path, info: ToolchainInfo) -> Plan:
    return Plan(
        steps=((info.executable, source.name),),
        display=f"python {source.name}",
        env={"PYTHONUNBUFFERED": "1", "PYTHONDONTWRITEBYTECODE": "1", "PYTHONIOENCODING": "utf-8"},
    )
