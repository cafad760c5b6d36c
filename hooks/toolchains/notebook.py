# Jupyter notebooks: executed with nbconvert on a Python kernel started from the build's own interpreter.
from __future__ import annotations

import importlib.metadata
import importlib.util
import os
import platform
import re
import sys
from pathlib import Path

from hooks.toolchains.base import Plan, Step, ToolchainInfo

name = "notebook"
label = "Jupyter notebook"
extensions = (".ipynb",)
comment = "#"
fence = "json"
install_hint = "pip install mkdocs-jupyter (a dependency of the project: it brings nbconvert, nbclient and ipykernel)"
position = re.compile(r"(?P<file>[\w./-]+\.ipynb):(?P<line>\d+)")  # errors name cells, not lines: rarely matches
last_position_wins = False
EXECUTED = "executed.ipynb"  # what the plan writes in the working directory
_PACKAGES = ("ipykernel", "nbclient", "nbconvert")


def detect() -> ToolchainInfo | None:
    """The kernel this build would start: the build's Python with ipykernel (no process is started to ask)."""
    if any(importlib.util.find_spec(package) is None for package in _PACKAGES):
        return None
    versions = {package: importlib.metadata.version(package) for package in _PACKAGES}
    version = f"Python {platform.python_version()}, ipykernel {versions['ipykernel']}"
    return ToolchainInfo(version=version, executable=sys.executable, details=versions)


def plan(source: Path, workdir: Path, info: ToolchainInfo) -> Plan:
    """Execute every cell in `workdir` and write the notebook with its outputs to `executed.ipynb`.

    The kernel is the build's own interpreter (`python3` as ipykernel installs it, resolved from the
    build's PATH), and Jupyter's runtime, config and data folders are inside `workdir`: nothing from
    the user's Jupyter setup is picked up and nothing is left behind. Kernel and client talk over
    Unix sockets in `workdir`, not over TCP.
    """
    return Plan(
        steps=(
            Step(
                (
                    info.executable,
                    "-m",
                    "nbconvert",
                    "--to",
                    "notebook",
                    "--execute",
                    "--ExecutePreprocessor.kernel_name=python3",
                    "--KernelManager.transport=ipc",
                    f"--KernelManager.ip={workdir / 'kernel'}",
                    "--output",
                    EXECUTED,
                    f"./{source.name}",  # never read as an option
                ),
            ),  # contributed code, like any example: it runs in the sandbox
        ),
        display=f"jupyter nbconvert --to notebook --execute {source.name}",
        env={
            "JUPYTER_RUNTIME_DIR": str(workdir / ".jupyter" / "runtime"),
            "JUPYTER_CONFIG_DIR": str(workdir / ".jupyter" / "config"),
            "JUPYTER_DATA_DIR": str(workdir / ".jupyter" / "data"),
            "JUPYTER_PLATFORM_DIRS": "1",
            "IPYTHONDIR": str(workdir / ".ipython"),
            "HOME": str(workdir),
            "PYDEVD_DISABLE_FILE_VALIDATION": "1",
            "PATH": f"{Path(info.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
        },
    )
