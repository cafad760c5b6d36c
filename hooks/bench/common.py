# Helpers the page modules share: the document to render from, names of units, table cells, notices.
from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from hooks.bench import site

Doc = Mapping[str, Any]
LANGUAGE = {"python": "Python", "elixir": "Elixir", "csharp": "C#", "go": "Go"}
NAMES = {
    "csharp_aspnetcore": "C# ASP.NET Core minimal API",
    "elixir_gen_tcp": "Elixir :gen_tcp",
    "go_net_http": "Go net/http",
    "python_asyncio": "Python asyncio",
    "csharp_tasks": "C# tasks",
    "csharp_threads": "C# threads",
}


def document(doc: Doc | None) -> Doc | None:
    """The document passed in, else the one of the build in progress."""
    return doc if doc is not None else site.current()


def label(unit: str) -> str:
    """`go_goroutines` -> `Go goroutines`."""
    if unit in NAMES:
        return NAMES[unit]
    language, _, rest = unit.partition("_")
    return f"{LANGUAGE.get(language, language)} {rest.replace('_', ' ')}".strip()


def stat(result: Mapping[str, Any], metric: str, formatter: Callable[[float], str]) -> str:
    """`median [low to high]` of one metric (the CI of the median), or a dash when absent."""
    summary = result.get("summary", {}).get(metric)
    if not summary:
        return "—"
    return f"{formatter(summary['median'])} [{formatter(summary['ci_low'])} \u2013 {formatter(summary['ci_high'])}]"


def table(header: Sequence[str], rows: Sequence[Sequence[str]], align: str = "") -> str:
    """A Markdown table; `align` holds one of l/r per column (default: first left, the rest right)."""
    align = align or "l" + "r" * (len(header) - 1)
    marks = [":--" if a == "l" else "--:" for a in align]
    lines = ["| " + " | ".join(header) + " |", "| " + " | ".join(marks) + " |"]
    lines += ["| " + " | ".join(cell.replace("|", "\\|") for cell in row) + " |" for row in rows]
    return "\n".join(lines) + "\n"


def failed_rows(results: Sequence[Mapping[str, Any]], workload: str) -> str:
    """A warning listing the cases of a workload that failed or were not run (never hidden)."""
    bad = [r for r in results if r["workload"] == workload and r.get("status") != "ok"]
    if not bad:
        return ""
    lines = [f'!!! failure "{len(bad)} case(s) without a measurement"']
    for r in bad:
        params = ", ".join(f"{k}={v}" for k, v in r["params"].items())
        lines.append(f"    - `{r['program']}` ({params}): {str(r.get('error') or r['status']).splitlines()[0][:300]}")
    return "\n".join(lines) + "\n"


def notice(doc: Doc | None) -> str:
    """What the reader must know before any number: not measured, quick profile, machine and date."""
    if doc is None:
        return '!!! warning "Not measured"\n    This build did not run the benchmarks (no `benchmarks/` folder).\n'
    if doc["mode"] == "off":
        return (
            '!!! warning "Not measured in this build"\n'
            "    The benchmarks were switched off (`CONCURRENCY_BENCH=off`), so this page shows no figures.\n"
        )
    profile = doc["profile"]
    m = doc["machine"]
    where = f"{m['cpu_model']}, {m['cores']} cores, {m['memory_bytes'] / 2**30:.0f} GiB, Linux {m['kernel']}"
    runs = f"{profile['runs']} measured runs per figure after {profile['warmups']} discarded warm-up run(s)"
    kind = "note" if doc["mode"] == "full" else "warning"
    title = "Full profile" if doc["mode"] == "full" else "Quick profile"
    dates = sorted(str(r.get("measured_at", ""))[:16].replace("T", " ") for r in doc["results"] if r.get("measured_at"))
    when = f" between {dates[0]} and {dates[-1]} UTC" if dates else ""
    text = f'!!! {kind} "{title}"\n    Measured on this build machine ({where}){when}: {runs}.'
    if doc["mode"] == "quick":
        text += (
            " The quick profile uses small sizes and few runs; with so few runs the interval shown beside a "
            "median is the range of the runs and covers the true median less often than 95%"
            " (its real coverage is stored with every figure)."
        )
    return text + "\n"


def results_of(doc: Doc | None) -> list[Mapping[str, Any]]:
    """The results list (empty when there is none)."""
    return list(doc["results"]) if doc else []
