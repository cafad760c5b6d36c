# Where a timed-out example was stuck: the runtime's own stack dump, asked for before the kill (Go: SIGQUIT dumps
# every goroutine; Python: SIGABRT with faulthandler on dumps every thread), read back to the example's lines.
from __future__ import annotations

import itertools
import os
import re
import signal
from collections.abc import Callable
from dataclasses import dataclass

# What each runtime gives before the kill. Elixir and C# give nothing on a signal that a build can read: the BEAM
# writes erl_crash.dump only as it dies (no stacks of the processes that waited), .NET needs dotnet-stack.


@dataclass(frozen=True)
class Dump:
    """How to ask a runtime for its stacks: the signal, and what its environment needs for it."""

    signal: signal.Signals
    env: dict[str, str]


DUMPS: dict[str, Dump] = {"go": Dump(signal.SIGQUIT, {}), "python": Dump(signal.SIGABRT, {"PYTHONFAULTHANDLER": "1"})}
NO_DUMP: dict[str, str] = {
    "elixir": "the BEAM prints no process stacks on a signal",
    "csharp": ".NET prints no thread stacks on a signal (dotnet-stack would)",
}
DUMP_STARTS = {"go": "SIGQUIT: quit", "python": "Fatal Python error: Aborted"}  # the dump's first line
DUMP_SECONDS = 2.0  # how long the runtime may take to write its dump before the tree is killed

_GO_HEAD = re.compile(r"^goroutine (?P<id>\d+)\b.*\[(?P<state>[^\]]+)\]:$")
_GO_FRAME = re.compile(r"^\t(?P<file>\S+):(?P<line>\d+)\b")
_PY_HEAD = re.compile(r"^(?P<current>Current thread|Thread) (?P<id>0x[0-9a-f]+)")
_PY_FRAME = re.compile(r'^\s*File "(?P<file>[^"]+)", line (?P<line>\d+) in (?P<func>\S+)')
_Unit = Callable[[list[str], str], "tuple[int, str, bool] | None"]  # a dump block -> (line, in words, is main)


@dataclass(frozen=True)
class Stuck:
    """Where the dump says the example's own code was waiting: the line to report and one line per unit."""

    line: int  # the main goroutine's (the current thread's) innermost line in the example's file, else the first
    units: tuple[str, ...]  # `goroutine 1 [sync.WaitGroup.Wait]: main.main at x.go:18`, one per unit


def stuck(language: str, output: str, file_name: str) -> Stuck | None:
    """Read the dump in `output` (None: no dump of a language that gives one)."""
    if language == "go":
        return _read(output, file_name, _GO_HEAD, _go_unit)
    if language == "python":
        return _read(output, file_name, _PY_HEAD, _py_unit)
    return None


def _read(output: str, file_name: str, head: re.Pattern[str], unit: _Unit) -> Stuck | None:
    blocks: list[list[str]] = []
    for line in output.splitlines():
        if head.match(line):
            blocks.append([line])
        elif blocks:
            blocks[-1].append(line)
    found = [u for block in blocks if (u := unit(block, file_name)) is not None]
    if not found:
        return None
    main = next((line for line, _text, is_main in found if is_main), found[0][0])
    return Stuck(main, tuple(text for _line, text, _is_main in found))


def _go_unit(block: list[str], file_name: str) -> tuple[int, str, bool] | None:
    head = _GO_HEAD.match(block[0])
    assert head is not None
    for before, line in itertools.pairwise(block):
        frame = _GO_FRAME.match(line)
        if frame and os.path.basename(frame["file"]) == file_name:
            function = before.strip().split("(")[0]
            where = f"goroutine {head['id']} [{head['state']}]: {function} at {file_name}:{frame['line']}"
            return int(frame["line"]), where, head["id"] == "1"
    return None


def _py_unit(block: list[str], file_name: str) -> tuple[int, str, bool] | None:
    head = _PY_HEAD.match(block[0])
    assert head is not None
    for line in block[1:]:
        frame = _PY_FRAME.match(line)
        if frame and os.path.basename(frame["file"]) == file_name:
            thread = "current thread" if head["current"] == "Current thread" else f"thread {head['id']}"
            return int(frame["line"]), f"{thread}: {frame['func']} at {file_name}:{frame['line']}", thread[0] == "c"
    return None


def explain(language: str, found: Stuck | None) -> str:
    """What the timeout message adds: where it was stuck, or why there is no dump."""
    if found is not None:
        return f"; stuck at line {found.line} (the runtime's stack dump is at the end of the output)"
    if language in NO_DUMP:
        return f"; no stack dump: {NO_DUMP[language]}"
    return "; its stack dump names no line of the example" if language in DUMPS else ""


def before_dump(language: str, output: str) -> tuple[str, bool]:
    """The output up to the runtime's stack dump, and whether there was one (a failure shows the program's own
    last lines; the dump is summarised in its units, and shown whole on the page)."""
    start = DUMP_STARTS.get(language)
    at = output.rfind(start + "\n") if start else -1
    return (output[:at], True) if at >= 0 else (output, False)
