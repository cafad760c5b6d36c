# Elixir: `elixir file.exs` on the BEAM (Debian's elixir package: Elixir 1.14 on OTP 25); benchmark programs are
# compiled with `elixirc` (which runs their macros, so in the sandbox) and run with room for 2M processes.
from __future__ import annotations

import re
from pathlib import Path

from hooks.common.errors import SetupError
from hooks.process.limits import EXAMPLE_LIMITS
from hooks.process.run import contributed
from hooks.toolchains.base import (
    Command,
    Plan,
    Step,
    TimelineHelper,
    Toolchain,
    ToolchainInfo,
    cached_probe,
    find_executable,
    probe_output,
    run_build,
)

POSITION = re.compile(r"(?P<file>[\w./-]+\.exs):(?P<line>\d+)")
# The BEAM's default limit is 262,144 processes; spawn_hold goes to 1M (every Elixir program gets the same VM flags).
VM_FLAGS = "+P 2000000"


def detect() -> ToolchainInfo | None:
    elixir = find_executable("elixir")
    if elixir is None:
        return None
    version = cached_probe([elixir], lambda: _version(elixir))
    return ToolchainInfo(version=version, executable=elixir) if version else None


def _version(elixir: str) -> str:
    text = probe_output([elixir, "--version"])
    found_elixir = re.search(r"^Elixir (\S+)", text, re.MULTILINE)
    found_otp = re.search(r"^Erlang/OTP (\d+)", text, re.MULTILINE)
    if not found_elixir:
        return ""
    otp = f" (Erlang/OTP {found_otp[1]})" if found_otp else ""
    return f"Elixir {found_elixir[1]}{otp}"


def plan(source: Path, workdir: Path, info: ToolchainInfo) -> Plan:
    return Plan(steps=(Step((info.executable, f"./{source.name}")),), display=f"elixir {source.name}")


def build_benchmark(program: Path, out: Path, info: ToolchainInfo, shown: str) -> None:
    """`elixirc --warnings-as-errors` to .beam files (macros run at compile time: in the sandbox)."""
    if _module(program) is None:
        raise SetupError(f"{shown}:1: no `defmodule Name do` with a main/1 to run")
    elixirc = str(Path(info.executable).with_name("elixirc"))
    confinement = contributed(EXAMPLE_LIMITS, (out,), (program.parent,))
    argv = (elixirc, "--warnings-as-errors", "-o", str(out), str(program))
    run_build(shown, argv, out, {"HOME": str(out)}, POSITION, confinement)


def bench_command(program: Path, out: Path, info: ToolchainInfo) -> Command:
    """`elixir --erl "+P 2000000" -pa <dir> -e "<Module>.main(System.argv())" --`."""
    call = f"{_module(program)}.main(System.argv())"
    return Command((info.executable, "--erl", VM_FLAGS, "-pa", str(out), "-e", call, "--"), {"HOME": str(out)}, (out,))


def _module(program: Path) -> str | None:
    found = re.search(r"^defmodule\s+([\w.]+)\s+do", program.read_text(encoding="utf-8"), re.MULTILINE)
    return found[1] if found else None


TOOLCHAIN = Toolchain(
    name="elixir",
    label="Elixir",
    extensions=(".exs",),
    comment="#",  # line comments, where example options live
    reader_command="elixir {name}",
    fence="elixir",
    install_hint="install Elixir: `apt-get install -y elixir` (Debian), or see https://elixir-lang.org/install.html",
    position=POSITION,
    last_position_wins=False,
    detect=detect,
    plan=plan,
    build_benchmark=build_benchmark,
    bench_command=bench_command,
    timeline=TimelineHelper("timeline.exs", before=("-r", "timeline.exs")),  # required first
    # `warning: variable "x" is unused ...` and the indented location lines under it.
    diagnostics=re.compile(r"^[ \t]*warning: .*(?:\n[ \t]+.*)*\n?", re.MULTILINE),
)
