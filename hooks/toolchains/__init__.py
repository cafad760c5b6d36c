# The registry of toolchains: one typed record per language, looked up by name or by file extension.
from __future__ import annotations

import threading
from pathlib import Path

from hooks.toolchains import csharp, elixir, go, python
from hooks.toolchains.base import Command, Plan, Step, TimelineHelper, Toolchain, ToolchainInfo

# In the order pages show them: Python | Elixir | C# | Go. A new language is one more module here; everything
# else reads this registry when it runs (never a copy taken at import), so a test may register one too.
TOOLCHAINS: dict[str, Toolchain] = {
    tc.name: tc for tc in (python.TOOLCHAIN, elixir.TOOLCHAIN, csharp.TOOLCHAIN, go.TOOLCHAIN)
}


def order() -> tuple[str, ...]:
    """The languages in the order pages show them (the registry's)."""
    return tuple(TOOLCHAINS)


def toolchain_for(path: Path) -> Toolchain | None:
    """The toolchain that runs files like `path`, by extension."""
    return next((tc for tc in TOOLCHAINS.values() if path.suffix in tc.extensions), None)


class Detected:
    """Toolchain detection, done once per build and per language, safe to share between threads: a build makes one
    and hands it to everything that needs a toolchain (examples, the toolchain table, benchmark builds)."""

    def __init__(self) -> None:
        self._found: dict[str, ToolchainInfo | None] = {}
        self._lock = threading.Lock()

    def get(self, language: str) -> ToolchainInfo | None:
        with self._lock:
            if language not in self._found:
                self._found[language] = TOOLCHAINS[language].detect()
            return self._found[language]


def close_all() -> None:
    """Stop anything any toolchain started (compiler servers)."""
    for toolchain in TOOLCHAINS.values():
        toolchain.close()


__all__ = [
    "TOOLCHAINS",
    "Command",
    "Detected",
    "Plan",
    "Step",
    "TimelineHelper",
    "Toolchain",
    "ToolchainInfo",
    "close_all",
    "order",
    "toolchain_for",
]
