# The example options: one declared table (name, parser, repeatable) over the Options record, whose
# fields carry their defaults and are all part of the cache key unless marked as shown only.
from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field, fields
from typing import Any

from hooks.common.errors import ExampleConfigError
from hooks.process.limits import parse_cpu, parse_memory, parse_tasks
from hooks.timeline.shapes import parse_shape

ALL_CORES = "all"  # example.cores: all — the whole machine, nothing else runs beside it
WAITS = "waits"  # example.cores: waits — it mostly waits, and shares a core with others
SHOWN_ONLY = {"shown_only": True}  # changes what the page says, never the run or its verdict: not in the key
OUTPUT_MODES = ("exact", "unordered")
MAX_EXIT_CODE = 255
_OPTION_LINE = r"^\s*{comment}\s*example\.(?P<key>[\w-]+)\s*:(?P<value>.*)$"
_LOOKS_LIKE_OPTION = re.compile(r"^\s*(?:#|//)\s*example\.[\w-]+\s*:")


@dataclass(frozen=True)
class Options:
    """How an example is run and checked. The defaults make a plain file a valid example.

    Every field is part of the cache key (`key()`) unless its metadata says it is shown only, so a new
    option can never leave a stale result in the cache.
    """

    expect: tuple[str, ...] | None = None  # the full expected output, line by line
    output: str = "exact"  # how `expect` is compared: "exact" or "unordered"
    match: tuple[str, ...] = ()  # regexes that must each match somewhere in the output
    timeout: float | None = None  # seconds; None means the build's default
    exit_code: int = 0
    silent: bool = False  # prints nothing on purpose
    racy: bool = False  # an article original whose output is a race it can lose: printing nothing passes too
    hangs: bool = False  # expected to run until the timeout kills it (an article original that hangs)
    cores: int | str | None = None  # what it needs to show its point: N free cores, "all", or "waits"
    memory_bytes: int | None = None  # the sandbox's memory cap, raised from the default (hooks/process/limits.py)
    tasks: int | None = None  # the sandbox's task cap (processes + threads), raised from the default
    cpu_seconds: float | None = None  # CPU time for compile and run (default: timeout x granted cores)
    timeline: bool = False  # records timeline events with the helper of snippets/timeline/ (a shape implies it)
    shapes: tuple[str, ...] = ()  # what its timeline must show, e.g. "at most 3 of worker* busy at once"
    ordered: tuple[str, ...] = ()  # regexes: matching lines keep their order in `expect` (from pattern.toml)
    platform: str | None = None  # it reads interfaces of this system only (/proc, affinity): "linux"
    erratum: str | None = field(default=None, metadata=SHOWN_ONLY)  # what was wrong with the article's version
    original_of: str | None = field(default=None, metadata=SHOWN_ONLY)  # path under snippets/ it is the original of
    pattern: str | None = field(default=None, metadata=SHOWN_ONLY)  # the pattern.toml that set `expect`
    annotations: tuple[str, ...] = field(default=(), metadata=SHOWN_ONLY)  # code annotations, `# (1)!` in the source

    def key(self) -> dict[str, object]:
        """Everything that can change the run or its verdict, as plain data (cache key, JSON report)."""
        return {f.name: _plain(getattr(self, f.name)) for f in fields(self) if not f.metadata.get("shown_only")}


def _plain(value: object) -> object:
    return list(value) if isinstance(value, tuple) else value


# Parsers: the value as written (one leading space and trailing whitespace removed) -> the field's value.
# A bad value raises ValueError with the rest of the sentence "'example.<name>' ...".
def _text(value: str) -> str:
    return value


def _stripped(value: str) -> str:
    return value.strip()


def _flag(value: str) -> bool:
    if value.strip() not in ("true", "false"):
        raise ValueError("must be true or false")
    return value.strip() == "true"


def _output(value: str) -> str:
    if value.strip() not in OUTPUT_MODES:
        raise ValueError(f"must be one of {', '.join(OUTPUT_MODES)}")
    return value.strip()


def _regex(value: str) -> str:
    try:
        re.compile(value)
    except re.error as exc:
        raise ValueError(f"has a bad regex: {exc}") from None
    return value


def _number(value: str, convert: Callable[[str], Any]) -> Any:
    try:
        return convert(value.strip())
    except ValueError:
        raise ValueError(f"must be a number, not {value.strip()!r}") from None


def _timeout(value: str) -> float:
    seconds = float(_number(value, float))
    if not (math.isfinite(seconds) and 0 < seconds <= 3600):
        raise ValueError("must be in (0, 3600]")
    return seconds


def _exit_code(value: str) -> int:
    code = int(_number(value, int))
    if not 0 <= code <= MAX_EXIT_CODE:
        raise ValueError(f"must be an exit status from 0 to {MAX_EXIT_CODE}: a process killed by a signal never passes")
    return code


def _cores(value: str) -> int | str:
    word = value.strip()
    if word in (ALL_CORES, WAITS):
        return word
    if not word.isdigit() or not 1 <= int(word) <= 1024:
        raise ValueError(f"must be a number of cores (1 or more), '{ALL_CORES}' or '{WAITS}', not {word!r}")
    return int(word)


PLATFORMS = {"linux": "Linux"}  # example.platform: <key> -> its name in "not executed: needs <name>"


def _platform(value: str) -> str:
    if value.strip() not in PLATFORMS:
        raise ValueError(f"must be one of {', '.join(PLATFORMS)}")
    return value.strip()


def needs_platform(options: Options, platform: str) -> str | None:
    """The system an example needs and `platform` (a `sys.platform`) is not, in words; None when it runs here."""
    if options.platform is None or platform.startswith(options.platform):
        return None
    return PLATFORMS[options.platform]


def _shape(value: str) -> str:
    try:
        parse_shape(value)
    except ValueError as exc:
        raise ValueError(f": {exc}") from None  # "'example.shape': not a shape: ..."
    return " ".join(value.split())


@dataclass(frozen=True)
class Option:
    """One `example.<name>: <value>` line: which Options field it sets and how its value is read."""

    name: str
    attribute: str
    parse: Callable[[str], object]
    repeated: bool = False  # may be given on several lines; the field holds them all, in order


OPTIONS: tuple[Option, ...] = (
    Option("expect", "expect", _text, repeated=True),
    Option("output", "output", _output),
    Option("match", "match", _regex, repeated=True),
    Option("timeout", "timeout", _timeout),
    Option("exit-code", "exit_code", _exit_code),
    Option("silent", "silent", _flag),
    Option("racy", "racy", _flag),
    Option("hangs", "hangs", _flag),
    Option("cores", "cores", _cores),
    Option("memory", "memory_bytes", parse_memory),  # `4 GiB`, `512 MiB`
    Option("tasks", "tasks", parse_tasks),
    Option("cpu", "cpu_seconds", parse_cpu),  # `20 s`
    Option("timeline", "timeline", _flag),
    Option("shape", "shapes", _shape, repeated=True),
    Option("platform", "platform", _platform),
    Option("erratum", "erratum", _stripped),
    Option("original-of", "original_of", _stripped),
    Option("annotation", "annotations", _stripped, repeated=True),
)
BY_NAME = {option.name: option for option in OPTIONS}


def option_line_pattern(comment: str) -> re.Pattern[str]:
    """An option line in a language whose line comments start with `comment` (`#` or `//`)."""
    return re.compile(_OPTION_LINE.format(comment=re.escape(comment)))


def parse_options(source: str, display: str, comment: str = "#") -> tuple[Options, dict[str, int], int]:
    """Parse the leading comment block; return the options, where each was first set, and the body start."""
    option_line = option_line_pattern(comment)
    values: dict[str, list[tuple[int, str]]] = {}
    body_start = 1
    in_header = True
    for number, line in enumerate(source.splitlines(), start=1):
        stripped = line.strip()
        match = option_line.match(line)
        if in_header and match:
            key = match["key"]
            if key not in BY_NAME:
                raise ExampleConfigError(
                    display, number, f"unknown option 'example.{key}' (known: {', '.join(BY_NAME)})"
                )
            value = match["value"][1:] if match["value"].startswith(" ") else match["value"]
            values.setdefault(key, []).append((number, value.rstrip()))
            body_start = number + 1
        elif in_header and (not stripped or stripped.startswith(comment)):
            continue
        else:
            in_header = False
            if _LOOKS_LIKE_OPTION.match(line):
                raise ExampleConfigError(
                    display, number, f"example options belong in the `{comment}` comment block at the top of the file"
                )
    options = _build(values, display)
    return options, {key: lines[0][0] for key, lines in values.items()}, body_start


def _build(values: dict[str, list[tuple[int, str]]], display: str) -> Options:
    settings: dict[str, object] = {}
    for name, lines in values.items():
        option = BY_NAME[name]
        if not option.repeated and len(lines) > 1:
            raise ExampleConfigError(display, lines[1][0], f"'example.{name}' is set twice")
        parsed = []
        for line, value in lines:
            try:
                parsed.append(option.parse(value))
            except ValueError as exc:
                sentence = f"{exc}" if str(exc).startswith(":") else f" {exc}"
                raise ExampleConfigError(display, line, f"'example.{name}'{sentence}") from None
        settings[option.attribute] = tuple(parsed) if option.repeated else parsed[0]
    if "shape" in values and "timeline" not in values:
        settings["timeline"] = True  # a shape is checked on the timeline, so declaring one records it
    options = Options(**settings)  # type: ignore[arg-type]  # each parser returns its field's type
    _check_together(options, values, display)
    return options


def _check_together(options: Options, values: dict[str, list[tuple[int, str]]], display: str) -> None:
    """Options that only make sense with, or without, another one."""

    def line(name: str) -> int:
        return values[name][0][0]

    if "output" in values and options.expect is None:
        raise ExampleConfigError(display, line("output"), "'example.output' needs 'example.expect' lines")
    if options.shapes and not options.timeline:
        raise ExampleConfigError(
            display, line("timeline"), "'example.shape' needs the timeline: drop 'example.timeline'"
        )
    if options.hangs and "exit-code" in values:
        raise ExampleConfigError(display, line("hangs"), "'example.hangs' and 'example.exit-code' exclude each other")
