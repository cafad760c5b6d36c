# The exceptions of the engine: a wrongly declared example or marker, and a build that cannot run.
from __future__ import annotations

from hooks.common.locations import Located, Location


class ExampleConfigError(Located, Exception):
    """An example, marker or config file is declared wrongly (unknown option, missing file, bad TOML, ...)."""

    def __init__(self, path: str, line: int, message: str) -> None:
        super().__init__(f"{path}:{line}: {message}")
        self.location = Location(path, line)
        self.message = message


class SetupError(Exception):
    """The build cannot run examples at all (missing toolchain in strict mode); says how to fix it."""
