# The exceptions of the engine: a wrongly declared example or marker, and a build that cannot run.
from __future__ import annotations


class ExampleConfigError(Exception):
    """An example or marker is declared wrongly (unknown option, missing file, ...)."""

    def __init__(self, path: str, line: int, message: str) -> None:
        super().__init__(f"{path}:{line}: {message}")
        self.path = path
        self.line = line
        self.message = message


class SetupError(Exception):
    """The build cannot run examples at all (missing toolchain in strict mode); says how to fix it."""
