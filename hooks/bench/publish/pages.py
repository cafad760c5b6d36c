# Markdown for the benchmark pages, generated at build time from results.json (pages call these in exec blocks).
from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from hooks.bench.measure.record import CaseResult, parse_results
from hooks.bench.measure.units import label
from hooks.bench.measure.units import unit as unit_record
from hooks.bench.publish.charts import Bar, Point, Series, bar_chart, line_chart
from hooks.bench.results import figures, fmt, limits
from hooks.bench.results.common import Doc, failed_rows, nowrap, or_current, results_of, stat, table
from hooks.bench.results.common import notice as notice
from hooks.common.untrusted import markdown_text


def _bar(result: CaseResult, metric: str, name: str, scale: float = 1.0) -> Bar | None:
    summary = result.summary.get(metric)
    if not summary:
        return None
    return Bar(name, summary.median * scale, summary.ci_low * scale, summary.ci_high * scale)


def _cores(doc: Doc | None) -> int:
    return int(doc["machine"]["cores"]) if doc else 1


def spawn_hold(doc: Doc | None = None) -> str:
    """Spawn and hold: time to start N units and memory at READY per size; bytes per unit with charts; then the
    article's scale (one million units) from a separate run's document, apart."""
    doc = or_current(doc)
    return _scaled_page(doc, "spawn_hold", _spawn_tables, lambda results: [_stops(doc, results)])


def _scaled_page(
    doc: Doc | None,
    workload: str,
    tables: Callable[[list[CaseResult]], list[str]],
    after: Callable[[list[CaseResult]], list[str]] = lambda results: [],
) -> str:
    """A workload measured here and at the article's scale: when the scale was last measured, this build's tables
    (then `after`), its failed cases, then each scale document's tables under a heading of their own."""
    results = results_of(doc)
    out = [notice(doc, (workload,)), full_profile(doc)]
    if figures.ok(results, workload):
        out += tables(results) + after(results)
    out.append(failed_rows(results, workload))
    out.append(at_scale(doc, workload, tables))
    return "\n".join(o for o in out if o)


def _spawn_tables(results: list[CaseResult]) -> list[str]:
    """The tables and charts of one machine's spawn_hold results: each size, the memory fit, the start time."""
    found = figures.ok(results, "spawn_hold")
    rows = [[_unit_name(results, r.unit), f"{r.params['n']:,}", stat(r, "inner_spawn_seconds", fmt.duration),
             stat(r, "ready_pss_bytes", fmt.size), stat(r, "peak_rss_bytes", fmt.size)] for r in found]  # fmt: skip
    out = ["### Time and memory at each size\n"]
    out.append(table(["units", "N", "time to start all N", "memory at READY (PSS)", "peak RSS"], rows))
    fits = [(u, figures.memory_fit(results, u)) for u in figures.units(results, "spawn_hold")]
    fit_rows = [[_unit_name(results, u), nowrap(fmt.size(f[0])), nowrap(fmt.size(f[1])), str(f[2]),
                 *_linearity(figures.memory_linearity(results, u))] for u, f in fits if f]  # fmt: skip
    out.append("### Memory per unit\n")
    out.append("The least-squares slope of memory at READY against N, over every run at every N; the intercept "
               "is what the runtime costs with no units at all. R² says how much of the spread the line "
               "explains; each residual is the median at one N less the line's value there, as a share of it: "
               "small residuals of both signs mean memory grows linearly, residuals that grow with N mean "
               "the line bends.\n")  # fmt: skip
    out.append(table(["units", "bytes per unit", "baseline (intercept)", "runs fitted", "R²",
                      "residual at each N"], fit_rows))  # fmt: skip
    bars = sorted((Bar(label(u), f[0]) for u, f in fits if f and f[0] > 0), key=lambda b: b.value)
    out.append(bar_chart("Memory per unit", bars, fmt.size, "lower"))
    tops = [t for u in figures.units(results, "spawn_hold") if (t := figures.largest_n(results, u))]
    per_unit = [b for t in tops if (b := _bar(t, "spawn_seconds_per_unit", f"{label(t.unit)} (N = {t.params['n']:,})"))]
    out.append(bar_chart("Time to start one unit, at the largest N", sorted(per_unit, key=lambda b: b.value),
                         fmt.duration, "lower"))  # fmt: skip
    return out


def at_scale(doc: Doc | None, workload: str, render: Callable[[list[CaseResult]], list[str]]) -> str:
    """The article's scale, from each document under benchmarks/machines/ of a profile that reaches it (full,
    scale): its own tables under a heading of their own, with when, where and how it was measured; never pooled
    with this build's figures."""
    out = []
    for entry in figures.scale_documents(doc):
        results = parse_results(entry["results"])
        if not figures.ok(results, workload):
            continue
        out.append(f"## At the article's scale: {markdown_text(str(entry['name']))}\n")
        out.append(scale_provenance(entry))
        if entry.get("stale"):
            out.append('!!! warning "Stale: shown, never used for a verdict or a finding"\n    '
                       f"{markdown_text(str(entry.get('stale_reason', '')))}.\n")  # fmt: skip
        out += [part.replace("### ", "### At scale: ", 1) for part in render(results)]
    return "\n".join(o for o in out if o)


def scale_provenance(entry: Mapping[str, Any]) -> str:
    """When, where and how a scale document was measured, as the sentence above its tables."""
    m, profile = entry["machine"], entry.get("profile") or {}
    first, last = figures.measured_span(parse_results(entry["results"]))
    commit = f", commit `{markdown_text(str(entry['commit']))}`" if entry.get("commit") else ""
    return (
        f'!!! info "A separate run, not this build\'s measurements"\n'
        f"    Measured {first} to {last} UTC on {markdown_text(str(m.get('cpu_model')))}, {m.get('cores')} cores, "
        f"{float(m.get('memory_bytes') or 0) / 2**30:.0f} GiB, Linux {markdown_text(str(m.get('kernel')))}, with "
        f"the `{markdown_text(str(profile.get('name', '?')))}` profile ({profile.get('runs', '?')} measured runs "
        f"per figure, medians with 95% intervals){commit}; the document is `{markdown_text(str(entry['source']))}` "
        "(see [Results from other machines](index.md#results-from-other-machines)). Its figures come from its own "
        "runs and are never pooled with this build's; the fact check uses them for a claim at a size this build "
        "did not reach, only while the programs it measured are this build's.\n"
    )


def _unit_name(results: list[CaseResult], unit: str) -> str:
    """The unit's name, with its variant's arguments where its results carry any: `Python processes (fork)`."""
    args = next((r.args for r in results if r.unit == unit and r.args), None)
    name = label(unit)
    return f"{name} ({', '.join(map(str, args.values()))})" if args and "(" not in name else name


def _linearity(fit: figures.Linearity | None) -> list[str]:
    if fit is None:
        return ["—", "fewer than three sizes"]
    shown = ", ".join(f"{n:,.0f}: {r:+.1%}" for n, r in fit.residuals)
    return [f"{fit.r2:.4f}", f"<small>{shown}</small>"]


def full_profile(doc: Doc | None) -> str:
    """When and where the article's scale (one million units, 10,000 connections) was last measured: the full or
    the scale profile, by this build or in a document under benchmarks/machines/, from the results."""
    runs = figures.full_runs(doc)
    if not runs:
        return ("The article's scale (one million units, 10,000 connections) has not been measured on any machine "
                "whose results this build has: `python -m hooks.bench --profile scale --only "
                "spawn_hold,connections --out FILE` writes such a document (see Results from other "
                "machines).\n")  # fmt: skip
    when, where, source = runs[0]
    more = f" ({len(runs) - 1} earlier or other machine(s) too)" if len(runs) > 1 else ""
    return (f"The article's scale (one million units, 10,000 connections) was last measured {when} on {where} "
            f"({source}){more}.\n")  # fmt: skip


def _stops(doc: Doc | None, results: list[CaseResult]) -> str:
    """Where each measured curve stops, and what ten times more units would take on this machine."""
    machine = (doc or {}).get("machine", {}).get("limits") or {}
    runs = int((doc or {}).get("profile", {}).get("runs", 10)) + 1
    lines = [
        "### Where the measured curves stop\n",
        "Figures are carried at most ten times past the largest N measured. What the next size up would take here:\n",
    ]
    for unit in figures.units(results, "spawn_hold"):
        top = figures.largest_n(results, unit)
        if top:
            why = limits.why_not(unit, 100 * int(top.params["n"]), results, machine, runs)
            lines.append(f"- **{label(unit)}**: {why}.")
    return "\n".join(lines) + "\n"


def _workers(workers: int, cores: int) -> str:
    return f"{workers} <small>(on {cores} cores: oversubscribed)</small>" if workers > cores else str(workers)


def _speedup(results: list[CaseResult], unit: str, workers: int, cores: int) -> tuple[str, str]:
    """The speed-up cell and, when it is above the cores, the note that explains it."""
    gain = figures.speedup(results, unit, workers)
    if gain is None or workers == 1:
        return ("—" if gain is None else fmt.ratio(gain)), ""
    if gain <= cores:
        return fmt.ratio(gain), ""
    bounds = figures.speedup_bounds(results, unit, workers)
    why = (
        f"the CIs of the two medians allow {fmt.ratio(bounds[0])} to {fmt.ratio(bounds[1])}, so this is noise"
        if bounds and bounds[0] <= cores
        else "the 1-worker run was slower per fib call than each worker of this run, which two cores cannot "
        "explain: the machine was busier during the 1-worker runs (see the steal time and the CIs)"
    )
    note = f"{label(unit)}, {workers} workers: {fmt.ratio(gain)} is above the {cores} cores of this machine; {why}."
    return f"{fmt.ratio(gain)} ⚑", note


def cpu_bound(doc: Doc | None = None) -> str:
    """fib(n) on W workers: compute time, CPU time, speed-up over one worker (oversubscription and speed-ups
    above the core count flagged), with charts of the speed-up at W = cores and the time per call."""
    doc = or_current(doc)
    results = results_of(doc)
    cores = _cores(doc)
    found = figures.ok(results, "fib")
    out = [notice(doc, ("fib",))]
    if found:
        rows, notes = [], []
        for r in found:
            w = int(r.params["workers"])
            cell, note = _speedup(results, r.unit, w, cores)
            notes += [note] if note else []
            compute, cpu = stat(r, "inner_seconds", fmt.duration), stat(r, "cpu_seconds", fmt.duration)
            rows.append([label(r.unit), f"fib({r.params['n']})", _workers(w, cores), compute, cpu, cell])
        out.append("### Compute time and speed-up\n")
        out.append(f"This machine has **{cores} cores**: no speed-up here can honestly exceed {fmt.ratio(cores)}, and "
                   f"{2 * cores} workers share {cores} cores (oversubscribed).\n")  # fmt: skip
        header = ["implementation", "work", "workers", "compute", "CPU (user+sys)", "speed-up"]
        out.append(table(header, rows))
        out += [f"- ⚑ {n}" for n in notes]
        out.append(_short_runs(found, lambda r: f"fib({r.params['n']}) × {r.params['workers']}"))
        bars = [Bar(label(r.unit), g) for r in found if int(r.params["workers"]) == cores
                and (g := figures.speedup(results, r.unit, cores))]  # fmt: skip
        out.append(bar_chart(f"Speed-up of {cores} workers over one", bars, fmt.ratio, "higher",
                             f"At most {fmt.ratio(cores)} on {cores} cores."))  # fmt: skip
        singles = [
            b
            for r in found
            if int(r.params["workers"]) == 1
            and (b := _bar(r, "inner_seconds", label(r.unit), 1 / figures.calls(int(r.params["n"]))))
        ]
        out.append(bar_chart("Time per fib call, one worker", sorted(singles, key=lambda b: b.value), fmt.duration,
                             "lower", "Compute time divided by the calls naive fib(n) makes."))  # fmt: skip
    out.append(failed_rows(results, "fib"))
    out.append(scaling(doc))
    return "\n".join(o for o in out if o)


def machines(doc: Doc | None) -> list[tuple[str, int, list[CaseResult]]]:
    """(label, cores, results) of this build's machine and of every other machine that is not stale, each apart."""
    found = [(f"this build ({_cores(doc)} core{'s' * (_cores(doc) != 1)})", _cores(doc), results_of(doc))]
    for entry in (doc or {}).get("other_machines", []):
        if not entry.get("stale"):
            cores = int(entry["machine"]["cores"])
            found.append(
                (f"{entry['name']} ({cores} core{'s' * (cores != 1)})", cores, parse_results(entry["results"]))
            )
    return [m for m in found if figures.ok(m[2], "fib")]


def scaling(doc: Doc | None = None) -> str:
    """Speed-up against workers, one line per machine and one chart per implementation measured on more than one
    machine; each line from that machine's own results (statistics are never pooled across machines)."""
    doc = or_current(doc)
    found = machines(doc)
    stale = [e for e in (doc or {}).get("other_machines", []) if e.get("stale")]
    units = [u for u in dict.fromkeys(u for m in found for u in figures.units(m[2], "fib"))
             if sum(1 for m in found if figures.ok(m[2], "fib", u)) > 1]  # fmt: skip
    if not units:
        return _not_drawn(stale)
    out = [
        "### Across machines\n",
        f"The same programs measured on {len(found)} machines, each line from that machine's own runs (nothing is "
        "pooled across machines; where each was measured is under [Results from other machines]"
        "(index.md#results-from-other-machines)). A filled point had at most one worker per core; a hollow one "
        "had more workers than that machine's cores. Whiskers: the range the two medians' 95% intervals allow.\n",
    ]
    for unit in units:
        lines = []
        for name, cores, results in found:
            points = []
            for r in figures.ok(results, "fib", unit):
                w = int(r.params["workers"])
                gain = figures.speedup(results, unit, w)
                bounds = figures.speedup_bounds(results, unit, w) if w > 1 else None
                if gain is not None:
                    low, high = bounds if bounds else (None, None)
                    points.append(Point(w, gain, low, high, hollow=w > cores))
            if points:
                lines.append(Series(name, tuple(points)))
        out.append(line_chart(f"Speed-up over one worker: {label(unit)}", lines, "workers", "speed-up", fmt.ratio,
                              "higher", "One line per machine.", ideal="ideal: one core per worker"))  # fmt: skip
    out.append(_not_drawn(stale))
    return "\n".join(o for o in out if o)


def _not_drawn(stale: list[Mapping[str, Any]]) -> str:
    names = ", ".join(markdown_text(str(e["name"])) for e in stale)
    return f"Not drawn: {names}, measured with programs that have changed since (stale).\n" if stale else ""


SHORT_RUN = 0.1  # seconds of measured work a timed run should reach for its interval to rank it (issue 18)


def _short_runs(found: list[CaseResult], size: Callable[[CaseResult], str]) -> str:
    """A note naming the runs whose median measured work stayed under SHORT_RUN, and why they are kept."""
    short = [(r, t) for r in found if (t := figures.median(r, "inner_seconds")) is not None and t < SHORT_RUN]
    if not short:
        return ""
    named = "; ".join(f"{label(r.unit)}, {size(r)}: {fmt.duration(t)}" for r, t in short)
    return (f"\nUnder {SHORT_RUN * 1000:.0f} ms of measured work (median of the runs): {named}. Larger sizes would "
            "not fit the benchmark phase of a build in its budget; a short run's 95% interval is wider, and no "
            "figure here is ranked above another unless their intervals separate.\n")  # fmt: skip


def message_passing(doc: Doc | None = None) -> str:
    """Ping-pong round trip and pipeline throughput, a table and a chart each."""
    doc = or_current(doc)
    results = results_of(doc)
    out = [notice(doc, ("ping_pong", "pipeline"))]
    pings = figures.ok(results, "ping_pong")
    if pings:
        rows = [[label(r.unit), f"{r.params['rounds']:,}", stat(r, "round_trip_seconds", fmt.duration)]
                for r in pings]  # fmt: skip
        out.append("### Ping-pong\n")
        out.append(table(["implementation", "round trips", "time per round trip"], rows))
        bars = sorted((b for r in pings if (b := _bar(r, "round_trip_seconds", label(r.unit)))), key=lambda b: b.value)
        out.append(bar_chart("Ping-pong: time per round trip", bars, fmt.duration, "lower"))
        out.append(_short_runs(pings, lambda r: f"{r.params['rounds']:,} round trips"))
    pipes = figures.ok(results, "pipeline")
    if pipes:
        rows = [[label(r.unit), f"{r.params['messages']:,}", str(r.params["stages"]),
                 stat(r, "messages_per_second", fmt.rate)] for r in pipes]  # fmt: skip
        out.append("### Pipeline\n")
        out.append(table(["implementation", "messages", "stages", "throughput"], rows))
        bars = sorted((b for r in pipes if (b := _bar(r, "messages_per_second", label(r.unit)))),
                      key=lambda b: -b.value)  # fmt: skip
        out.append(bar_chart("Pipeline: messages per second through all stages", bars, fmt.rate, "higher"))
        out.append(_short_runs(pipes, lambda r: f"{r.params['messages']:,} messages"))
    out.append(failed_rows(results, "ping_pong") + failed_rows(results, "pipeline"))
    return "\n".join(o for o in out if o)


PERCENTILES = ("p50", "p99", "p999", "max")  # connections: latency figures shown
SATURATED = 0.9  # a client using this share of its core or more may be what limits the requests per second


def _server_kind(unit: str) -> tuple[str, str]:
    """What an HTTP server is, (kind, what it is) from its unit's record: like is compared with like only on lines of
    the same kind."""
    return unit_record(unit).server_kind or ("?", "?")


def http(doc: Doc | None = None) -> str:
    """What each server is, requests per second and latency percentiles per kind of server, server memory and
    CPU, and the load generator's share of its core (the saturation guard, from wrk's own cgroup)."""
    doc = or_current(doc)
    results = results_of(doc)
    found = figures.ok(results, "http")
    out = [notice(doc, ("http",))]
    if found:
        kinds = [["**" + label(r.unit) + "**", *_server_kind(r.unit)] for r in found]
        out.append("### What each server is\n")
        out.append(table(["server", "kind", "what it is"], kinds, "lll"))
        rows = []
        for kind in dict.fromkeys(_server_kind(r.unit)[0] for r in found):
            for r in (r for r in found if _server_kind(r.unit)[0] == kind):
                rows.append([f"{label(r.unit)} <small>({kind})</small>", stat(r, "requests_per_second", fmt.rate),
                             *[stat(r, f"latency_p{q}_seconds", fmt.duration) for q in (50, 90, 99)],
                             stat(r, "peak_rss_bytes", fmt.size), stat(r, "server_cpu_seconds", fmt.duration),
                             stat(r, "wrk_cpu_share", lambda v: f"{v:.0%}")])  # fmt: skip
        out.append("### Throughput, latency and memory\n")
        header = ["server", "requests/s", "p50", "p90", "p99", "peak RSS", "server CPU", "wrk's share of its core"]
        out.append(table(header, rows))
        busy = [label(r.unit) for r in found if (figures.median(r, "wrk_cpu_share") or 0) >= SATURATED]
        if busy:
            out.append(f'!!! warning "The load generator was saturated"\n    wrk used {SATURATED:.0%} or more of its '
                       f"core against {', '.join(busy)}: those requests per second measure wrk as much as the "
                       "server.\n")  # fmt: skip
        out.append("wrk's CPU time is its own cgroup's account over the whole run, divided by the run's wall time.\n")
        bars = sorted((b for r in found if (b := _bar(r, "requests_per_second", label(r.unit)))),
                      key=lambda b: -b.value)  # fmt: skip
        out.append(bar_chart("Requests per second on loopback, one server core", bars, fmt.rate, "higher",
                             "Kinds differ: see what each server is above."))  # fmt: skip
    out.append(failed_rows(results, "http"))
    return "\n".join(o for o in out if o)


def http_setup(doc: Doc | None = None) -> str:
    """The load generator's settings of this profile, as a sentence."""
    doc = or_current(doc)
    if not doc or not doc.get("profile"):
        return ""
    p = doc["profile"]
    return (
        f"Each run: a fresh server, warmed up for {p['http_warmup_seconds']:g} s by requests sent one at a time over "
        f"four keep-alive connections, then `wrk -t1 -c{p['http_connections']} -d{p['http_seconds']}s --latency`.\n"
    )


def connections(doc: Doc | None = None) -> str:
    """Many connections: per server, memory per idle keep-alive connection and latency percentiles at each count;
    then 10,000 connections from a separate run's document, apart."""
    return _scaled_page(or_current(doc), "connections", _connection_tables)


def _connection_tables(results: list[CaseResult]) -> list[str]:
    """One machine's connections results: a table and a chart per count of connections, the client's guard."""
    found = figures.ok(results, "connections")
    out = []
    load = found[0].load
    if load.get("open_files"):
        out.append(f"Open files allowed to the server and the client: {load['open_files']:,} (at least the "
                   "connections plus 256: the harness raises the limit where it is lower).\n")  # fmt: skip
    for count in sorted({int(r.params["connections"]) for r in found}):
        rows = []
        at = [r for r in found if int(r.params["connections"]) == count]
        for kind in dict.fromkeys(_server_kind(r.unit)[0] for r in at):
            for r in (r for r in at if _server_kind(r.unit)[0] == kind):
                rows.append([f"{label(r.unit)} <small>({kind})</small>",
                             stat(r, "bytes_per_connection", fmt.size), stat(r, "server_pss_idle_bytes", fmt.size),
                             *[stat(r, f"latency_{q}_seconds", fmt.duration) for q in PERCENTILES],
                             stat(r, "client_cpu_share", lambda v: f"{v:.0%}")])  # fmt: skip
        out.append(f"### {count:,} connections\n")
        out.append(table(["server", "memory per idle connection", "server memory, all held", "p50", "p99",
                          "p99.9", "max", "client's share of its core"], rows))  # fmt: skip
        bars = sorted((b for r in at if (b := _bar(r, "bytes_per_connection", label(r.unit)))),
                      key=lambda b: b.value)  # fmt: skip
        out.append(bar_chart(f"Memory per idle keep-alive connection, {count:,} held", bars, fmt.size, "lower",
                             "Kinds differ: see what each server is on the HTTP page."))  # fmt: skip
    busy = [label(r.unit) for r in found if (figures.median(r, "client_cpu_share") or 0) >= SATURATED]
    if busy:
        out.append(f'!!! warning "The client was saturated"\n    Our client used {SATURATED:.0%} or more of its '
                   f"core against {', '.join(busy)}: those latencies measure the client as much as the "
                   "server.\n")  # fmt: skip
    return out
