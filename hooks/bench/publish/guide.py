# The decision guide on the recommendations page: workload shapes x the four languages' models, each cell a sentence
# computed from this build's measurements, linking to the figure it rests on and obeying the intervals rule.
from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from hooks.bench.measure import units
from hooks.bench.measure.record import CaseResult
from hooks.bench.measure.units import label, language_label
from hooks.bench.publish import latency as lat
from hooks.bench.publish import sentences
from hooks.bench.publish.sentences import Draft, Finding
from hooks.bench.results import figures, fmt, intervals
from hooks.bench.results.common import Doc, or_current, results_of
from hooks.bench.results.intervals import Quantity

PAGE = "recommendations.md"
# Which models of a language a cell names, and in what order: the unit records (hooks/bench/measure/units.py) say.


@dataclass(frozen=True)
class Cell:
    """One cell: its Markdown (with links) and the finding behind it (None: nothing measured to say)."""

    text: str
    finding: Finding | None


Rule = Callable[[Sequence[CaseResult], str, int, str], Cell]  # (results, language, cores, base) -> cell


def _link(text: str, base: str, page: str, anchor: str) -> str:
    """The sentence followed by a link to the figure it rests on."""
    return f"{text} [(figure)]({base}benchmarks/{page}#{anchor})"


def _missing(what: str) -> Cell:
    return Cell(f"not measured in this build ({what})", None)


def _cpu(results: Sequence[CaseResult], lang: str, cores: int, base: str) -> Cell:
    """Speed-up of `cores` workers over one, per model of the language."""
    d, parts = Draft(), []
    for unit in units.standing_for(units.GUIDE_CPU, lang):
        said = sentences.speedup(
            d, intervals.throughput(results, unit.id, 1), intervals.throughput(results, unit.id, cores)
        )
        if said:
            parts.append(f"{unit.label}: {cores} workers ran fib at {said}")
    if not parts:
        return _missing("fib")
    text = "; ".join(parts) + "."
    return Cell(_link(text, base, "cpu-bound.md", "compute-time-and-speed-up"), d.finish(text, PAGE))


def _idle(results: Sequence[CaseResult], lang: str, cores: int, base: str) -> Cell:
    """Memory per waiting unit of each model, and how it stands against the cheapest unit of any language."""
    every = [(u, q) for u in figures.units(results, "spawn_hold") if (q := intervals.bytes_per_unit(results, u))
             and q.value > 0]  # fmt: skip
    idle = [u.id for u in units.standing_for(units.GUIDE_IDLE, lang)]
    mine = [(u, q) for u, q in every if u in idle]
    if not mine:
        return _missing("spawn and hold")
    cheapest_unit, cheapest = min(every, key=lambda p: p[1].value)
    d, parts = Draft(), []
    for unit, q in mine:
        d.add(q)
        if unit == cheapest_unit:
            tail = ", the least of any unit measured"
        elif d.compare(q, cheapest):
            tail = f", {fmt.ratio(q.value / cheapest.value)} as much as {label(cheapest_unit)}"
        else:
            tail = f", {sentences.SAME} from {label(cheapest_unit)}"
        parts.append(f"{label(unit)} {fmt.size(q.value)} each{tail}")
    text = "Memory per waiting unit: " + "; ".join(parts) + "."
    return Cell(_link(text, base, "spawn-and-hold.md", "memory-per-unit"), d.finish(text, PAGE))


def _latency(results: Sequence[CaseResult], lang: str, cores: int, base: str) -> Cell:
    """p99 lateness of a 1 ms sleep beside one CPU-bound neighbour per core, against the same runtime alone."""
    busy = cores if cores in lat.neighbour_counts(results) else max(lat.neighbour_counts(results), default=0)
    d, parts = Draft(), []
    for unit in (u.id for u in units.standing_for(units.GUIDE_LATENCY, lang)):
        alone, loaded = lat.p99(results, unit, 0), lat.p99(results, unit, busy)
        if alone is None or loaded is None or busy == 0:
            continue
        change = "up from" if loaded.value > alone.value else "down from"
        tail = (f"{change} {fmt.duration(alone.value)} alone" if d.compare(alone, loaded)
                else f"{sentences.SAME} from {fmt.duration(alone.value)} alone")  # fmt: skip
        parts.append(f"{label(unit)} {fmt.duration(loaded.value)} ({tail})")
    if not parts:
        return _missing("latency")
    text = f"p99 lateness of a 1 ms sleep beside {busy} CPU-bound neighbours: " + "; ".join(parts) + "."
    anchor = f"the-ticker-beside-{busy}-cpu-bound-neighbours" + ("-one-per-core" if busy == cores else "")
    return Cell(_link(text, base, "latency.md", anchor), d.finish(text, PAGE))


def _connections(results: Sequence[CaseResult], lang: str, cores: int, base: str) -> Cell:
    """The language's server holding the most connections measured: memory per idle keep-alive connection against
    the cheapest server's, and p99 latency with every connection asking at once; else its wrk figures."""
    held = figures.ok(results, "connections")
    most = max((int(r.params["connections"]) for r in held), default=0)
    at = {r.unit: r for r in held if int(r.params["connections"]) == most}
    server = units.one_for(units.SERVER, lang)
    mine = at.get(server.id) if server else None
    per = intervals.metric(mine, "bytes_per_connection", "B") if mine else None
    p99 = intervals.metric(mine, "latency_p99_seconds", "s") if mine else None
    if server is None or mine is None or per is None or p99 is None:
        return _http(results, lang, base)
    every = [(u, q) for u, r in at.items() if (q := intervals.metric(r, "bytes_per_connection", "B"))]
    cheapest_unit, cheapest = min(every, key=lambda p: p[1].value)
    d = Draft()
    d.add(per), d.add(p99)
    if cheapest_unit == server.id:
        tail = "the least of the servers measured"
    elif d.compare(per, cheapest):
        tail = f"{fmt.ratio(per.value / cheapest.value)} as much as {label(cheapest_unit)}"
    else:
        tail = f"{sentences.SAME} from {label(cheapest_unit)}"
    text = (f"{server.label} holding {most:,} idle keep-alive connections: {fmt.size(per.value)} each "
            f"({tail}); p99 latency {fmt.duration(p99.value)} with all {most:,} asking at once.")  # fmt: skip
    return Cell(_link(text, base, "connections.md", f"{most:,}-connections".replace(",", "")), d.finish(text, PAGE))


def _http(results: Sequence[CaseResult], lang: str, base: str) -> Cell:
    """Without a connections run: the language's server under wrk, requests per second and p99 latency."""
    server = units.one_for(units.SERVER, lang)
    found = figures.ok(results, "http", server.id) if server else []
    if server is None or not found:
        return _missing("connections, HTTP")
    rps = intervals.metric(found[0], "requests_per_second", "1/s")
    p99 = intervals.metric(found[0], "latency_p99_seconds", "s")
    if rps is None or p99 is None:
        return _missing("connections, HTTP")
    d = Draft()
    d.add(rps), d.add(p99)
    conns = (found[0].load).get("connections")
    at = f" over {conns:,} keep-alive connections" if isinstance(conns, int) else ""
    text = (f"{server.label}: {fmt.sig(rps.value)} requests/s, p99 latency {fmt.duration(p99.value)}{at} "
            "(thousands of connections: not measured in this build).")  # fmt: skip
    return Cell(_link(text, base, "http.md", "throughput-latency-and-memory"), d.finish(text, PAGE))


def _isolation(results: Sequence[CaseResult], lang: str, cores: int, base: str) -> Cell:
    """What a crash stays inside, and what that boundary costs where this build measured it."""
    unit = units.one_for(units.ISOLATION, lang)
    q = intervals.bytes_per_unit(results, unit.id) if unit else None
    if unit and unit.supervised and (q is None or q.value <= 0):
        return Cell("The boundary is a supervised process (its cost not measured in this build).", None)
    if unit is None or q is None or q.value <= 0:
        boundary = "an OS process: an unhandled panic or exception in any unit ends the whole program"
        return Cell(f"The boundary is {boundary}; no figure: not a measurement.", None)
    d = Draft()
    d.add(q)
    what = ("a supervised process: a crash ends that process only, and its supervisor restarts it" if unit.supervised
            else "a process: a crash in one worker leaves the others running")  # fmt: skip
    text = f"The boundary is {what}; it costs {fmt.size(q.value)} per unit."
    return Cell(_link(text, base, "spawn-and-hold.md", "memory-per-unit"), d.finish(text, PAGE))


ROWS: tuple[tuple[str, Rule], ...] = (
    ("CPU-bound batch", _cpu),
    ("Many idle waits", _idle),
    ("A latency-sensitive service beside CPU-bound work", _latency),
    ("Thousands of connections", _connections),
    ("Fault isolation", _isolation),
)


def cells(doc: Doc | None, base: str = "") -> list[tuple[str, list[Cell]]]:
    """Every row of the guide with its four cells (empty without results)."""
    results = results_of(doc)
    if not doc or not results:
        return []
    cores = int(doc["machine"]["cores"])
    return [(shape, [rule(results, lang, cores, base) for lang in units.languages()]) for shape, rule in ROWS]


def guide_findings(doc: Doc | None) -> list[Finding]:
    """The guide's sentences as findings.json lists them."""
    return [c.finding for _, row in cells(doc) for c in row if c.finding]


def guide(doc: Doc | None = None, base: str = "") -> str:
    """The decision guide as a Markdown table: a row per workload shape, a column per language."""
    found = cells(or_current(doc), base)
    if not found:
        return "This build measured no benchmarks, so the guide has no figures to rest on.\n"
    header = "| workload shape | " + " | ".join(language_label(x) for x in units.languages()) + " |"
    lines = [header, "| :-- " + "| :-- " * len(units.languages()) + "|"]
    for shape, row in found:
        lines.append(f"| **{shape}** | " + " | ".join(c.text.replace("|", "\\|") for c in row) + " |")
    return "\n".join(lines) + "\n"


__all__ = ["Quantity", "guide", "guide_findings"]
