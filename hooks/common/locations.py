# Where something is: the one `path:line` value that errors, results and failures carry, and the mapping of
# positions in compiler and runtime output (main.go:12:3, Program.cs(12,3), File "x.py", line 12) back to it.
from __future__ import annotations

import os
import re
from dataclasses import dataclass

MAX_POSITION_LINE = 2000  # characters: longer output lines are not searched for positions
MAX_LINE_DIGITS = 9  # a position's line number: longer ones are not positions (int() refuses 4,300+ digits)


@dataclass(frozen=True, order=True)
class Location:
    """A file (as shown to people) and a 1-based line; `str()` is `path:line`, the prefix of every message."""

    path: str
    line: int = 1

    def __str__(self) -> str:
        return f"{self.path}:{self.line}"


class Located:
    """Something that carries a `location` (an error, a build failure): its `path` and `line` read through."""

    location: Location

    @property
    def path(self) -> str:
        return self.location.path

    @property
    def line(self) -> int:
        return self.location.line


def source_line(output: str, file_name: str, position: re.Pattern[str], last_wins: bool) -> tuple[int, str] | None:
    """The line of `file_name` that the output points at, with the output line that says so."""
    found = [
        (int(match["line"]), line.strip())
        for line in output.splitlines()
        if len(line) <= MAX_POSITION_LINE  # the patterns are quadratic on one huge line; positions are in short ones
        for match in position.finditer(line)
        if os.path.basename(match["file"]) == file_name and len(match["line"]) <= MAX_LINE_DIGITS
    ]
    if not found:
        return None
    return found[-1] if last_wins else found[0]


def shift_positions(output: str, file_name: str, position: re.Pattern[str], offset: int) -> str:
    """`output` with every position in `file_name` moved up `offset` lines.

    A page shows an example without its option header, numbered from 1: a compiler or runtime position
    `x.go:12` in a file whose first `offset` lines are not shown is line `12 - offset` on the page.
    Positions in other files, and positions inside the hidden header, are left as they are; so are lines longer
    than MAX_POSITION_LINE (the patterns are quadratic on one huge line) and numbers too long to be lines.
    """
    if offset <= 0:
        return output
    shifted = []
    for line in output.splitlines(keepends=True):
        if len(line) > MAX_POSITION_LINE:
            shifted.append(line)
            continue
        pieces, last = [], 0
        for match in position.finditer(line):
            if len(match["line"]) > MAX_LINE_DIGITS or os.path.basename(match["file"]) != file_name:
                continue
            number = int(match["line"])
            if number <= offset:
                continue
            start, end = match.span("line")
            pieces += [line[last:start], str(number - offset)]
            last = end
        shifted.append("".join(pieces) + line[last:])
    return "".join(shifted)
