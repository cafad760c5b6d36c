# Pure functions from examples and results to Markdown: source, output, command, toolchain version.
from __future__ import annotations

import re
import textwrap
from collections import Counter
from collections.abc import Sequence

from hooks.example import Example, Options
from hooks.result import FAILED, NOT_EXECUTED, PASSED, SKIPPED, TIMEOUT, Result
from hooks.timeline.figure import shared_scale, timeline_block  # timeline
from hooks.toolchains import TOOLCHAINS

MAX_OUTPUT_LINES = 400  # longer outputs are cut on the page (the report keeps the whole output)


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


def _shown_output(output: str) -> str:
    lines = output.rstrip("\n").splitlines()
    if len(lines) > MAX_OUTPUT_LINES:
        lines = [*lines[:MAX_OUTPUT_LINES], f"... ({len(lines) - MAX_OUTPUT_LINES} more lines)"]
    return "\n".join(lines) if lines else "(no output)"


def render_example(example: Example, result: Result, timeline_scale: int | None = None) -> str:
    """One example: its erratum, source, the output it printed, the command and toolchain that ran it.

    An article original (`example.original-of`) is folded into a collapsed box: evidence, not a lesson.
    """
    if example.options.original_of is not None:
        return _render_original(example, result)
    parts = []
    if example.options.erratum:
        parts.append(admonition("bug", "Corrected from the article", example.options.erratum))
    parts.append(_source_block(example))
    if example.options.annotations:  # mkdocs-material code annotations: a list right after the block
        parts[-1] += "\n\n" + "\n".join(f"{n}. {text}" for n, text in enumerate(example.options.annotations, 1))
    parts.append(_run_section(result, describe_checks(example.options)))
    if result.events:  # timeline: drawn from this run's events, next to its output
        parts.append(timeline_block(result, example.options.shapes, timeline_scale))
    return "\n\n".join(parts) + "\n"


def _source_block(example: Example) -> str:
    """The source without its option lines, numbered as in the file, so positions in the output match."""
    attributes = f'title="{example.display_path}" linenums="{example.body_start}"'
    return fenced(example.body, TOOLCHAINS[example.language].fence, attributes)


def _render_original(example: Example, result: Result) -> str:
    title = f"The article's original, as printed: {describe_failure_mode(example.options)}"
    if not result.ok:
        title = "The article's original, as printed (it did not fail as declared: see below)"
    body = "\n\n".join(
        [
            _source_block(example),
            _run_section(result, describe_checks(example.options)),
        ]
    )
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
    return "it runs, but not as the article says"


def describe_checks(options: Options) -> str:
    """What the build verified about the output, in words (the option lines are not shown)."""
    checks = ["killed at the timeout, as expected"] if options.hangs else [f"exit code {options.exit_code}"]
    if options.silent:
        checks.append("no output")
    elif options.expect is not None:
        count = len(options.expect)
        lines = f"{count} expected line{'s' if count != 1 else ''}"
        checks.append(f"{lines}, in any order" if options.output == "unordered" else lines)
        if options.pattern:
            checks[-1] += f" shared by every language ({options.pattern})"
    if options.match:
        checks.append(f"{len(options.match)} pattern{'s' if len(options.match) != 1 else ''}")
    if not options.silent and options.expect is None and not options.match:
        checks.append("some output")
    return "checked: " + ", ".join(checks)


def _run_section(result: Result, checks: str) -> str:
    if result.status == SKIPPED:
        return admonition("warning", result.reason or "not executed", result.detail or "")
    if result.status == NOT_EXECUTED:
        return admonition("note", "Not executed: this build ran with CONCURRENCY_EXECUTE=0")
    how = f"Output of `{result.command}` ({result.toolchain}, {result.seconds:.2f} s"
    how += f", cached; {checks})" if result.cached else f"; {checks})"
    parts = [f"{how}:", fenced(_shown_output(result.output), "text", ".no-copy")]
    if result.status in (FAILED, TIMEOUT):
        body = f"`{result.location}`: {result.reason}"
        if result.detail:
            body += "\n\n" + fenced(result.detail, "diff", ".no-copy")
        parts.insert(0, admonition("failure", "This example failed when the site was built", body))
    return "\n\n".join(parts)


def render_marker(pairs: Sequence[tuple[Example, Result]], indent: str = "") -> str:
    """A marker's examples: one as blocks; several as linked content tabs (Python | Elixir | C# | Go)."""
    if len(pairs) == 1:
        text = render_example(*pairs[0])
    else:
        labels = [TOOLCHAINS[example.language].label for example, _ in pairs]
        repeated = Counter(labels)
        scale = shared_scale(result for _, result in pairs)  # timeline: one time scale for the tabs
        tabs = []
        for (example, result), label in zip(pairs, labels, strict=True):
            title = f"{label}: {example.path.name}" if repeated[label] > 1 else label
            text = render_example(example, result, scale)
            tabs.append(f'=== "{title}"\n\n{textwrap.indent(text, "    ")}')
        text = "\n".join(tabs)
    return textwrap.indent(text, indent, lambda line: True) if indent else text


def status_badge(status: str) -> str:
    """A status as the report page shows it (words, not emoji: no font or image is fetched for them)."""
    return {
        PASSED: "passed",
        FAILED: "**FAILED**",
        TIMEOUT: "**TIMEOUT**",
        SKIPPED: "*skipped*",
        NOT_EXECUTED: "not executed",
    }.get(status, status)
