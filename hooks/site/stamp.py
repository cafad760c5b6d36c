# The build stamp shown in every page's footer: when, from which commit, with which toolchains.
from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime
from pathlib import Path

from hooks.process.run import run_process


def git_commit(root: Path) -> str | None:
    """The short commit of `root`'s checkout, `+` if it has local changes; None outside a git checkout."""
    commit = run_process(["git", "rev-parse", "--short=10", "HEAD"], cwd=root, timeout=10)
    if commit.exit_code != 0:
        return None
    dirty = run_process(["git", "status", "--porcelain", "--untracked-files=no"], cwd=root, timeout=10)
    return commit.stdout.decode().strip() + ("+" if dirty.stdout.strip() else "")


def build_stamp(commit: str | None, versions: Mapping[str, str | None], now: datetime | None = None) -> str:
    """One line: date, commit, and each toolchain's version (missing ones by their label, in page order)."""
    moment = (now or datetime.now(UTC)).strftime("%Y-%m-%d %H:%M UTC")
    tools = ", ".join(version or f"{label} (missing)" for label, version in versions.items())
    source = f"from commit {commit}" if commit else "outside a git checkout"
    return f"Built {moment} {source} with {tools}."
