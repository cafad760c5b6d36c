# Markdown for the benchmark pages, generated at build time from results.json (pages call these in exec blocks).
from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from hooks.bench import figures, fmt
from hooks.bench.charts import Bar, bar_chart
from hooks.bench.common import LANGUAGE, Doc, document, failed_rows, label, notice, results_of, stat, table


def _bar(result: Mapping[str, Any], metric: str, name: str, scale: float = 1.0) -> Bar | None:
    summary = result.get("summary", {}).get(metric)
    if not summary:
        return None
    return Bar(name, summary["median"] * scale, summary["ci_low"] * scale, summary["ci_high"] * scale)


def spawn_hold(doc: Doc | None = None) -> str:
    """Spawn and hold: time to start N units, memory at READY and peak, bytes per unit with a chart."""
    doc = document(doc)
    out = [notice(doc)]
    results = results_of(doc)
    rows = []
    for r in figures.ok(results, "spawn_hold"):
        rows.append([
            label(r["unit"]),
            f"{r['params']['n']:,}",
            stat(r, "inner_spawn_seconds", fmt.duration),
            stat(r, "ready_pss_bytes", fmt.size),
            stat(r, "peak_rss_bytes", fmt.size),
            stat(r, "wall_seconds", fmt.duration),
        ])  # fmt: skip
    if rows:
        header = ["units", "N", "time to spawn all", "memory at READY (PSS)", "peak RSS", "whole run"]
        out.append(table(header, rows))
        fits = [(u, figures.memory_fit(results, u)) for u in figures.units(results, "spawn_hold")]
        fit_rows = [[label(u), fmt.size(f[0]), fmt.size(f[1]), str(f[2])] for u, f in fits if f]
        out.append("Bytes per unit: least-squares slope of memory at READY against N, over every run.\n")
        out.append(table(["units", "bytes per unit", "baseline (intercept)", "runs fitted"], fit_rows))
        bars = [Bar(label(u), f[0]) for u, f in fits if f and f[0] > 0]
        out.append(bar_chart("Memory per unit (slope of PSS against N)", bars, fmt.size))
    out.append(failed_rows(results, "spawn_hold"))
    return "\n".join(o for o in out if o)


def cpu_bound(doc: Doc | None = None) -> str:
    """fib(n) on W workers: wall time, CPU time, speed-up over one worker, with a chart of the widest W."""
    doc = document(doc)
    out = [notice(doc)]
    results = results_of(doc)
    rows = []
    for r in figures.ok(results, "fib"):
        w = int(r["params"]["workers"])
        gain = figures.speedup(results, r["unit"], w)
        rows.append([
            label(r["unit"]),
            f"fib({r['params']['n']})",
            str(w),
            stat(r, "wall_seconds", fmt.duration),
            stat(r, "cpu_seconds", fmt.duration),
            stat(r, "inner_seconds", fmt.duration),
            fmt.ratio(gain) if gain else "—",
        ])  # fmt: skip
    if rows:
        header = [
            "implementation",
            "work",
            "workers",
            "whole run (wall)",
            "CPU (user+sys)",
            "compute (inner)",
            "speed-up",
        ]
        out.append(table(header, rows))
        widest = max(int(r["params"]["workers"]) for r in figures.ok(results, "fib"))
        bars = [
            b
            for r in figures.ok(results, "fib")
            if int(r["params"]["workers"]) == widest and (b := _bar(r, "inner_seconds", label(r["unit"])))
        ]
        out.append(bar_chart(f"Compute time with {widest} workers (median, CI whisker)", bars, fmt.duration))
    out.append(failed_rows(results, "fib"))
    return "\n".join(o for o in out if o)


def message_passing(doc: Doc | None = None) -> str:
    """Ping-pong round trip and pipeline throughput, a table and a chart each."""
    doc = document(doc)
    out = [notice(doc)]
    results = results_of(doc)
    pings = figures.ok(results, "ping_pong")
    if pings:
        rows = [[label(r["unit"]), f"{r['params']['rounds']:,}", stat(r, "round_trip_seconds", fmt.duration),
                 stat(r, "wall_seconds", fmt.duration)] for r in pings]  # fmt: skip
        out.append(table(["implementation", "round trips", "time per round trip", "whole run"], rows))
        bars = [b for r in pings if (b := _bar(r, "round_trip_seconds", label(r["unit"])))]
        out.append(bar_chart("Ping-pong: time per round trip (median, CI whisker)", bars, fmt.duration))
    pipes = figures.ok(results, "pipeline")
    if pipes:
        rows = [[label(r["unit"]), f"{r['params']['messages']:,}", str(r["params"]["stages"]),
                 stat(r, "messages_per_second", fmt.rate), stat(r, "wall_seconds", fmt.duration)]
                for r in pipes]  # fmt: skip
        out.append(table(["implementation", "messages", "stages", "throughput", "whole run"], rows))
        bars = [b for r in pipes if (b := _bar(r, "messages_per_second", label(r["unit"])))]
        out.append(bar_chart("Pipeline: messages per second through all stages", bars, fmt.rate))
    out.append(failed_rows(results, "ping_pong") + failed_rows(results, "pipeline"))
    return "\n".join(o for o in out if o)


def http(doc: Doc | None = None) -> str:
    """Requests per second, latency percentiles, server memory and CPU, load generator CPU."""
    doc = document(doc)
    out = [notice(doc)]
    results = results_of(doc)
    found = figures.ok(results, "http")
    if found:
        rows = [[label(r["unit"]), stat(r, "requests_per_second", fmt.rate),
                 stat(r, "latency_p50_seconds", fmt.duration), stat(r, "latency_p99_seconds", fmt.duration),
                 stat(r, "peak_rss_bytes", fmt.size), stat(r, "server_cpu_seconds", fmt.duration),
                 stat(r, "wrk_cpu_seconds", fmt.duration)] for r in found]  # fmt: skip
        header = ["server", "requests/s", "latency p50", "latency p99", "server peak RSS", "server CPU", "wrk CPU"]
        out.append(table(header, rows))
        bars = [b for r in found if (b := _bar(r, "requests_per_second", label(r["unit"])))]
        out.append(bar_chart("Requests per second on loopback (median, CI whisker)", bars, fmt.rate))
    out.append(failed_rows(results, "http"))
    return "\n".join(o for o in out if o)


def http_setup(doc: Doc | None = None) -> str:
    """The load generator's settings of this profile, as a sentence."""
    doc = document(doc)
    if not doc or not doc.get("profile"):
        return ""
    p = doc["profile"]
    return (
        f"Each run: `wrk -t1 -c{p['http_connections']} -d{p['http_seconds']}s --latency` after a "
        f"{p['http_warmup_seconds']} s warm-up against the same server process.\n"
    )


def overview(doc: Doc | None = None) -> str:
    """The notice, and how many cases this build measured, took from the cache, or could not measure."""
    doc = document(doc)
    out = [notice(doc)]
    results = results_of(doc)
    if results:
        fresh = sum(1 for r in results if r.get("status") == "ok" and not r.get("cached"))
        cached = sum(1 for r in results if r.get("status") == "ok" and r.get("cached"))
        bad = len(results) - fresh - cached
        out.append(
            f"{len(results)} program/parameter combinations: {fresh} measured during this build, "
            f"{cached} taken unchanged from the cache, {bad} without a measurement.\n"
        )
    return "\n".join(out)


def machine(doc: Doc | None = None) -> str:
    """The machine and toolchain fingerprint as a table."""
    doc = document(doc)
    if not doc:
        return notice(doc)
    m = doc["machine"]
    steal = m.get("steal_fraction")
    rows = [
        ["CPU", str(m["cpu_model"])],
        ["cores", str(m["cores"])],
        ["memory", fmt.size(m["memory_bytes"])],
        ["kernel", f"{m['system']}, {m['kernel']}"],
        ["CPU time stolen by the hypervisor while measuring", _steal(doc, steal)],
        ["fingerprint", f"`{m['key']}`"],
        *[[f"toolchain: {LANGUAGE.get(k, k)}", f"`{v}`" if v else "missing"] for k, v in doc["toolchains"].items()],
    ]  # fmt: skip
    return table(["", ""], rows, "ll")


def _steal(doc: Doc, steal: float | None) -> str:
    if steal is not None:
        return f"{steal:.1%} during this build's runs"
    stored = [float(r["steal_fraction"]) for r in doc["results"] if r.get("steal_fraction") is not None]
    return f"up to {max(stored):.1%} while the stored results were measured" if stored else "not recorded"
