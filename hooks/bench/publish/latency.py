# The latency page: lateness percentiles per runtime and neighbours, charts on a log scale, computed sentences.
from __future__ import annotations

from collections.abc import Sequence

from hooks.bench.measure.record import CaseResult
from hooks.bench.measure.units import label
from hooks.bench.publish import sentences
from hooks.bench.publish.charts import Spread, percentile_chart
from hooks.bench.publish.sentences import Draft, Finding
from hooks.bench.results import figures, fmt, intervals
from hooks.bench.results.common import Doc, failed_rows, notice, or_current, results_of, stat, table

PAGE = "benchmarks/latency.md"
PERCENTILES = (("p50", "median"), ("p99", "p99"), ("p999", "p99.9"), ("max", "max"))


def metric(name: str) -> str:
    """`p99` -> `lateness_p99_seconds` (the figure's name in results.json)."""
    return f"lateness_{name}_seconds"


def neighbour_counts(results: Sequence[CaseResult]) -> list[int]:
    """The neighbour counts measured, in order (0: the ticker alone)."""
    return sorted({int(r.params["neighbours"]) for r in figures.ok(results, "latency")})


def at(results: Sequence[CaseResult], unit: str, neighbours: int) -> CaseResult | None:
    """The latency result of one unit with `neighbours` CPU-bound neighbours."""
    return figures.find(results, "latency", unit, neighbours=neighbours)


def p99(results: Sequence[CaseResult], unit: str, neighbours: int) -> intervals.Quantity | None:
    """The median over runs of one unit's p99 lateness, with its 95% interval."""
    found = at(results, unit, neighbours)
    return intervals.metric(found, metric("p99"), "s") if found else None


def _beside(k: int, cores: int) -> str:
    if k == 0:
        return "alone"
    per_core = f"{k // cores} per core" if k % cores == 0 and k > cores else "one per core" if k == cores else ""
    return f"beside {k} CPU-bound neighbours" + (f" ({per_core})" if per_core else "")


def latency_findings(doc: Doc | None, page: str = PAGE) -> list[Finding]:
    """Per neighbour count above zero: the runtimes ranked by p99 lateness (ties where intervals overlap); then,
    per runtime, whether its p99 beside the neighbours differs from its p99 alone."""
    results = results_of(doc)
    if not doc or not results:
        return []
    cores = int(doc["machine"]["cores"])
    out: list[Finding] = []
    units = figures.units(results, "latency")
    for k in [k for k in neighbour_counts(results) if k > 0]:
        named = [(label(u), q) for u in units if (q := p99(results, u, k))]
        if len(named) > 1:
            d = Draft()
            text = f"p99 lateness of a 1 ms sleep {_beside(k, cores)}, least first: "
            out.append(d.finish(text + sentences.ranking(d, named, fmt.duration) + ".", page))
    top = max(neighbour_counts(results), default=0)
    for u in units:
        alone, busy = p99(results, u, 0), p99(results, u, top)
        if top == 0 or alone is None or busy is None:
            continue
        d = Draft()
        if d.compare(alone, busy):
            verb = "rose" if busy.value > alone.value else "fell"
            text = (f"{label(u)}: p99 lateness {verb} from {fmt.duration(alone.value)} alone to "
                    f"{fmt.duration(busy.value)} {_beside(top, cores)}.")  # fmt: skip
        else:
            text = (f"{label(u)}: p99 lateness {fmt.duration(alone.value)} alone and {fmt.duration(busy.value)} "
                    f"{_beside(top, cores)}, {sentences.SAME}.")  # fmt: skip
        out.append(d.finish(text, page))
    return out


def latency(doc: Doc | None = None) -> str:
    """The latency page's measured part: a table per neighbour count, a percentile chart each, the findings."""
    doc = or_current(doc)
    results = results_of(doc)
    found = figures.ok(results, "latency")
    out = [notice(doc, ("latency",))]
    if doc and found:
        cores = int(doc["machine"]["cores"])
        ticks = sorted(t for r in found if (t := figures.median(r, "ticks")))
        millis = sorted({int(r.params["millis"]) for r in found})
        out.append(
            f"Each run ticks for {' or '.join(f'{m:,} ms' for m in millis)}; a run's percentiles come from its own "
            f"ticks (from {ticks[0]:.0f} to {ticks[-1]:.0f}, medians per case: a ticker that is late ticks less "
            "often), so where a run has fewer than 1,000 ticks its p99.9 is its maximum, and under 100 its p99 too. "
            "Each figure is the median over runs, ± the widest side of its 95% interval.\n"
        )
        for k in neighbour_counts(results):
            rows, spreads = [], []
            for r in (r for r in found if int(r.params["neighbours"]) == k):
                cells = [stat(r, metric(name), fmt.duration) for name, _ in PERCENTILES]
                calls = stat(r, "neighbour_calls_per_second", fmt.rate) if k else "—"
                rows.append([label(r.unit), stat(r, "ticks", lambda v: f"{v:.0f}"), *cells, calls])
                points = tuple((shown, v) for name, shown in PERCENTILES if (v := figures.median(r, metric(name))))
                spreads.append(Spread(label(r.unit), points))
            out.append(f"### The ticker {_beside(k, cores)}\n")
            header = ["runtime", "ticks", "p50", "p99", "p99.9", "max", "neighbours' fib calls/s"]
            out.append(table(header, rows))
            out.append(percentile_chart(f"Lateness of a 1 ms sleep, {_beside(k, cores)}", spreads, fmt.duration))
        said = latency_findings(doc)
        if said:
            out.append("### What the intervals allow us to say\n")
            out += [f"- {f.text}" for f in said]
            out.append("")
    out.append(failed_rows(results, "latency"))
    return "\n".join(o for o in out if o)
