# Where examples live and how to list them: symlinks resolved, and none may lead outside the folder listed.
from __future__ import annotations

import os
from pathlib import Path

from hooks.timeline.helpers import is_helper
from hooks.toolchains import toolchain_for

PROJECT_ROOT = Path(__file__).resolve().parents[2]


class OutsideError(ValueError):
    """A symlink under a listed folder leads outside it."""

    def __init__(self, link: Path, target: Path, root: Path) -> None:
        super().__init__(f"{link} is a symlink to {target}, outside {root}")
        self.link = link
        self.target = target


def find_examples(directory: Path, within: Path | None = None) -> list[Path]:
    """Every regular file under `directory` that some toolchain runs, sorted, by its real path. A symlink (to a
    file or a folder) that leads outside `within` (default: `directory`) raises OutsideError; one that stays
    inside adds nothing (what it points at is listed where it really is, when that is below `directory`)."""
    root = (within or directory).resolve()
    found: set[Path] = set()
    for folder, dirs, files in os.walk(directory, followlinks=False):
        for name in (*dirs, *files):
            entry = Path(folder) / name
            if entry.is_symlink():
                target = entry.resolve()
                if target != root and root not in target.parents:
                    raise OutsideError(entry, target, root)
        for name in files:
            path = (Path(folder) / name).resolve()
            listed = path.is_file() and toolchain_for(path) is not None and not (Path(folder) / name).is_symlink()
            if listed and not is_helper(path):  # the timeline helpers (snippets/timeline/) are not examples
                found.add(path)
    return sorted(found)
