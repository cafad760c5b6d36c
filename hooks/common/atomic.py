# Atomic file writes: a reader sees the old file or the new one, never half of one, and no link is written through.
from __future__ import annotations

from pathlib import Path

from hooks.common.untrusted_files import write_new


def write_atomically(path: Path, text: str) -> None:
    """Write `text` to an exclusive, no-follow temporary file beside `path`, then rename it over `path` (a link
    planted at `path` is replaced, never written through: hooks/common/untrusted_files.py)."""
    write_new(path, text.encode("utf-8"))
