# How a broken example is told: `path:line`, the reason, the command, the output's tail; and, under GitHub
# Actions, one `::error` annotation each, with nothing an example printed able to act as a workflow command.
from __future__ import annotations

import secrets
from collections.abc import Sequence
from dataclasses import dataclass

from hooks.common.locations import Located, Location
from hooks.common.untrusted import annotation_data, annotation_property, no_workflow_commands, printable
from hooks.engine.result import Result

OUTPUT_TAIL_LINES = 15
MAX_LINE_CHARS = 200


@dataclass(frozen=True)
class BuildFailure(Located):
    message: str  # starts with `path:line`
    location: Location

    @classmethod
    def from_result(cls, result: Result, shown_on: Sequence[str] = ()) -> BuildFailure:
        return cls(format_failure(result, shown_on), result.location)


def format_failure(result: Result, shown_on: Sequence[str] = ()) -> str:
    """The reason at `path:line`, where it is shown, the diff, the command and the output's tail: every part that
    came from a run, a cache entry or a file name with its control characters shown (hooks/untrusted.py), each
    line cut at MAX_LINE_CHARS, so nothing in the log can drive the terminal (OSC 52 sets a clipboard)."""
    parts = [f"{_cut(str(result.location))}: {result.status}: {_cut(result.reason or '')}"]
    if shown_on:
        parts.append(f"  shown on {_cut(', '.join(shown_on))}")
    if result.detail:
        parts += [f"    {_cut(d)}" for d in printable(result.detail).split("\n")]
    if result.command:
        parts.append(f"  command: {_cut(result.command)}")
    tail = printable(result.output).split("\n")[-OUTPUT_TAIL_LINES - 1 :]
    tail = tail[:-1] if tail and not tail[-1] else tail[-OUTPUT_TAIL_LINES:]
    if tail:
        parts.append("  output (last lines):")
        parts += [f"    | {_cut(t)}" for t in tail]
    return "\n".join(parts)


def describe_failures(failures: Sequence[BuildFailure], github: bool = False, annotate: bool = True) -> str:
    """One message for the whole build, and GitHub Actions annotations when asked (`annotate`: not for an early
    report that the final one repeats).

    Under GitHub Actions the listing (which quotes what examples printed) sits between `::stop-commands::`
    and its random token, and every line is defused as well; only the annotations after it are commands.
    """
    noun = "example" if len(failures) == 1 else "examples"
    head = f"{len(failures)} broken {noun}:"
    if not github:
        return "\n".join([head, *(f.message for f in failures)])
    token = secrets.token_hex(16)
    listing = no_workflow_commands("\n".join(f.message for f in failures))
    annotations = [
        f"::error file={annotation_property(printable(f.path))},line={f.line}::"
        f"{annotation_data(_first_line(f.message))}"
        for f in failures
    ]
    return "\n".join([head, f"::stop-commands::{token}", listing, f"::{token}::", *(annotations if annotate else [])])


def _first_line(message: str) -> str:
    return no_workflow_commands(printable(message.split("\n", 1)[0]) if message else "")


def _cut(line: str) -> str:
    line = printable(line)
    return line if len(line) <= MAX_LINE_CHARS else line[:MAX_LINE_CHARS] + " …"
