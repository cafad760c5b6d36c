# An example file and the options declared in its leading comment block (`# example.<key>: <value>`).
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path

from hooks.errors import ExampleConfigError
from hooks.patterns import pattern_for
from hooks.timeline.shapes import parse_shape
from hooks.toolchains import toolchain_for

OPTION_KEYS = (
    "expect",
    "output",
    "match",
    "timeout",
    "exit-code",
    "silent",
    "erratum",
    "hangs",
    "original-of",
    "annotation",
    "timeline",
    "shape",
)
OUTPUT_MODES = ("exact", "unordered")
_OPTION_LINE = r"^\s*{comment}\s*example\.(?P<key>[\w-]+)\s*:(?P<value>.*)$"
_LOOKS_LIKE_OPTION = re.compile(r"^\s*(?:#|//)\s*example\.[\w-]+\s*:")


def option_line_pattern(comment: str) -> re.Pattern[str]:
    """An option line in a language whose line comments start with `comment` (`#` or `//`)."""
    return re.compile(_OPTION_LINE.format(comment=re.escape(comment)))


@dataclass(frozen=True)
class Options:
    """How an example is checked. The defaults make a plain file a valid example."""

    expect: tuple[str, ...] | None = None  # the full expected output, line by line
    output: str = "exact"  # how `expect` is compared: "exact" or "unordered"
    match: tuple[str, ...] = ()  # regexes that must each match somewhere in the output
    timeout: float | None = None  # seconds; None means the build's default
    exit_code: int = 0
    silent: bool = False  # prints nothing on purpose
    erratum: str | None = None  # what was wrong with the article's version
    hangs: bool = False  # expected to run until the timeout kills it (an article original that hangs)
    original_of: str | None = None  # the article's original of this corrected example (path under snippets/)
    ordered: tuple[str, ...] = ()  # regexes: matching lines keep their order in `expect` (from pattern.toml)
    pattern: str | None = None  # display path of the shared expectation (pattern.toml) that set `expect`
    annotations: tuple[str, ...] = ()  # code annotations, numbered: the source marks them `# (1)!`
    timeline: bool = False  # records timeline events with the helper of snippets/timeline/
    shapes: tuple[str, ...] = ()  # what its timeline must show, e.g. "at most 3 of worker* busy at once"

    def key(self) -> dict[str, object]:
        """The options as plain data, for the cache key and the JSON report."""
        return {
            "expect": list(self.expect) if self.expect is not None else None,
            "output": self.output,
            "match": list(self.match),
            "timeout": self.timeout,
            "exit_code": self.exit_code,
            "silent": self.silent,
            "hangs": self.hangs,
            "ordered": list(self.ordered),
            "timeline": self.timeline,
            "shapes": list(self.shapes),
        }


@dataclass(frozen=True)
class Example:
    """One example file. `str(example)` is `path:line`, the prefix of every message about it."""

    path: Path  # absolute
    display_path: str  # as shown to people: relative to the project when it is inside it
    language: str  # a toolchain name: python, go, elixir, csharp
    source: str
    options: Options
    option_lines: dict[str, int] = field(default_factory=dict, compare=False)  # key -> first line
    body_start: int = 1  # first line of the file after the option block (1-based)

    def __str__(self) -> str:
        return f"{self.display_path}:{self.body_start}"

    def at(self, line: int) -> str:
        return f"{self.display_path}:{line}"

    @property
    def body(self) -> str:
        """The source without its option lines, as shown on the page."""
        lines = self.source.splitlines()
        return "\n".join(lines[self.body_start - 1 :]).strip("\n") + "\n"


def load_example(path: Path, root: Path | None = None) -> Example:
    """Read an example file and its options; raise ExampleConfigError naming `path:line`."""
    path = path.resolve()
    display = _display_path(path, root)
    toolchain = toolchain_for(path)
    if toolchain is None:
        raise ExampleConfigError(display, 1, f"no toolchain runs '{path.suffix}' files (known: .py, .exs, .cs, .go)")
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ExampleConfigError(display, 1, f"cannot read the example: {exc.strerror}") from exc
    source = raw.decode("utf-8", errors="replace")
    options, option_lines, body_start = parse_options(source, display, toolchain.comment)
    options = _with_pattern(options, option_lines, path, display)
    if options.annotations:
        _check_annotations(options.annotations, option_lines["annotation"], source, body_start, display)
    if options.original_of is not None:
        _check_original_of(options.original_of, option_lines["original-of"], path, display, root)
    return Example(path, display, toolchain.name, source, options, option_lines, body_start)


def _with_pattern(options: Options, option_lines: dict[str, int], path: Path, display: str) -> Options:
    """Apply the directory's shared expectation (pattern.toml), which a file may not override."""
    pattern = pattern_for(path, display)
    if pattern is None:
        return options
    for key in ("expect", "output", *(("timeline", "shape") if pattern.timeline else ())):
        if key in option_lines:
            raise ExampleConfigError(
                display, option_lines[key], f"'example.{key}' is set by the shared expectation {pattern.display_path}"
            )
    if pattern.timeline:
        options = replace(options, timeline=True, shapes=pattern.shapes)
    return replace(
        options, expect=pattern.expect, output=pattern.output, ordered=pattern.ordered, pattern=pattern.display_path
    )


def _check_annotations(annotations: tuple[str, ...], line: int, source: str, body_start: int, display: str) -> None:
    body = "\n".join(source.splitlines()[body_start - 1 :])
    found = sorted({int(n) for n in re.findall(r"\((\d+)\)!", body)})
    wanted = list(range(1, len(annotations) + 1))
    if found != wanted:
        raise ExampleConfigError(
            display,
            line,
            f"{len(annotations)} 'example.annotation' line(s) need the markers {', '.join(f'({n})!' for n in wanted)} "
            f"in comments of the source; found {', '.join(f'({n})!' for n in found) or 'none'}",
        )


def _check_original_of(target: str, line: int, path: Path, display: str, root: Path | None) -> None:
    snippets = (root.resolve() if root else path.parent) / "snippets"
    corrected = (snippets / target).resolve()
    if not corrected.is_file() or snippets not in corrected.parents:
        raise ExampleConfigError(display, line, f"'example.original-of': no such example: snippets/{target}")


def parse_options(source: str, display: str, comment: str = "#") -> tuple[Options, dict[str, int], int]:
    """Parse the leading comment block; return the options, where each was set, and the body start."""
    option_line = option_line_pattern(comment)
    values: dict[str, list[tuple[int, str]]] = {}
    lines = source.splitlines()
    body_start = 1
    in_header = True
    for number, line in enumerate(lines, start=1):
        stripped = line.strip()
        match = option_line.match(line)
        if in_header and match:
            key = match["key"]
            if key not in OPTION_KEYS:
                raise ExampleConfigError(
                    display, number, f"unknown option 'example.{key}' (known: {', '.join(OPTION_KEYS)})"
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
    return _build_options(values, display), {k: v[0][0] for k, v in values.items()}, body_start


def _build_options(values: dict[str, list[tuple[int, str]]], display: str) -> Options:
    def single(key: str) -> tuple[int, str] | None:
        found = values.get(key)
        if found and len(found) > 1:
            raise ExampleConfigError(display, found[1][0], f"'example.{key}' is set twice")
        return found[0] if found else None

    def number(key: str, convert: type[float] | type[int]) -> float | int | None:
        found = single(key)
        if found is None:
            return None
        try:
            value = convert(found[1].strip())
        except ValueError:
            raise ExampleConfigError(
                display, found[0], f"'example.{key}' must be a number, not {found[1].strip()!r}"
            ) from None
        if key == "timeout" and not 0 < value <= 3600:
            raise ExampleConfigError(display, found[0], "'example.timeout' must be in (0, 3600]")
        return value

    for line, pattern in values.get("match", []):
        try:
            re.compile(pattern)
        except re.error as exc:
            raise ExampleConfigError(display, line, f"bad regex in 'example.match': {exc}") from None
    output = single("output")
    if output and output[1].strip() not in OUTPUT_MODES:
        raise ExampleConfigError(display, output[0], f"'example.output' must be one of {', '.join(OUTPUT_MODES)}")
    if output and "expect" not in values:
        raise ExampleConfigError(display, output[0], "'example.output' needs 'example.expect' lines")
    silent = single("silent")
    if silent and silent[1].strip() not in ("true", "false"):
        raise ExampleConfigError(display, silent[0], "'example.silent' must be true or false")
    erratum = single("erratum")
    hangs = single("hangs")
    if hangs and hangs[1].strip() not in ("true", "false"):
        raise ExampleConfigError(display, hangs[0], "'example.hangs' must be true or false")
    if hangs and hangs[1].strip() == "true" and "exit-code" in values:
        raise ExampleConfigError(display, hangs[0], "'example.hangs' and 'example.exit-code' exclude each other")
    original_of = single("original-of")
    timeline = single("timeline")
    if timeline and timeline[1].strip() not in ("true", "false"):
        raise ExampleConfigError(display, timeline[0], "'example.timeline' must be true or false")
    for line, shape in values.get("shape", []):
        try:
            parse_shape(shape)
        except ValueError as exc:
            raise ExampleConfigError(display, line, f"'example.shape': {exc}") from None
    if timeline and timeline[1].strip() == "false" and "shape" in values:
        raise ExampleConfigError(display, timeline[0], "'example.shape' needs the timeline: drop 'example.timeline'")
    timeout = number("timeout", float)
    exit_code = number("exit-code", int)
    return Options(
        expect=tuple(v for _, v in values["expect"]) if "expect" in values else None,
        output=output[1].strip() if output else "exact",
        match=tuple(v for _, v in values.get("match", [])),
        timeout=float(timeout) if timeout is not None else None,
        exit_code=int(exit_code) if exit_code is not None else 0,
        silent=bool(silent and silent[1].strip() == "true"),
        erratum=erratum[1].strip() if erratum else None,
        hangs=bool(hangs and hangs[1].strip() == "true"),
        original_of=original_of[1].strip() if original_of else None,
        annotations=tuple(v.strip() for _, v in values.get("annotation", [])),
        timeline=bool(timeline and timeline[1].strip() == "true") or "shape" in values,
        shapes=tuple(" ".join(v.split()) for _, v in values.get("shape", [])),
    )


def _display_path(path: Path, root: Path | None) -> str:
    if root is not None:
        try:
            return path.relative_to(root.resolve()).as_posix()
        except ValueError:
            pass
    return str(path)
