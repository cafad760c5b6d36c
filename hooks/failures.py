# How a broken example is told: `path:line`, the reason, the command, the output's tail.
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from hooks.result import Result

OUTPUT_TAIL_LINES = 15
MAX_LINE_CHARS = 200


@dataclass(frozen=True)
class BuildFailure:
    message: str  # starts with `path:line`
    path: str
    line: int

    @classmethod
    def from_result(cls, result: Result, shown_on: Sequence[str] = ()) -> BuildFailure:
        return cls(format_failure(result, shown_on), result.path, result.line)


def format_failure(result: Result, shown_on: Sequence[str] = ()) -> str:
    """The reason at `path:line`, where it is shown, the diff, the command and the output's tail."""
    parts = [f"{result.location}: {result.status}: {result.reason}"]
    if shown_on:
        parts.append(f"  shown on {', '.join(shown_on)}")
    if result.detail:
        parts += [f"    {_cut(d)}" for d in result.detail.splitlines()]
    if result.command:
        parts.append(f"  command: {result.command}")
    tail = result.output.splitlines()[-OUTPUT_TAIL_LINES:]
    if tail:
        parts.append("  output (last lines):")
        parts += [f"    | {_cut(t)}" for t in tail]
    return "\n".join(parts)


def describe_failures(failures: Sequence[BuildFailure], github: bool = False) -> str:
    """One message for the whole build, and GitHub Actions annotations when asked."""
    noun = "example" if len(failures) == 1 else "examples"
    lines = [f"{len(failures)} broken {noun}:", *(f.message for f in failures)]
    if github:
        lines += [f"::error file={f.path},line={f.line}::{_annotation(f.message)}" for f in failures]
    return "\n".join(lines)


def _annotation(message: str) -> str:
    first = message.splitlines()[0]
    return first.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _cut(line: str) -> str:
    return line if len(line) <= MAX_LINE_CHARS else line[:MAX_LINE_CHARS] + " …"
