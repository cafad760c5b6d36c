# Pure functions from examples and results to Markdown: source, output, the command to run it, how it was checked.
from __future__ import annotations

import re
import textwrap
from collections import Counter
from collections.abc import Sequence
from html import escape
from urllib.parse import quote

from hooks.common.locations import shift_positions
from hooks.common.untrusted import code_span, markdown_text
from hooks.engine.example import Example, Options
from hooks.engine.result import FAILED, INCONCLUSIVE, NOT_EXECUTED, PASSED, SKIPPED, TIMEOUT, Result
from hooks.site.timeline_figure import shared_scale, timeline_block
from hooks.timeline.helpers import reader_command as timeline_reader_command
from hooks.toolchains import TOOLCHAINS

MAX_OUTPUT_LINES = 400  # longer outputs are cut on the page (the report keeps the whole output)
MAX_LINE_CHARS = 1000  # a longer output line is cut on the page, saying by how much
MAX_SHOWN_CHARS = 64 * 1024  # what one output block shows at most: rendering stays linear and small


# The command a reader types to run a copy of the file (the build's own command is one click away).
def fenced(content: str, language: str, attributes: str = "") -> str:
    """A fenced code block long enough that no backtick run inside the content can close it."""
    longest = max((len(run) for run in re.findall(r"`+", content)), default=0)
    fence = "`" * max(3, longest + 1)
    head = f"{fence} {{ .{language} {attributes} }}" if attributes else f"{fence}{language}"
    return f"{head}\n{content.rstrip(chr(10))}\n{fence}"


def admonition(kind: str, title: str, body: str = "") -> str:
    title = title.replace('"', "'")
    text = f'!!! {kind} "{title}"'
    return f"{text}\n\n{textwrap.indent(body.rstrip(), '    ')}" if body.strip() else text


def reader_command(example: Example) -> str:
    """What a reader runs on a copy of the file: `python x.py`, `go run x.go`, `dotnet run x.cs` (with the
    timeline helper beside it when the example draws a timeline)."""
    name = example.path.name
    command = TOOLCHAINS[example.language].reader_command.format(name=name)
    return timeline_reader_command(example.language, command, name) if example.options.timeline else command


def hidden_lines(example: Example) -> int:
    """How many lines of the file come before the first line shown (the option header, blank lines)."""
    lines = example.source.splitlines()[example.body_start - 1 :]
    blank = next((i for i, line in enumerate(lines) if line.strip("\n")), len(lines))
    return example.body_start - 1 + blank


def _shown_output(example: Example, output: str) -> str:
    toolchain = TOOLCHAINS[example.language]
    output = shift_positions(output, example.path.name, toolchain.position, hidden_lines(example))
    return capped_output(output)


def capped_output(output: str) -> str:
    """What a page shows of an output: each line up to MAX_LINE_CHARS, the first MAX_OUTPUT_LINES lines, at most
    MAX_SHOWN_CHARS in all; every cut says how much it left out."""
    lines = output.rstrip("\n").split("\n") if output.strip("\n") else []
    shown: list[str] = []
    total = 0
    for index, line in enumerate(lines):
        if index == MAX_OUTPUT_LINES or total >= MAX_SHOWN_CHARS:
            rest = lines[index:]
            noun = "lines" if len(rest) != 1 else "line"
            chars = "" if index == MAX_OUTPUT_LINES else f", {sum(len(x) + 1 for x in rest):,} characters"
            shown.append(f"... ({len(rest)} more {noun}{chars})")
            break
        if len(line) > MAX_LINE_CHARS:
            line = f"{line[:MAX_LINE_CHARS]} ... ({len(line) - MAX_LINE_CHARS:,} more characters on this line)"
        shown.append(line)
        total += len(line) + 1
    return "\n".join(shown) if shown else "(no output)"


def render_example(
    example: Example, result: Result, source_base: str | None = None, timeline_scale: int | None = None
) -> str:
    """One example: its erratum, source, how to run it, the output it printed, and how that was checked.

    An article original (`example.original-of`) is folded into a collapsed box: evidence, not a lesson.
    `source_base` (a URL ending in `/`) links the example to its file in the repository; `timeline_scale`
    (ms) is the time axis its timeline shares with the other tabs of its marker.
    """
    if example.options.original_of is not None:
        return _render_original(example, result, source_base)
    parts = []
    if example.options.erratum:
        parts.append(admonition("bug", "Corrected from the article", example.options.erratum))
    parts.append(_source_block(example))
    if example.options.annotations:  # mkdocs-material code annotations: a list right after the block
        parts[-1] += "\n\n" + "\n".join(f"{n}. {text}" for n, text in enumerate(example.options.annotations, 1))
    notice = result.spec.shortfall() if result.spec else None  # what the run was given, not this machine now
    if notice and result.status not in (SKIPPED, NOT_EXECUTED):
        parts.append(admonition("warning", *notice))  # the point cannot show on this machine: say so
    parts.extend(_run_blocks(example, result, source_base, timeline_scale))
    return "\n\n".join(parts) + "\n"


def _source_block(example: Example) -> str:
    """The source without its option lines, numbered from 1 (positions in the output are shifted to match)."""
    title = example.display_path.replace('"', "'")
    return fenced(example.body, TOOLCHAINS[example.language].fence, f'.example-source title="{title}" linenums="1"')


def _render_original(example: Example, result: Result, source_base: str | None) -> str:
    title = f"The article's original, as printed: {describe_failure_mode(example.options)}"
    if not result.ok:
        title = "The article's original, as printed (it did not fail as declared: see below)"
    body = "\n\n".join([_source_block(example), *_run_blocks(example, result, source_base)])
    kind = "???" if result.ok else "???+"
    return f'{kind} failure "{title}"\n\n{textwrap.indent(body, "    ")}\n'


def describe_failure_mode(options: Options) -> str:
    """How an article original misbehaves, in words (from its declared checks)."""
    if options.hangs:
        return f"it never finishes (killed after {options.timeout:g} s)" if options.timeout else "it never finishes"
    if options.exit_code != 0:
        return f"it fails with exit code {options.exit_code}"
    if options.silent:
        return "it runs but prints nothing"
    if options.racy:
        return "what it prints is a race: the program may end before its processes print anything"
    return "it runs to the end on this build, this time, and prints"  # no failure declared: its output is the evidence


def describe_checks(options: Options) -> str:
    """What the build verified about the output, in plain words (the option lines are not shown)."""
    checks = ["killed at its time limit, as expected"] if options.hangs else [f"exit code {options.exit_code}"]
    if options.silent:
        checks.append("no output")
    elif options.expect is not None:
        count = len(options.expect)
        lines = f"the {count} expected line{'s' if count != 1 else ''}"
        checks.append(f"{lines}, in any order" if options.output == "unordered" else f"{lines}, in order")
    if options.match:
        count = len(options.match)
        checks.append(f"{count} pattern{'s' if count != 1 else ''} found in the output")
    if options.racy and options.expect is None and not options.match:
        checks.append("some output or none (a race)")
    elif not options.silent and options.expect is None and not options.match:
        checks.append("some output")
    return "; ".join(checks)


def _run_blocks(
    example: Example, result: Result, source_base: str | None, timeline_scale: int | None = None
) -> list[str]:
    """What follows the source: a failure box if it failed, how it was run, the output, then any extras."""
    if result.status == SKIPPED:
        return [admonition("warning", result.reason or "not executed", result.detail or "")]
    if result.status == NOT_EXECUTED:
        return [admonition("note", "Not executed: this build ran with CONCURRENCY_EXECUTE=0")]
    blocks = []
    if result.status in (FAILED, TIMEOUT):
        body = f"{code_span(str(result.location))}: {markdown_text(result.reason or '')}"
        if result.detail:
            body += "\n\n" + fenced(result.detail, "diff", ".no-copy")
        blocks.append(admonition("failure", "This example failed when the site was built", body))
    if result.status == INCONCLUSIVE:
        blocks.append(inconclusive_notice(result))
    blocks.append(run_caption(example, result, source_base))
    blocks.append(fenced(_shown_output(example, result.output), "text", '.example-output .no-copy title="Output"'))
    blocks.extend(_extras(example, result, timeline_scale))
    return blocks


def _extras(example: Example, result: Result, timeline_scale: int | None) -> list[str]:
    """Blocks drawn from the run, shown right after its output: its timeline, when it recorded one."""
    if not result.events:
        return []
    return [timeline_block(result, example.options.shapes, timeline_scale)]


def run_caption(example: Example, result: Result, source_base: str | None = None) -> str:
    """One line above the output: the command a reader runs; one click opens how the build ran and checked it.

    Raw HTML: everything that came from a run or a file is escaped here.
    """
    how = "taken from the build cache (same source, options and toolchain)" if result.cached else "in this build"
    facts = f"{result.toolchain or 'toolchain unknown'} · {result.seconds:.2f} s"
    rows = [
        ("The build ran", f"<code>{escape(result.command)}</code> in a fresh temporary folder"),
        ("Toolchain", escape(result.toolchain or "unknown")),
        ("Time", f"{result.seconds:.2f} s, {how}"),
        ("Checked", escape(describe_checks(example.options)) + _shared_expectation(example)),
    ]
    offset = hidden_lines(example)
    if offset:
        rows.append(
            (
                "Line numbers",
                f"counted from the first line shown; the file starts with {offset} more line"
                f"{'s' if offset != 1 else ''} (the build's options), and positions in the output are shifted to match",
            )
        )
    if source_base:
        url = escape(source_base + quote(example.display_path), quote=True)
        rows.append(("File", f'<a href="{url}"><code>{escape(example.display_path)}</code></a>'))
    status = {PASSED: "passed", FAILED: "failed", TIMEOUT: "timed out"}.get(result.status, result.status)
    details = "".join(f"<dt>{name}</dt><dd>{value}</dd>" for name, value in rows)
    return (
        f'<div class="example-run" data-status="{escape(status, quote=True)}">\n'
        f'<details><summary><span class="example-run__label">Run it</span> '
        f"<code>{escape(reader_command(example))}</code> "
        f'<span class="example-run__facts">{escape(facts)}</span></summary>\n'
        f"<dl>{details}</dl>\n"
        "</details>\n</div>"
    )


def _shared_expectation(example: Example) -> str:
    pattern = example.options.pattern
    if not pattern:
        return ""
    return f", the same for every language (<code>{escape(pattern)}</code>)"


def render_marker(pairs: Sequence[tuple[Example, Result]], indent: str = "", source_base: str | None = None) -> str:
    """A marker's examples: one as blocks; several as linked content tabs (Python | Elixir | C# | Go)."""
    if len(pairs) == 1:
        text = render_example(*pairs[0], source_base)
    else:
        labels = [TOOLCHAINS[example.language].label for example, _ in pairs]
        repeated = Counter(labels)
        scale = shared_scale(result for _, result in pairs)  # one time axis for the timelines of the tabs
        tabs = []
        for (example, result), label in zip(pairs, labels, strict=True):
            title = f"{label}: {example.path.name}" if repeated[label] > 1 else label
            body = render_example(example, result, source_base, scale)
            tabs.append(f'=== "{title}"\n\n{textwrap.indent(body, "    ")}')
        text = "\n".join(tabs)
    return textwrap.indent(text, indent, lambda line: True) if indent else text


def inconclusive_notice(result: Result) -> str:
    """The box above an example whose timing lesson this machine could not show (hooks/engine/judge.py)."""
    why = (result.reason or "").removeprefix("inconclusive on this machine: ")
    runs = f"{result.runs} times" if result.runs > 1 else "once"
    body = (
        f"The build ran this example {runs}, and each time the machine could not show the point the text makes, "
        "so what it printed below neither confirms nor contradicts it. This is not a failure of the example: "
        "on a machine with the cores free, it shows the point. What the build measured: "
        f"{markdown_text(why)} ({code_span(str(result.location))})"
    )
    return admonition("warning", "Inconclusive on the machine that built this page", body)


def status_badge(status: str) -> str:
    """A status as the report page shows it (words, not emoji: no font or image is fetched for them)."""
    return {
        PASSED: "passed",
        FAILED: "**FAILED**",
        TIMEOUT: "**TIMEOUT**",
        SKIPPED: "*skipped*",
        NOT_EXECUTED: "not executed",
        INCONCLUSIVE: "*inconclusive*",
    }.get(status, status)
