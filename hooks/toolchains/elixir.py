# Elixir: `elixir file.exs` on the BEAM (Debian's elixir package: Elixir 1.14 on OTP 25).
from __future__ import annotations

import re
from pathlib import Path

from hooks.toolchains.base import (
    Plan,
    ToolchainInfo,
    cached_probe,
    close_nothing,
    find_executable,
    probe_output,
)

name = "elixir"
label = "Elixir"
extensions = (".exs",)
comment = "#"  # line comments, where example options live
fence = "elixir"
install_hint = "install Elixir: `apt-get install -y elixir` (Debian), or see https://elixir-lang.org/install.html"
position = re.compile(r"(?P<file>[\w./-]+\.exs):(?P<line>\d+)")
last_position_wins = False
close = close_nothing


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
    return Plan(steps=((info.executable, source.name),), display=f"elixir {source.name}")
