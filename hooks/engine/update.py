# `python -m hooks run --update`: write an example's expectations (its `example.expect` lines, or its pattern's
# `pattern.toml`) from what its runs printed, pytest-examples style; `unordered` where runs differ only in order.
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace

from hooks.common.atomic import write_atomically
from hooks.engine.checks import check, output_lines
from hooks.engine.example import Example, option_line_pattern
from hooks.engine.patterns import PATTERN_FILE
from hooks.engine.result import TIMEOUT, Result
from hooks.toolchains import TOOLCHAINS

_TOML_EXPECT = re.compile(r'^expect[ \t]*=[ \t]*(?:"""(?:[^"\\]|\\.|"(?!""))*"""|"(?:[^"\\\n]|\\.)*")', re.M | re.S)


@dataclass(frozen=True)
class Update:
    """What --update did (or why it could not) for one file: an example, or a pattern's pattern.toml."""

    path: str  # as shown: the example's display path, or the pattern.toml's
    written: bool
    message: str  # one line


def update_all(examples: Sequence[Example], runs: dict[str, list[Result]]) -> list[Update]:
    """Write the expectations of every example (grouped by pattern) whose runs agree; say why for the others."""
    updates: list[Update] = []
    patterns: dict[str, list[Example]] = {}
    for example in examples:
        if example.options.pattern is not None:
            patterns.setdefault(example.options.pattern, []).append(example)
        else:
            updates.append(_update_example(example, runs.get(example.display_path, [])))
    for display, members in patterns.items():
        updates.append(_update_pattern(display, members, runs))
    return updates


def _settled(example: Example, results: Sequence[Result]) -> tuple[list[str], bool] | str:
    """The lines its runs printed and whether their order changed between runs, or why they cannot be written."""
    if not results:
        return "it did not run"
    for result in results:
        if result.status == TIMEOUT or result.exit_code is None:
            return f"it did not finish: {result.reason}"
        if result.exit_code != example.options.exit_code:
            return f"it exited with code {result.exit_code}, expected {example.options.exit_code}: fix that first"
    seen = [output_lines(result.output) for result in results]
    if any(Counter(lines) != Counter(seen[0]) for lines in seen):
        return "its lines differ between runs: check the lines that vary with `example.match` instead"
    if not seen[0]:
        return "it printed nothing (declare `example.silent: true` if that is intended)"
    return seen[0], any(lines != seen[0] for lines in seen)


def _update_example(example: Example, results: Sequence[Result]) -> Update:
    settled = _settled(example, results)
    if isinstance(settled, str):
        return Update(example.display_path, False, f"not updated: {settled}")
    lines, reordered = settled
    unordered = reordered or example.options.output == "unordered"
    lines = _keep_order(lines, example.options.expect, unordered)
    candidate = replace(example.options, expect=tuple(lines), output="unordered" if unordered else "exact")
    if (failure := check(replace(example, options=candidate), results[0].exit_code, results[0].output)) is not None:
        return Update(example.display_path, False, f"not updated: {failure.reason}")
    text = rewrite_example(example, lines, unordered)
    if text == example.source:
        return Update(example.display_path, False, "up to date")
    write_atomically(example.path, text)
    note = "; the order changed between runs: declared `example.output: unordered`" if reordered else ""
    return Update(example.display_path, True, f"wrote {len(lines)} `example.expect` line(s){note}")


def rewrite_example(example: Example, lines: Sequence[str], unordered: bool) -> str:
    """The source with its `example.expect` (and `example.output`) lines replaced by `lines`, where the first of
    them was (else after the last option line, else at the top, below a `#!` line)."""
    comment = TOOLCHAINS[example.language].comment
    pattern = option_line_pattern(comment)
    source = example.source.splitlines(keepends=True)
    split = example.body_start - 1 if example.option_lines else int(bool(source) and source[0].startswith("#!"))
    header, body = source[:split], source[split:]
    keys = [m["key"] if (m := pattern.match(line)) else None for line in header]
    replaced = [i for i, key in enumerate(keys) if key in ("expect", "output")]
    options = [i for i, key in enumerate(keys) if key is not None]
    if replaced:
        at = replaced[0]
    elif options:
        at = options[-1] + 1
    else:
        at = len(header)  # the top, or below a `#!` line
    new = [f"{comment} example.expect:{' ' + line if line else ''}\n" for line in lines]
    if unordered:
        new.append(f"{comment} example.output: unordered\n")
    kept = [line for i, line in enumerate(header) if i not in replaced]
    at -= sum(1 for i in replaced if i < at)
    return "".join([*kept[:at], *new, *kept[at:], *body])


def _update_pattern(display: str, members: Sequence[Example], runs: dict[str, list[Result]]) -> Update:
    """One expectation for every version given: they must print the same lines (in any order for `unordered`)."""
    toml = members[0].path.parent / PATTERN_FILE
    agreed: tuple[list[str], bool] | None = None
    for example in members:
        settled = _settled(example, runs.get(example.display_path, []))
        if isinstance(settled, str):
            return Update(display, False, f"not updated: {example.display_path}: {settled}")
        if agreed is None:
            agreed = settled
        elif Counter(settled[0]) != Counter(agreed[0]):
            return Update(
                display, False, f"not updated: {example.display_path} prints other lines than {members[0].display_path}"
            )
        else:
            agreed = (agreed[0], agreed[1] or settled[1] or settled[0] != agreed[0])
    assert agreed is not None
    lines, reordered = agreed
    text = toml.read_text(encoding="utf-8")
    unordered = reordered or members[0].options.output == "unordered"
    lines = _keep_order(lines, members[0].options.expect, unordered)
    new = rewrite_pattern(text, lines, unordered)
    if new == text:
        return Update(display, False, "up to date")
    write_atomically(toml, new)
    note = '; the order changed between runs or versions: declared `output = "unordered"`' if reordered else ""
    return Update(display, True, f"wrote `expect` ({len(lines)} line(s), from {len(members)} version(s)){note}")


def _keep_order(lines: list[str], current: tuple[str, ...] | None, unordered: bool) -> list[str]:
    """Compared in any order, the same lines keep the order they are written in (an update is then a no-op)."""
    if unordered and current is not None and Counter(output_lines("\n".join(current))) == Counter(lines):
        return output_lines("\n".join(current))
    return lines


def rewrite_pattern(text: str, lines: Sequence[str], unordered: bool) -> str:
    """pattern.toml with its `expect` string replaced by `lines` (and `output = "unordered"` when asked)."""
    escaped = "\n".join(line.replace("\\", "\\\\").replace('"""', '""\\"') for line in lines)
    block = f'expect = """\n{escaped}\n"""'
    text, count = _TOML_EXPECT.subn(lambda _: block, text, count=1)
    if count == 0:
        text = text.rstrip("\n") + "\n" + block + "\n"
    if unordered:
        output = re.compile(r"^output[ \t]*=.*$", re.M)
        if output.search(text):
            text = output.sub('output = "unordered"', text, count=1)
        else:
            text = _TOML_EXPECT.sub(lambda m: 'output = "unordered"\n' + m[0], text, count=1)
    return text
