# Markdown for the fact check, the article's claims per page, published figures, comparison and other machines.
from __future__ import annotations

from collections import Counter

from hooks.bench import figures, fmt
from hooks.bench.claims import B1, B2, B3, B4, CLAIMS, CMP
from hooks.bench.common import Doc, document, label, notice, results_of, table
from hooks.bench.public import OUR_UNIT, PUBLISHED
from hooks.bench.verdicts import Checked, check

SECTIONS = {"spawn": (B1, B4), "cpu": (B3,), "http": (B2,), "memory": (CMP,)}


def _row(c: Checked) -> list[str]:
    measured = fmt.value(c.figure.value, c.figure.unit) if c.figure else "—"
    if c.figure and c.figure.note:
        measured += f" ({c.figure.note})"
    ratio = fmt.ratio(c.ratio) if c.ratio is not None else "—"
    return [c.claim.row, c.claim.column, c.claim.text, measured, ratio, c.verdict]


HEADER = ["article row", "quantity", "the article says", "measured here", "measured / claimed", "verdict"]


def claims(which: str, doc: Doc | None = None) -> str:
    """The article's claims of one page (spawn, cpu, http, memory) beside our measurements."""
    doc = document(doc)
    results = results_of(doc)
    out = []
    for section in SECTIONS[which]:
        rows = [_row(check(c, results)) for c in CLAIMS if c.section == section]
        out.append(f"**{section}**\n\n" + table(HEADER, rows, "lllrrl"))
    return "\n".join(out)


def fact_check(doc: Doc | None = None) -> str:
    """Every numeric claim of the article's benchmark tables and of the comparison's memory row, with verdicts."""
    doc = document(doc)
    results = results_of(doc)
    checked = [check(c, results) for c in CLAIMS]
    tally = Counter(c.verdict.split(":")[0] for c in checked)
    summary = ", ".join(f"{n} {word}" for word, n in tally.most_common())
    out = [notice(doc), f"{len(checked)} claims: {summary}.\n"]
    for section in dict.fromkeys(c.section for c in CLAIMS):
        rows = [_row(c) for c in checked if c.claim.section == section]
        out.append(f"### {section}\n\n" + table(HEADER, rows, "lllrrl"))
    return "\n".join(out)


def published(doc: Doc | None = None) -> str:
    """Published peak-memory figures at 1M tasks beside ours (measured at 1M, else extrapolated), sources linked."""
    doc = document(doc)
    results = results_of(doc)
    rows = []
    for p in PUBLISHED:
        ours = figures.memory_at(results, OUR_UNIT[p.language], p.tasks)
        mine = f"{fmt.size(ours.value)} ({ours.note})" if ours else "—"
        hardware = p.hardware or "see the source"
        rows.append([f"[{p.source}]({p.url})", label(OUR_UNIT[p.language]), p.variant, f"{p.tasks:,}",
                     f"{p.peak_memory_mb:,.0f} MB", hardware, mine])  # fmt: skip
    header = ["source", "closest program here", "their program", "tasks", "published peak", "their machine",
              "this build, same N"]  # fmt: skip
    return table(header, rows, "llllrll")


def comparison(doc: Doc | None = None) -> str:
    """The article's comparison summary redone: measured rows from results, the rest in our own words."""
    doc = document(doc)
    results = results_of(doc)
    if not results:
        return notice(doc)
    langs = ("python", "elixir", "csharp", "go")
    spawn = {"python": "python_threads", "elixir": "elixir_processes", "csharp": "csharp_tasks", "go": "go_goroutines"}
    noun = {"python": "thread", "elixir": "process", "csharp": "task", "go": "goroutine"}
    fib = {"python": "python_processes", "elixir": "elixir_processes", "csharp": "csharp_tasks", "go": "go_goroutines"}
    msg = {"python": "python_asyncio", "elixir": "elixir_processes", "csharp": "csharp_channels", "go": "go_channels"}
    web = {"python": "python_asyncio", "elixir": "elixir_gen_tcp", "csharp": "csharp_aspnetcore", "go": "go_net_http"}

    def memory(lang: str) -> str:
        f = figures.bytes_per_unit(results, spawn[lang])
        return f"{fmt.size(f.value)} per {noun[lang]}" if f else "—"

    def speed(lang: str) -> str:
        found = figures.ok(results, "fib", fib[lang])
        widest = max((int(r["params"]["workers"]) for r in found), default=0)
        gain = figures.speedup(results, fib[lang], widest) if widest else None
        return f"{fmt.ratio(gain)} with {widest} workers ({label(fib[lang])})" if gain else "—"

    def median_of(workload: str, unit: str, metric: str, unit_fmt: str) -> str:
        found = figures.ok(results, workload, unit)
        value = figures.median(found[0], metric) if found else None
        return f"{fmt.value(value, unit_fmt)} ({label(unit)})" if value is not None else "—"

    rows = [
        ["Memory per unit (measured)", *[memory(x) for x in langs]],
        ["CPU-bound speed-up (measured)", *[speed(x) for x in langs]],
        ["Ping-pong round trip (measured)",
         *[median_of("ping_pong", msg[x], "round_trip_seconds", "s") for x in langs]],
        ["Plaintext HTTP, requests/s (measured)",
         *[median_of("http", web[x], "requests_per_second", "1/s") for x in langs]],
    ]  # fmt: skip
    return notice(doc) + "\n" + table(["", "Python", "Elixir", "C#", "Go"], rows, "lllll")


def other_machines(doc: Doc | None = None) -> str:
    """Results kept from other machines, each under a note saying where and when they were measured."""
    doc = document(doc)
    out = []
    for entry in doc.get("other_machines", []) if doc else []:
        m, results = entry["machine"], entry["results"]
        dates = sorted(str(r.get("measured_at", "")) for r in results)
        if not results:
            continue
        where = f"{m.get('cpu_model')}, {m.get('cores')} cores, Linux {m.get('kernel')}"
        out.append(
            f'!!! info "Measured on another machine"\n    These figures come from {where}, measured between '
            f"{dates[0]} and {dates[-1]}. They are not comparable with this build's figures and are kept apart.\n"
        )
        rows = [[r["workload"], label(r["unit"]), ", ".join(f"{k}={v}" for k, v in r["params"].items()),
                 fmt.duration(figures.median(r, "wall_seconds") or 0.0)]
                for r in results if r.get("status") == "ok"]  # fmt: skip
        out.append(table(["workload", "program", "parameters", "whole run (median)"], rows, "lllr"))
    return "\n".join(out) or "No results from other machines are stored with this build.\n"
