# Where examples live and how to list them: symlinks resolved, and none may lead outside the folder listed.
from __future__ import annotations

import os
import re
from pathlib import Path

from hooks.timeline.helpers import is_helper
from hooks.toolchains import toolchain_for

# The names an example file may have: tools are handed `./name` or `-- name` as well, but a name that looks like
# an option (`-toolexec=...`), a hidden file or one with spaces, quotes or backticks is refused where it is found.
SAFE_NAME = re.compile(r"[A-Za-z0-9_][A-Za-z0-9._-]*")


class UnsafeNameError(ValueError):
    """An example file's name is outside the safe set (letters, digits, `._-`, not starting with `-` or `.`)."""

    def __init__(self, path: Path) -> None:
        super().__init__(f"{path}: {unsafe_name_reason(path.name)}")
        self.file = path


def unsafe_name_reason(name: str) -> str:
    """Why an example may not be called `name` (shown with the file, and the page line of its marker)."""
    return (
        f"file name {name!r} is not allowed: example names use only letters, digits, '.', '_' and '-', "
        "and do not start with '-' or '.'"
    )


def check_name(path: Path) -> None:
    """Raise UnsafeNameError when `path`'s file name could be read as an option or quoted wrongly by a tool."""
    if not SAFE_NAME.fullmatch(path.name):
        raise UnsafeNameError(path)


class OutsideError(ValueError):
    """A symlink under a listed folder leads outside it."""

    def __init__(self, link: Path, target: Path, root: Path) -> None:
        super().__init__(f"{link} is a symlink to {target}, outside {root}")
        self.link = link
        self.target = target


def find_examples(directory: Path, within: Path | None = None) -> list[Path]:
    """Every regular file under `directory` that some toolchain runs, sorted, by its real path. A symlink (to a
    file or a folder) that leads outside `within` (default: `directory`) raises OutsideError; one that stays
    inside adds nothing (what it points at is listed where it really is, when that is below `directory`). A file
    some toolchain would run whose name is outside SAFE_NAME raises UnsafeNameError."""
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
                check_name(Path(folder) / name)
                found.add(path)
    return sorted(found)
