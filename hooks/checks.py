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


def check(example: Example, exit_code: int | None, output: str) -> CheckFailure | None:
    """The first way in which a finished run fails its example's checks, or None.

    `exit_code` is None for a run that the timeout killed, which only an example declared to hang may be.
    """
    options, where = example.options, example.option_lines
    if options.hangs and exit_code is not None:
        return CheckFailure(
            f"declared to hang until the timeout, but exited with code {exit_code}", where.get("hangs", 1)
        )
    if exit_code is not None and exit_code != options.exit_code:
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
        failure = _compare(expected, lines, options.output == "unordered") or _check_order(
            expected, lines, options.ordered
        )
        if failure is not None:
            reason, diff = failure
            if options.pattern:
                reason += f" of {options.pattern}"
            return CheckFailure(reason, where.get("expect", example.body_start), diff)
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


def _check_order(expected: list[str], actual: list[str], ordered: tuple[str, ...]) -> tuple[str, str] | None:
    """Lines matching each `ordered` regex must appear in the same relative order as in `expected`."""
    for pattern in ordered:
        regex = re.compile(pattern)
        want = [line for line in expected if regex.search(line)]
        got = [line for line in actual if regex.search(line)]
        if want != got:
            diff = difflib.unified_diff(want, got, "expected order", "actual order", lineterm="", n=1)
            return f"lines matching /{pattern}/ are out of order", "\n".join(list(diff)[:MAX_DIFF_LINES])
    return None


def _match_line(example: Example, index: int) -> int:
    """The line of the `index`-th `example.match` option."""
    pattern = option_line_pattern(TOOLCHAINS[example.language].comment)
    lines = [
        n for n, line in enumerate(example.source.splitlines(), 1) if (m := pattern.match(line)) and m["key"] == "match"
    ]
    return lines[index] if index < len(lines) else example.option_lines.get("match", 1)
