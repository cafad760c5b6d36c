# An example file and the options declared in its leading comment block (`# example.<key>: <value>`).
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path

from hooks.common.errors import ExampleConfigError
from hooks.engine.options import Options, option_line_pattern, parse_options
from hooks.engine.patterns import pattern_for
from hooks.toolchains import toolchain_for

__all__ = ["MAX_SOURCE_BYTES", "Example", "Options", "load_example", "option_line_pattern", "parse_options"]

MAX_SOURCE_BYTES = 1024 * 1024  # a page shows the whole source: past this it is not an example any more


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
        size = path.stat().st_size
        if size > MAX_SOURCE_BYTES:
            raise ExampleConfigError(
                display, 1, f"the source is {size / 1024 / 1024:.1f} MiB; an example may have at most 1 MiB"
            )
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


def _display_path(path: Path, root: Path | None) -> str:
    if root is not None:
        try:
            return path.relative_to(root.resolve()).as_posix()
        except ValueError:
            pass
    return str(path)
