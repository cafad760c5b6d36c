# Where something is: the one `path:line` value that errors, results and failures carry, and the mapping of
# positions in compiler and runtime output (main.go:12:3, Program.cs(12,3), File "x.py", line 12) back to it.
from __future__ import annotations

import os
import re
from dataclasses import dataclass

MAX_POSITION_LINE = 2000  # characters: longer output lines are not searched for positions


@dataclass(frozen=True, order=True)
class Location:
    """A file (as shown to people) and a 1-based line; `str()` is `path:line`, the prefix of every message."""

    path: str
    line: int = 1

    def __str__(self) -> str:
        return f"{self.path}:{self.line}"


def source_line(output: str, file_name: str, position: re.Pattern[str], last_wins: bool) -> tuple[int, str] | None:
    """The line of `file_name` that the output points at, with the output line that says so."""
    found = [
        (int(match["line"]), line.strip())
        for line in output.splitlines()
        if len(line) <= MAX_POSITION_LINE  # the patterns are quadratic on one huge line; positions are in short ones
        for match in position.finditer(line)
        if os.path.basename(match["file"]) == file_name
    ]
    if not found:
        return None
    return found[-1] if last_wins else found[0]
