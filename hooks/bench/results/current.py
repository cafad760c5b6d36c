# The results document of the build in progress, which the pages' exec blocks render from.
from __future__ import annotations

from typing import Any

_current: dict[str, Any] | None = None


def current() -> dict[str, Any] | None:
    """The results document of the build in progress (None when this project has no benchmarks)."""
    return _current


def set_current(doc: dict[str, Any] | None) -> None:
    """Replace the document the pages render from (the build, tests, and the CLI)."""
    global _current
    _current = doc
