# The execution report: `execution-report.json` at the site root and a readable page.
from __future__ import annotations

import json
from collections import Counter
from collections.abc import Mapping, Sequence
from typing import Any

from hooks.common.untrusted import markdown_text
from hooks.engine.result import INCONCLUSIVE, SKIPPED, Result
from hooks.site.render import status_badge
from hooks.toolchains import TOOLCHAINS

REPORT_JSON = "execution-report.json"
REPORT_PAGE = "execution-report.md"
MAX_CELL = 300  # characters of a reason or a version shown in the table


def report_entries(results: Mapping[str, Result], pages: Mapping[str, Sequence[str]]) -> list[dict[str, Any]]:
    """One object per example: the contract fields first, then what helps a reader find it."""
    return [
        {
            "path": r.path,
            "language": r.language,
            "status": r.status,
            "seconds": r.seconds,
            "cached": r.cached,
            "toolchain": r.toolchain,
            "exit_code": r.exit_code,
            "command": r.command,
            "reason": r.reason,
            "verdict": r.verdict,  # its timing claims, judged: holds, contradicted, inconclusive (None: it has none)
            "runs": r.runs,  # how many times the judge ran it to decide
            "location": str(r.location),
            "sandbox": r.sandbox,  # the isolation and limits it ran under (hooks/process/sandbox.py)
            "pages": list(pages.get(r.path, ())),
            "output": r.output,
        }
        for r in results.values()
    ]


def report_json(results: Mapping[str, Result], pages: Mapping[str, Sequence[str]]) -> str:
    return json.dumps(report_entries(results, pages), indent=2, ensure_ascii=False) + "\n"


def report_page(results: Mapping[str, Result], pages: Mapping[str, Sequence[str]]) -> str:
    """Markdown for the execution report page: a summary, the toolchains, then one filterable row per example.

    Everything that came from a run or a file (paths, versions, reasons) is escaped as HTML.
    """
    counts = Counter(r.status for r in results.values())
    cached = sum(r.cached for r in results.values())
    summary = ", ".join(f"{n} {status}" for status, n in sorted(counts.items())) or "no examples"
    by_language: dict[str, list[Result]] = {}
    for r in results.values():
        by_language.setdefault(r.language, []).append(r)
    lines = [
        "# Execution report",
        "",
        "Every example on this site was run when the site was built. This page lists each one: whether",
        "it passed, how long it took, whether its result came from the build cache, and where it is shown.",
        f"The same data, with each example's command and output, is in [`{REPORT_JSON}`]({REPORT_JSON}).",
        "",
        f"**{len(results)} examples:** {summary}; {cached} from the cache.",
        "",
        "| Language | Toolchain | Examples | Passed | Seconds, all runs |",
        "|---|---|---:|---:|---:|",
    ]
    for language in [name for name in TOOLCHAINS if name in by_language] + sorted(set(by_language) - set(TOOLCHAINS)):
        group = by_language[language]
        versions = ", ".join(sorted({_cell(r.toolchain) for r in group if r.toolchain})) or "—"
        label = TOOLCHAINS[language].label if language in TOOLCHAINS else _cell(language)
        seconds = sum(r.seconds for r in group if not r.cached)
        lines.append(f"| {label} | {versions} | {len(group)} | {sum(r.ok for r in group)} | {seconds:.2f} |")
    lines += [
        "",
        '<div class="report-filter" role="search">',
        '<label for="report-filter-input">Filter</label>',
        '<input id="report-filter-input" type="search" autocomplete="off" '
        'placeholder="a path, a language, a page, passed, FAILED, cached">',
        '<output for="report-filter-input" aria-live="polite"></output>',
        "</div>",
        "",
        '<div class="report-table" markdown>',
        "",
        "| Example | Status | Seconds | Cached | Language | Shown on |",
        "|---|---|---:|---|---|---|",
    ]
    rows = sorted(results.values(), key=lambda r: (r.ok or r.status == SKIPPED, r.status == SKIPPED, r.path))
    for r in rows:
        shown = ", ".join(f"[{_cell(page.removesuffix('.md'))}]({page})" for page in pages.get(r.path, ()))
        status = status_badge(r.status)
        if r.reason and (not r.ok or r.status == INCONCLUSIVE):  # why it failed, or why it could not be decided
            status += f": {_cell(r.reason)}"
        label = TOOLCHAINS[r.language].label if r.language in TOOLCHAINS else _cell(r.language)
        lines.append(
            f"| {_path_cell(r.path)} | {status} | {r.seconds:.2f} | {'yes' if r.cached else 'no'} | {label} "
            f"| {shown or '—'} |"
        )
    lines += ["", "</div>", ""]
    return "\n".join(lines)


def _cell(text: str) -> str:
    """A string from a run or a file, safe in a Markdown table cell (HTML and Markdown escaped, one line, at most
    MAX_CELL characters: the JSON keeps the whole text)."""
    if len(text) > MAX_CELL:
        text = f"{text[:MAX_CELL]} … ({len(text) - MAX_CELL:,} more characters)"
    return markdown_text(text)


def _path_cell(path: str) -> str:
    """A path that wraps only after its slashes."""
    return "<code>" + "/<wbr>".join(_cell(part) for part in path.split("/")) + "</code>"
