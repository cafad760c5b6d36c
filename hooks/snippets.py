# Where examples live and how to list them.
from __future__ import annotations

from pathlib import Path

from hooks.timeline.helpers import is_helper
from hooks.toolchains import toolchain_for

PROJECT_ROOT = Path(__file__).resolve().parents[1]


def find_examples(directory: Path) -> list[Path]:
    """Every file under `directory` that some toolchain runs, sorted (the timeline helpers are not examples)."""
    return sorted(p for p in directory.rglob("*") if p.is_file() and toolchain_for(p) is not None and not is_helper(p))
