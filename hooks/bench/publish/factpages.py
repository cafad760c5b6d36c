# Markdown for the fact check, the article's claims per page, published figures, comparison and other machines.
from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from html import escape
from typing import Any

from hooks.bench.factcheck.claims import B1, B2, B3, B4, CLAIMS, CMP, HttpFigure
from hooks.bench.factcheck.factcheck import checks
from hooks.bench.factcheck.public import PUBLISHED
from hooks.bench.factcheck.verdicts import VERDICTS, Checked
from hooks.bench.measure import units
from hooks.bench.measure.record import CaseResult, parse_results
from hooks.bench.measure.units import label, language_label
from hooks.bench.publish import sentences
from hooks.bench.publish.sentences import Draft, Finding
from hooks.bench.results import figures, fmt, intervals
from hooks.bench.results.common import Doc, notice, nowrap, or_current, results_of, stat, table
from hooks.common.untrusted import code_span, markdown_text

SECTIONS = {"spawn": (B1, B4), "cpu": (B3,), "http": (B2,), "memory": (CMP,)}
# How each verdict looks: a sign that reads without colour, and a tint that works on light and dark pages.
STYLE = {
    "consistent": ("✓", "#2e7d32"),
    "roughly right": ("≈", "#f9a825"),
    "wrong": ("✗", "#c62828"),
    "not comparable": ("⊘", "#757575"),
    "not a measurement": ("\u2013", "#9e9e9e"),
}


def badge(verdict: str, detail: str = "") -> str:
    """A verdict that stands out: sign, word and tint (inline styles, so no stylesheet is needed)."""
    sign, colour = STYLE[verdict]
    slug = verdict.replace(" ", "-")
    text = escape(verdict + (f": {detail}" if detail else ""))
    return (
        f'<span class="bench-verdict bench-verdict--{slug}" style="background:{colour}2e;'
        f'border-left:3px solid {colour};padding:0 .3em;border-radius:2px;font-weight:600">{sign}&nbsp;{text}</span>'
    )


def _measured(c: Checked) -> str:
    if c.figure is None:
        return "—"
    shown = nowrap(fmt.value(c.figure.value, c.figure.unit))
    if c.machine is not None and c.machine.source is not None:
        shown += f"<br><small>on {escape(c.machine.name)} ({c.machine.cores} cores)</small>"
    return f"{shown}<br><small>{escape(c.figure.note)}</small>" if c.figure.note else shown


def _row(c: Checked, doc: Doc | None = None) -> list[str]:
    shown = c.reason and c.reason != (c.figure.note if c.figure else "")  # not the note under the value again
    reason = f"<br><small>{escape(c.reason)}</small>" if shown else ""
    return [f"{escape(c.claim.row)}<br><small>{escape(c.claim.column)}</small>", escape(c.claim.text),
            _measured(c) + _held(c, doc), badge(c.verdict, c.detail) + reason]  # fmt: skip


HEADER = ["article row", "the article says", "measured", "verdict and why"]  # the figure names another machine
HELD = {
    "peak_rss_bytes": ("server_pss_idle_bytes", "B", "server memory"),
    "latency_p99_seconds": ("latency_p99_seconds", "s", "p99"),
}  # an HTTP claim's metric -> the connections figure shown beside it


def _held(c: Checked, doc: Doc | None) -> str:
    """Beside an HTTP claim at N concurrent connections: the figure of a current scale document that held N
    connections (a separate run, named; it does not decide the verdict, which rests on wrk's measurement)."""
    measure, size = c.claim.measure, c.claim.conditions.size
    if not isinstance(measure, HttpFigure) or not size or measure.metric not in HELD:
        return ""
    metric, unit, what = HELD[measure.metric]
    out = []
    for entry in figures.scale_documents(doc):
        found = [r for r in figures.ok(parse_results(entry["results"]), "connections", measure.unit)
                 if int(r.params["connections"]) == size and figures.median(r, metric) is not None]  # fmt: skip
        if found and not entry.get("stale"):
            value = nowrap(fmt.value(figures.median(found[0], metric) or 0.0, unit))
            out.append(f"<br><small>{what} with {size:,} connections held: {value} on {escape(str(entry['name']))} "
                       "(separate run, connections page)</small>")  # fmt: skip
    return "".join(out)


def _tables(checked: list[Checked], sections: tuple[str, ...], doc: Doc | None = None) -> list[str]:
    out = []
    for section in sections:
        rows = [_row(c, doc) for c in checked if c.claim.section == section]
        if rows:
            out.append(f"### {section}\n\n" + table(HEADER, rows, "llll"))
    return out


def claims(which: str, doc: Doc | None = None) -> str:
    """The article's claims of one page (spawn, cpu, http, memory) beside our measurements, under headings."""
    doc = or_current(doc)
    return "\n".join(_tables(checks(doc), SECTIONS[which], doc))


def tally(checked: list[Checked]) -> str:
    """`54 claims: 3 consistent, ...` in the order of VERDICTS, each styled."""
    counts = Counter(c.verdict for c in checked)
    parts = [f"{counts[v]} {badge(v)}" for v in VERDICTS if counts[v]]
    return f"{len(checked)} claims: " + ", ".join(parts) + "."


def fact_check(doc: Doc | None = None) -> str:
    """Every numeric claim of the article's benchmark tables and of the comparison's memory row, with verdicts."""
    doc = or_current(doc)
    checked = checks(doc)
    cores = int(doc["machine"]["cores"]) if doc else 0
    elsewhere = [c for c in checked if c.machine is not None and c.machine.source is not None]
    here = [c for c in checked if c not in elsewhere]
    more = [c for c in here if c.claim.conditions.cores and c.claim.conditions.cores > cores]
    bounded = sum(1 for c in more if c.bound is not None)
    lines = [notice(doc), tally(checked) + "\n"]
    if elsewhere:
        names = ", ".join(sorted({escape(str(c.machine)) for c in elsewhere if c.machine}))
        were = "claim was" if len(elsewhere) == 1 else "claims were"
        lines.append(f"{len(elsewhere)} {were} judged on another machine's results, the one that matches the "
                     f"conditions best ({names}); each says so beside its figure.\n")  # fmt: skip
        lines += [_ran(entry) for entry in (doc or {}).get("other_machines", [])
                  if any(c.machine and c.machine.source == entry.get("source") for c in elsewhere)]  # fmt: skip
    if more:
        lines.append(f"This machine has **{cores} core{'s' * (cores != 1)}**; {len(more)} claims were made on more: "
                     f"{len(more) - bounded} are not comparable here, {bounded} are judged by what fewer cores "
                     "already show (a claim they already beat by more than a factor of 2 is wrong whatever the "
                     "cores).\n")  # fmt: skip
    return "\n".join(lines + _tables(checked, tuple(dict.fromkeys(c.section for c in CLAIMS)), doc))


def _ran(entry: Mapping[str, Any]) -> str:
    """When, where and how a document that judged claims was measured, as a list item."""
    m, profile = entry["machine"], entry.get("profile") or {}
    first, last = figures.measured_span(parse_results(entry["results"]))
    return (f"- {code_span(str(entry['source']))}: the `{markdown_text(str(profile.get('name', '?')))}` profile, "
            f"{profile.get('runs', '?')} measured runs per figure, measured {first} to {last} UTC on "
            f"{markdown_text(str(m.get('cpu_model')))}, {m.get('cores')} cores; a separate run, never pooled with "
            "this build's.\n")  # fmt: skip


def published(doc: Doc | None = None) -> str:
    """Published peak-memory figures at 1M tasks beside ours at the same N where within 10x, sources linked; and
    beside those of each current document of the article's scale (a separate run, labelled by its name)."""
    doc = or_current(doc)
    results = results_of(doc)
    scaled = [e for e in figures.scale_documents(doc) if not e.get("stale")]
    scaled_results = [parse_results(e["results"]) for e in scaled]
    rows = []
    for p in PUBLISHED:
        closest = units.one_for(units.MILLION_TASKS, p.language)
        unit = closest.id if closest else ""
        rows.append([f"[{p.source}]({p.url})", closest.label if closest else "—", p.variant,
                     f"{nowrap(f'{p.peak_memory_mb:,.0f} MB')}", _ours(figures.memory_at(results, unit, p.tasks)),
                     *[_ours(figures.memory_at(found, unit, p.tasks)) for found in scaled_results]])  # fmt: skip
    header = ["source (1,000,000 tasks)", "closest program here", "their program", "published peak", "this build",
              *[f"{markdown_text(str(e['name']))} (separate run)" for e in scaled]]  # fmt: skip
    return table(header, rows, "lllrl" + "l" * len(scaled))


def _ours(ours: figures.Figure | None) -> str:
    if ours is None:
        return "—"
    if ours.reached:
        return f"{nowrap(fmt.size(ours.value))}<br><small>{escape(ours.note)}</small>"
    return f"not comparable<br><small>{escape(ours.note)} ({nowrap(fmt.size(ours.value))} there)</small>"


def _unit_for(comparison: str, language: str) -> str:
    """The id of the language's unit standing for `comparison` ("" when it has none)."""
    found = units.one_for(comparison, language)
    return found.id if found else ""


def comparison(doc: Doc | None = None) -> str:
    """The article's comparison summary redone: measured rows from results, one column per language."""
    doc = or_current(doc)
    results = results_of(doc)
    if not results:
        return notice(doc)
    cores = int(doc["machine"]["cores"]) if doc else 1

    def memory(lang: str) -> str:
        unit = units.one_for(units.MEMORY, lang)
        f = figures.bytes_per_unit(results, unit.id) if unit else None
        return f"{nowrap(fmt.size(f.value))} per {unit.noun}" if unit and f else "—"

    def speed(lang: str) -> str:
        found = speedup_finding(results, _unit_for(units.SPEEDUP, lang), cores)
        return escape(found.text) if found else "—"

    def median_of(workload: str, unit: str, metric: str, unit_fmt: str) -> str:
        found = figures.ok(results, workload, unit)
        value = figures.median(found[0], metric) if found else None
        return f"{nowrap(fmt.value(value, unit_fmt))} <small>({label(unit)})</small>" if value is not None else "—"

    langs = units.languages()
    rows = [
        ["Memory per unit", *[memory(x) for x in langs]],
        [f"CPU-bound speed-up, {cores} workers on {cores} cores", *[speed(x) for x in langs]],
        ["Ping-pong round trip",
         *[median_of("ping_pong", _unit_for(units.ROUND_TRIP, x), "round_trip_seconds", "s") for x in langs]],
        ["Plaintext HTTP, requests/s",
         *[median_of("http", _unit_for(units.SERVER, x), "requests_per_second", "1/s") for x in langs]],
    ]  # fmt: skip
    header = ["measured", *(language_label(x) for x in langs)]
    return notice(doc) + "\n" + table(header, rows, "l" * len(header))


def speedup_finding(results: list[CaseResult], unit: str, cores: int, page: str = "comparison.md") -> Finding | None:
    """The comparison's speed-up cell: `x1.9 the speed of one (Go goroutines)`, or indistinguishable here."""
    draft = Draft()
    gain = sentences.speedup(draft, intervals.throughput(results, unit, 1), intervals.throughput(results, unit, cores))
    return draft.finish(f"{gain} ({label(unit)})", page) if gain else None


def comparison_findings(doc: Doc | None) -> list[Finding]:
    """The comparison page's computed statements (its speed-up row), as findings.json lists them."""
    results = results_of(doc)
    cores = int(doc["machine"]["cores"]) if doc and results else 1
    return [f for lang in units.languages() if (f := speedup_finding(results, _unit_for(units.SPEEDUP, lang), cores))]


def other_machines(doc: Doc | None = None) -> str:
    """Each other machine's results apart, under its provenance (where, what, when, from which commit), stale
    ones said to be stale; documents from benchmarks/machines/ first, then other machines in the local cache."""
    doc = or_current(doc)
    out = []
    for entry in doc.get("other_machines", []) if doc else []:
        results = [r for r in parse_results(entry["results"]) if r.ok]
        if not results:
            continue
        out.append(f"### {markdown_text(str(entry.get('name', 'another machine')))}\n")
        if entry.get("stale"):
            out.append('!!! warning "Stale: shown, never used for a verdict or a finding"\n    '
                       f"{markdown_text(str(entry.get('stale_reason', '')))}.\n")  # fmt: skip
        out.append(provenance(entry, str(doc["machine"].get("key", "")) if doc else ""))
        rows = [[r.workload, label(r.unit), ", ".join(f"{k}={v}" for k, v in r.params.items()),
                 stat(r, "wall_seconds", fmt.duration)] for r in results]  # fmt: skip
        out.append(table(["workload", "program", "parameters", "whole run (median)"], rows, "lllr"))
    if not out:
        return ("No results from other machines are stored with this build (documents go under "
                "`benchmarks/machines/`: see the repository's README, *Results from other machines*).\n")  # fmt: skip
    head = ("Measured elsewhere and kept apart: each machine's figures come from its own runs, are never pooled with "
            "this build's, and judge a claim of the [fact check](fact-check.md) only where that machine matches the "
            "claim's conditions and its programs are this build's.\n")  # fmt: skip
    return "\n".join([head, *out])


def provenance(entry: Mapping[str, Any], this_key: str = "") -> str:
    """Where and how a machine's results were measured, as a two-column table."""
    m, results = entry["machine"], parse_results(entry["results"])
    dates = sorted(str(r.measured_at or "")[:16].replace("T", " ") for r in results)
    profile = entry.get("profile") or {}
    rows = [
        ["from", code_span(str(entry["source"])) if entry.get("source") else "this build's local benchmark cache"],
        ["CPU", markdown_text(str(m.get("cpu_model")))],
        ["cores", str(m.get("cores"))],
        ["memory", fmt.size(float(m.get("memory_bytes") or 0))],
        ["kernel", markdown_text(f"{m.get('system')}, {m.get('kernel')}")],
        *[[f"toolchain: {language_label(k)}", code_span(v) if v else "missing"]
          for k, v in (entry.get("toolchains") or {}).items()],
        ["commit", code_span(str(entry["commit"])) if entry.get("commit") else "not recorded"],
        ["profile", f"`{profile['name']}`, {profile['runs']} measured runs per figure" if profile else "not recorded"],
        ["measured", f"{dates[0]} to {dates[-1]} UTC" if dates else "not recorded"],
        ["publishable", "yes" if entry.get("publishable") else "no: fewer than 10 runs per figure"],
        ["measuring code", "the same as this build's" if entry.get("harness_matches") else "not this build's"],
        ["fingerprint", code_span(str(m.get("key"))) + (" (this build's too)" if m.get("key") == this_key else "")],
    ]  # fmt: skip
    if entry.get("origin") != "document":
        kept = ("from", "CPU", "cores", "memory", "kernel", "measured", "fingerprint")
        rows = [row for row in rows if row[0] in kept]
    return table(["", ""], rows, "ll")
