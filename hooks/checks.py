# Whether an example's run passes: exit code, non-empty output, expected lines, patterns.
from __future__ import annotations

import difflib
import re
from collections import Counter
from dataclasses import dataclass

from hooks.example import Example, option_line_pattern
from hooks.toolchains import TOOLCHAINS

MAX_DIFF_LINES = 30


@dataclass(frozen=True)
class CheckFailure:
    reason: str  # one line
    line: int  # the option line (or 1) the failure is about
    detail: str | None = None  # a short diff


def output_lines(output: str) -> list[str]:
    """Lines as compared: trailing whitespace and trailing blank lines dropped."""
    lines = [line.rstrip() for line in output.replace("\r\n", "\n").split("\n")]
    while lines and not lines[-1]:
        lines.pop()
    return lines


def check(example: Example, exit_code: int, output: str) -> CheckFailure | None:
    """The first way in which a finished run fails its example's checks, or None."""
    options, where = example.options, example.option_lines
    if exit_code != options.exit_code:
        return CheckFailure(
            f"exit code {exit_code}, expected {options.exit_code}", where.get("exit-code", example.body_start)
        )
    lines = output_lines(output)
    if options.silent:
        if lines:
            return CheckFailure("declared silent but printed output", where["silent"])
        return None
    if not lines:
        return CheckFailure(
            "printed nothing (every example must show something; declare `example.silent: true` if that is intended)",
            example.body_start,
        )
    if options.expect is not None:
        expected = output_lines("\n".join(options.expect))
        failure = _compare(expected, lines, options.output == "unordered")
        if failure is not None:
            reason, diff = failure
            return CheckFailure(reason, where["expect"], diff)
    normalized = "\n".join(lines)
    for index, pattern in enumerate(options.match):
        if not re.search(pattern, normalized, re.MULTILINE):
            return CheckFailure(f"no output line matches /{pattern}/", _match_line(example, index))
    return None


def _compare(expected: list[str], actual: list[str], unordered: bool) -> tuple[str, str] | None:
    if unordered:
        if Counter(expected) == Counter(actual):
            return None
        expected, actual = sorted(expected), sorted(actual)
        reason = "output lines differ from the expected ones (compared in any order)"
    else:
        if expected == actual:
            return None
        reason = "output differs from the expected output"
    diff = list(difflib.unified_diff(expected, actual, "expected", "actual", lineterm="", n=1))
    if len(diff) > MAX_DIFF_LINES:
        diff = [*diff[:MAX_DIFF_LINES], f"... ({len(diff) - MAX_DIFF_LINES} more diff lines)"]
    return reason, "\n".join(diff)


def _match_line(example: Example, index: int) -> int:
    """The line of the `index`-th `example.match` option."""
    pattern = option_line_pattern(TOOLCHAINS[example.language].comment)
    lines = [
        n for n, line in enumerate(example.source.splitlines(), 1) if (m := pattern.match(line)) and m["key"] == "match"
    ]
    return lines[index] if index < len(lines) else example.option_lines.get("match", 1)
