# A pattern directory's shared expectation (`pattern.toml`): every language's version must print the same.
from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from hooks.common.errors import ExampleConfigError
from hooks.common.untrusted_files import UntrustedFileError, read_bounded
from hooks.timeline.shapes import parse_shape

PATTERN_FILE = "pattern.toml"
PATTERN_KEYS = ("title", "output", "ordered", "expect", "timeline", "shapes")
PATTERN_MODES = ("exact", "unordered")
MAX_PATTERN_BYTES = 256 * 1024  # a title, a few regexes and the expected output


@dataclass(frozen=True)
class Pattern:
    """One problem solved in several languages, and the output all of them must agree on."""

    directory: Path
    display_path: str  # of pattern.toml, as shown in messages
    title: str
    output: str  # "exact" or "unordered": how `expect` is compared
    ordered: tuple[str, ...]  # regexes: matching lines keep the relative order they have in `expect`
    expect: tuple[str, ...]
    timeline: bool = False  # every version records timeline events (snippets/timeline/)
    shapes: tuple[str, ...] = ()  # what every version's timeline must show (hooks/timeline/shapes.py)

    @property
    def name(self) -> str:
        return self.directory.name


def pattern_for(example_path: Path, display: str) -> Pattern | None:
    """The shared expectation beside an example file, if its directory has one."""
    path = example_path.parent / PATTERN_FILE
    if not os.path.lexists(path):
        return None
    return load_pattern(path, str(Path(display).parent / PATTERN_FILE))


def load_pattern(path: Path, display: str) -> Pattern:
    """Read and validate `pattern.toml`; every error names `display:line` (bad bytes, bad TOML, bad values)."""
    try:
        read = read_bounded(path, MAX_PATTERN_BYTES)
    except UntrustedFileError as exc:
        raise ExampleConfigError(display, 1, exc.reason) from None
    except OSError as exc:
        raise ExampleConfigError(display, 1, f"cannot read it: {exc.strerror or exc}") from None
    if read.cut:
        raise ExampleConfigError(display, 1, f"larger than {MAX_PATTERN_BYTES:,} bytes: not a pattern file")
    raw = read.data
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise ExampleConfigError(
            display, line, f"not UTF-8 (byte 0x{raw[exc.start]:02x}); TOML files are UTF-8"
        ) from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        found = re.search(r"line (\d+)", str(exc))
        raise ExampleConfigError(display, int(found[1]) if found else 1, f"invalid TOML: {exc}") from None
    except RecursionError:  # tomllib parses nested arrays and tables recursively
        raise ExampleConfigError(display, _deepest(text), "invalid TOML: nested too deeply") from None

    def line_of(key: str) -> int:
        found = re.search(rf"^[ \t]*{re.escape(key)}[ \t]*=", text, re.MULTILINE)
        return text.count("\n", 0, found.start()) + 1 if found else 1

    unknown = sorted(set(data) - set(PATTERN_KEYS))
    if unknown:
        raise ExampleConfigError(
            display, line_of(unknown[0]), f"unknown key '{unknown[0]}' (known: {', '.join(PATTERN_KEYS)})"
        )
    for key, kind in (("title", str), ("expect", str)):
        if not isinstance(data.get(key), kind) or not data[key].strip():
            raise ExampleConfigError(display, line_of(key), f"'{key}' must be a non-empty string")
    output = data.get("output", "exact")
    if output not in PATTERN_MODES:
        raise ExampleConfigError(display, line_of("output"), f"'output' must be one of {', '.join(PATTERN_MODES)}")
    ordered = data.get("ordered", [])
    if not isinstance(ordered, list) or not all(isinstance(item, str) for item in ordered):
        raise ExampleConfigError(display, line_of("ordered"), "'ordered' must be a list of regex strings")
    for item in ordered:
        try:
            re.compile(item)
        except re.error as exc:
            raise ExampleConfigError(display, line_of("ordered"), f"bad regex {item!r} in 'ordered': {exc}") from None
    expect = tuple(line.rstrip() for line in data["expect"].strip("\n").splitlines())
    timeline, shapes = _timeline(data, display, line_of, text)
    return Pattern(path.parent, display, data["title"].strip(), output, tuple(ordered), expect, timeline, shapes)


def _deepest(text: str) -> int:
    """The line where brackets and braces nest deepest (where a too deeply nested value is)."""
    depth = deepest = 0
    line = at = 1
    for char in text:
        if char == "\n":
            line += 1
        elif char in "[{":
            depth += 1
            if depth > deepest:
                deepest, at = depth, line
        elif char in "]}":
            depth -= 1
    return at


def _timeline(
    data: dict[str, object], display: str, line_of: Callable[[str], int], text: str
) -> tuple[bool, tuple[str, ...]]:
    """`timeline = true` and `shapes = [...]` (shapes imply the timeline); a bad shape names its own line."""
    timeline, shapes = data.get("timeline", False), data.get("shapes", [])
    if not isinstance(timeline, bool):
        raise ExampleConfigError(display, line_of("timeline"), "'timeline' must be true or false")
    if not isinstance(shapes, list) or not all(isinstance(item, str) for item in shapes):
        raise ExampleConfigError(display, line_of("shapes"), "'shapes' must be a list of strings")
    for item in shapes:
        try:
            parse_shape(item)
        except ValueError as exc:
            at = text.find(item, text.find("shapes"))
            line = text.count("\n", 0, at) + 1 if at >= 0 else line_of("shapes")
            raise ExampleConfigError(display, line, str(exc)) from None
    if shapes and data.get("timeline") is False:
        raise ExampleConfigError(display, line_of("timeline"), "'shapes' need the timeline: drop 'timeline = false'")
    return timeline or bool(shapes), tuple(" ".join(item.split()) for item in shapes)
