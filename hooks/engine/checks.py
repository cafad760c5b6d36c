# Whether an example's run passes: exit code, something printed, expected lines, patterns. A contributed regex
# is matched by a bounded matcher: a catastrophic one fails its example, it cannot stall the build.
from __future__ import annotations

import difflib
import signal
from collections import Counter
from dataclasses import dataclass

import regex

from hooks.engine.example import Example, option_line_pattern
from hooks.toolchains import TOOLCHAINS

MAX_DIFF_LINES = 30
MATCH_SECONDS = 2.0  # what one regex may take over one output (the matcher checks the clock as it goes)


class SlowPattern(Exception):
    """A regex that did not finish within MATCH_SECONDS (catastrophic backtracking, most likely)."""


def search(pattern: str, text: str) -> bool:
    """Whether `pattern` matches somewhere in `text` (multi-line mode), within MATCH_SECONDS.

    The `regex` module takes Python's syntax, releases the GIL while it matches (`concurrent`), and stops
    at its timeout, so neither this example nor the others running beside it wait for a runaway pattern.
    """
    try:
        return regex.search(pattern, text, regex.MULTILINE, timeout=MATCH_SECONDS, concurrent=True) is not None
    except TimeoutError:
        raise SlowPattern(pattern) from None


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


def check(example: Example, exit_code: int | None, output: str, printed: bool | None = None) -> CheckFailure | None:
    """The first way in which a finished run fails its example's checks, or None.

    `exit_code` is None for a run that the timeout killed, which only an example declared to hang may be.
    `printed`: whether the run printed something beyond its toolchain's warnings (default: any output line).
    """
    try:
        return _check(example, exit_code, output, printed)
    except SlowPattern as slow:
        return CheckFailure(
            f"the regex /{slow.args[0]}/ took more than {MATCH_SECONDS:g} s over the output "
            "(catastrophic backtracking?): simplify it",
            example.option_lines.get("match", example.body_start),
        )


def _check(example: Example, exit_code: int | None, output: str, printed: bool | None) -> CheckFailure | None:
    options, where = example.options, example.option_lines
    if options.hangs and exit_code is not None:
        return CheckFailure(
            f"declared to hang until the timeout, but exited with code {exit_code}", where.get("hangs", 1)
        )
    if exit_code is not None and exit_code != options.exit_code:
        return CheckFailure(
            f"exit code {exit_code}{_signal_hint(exit_code)}, expected {options.exit_code}",
            where.get("exit-code", example.body_start),
        )
    lines = output_lines(output)
    if printed is None or options.expect is not None or options.match:
        printed = bool(lines)  # declared checks judge the whole output; the bare rule ignores toolchain warnings
    if options.silent:
        if printed:
            return CheckFailure("declared silent but printed output", where["silent"])
        return None
    if not printed and options.racy:
        return None  # the race this original runs was lost this time: nothing printed is its documented outcome
    if not printed:
        return CheckFailure(
            "printed nothing (every example must show something; declare `example.silent: true` if that is intended)"
            + ("; its toolchain's warnings on stderr do not count" if lines else ""),
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
        if not search(pattern, normalized):
            return CheckFailure(f"no output line matches /{pattern}/", _match_line(example, index))
    return None


def _signal_hint(exit_code: int) -> str:
    """`137` is what a shell (and the sandbox) reports for a process killed by SIGKILL: say so."""
    if 128 < exit_code < 128 + 65:
        try:
            return f" (128 + {signal.Signals(exit_code - 128).name}: killed by a signal, or exit({exit_code}))"
        except ValueError:
            return ""
    return ""


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
        want = [line for line in expected if search(pattern, line)]
        got = [line for line in actual if search(pattern, line)]
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
