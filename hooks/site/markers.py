# Finds example markers in a page: a line `[[example PATH ...]]` (paths relative to snippets/).
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from hooks.common.errors import ExampleConfigError
from hooks.engine.snippets import SAFE_NAME, OutsideError, UnsafeNameError, find_examples, unsafe_name_reason
from hooks.toolchains import order, toolchain_for

MARKER_NAMES = ("example",)
_MARKER = re.compile(r"^(?P<indent>[ \t]*)\[\[(?P<name>[A-Za-z][\w-]*)(?P<args>(?:\s[^\]]*)?)\]\]\s*$")
_FENCE = re.compile(r"^[ \t]*(?P<fence>`{3,}|~{3,})")


@dataclass(frozen=True)
class Marker:
    """One marker line of a page and the example files it names, in tab order."""

    page: str  # the page's path as shown (docs/...)
    line: int
    indent: str
    files: tuple[Path, ...]

    def __str__(self) -> str:
        return f"{self.page}:{self.line}"


def marker_lines(markdown: str) -> list[tuple[int, re.Match[str]]]:
    """(line number, match) of every marker-shaped line outside fenced code blocks."""
    found = []
    fence: str | None = None
    for number, line in enumerate(markdown.splitlines(), start=1):
        opening = _FENCE.match(line)
        if opening:
            mark = opening["fence"]
            if fence is None:
                fence = mark
            elif mark[0] == fence[0] and len(mark) >= len(fence) and not line.strip()[len(mark) :].strip():
                fence = None
            continue
        if fence is None and (match := _MARKER.match(line)):
            found.append((number, match))
    return found


def parse_markers(markdown: str, page: str, snippets_dir: Path) -> list[Marker]:
    """Every marker of a page; raise ExampleConfigError (page:line) for a bad one."""
    markers = []
    for number, match in marker_lines(markdown):
        name, args = match["name"], match["args"].split()
        if name not in MARKER_NAMES:
            raise ExampleConfigError(page, number, f"unknown marker '[[{name} ...]]' (known: [[example PATH ...]])")
        if not args:
            raise ExampleConfigError(page, number, "[[example]] needs at least one path under snippets/")
        files: list[Path] = []
        for arg in args:
            if "=" in arg:
                raise ExampleConfigError(
                    page, number, f"unknown marker option '{arg}': options belong in the example file"
                )
            files += _resolve(arg, snippets_dir, page, number)
        if len(files) != len(set(files)):
            raise ExampleConfigError(page, number, "the same example is named twice in one marker")
        markers.append(Marker(page, number, match["indent"], tuple(sorted(files, key=_tab_order))))
    return markers


def _resolve(arg: str, snippets_dir: Path, page: str, line: int) -> list[Path]:
    path = (snippets_dir / arg).resolve()
    if not path.is_relative_to(snippets_dir.resolve()):
        raise ExampleConfigError(page, line, f"'{arg}' is outside snippets/")
    if path.is_dir():
        root = snippets_dir.resolve()
        try:
            found = find_examples(path, within=root)
        except OutsideError as exc:
            shown = exc.link.relative_to(root).as_posix() if exc.link.is_relative_to(root) else exc.link
            message = f"snippets/{shown} is a symlink to {exc.target}, outside snippets/"
            raise ExampleConfigError(page, line, message) from None
        except UnsafeNameError as exc:
            shown = exc.file.relative_to(root).as_posix() if exc.file.is_relative_to(root) else exc.file
            raise ExampleConfigError(page, line, f"snippets/{shown}: {unsafe_name_reason(exc.file.name)}") from None
        if not found:
            raise ExampleConfigError(page, line, f"snippets/{arg} holds no example files")
        return found
    if not path.is_file():
        raise ExampleConfigError(page, line, f"no such example: snippets/{arg} (or not a regular file)")
    if toolchain_for(path) is None:
        raise ExampleConfigError(page, line, f"snippets/{arg}: no toolchain runs '{path.suffix}' files")
    if not SAFE_NAME.fullmatch(path.name):
        raise ExampleConfigError(page, line, f"snippets/{arg}: {unsafe_name_reason(path.name)}")
    return [path]


def _tab_order(path: Path) -> tuple[int, str]:
    toolchain = toolchain_for(path)
    return (order().index(toolchain.name) if toolchain else len(order()), path.name)
