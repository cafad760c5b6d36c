# The execution report: `execution-report.json` at the site root and a readable page.
from __future__ import annotations

import json
from collections import Counter
from collections.abc import Mapping, Sequence
from typing import Any

from hooks.render import status_badge
from hooks.result import Result
from hooks.toolchains import TOOLCHAINS
from hooks.untrusted import code_span, markdown_text

REPORT_JSON = "execution-report.json"
REPORT_PAGE = "execution-report.md"


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
            "location": str(r.location),
            "sandbox": r.sandbox,  # the isolation and limits it ran under (hooks/sandbox.py)
            "pages": list(pages.get(r.path, ())),
            "output": r.output,
        }
        for r in results.values()
    ]


def report_json(results: Mapping[str, Result], pages: Mapping[str, Sequence[str]]) -> str:
    return json.dumps(report_entries(results, pages), indent=2, ensure_ascii=False) + "\n"


def report_page(results: Mapping[str, Result], pages: Mapping[str, Sequence[str]]) -> str:
    """Markdown for the execution report page."""
    counts = Counter(r.status for r in results.values())
    cached = sum(r.cached for r in results.values())
    summary = ", ".join(f"{n} {status}" for status, n in sorted(counts.items())) or "no examples"
    versions = sorted({(r.language, r.toolchain) for r in results.values() if r.toolchain})
    lines = [
        "# Execution report",
        "",
        "Every example on this site was run when the site was built. This page lists each one: whether",
        "it passed, how long it took, whether its result came from the build cache, and which toolchain",
        f"ran it. The same data is in [`{REPORT_JSON}`]({REPORT_JSON}).",
        "",
        f"**{len(results)} examples:** {summary}; {cached} from the cache.",
        "",
        "| Language | Toolchain |",
        "|---|---|",
        *(f"| {TOOLCHAINS[language].label} | {markdown_text(version)} |" for language, version in versions),
        "",
        "| Status | Example | Seconds | Cached | Toolchain | Shown on |",
        "|---|---|---:|---|---|---|",
    ]
    for r in results.values():
        shown = ", ".join(f"[{page}]({page})" for page in pages.get(r.path, ()))  # src_uris, from the root
        lines.append(
            f"| {status_badge(r.status)} | {code_span(r.path)} | {r.seconds:.2f} | "
            f"{'yes' if r.cached else 'no'} | {markdown_text(r.toolchain or '—')} | {shown} |"
        )
    return "\n".join(lines) + "\n"
