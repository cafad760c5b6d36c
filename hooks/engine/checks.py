# Whether an example's run passes: exit code, something printed, expected lines, patterns. A contributed regex
# is matched by a bounded matcher: a catastrophic one fails its example, it cannot stall the build.
from __future__ import annotations

import difflib
import re
import signal
from collections import Counter
from dataclasses import dataclass

import regex

from hooks.engine.example import Example, option_line_pattern
from hooks.engine.patterns import PATTERN_FILE
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
            reason, diff, index = failure
            positions = expect_positions(example)
            at = positions[min(index, len(positions) - 1)] if positions else where.get("expect", example.body_start)
            if options.pattern:  # the line to change is in pattern.toml: name it; the example keeps its own line
                reason += f" of {options.pattern}:{at}"
                at = example.body_start
            return CheckFailure(reason, at, f"{diff}\n{update_hint(example.display_path)}")
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


def _compare(expected: list[str], actual: list[str], unordered: bool) -> tuple[str, str, int] | None:
    """Why the lines differ, a short diff, and the index of the expected line to look at."""
    if unordered:
        if Counter(expected) == Counter(actual):
            return None
        missing = Counter(expected) - Counter(actual)
        extra = Counter(actual) - Counter(expected)
        index = next((i for i, line in enumerate(expected) if line in missing), len(expected) - 1)
        if missing:
            reason = f"output lines differ from the expected ones (in any order): {expected[index]!r} was not printed"
        else:
            reason = (
                f"output lines differ from the expected ones (in any order): {next(iter(extra))!r} was not expected"
            )
        expected, actual = sorted(expected), sorted(actual)
    else:
        if expected == actual:
            return None
        first = next((i for i, (e, a) in enumerate(zip(expected, actual, strict=False)) if e != a), None)
        if first is not None:
            index = first
            printed, wanted = actual[index], expected[index]
            reason = f"output differs from the expected output at line {index + 1}: {printed!r}, expected {wanted!r}"
        elif len(actual) > len(expected):
            index = len(expected) - 1
            more = len(actual) - len(expected)
            reason = f"output differs from the expected output: {more} line(s) more, from {actual[index + 1]!r}"
        else:
            index = len(actual)
            reason = f"output differs from the expected output: it ends before line {index + 1}, {expected[index]!r}"
    diff = list(difflib.unified_diff(expected, actual, "expected", "actual", lineterm="", n=1))
    if len(diff) > MAX_DIFF_LINES:
        diff = [*diff[:MAX_DIFF_LINES], f"... ({len(diff) - MAX_DIFF_LINES} more diff lines)"]
    return reason, "\n".join(diff), max(index, 0)


def _check_order(expected: list[str], actual: list[str], ordered: tuple[str, ...]) -> tuple[str, str, int] | None:
    """Lines matching each `ordered` regex must appear in the same relative order as in `expected`."""
    for pattern in ordered:
        want = [line for line in expected if search(pattern, line)]
        got = [line for line in actual if search(pattern, line)]
        if want != got:
            diff = difflib.unified_diff(want, got, "expected order", "actual order", lineterm="", n=1)
            first = next((w for w, g in zip(want, got, strict=False) if w != g), want[-1] if want else "")
            index = expected.index(first) if first in expected else 0
            return f"lines matching /{pattern}/ are out of order", "\n".join(list(diff)[:MAX_DIFF_LINES]), index
    return None


def update_hint(display_path: str) -> str:
    """The fix a wrong expectation's failure suggests."""
    return f"fix: if the new output is right, `python -m hooks run --update {display_path}` rewrites the expectation"


_TOML_EXPECT_START = re.compile(r"""^[ \t]*expect[ \t]*=[ \t]*(\"\"\"\n?|'''\n?|"|')""", re.MULTILINE)


def expect_positions(example: Example) -> list[int]:
    """The line of each expected output line: its `example.expect` line, or its line in the pattern's pattern.toml."""
    count = len(example.options.expect or ())
    if example.options.pattern is None:
        pattern = option_line_pattern(TOOLCHAINS[example.language].comment)
        lines = example.source.splitlines()[: example.body_start - 1]
        return [n for n, line in enumerate(lines, 1) if (m := pattern.match(line)) and m["key"] == "expect"]
    try:
        text = (example.path.parent / PATTERN_FILE).read_text(encoding="utf-8")
    except OSError:
        return []
    found = _TOML_EXPECT_START.search(text)
    if found is None:
        return []
    first = text.count("\n", 0, found.end()) + 1
    multiline = len(found[1].strip("\n")) == 3
    return [first + i if multiline else first for i in range(count)]


def _match_line(example: Example, index: int) -> int:
    """The line of the `index`-th `example.match` option."""
    pattern = option_line_pattern(TOOLCHAINS[example.language].comment)
    lines = [
        n for n, line in enumerate(example.source.splitlines(), 1) if (m := pattern.match(line)) and m["key"] == "match"
    ]
    return lines[index] if index < len(lines) else example.option_lines.get("match", 1)


# --- what a failed run's output says: the first real error, and a fix where one is known -----------------------
_KNOCK_ON = re.compile(r"declared and not used|imported and not used|too many errors|\(and \d+ more errors?\)")
_PY_EXCEPTION = re.compile(r"^(?:[A-Za-z_]\w*\.)*[A-Za-z_]\w*(?:Error|Exception|Exit|Interrupt|Warning)\b(?::.*)?$")
FIXES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"declared and not used: (\w+)"), "use `{0}`, or assign it to `_`"),
    (re.compile(r'"([\w/]+)" imported and not used'), 'remove the import of "{0}"'),
    (
        re.compile(r"ModuleNotFoundError: No module named '([\w.]+)'"),
        "'{0}' is not installed at build time: examples use the standard library only",
    ),
    (re.compile(r"error CS8321: The local function '(\w+)'"), "call `{0}()`: a local function nobody calls never runs"),
    (re.compile(r"error (CS0168|CS0219)\b"), "remove the unused variable: warnings are errors here (-warnaserror+)"),
    (re.compile(r"error CS86\d\d\b"), "nullable checks are on and warnings are errors: test for null first"),
    (
        re.compile(r"cannot find package|no required module provides package|package .* is not in std"),
        "the build downloads no Go module: standard library only",
    ),
)


def first_error(
    language: str, output: str, pointed: tuple[int, str] | None, position: re.Pattern[str], file_name: str
) -> tuple[int | None, str] | None:
    """The error to report for a failed step: Go's first error that is not a knock-on of another (`declared and
    not used`), Python's exception line, else the line the output points at."""
    lines = output.splitlines()
    if language == "go":
        errors = [(m, line) for line in lines if (m := position.search(line)) and m["file"].endswith(file_name)]
        real = [(m, line) for m, line in errors if not _KNOCK_ON.search(line)] or errors
        if real:
            found, line = real[0]
            return int(found["line"]), line.strip()
    if language == "python":
        exception = next((line for line in reversed(lines) if _PY_EXCEPTION.match(line)), None)
        if exception is not None:
            return (pointed[0] if pointed else None), exception.strip()
    return pointed


def fix_for(text: str) -> str | None:
    """`fix: ...` for an error whose fix is known."""
    for pattern, fix in FIXES:
        if found := pattern.search(text):
            return "fix: " + fix.format(*found.groups())
    return None
