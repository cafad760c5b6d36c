# Helpers the page modules share: the document to render from, names of units, table cells, notices.
from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from hooks.bench.measure.record import CaseResult, parse_results
from hooks.bench.measure.workloads import WORKLOADS
from hooks.bench.results import figures
from hooks.bench.results.current import current
from hooks.common.untrusted import code_span, markdown_text

Doc = Mapping[str, Any]


def or_current(doc: Doc | None) -> Doc | None:
    """The document passed in, else the one of the build in progress."""
    return doc if doc is not None else current()


def stat(result: CaseResult, metric: str, formatter: Callable[[float], str]) -> str:
    """`median ±x%` of one metric, x the CI's widest side; the whole CI and the runs on hover. A dash if absent."""
    summary = result.summary.get(metric)
    if not summary:
        return "—"
    mid, low, high = summary.median, summary.ci_low, summary.ci_high
    spread = max(high - mid, mid - low) / abs(mid) if mid else 0.0
    pct = f"{spread:.0%}" if spread >= 0.01 else "<1%"
    title = (f"{summary.ci_coverage:.0%} CI of the median: {formatter(low)} to {formatter(high)}, "
             f"{summary.n} runs")  # fmt: skip
    return f'<span title="{title}">{nowrap(formatter(mid))}&nbsp;<small>±{pct}</small></span>'


def nowrap(text: str) -> str:
    """Spaces inside a number and its unit that never break: `1.23 s` stays on one line."""
    return text.replace(" ", "\u00a0")


def table(header: Sequence[str], rows: Sequence[Sequence[str]], align: str = "") -> str:
    """A Markdown table; `align` holds one of l/r per column (default: first left, the rest right)."""
    align = align or "l" + "r" * (len(header) - 1)
    marks = [":--" if a == "l" else "--:" for a in align]
    lines = ["| " + " | ".join(header) + " |", "| " + " | ".join(marks) + " |"]
    lines += ["| " + " | ".join(cell.replace("|", "\\|") for cell in row) + " |" for row in rows]
    return "\n".join(lines) + "\n"


def failed_rows(results: Sequence[CaseResult], workload: str) -> str:
    """A warning listing the cases of a workload that failed or were not run (never hidden)."""
    bad = [r for r in results if r.workload == workload and not r.ok]
    if not bad:
        return ""
    lines = [f'!!! failure "{len(bad)} case(s) without a measurement"']
    for r in bad:
        params = ", ".join(f"{k}={v}" for k, v in r.params.items())
        error = str(r.error or r.status).splitlines()[0][:300]  # a run's stderr: escaped
        lines.append(f"    - {code_span(r.program)} ({markdown_text(params)}): {markdown_text(error)}")
    return "\n".join(lines) + "\n"


def method(doc: Doc, workloads: Sequence[str] = ()) -> str:
    """`10 measured runs per figure after 1 discarded warm-up run of each program`, read from the results themselves
    (each records its runs and warm-ups), per workload where they differ; only `workloads` when given."""
    found = [r for r in results_of(doc) if r.ok and (not workloads or r.workload in workloads)]
    profile = doc["profile"]
    runs = sorted({int(profile["runs"] if r.runs is None else r.runs) for r in found}) or [int(profile["runs"])]
    shown = f"{runs[0]}" if len(runs) == 1 else f"{runs[0]} to {runs[-1]}"
    warm: dict[int, list[str]] = {}
    for r in found:
        title = WORKLOADS[r.workload].title if r.workload in WORKLOADS else r.workload
        names = warm.setdefault(int(profile["warmups"] if r.warmups is None else r.warmups), [])
        names += [] if title in names else [title]
    if not warm:
        warm = {int(profile["warmups"]): []}

    def after(n: int) -> str:
        runs = f"run{'s' * (n > 1)} of each program"  # at its first size (hooks/bench/measure/harness.py)
        return "with no discarded warm-up run" if n == 0 else f"after {n} discarded warm-up {runs}"

    if len(warm) == 1:
        return f"{shown} measured runs per figure {after(next(iter(warm)))}"
    parts = [f"{after(n)} for {' and '.join(sorted(names))}" for n, names in sorted(warm.items(), reverse=True)]
    return f"{shown} measured runs per figure, " + "; ".join(parts) + " (those programs warm up inside each run)"


def notice(doc: Doc | None, workloads: Sequence[str] = ()) -> str:
    """What the reader must know before any number: not measured, which profile, too few runs, machine, date.
    `workloads`: the page's own (how they were measured is said for those only)."""
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
    runs = method(doc, workloads)
    results = results_of(doc)
    dates = sorted(r.measured_at[:16].replace("T", " ") for r in results if r.measured_at)
    ends = sorted(str(r.measured_until or r.measured_at)[:16].replace("T", " ") for r in results if r.measured_at)
    when = f" between {dates[0]} and {ends[-1]} UTC" if dates else ""
    load = m.get("load_average")
    if load:
        when += f", load average {load['before'][0]:.1f} before and {load['after'][0]:.1f} after"
    if not doc.get("publishable"):
        return (
            f'!!! danger "Not publishable: fewer than {doc.get("min_runs", 10)} runs per figure"\n'
            f"    Measured on {where}{when} with the `{profile['name']}` profile: {runs}. With so few runs the "
            "interval beside a median covers the true median less often than 95%; do not draw conclusions.\n"
        )
    title = f"{str(profile['name']).capitalize()} profile: {runs}"
    text = (
        f'!!! note "{title}"\n    Measured on this build machine ({where}){when}. Beside each median, ±x% is the '
        "widest side of its 95% confidence interval (hover for the interval itself).\n"
    )
    return text + busy(doc)


def busy(doc: Doc) -> str:
    """A warning when other work competed for the cores while this build measured (computed from the runs)."""
    share = figures.cpu_share(results_of(doc))
    if share is None or share >= figures.BUSY:
        return ""
    return (
        '\n!!! warning "The machine was busy while these figures were measured"\n'
        f"    A one-worker CPU-bound run got a median {share:.0%} of a core (CPU time over wall time), so other "
        "work was competing for the cores: times are longer and speed-ups lower than on an idle machine.\n"
    )


def results_of(doc: Doc | None) -> list[CaseResult]:
    """The document's results as records (empty when there are none)."""
    return parse_results(doc["results"]) if doc else []
