# What the measurements say, per language, computed from results.json and fact-check.json (no number typed here).
from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Sequence

from hooks.bench.factcheck.factcheck import checks
from hooks.bench.factcheck.verdicts import VERDICTS, Checked
from hooks.bench.measure import units
from hooks.bench.measure.record import CaseResult
from hooks.bench.measure.units import label, language_label
from hooks.bench.publish import sentences
from hooks.bench.publish.factpages import badge, comparison_findings
from hooks.bench.publish.guide import guide_findings
from hooks.bench.publish.latency import latency_findings
from hooks.bench.publish.sentences import Draft, Finding
from hooks.bench.results import figures, fmt, intervals
from hooks.bench.results.common import Doc, or_current, results_of
from hooks.bench.results.intervals import Quantity

FINDINGS_JSON = "benchmarks/findings.json"
FIRST_WORD = {"python": "python", "key": "python", "elixir": "elixir", "c#": "csharp", "go": "go"}  # "Key insight"


def claim_language(c: Checked) -> str:
    """Which language a claim is about: its row (`GO (net/http)`), or its column in the comparison table."""
    for text in (c.claim.row, c.claim.column):
        found = FIRST_WORD.get(text.split()[0].lower())
        if found:
            return found
    return ""


def _size(results: Sequence[CaseResult], unit: str) -> Quantity | None:
    q = intervals.bytes_per_unit(results, unit)
    return q if q and q.value > 0 else None


def _metric(results: Sequence[CaseResult], workload: str, unit: str, metric: str, kind: str) -> Quantity | None:
    found = figures.ok(results, workload, unit)
    return intervals.metric(found[0], metric, kind) if found else None


def _spawn(results: Sequence[CaseResult], unit: str) -> tuple[Quantity, int] | None:
    top = figures.largest_n(results, unit)
    q = intervals.metric(top, "inner_spawn_seconds", "s") if top else None
    return (q, int(top.params["n"])) if top and q else None


class _Facts:
    """The sentences of one language, each built only when every figure it needs was measured."""

    def __init__(self, results: Sequence[CaseResult], cores: int, page: str) -> None:
        self.r, self.cores, self.page = results, cores, page
        self.out: list[Finding] = []

    def gain(self, draft: Draft, unit: str, workers: int | None = None) -> str | None:
        w = workers or self.cores
        return sentences.speedup(draft, intervals.throughput(self.r, unit, 1), intervals.throughput(self.r, unit, w))

    def rt(self, unit: str) -> Quantity | None:
        return _metric(self.r, "ping_pong", unit, "round_trip_seconds", "s")

    def add(self, draft: Draft, text: str | None) -> None:
        if text is not None:
            self.out.append(draft.finish(text, self.page))

    def cost(self, noun: str, unit: str) -> None:
        """`A goroutine costs 2.50 KiB; 1.2 ms to start 100,000.`"""
        d = Draft()
        size, spawn = _size(self.r, unit), _spawn(self.r, unit)
        if size and spawn:
            d.add(size), d.add(spawn[0])
            self.add(d, f"{noun} costs {fmt.size(size.value)}; {fmt.duration(spawn[0].value)} to start {spawn[1]:,}.")

    def fib_and_trip(self, subject: str, unit: str, trip_unit: str, trip: str) -> None:
        """`2 goroutines ran fib at x1.9 the speed of one; a channel round trip takes 500 ns.`"""
        d = Draft()
        gain, rt = self.gain(d, unit), self.rt(trip_unit)
        if gain and rt:
            d.add(rt)
            self.add(d, f"{self.cores} {subject} ran fib at {gain}; {trip} takes {fmt.duration(rt.value)}.")

    def pair(
        self, text: str, a: Quantity | None, b: Quantity | None, show: Callable[[float], str], differ: str
    ) -> None:
        """Two figures of one quantity side by side: `differ` follows only where their intervals separate."""
        if a is None or b is None:
            return
        d = Draft()
        tail = differ if d.compare(a, b) else f" ({sentences.SAME})"
        self.add(d, text.format(show(a.value), show(b.value)) + tail + ".")


def _python(f: _Facts) -> None:
    d = Draft()
    threads, procs = f.gain(d, "python_threads"), f.gain(d, "python_processes")
    t, p = intervals.throughput(f.r, "python_threads", f.cores), intervals.throughput(f.r, "python_processes", f.cores)
    if threads and procs and t and p:
        fast, slow = ("processes", "threads") if p.value > t.value else ("threads", "processes")
        lead = (f"CPU-bound work ran faster on {fast} than on {slow}" if d.compare(t, p)
                else f"CPU-bound work ran at speeds {sentences.SAME} on threads and on processes")  # fmt: skip
        f.add(d, f"{lead}: {f.cores} threads ran fib at {threads}; {f.cores} processes at {procs} (the most "
                 f"{f.cores} cores allow is {fmt.ratio(f.cores)}).")  # fmt: skip
    sizes = [(what, q) for what, unit in (("a thread", "python_threads"), ("an asyncio task", "python_asyncio"),
             ("a process", "python_processes")) if (q := _size(f.r, unit))]  # fmt: skip
    if sizes:
        d = Draft()
        for _, q in sizes:
            d.add(q)
        f.add(d, "Memory per unit: " + ", ".join(f"{what} {fmt.size(q.value)}" for what, q in sizes) + ".")
    f.pair("A message round trip takes {0} between asyncio tasks and {1} between threads",
           f.rt("python_asyncio"), f.rt("python_threads"), fmt.duration, "")  # fmt: skip


def _elixir(f: _Facts) -> None:
    f.cost("A BEAM process", "elixir_processes")
    f.fib_and_trip("processes", "elixir_processes", "elixir_processes", "a message round trip")


def _csharp(f: _Facts) -> None:
    f.pair(
        "A task written as an async method costs {0}; the same unit written `Task.Run(async () => ...)` costs {1}",
        _size(f.r, "csharp_tasks"),
        _size(f.r, "csharp_task_run"),
        fmt.size,
        ": the idiom alone changes the cost",
    )
    size = _size(f.r, "csharp_threads")
    if size:
        d = Draft()
        d.add(size)
        f.add(d, f"A C# thread costs {fmt.size(size.value)}.")
    f.fib_and_trip("tasks", "csharp_tasks", "csharp_channels", "a channel round trip")


def _go(f: _Facts) -> None:
    f.cost("A goroutine", "go_goroutines")
    f.fib_and_trip("goroutines", "go_goroutines", "go_channels", "a channel round trip")


# The sentences particular to a language's models (a language without an entry gets the common ones only).
BY_LANGUAGE = {"python": _python, "elixir": _elixir, "csharp": _csharp, "go": _go}


def _facts(lang: str, r: Sequence[CaseResult], cores: int, page: str) -> list[Finding]:
    """Sentences about one language, each only when its figures were measured."""
    f = _Facts(r, cores, page)
    own = BY_LANGUAGE.get(lang)
    if own is not None:
        own(f)
    server = units.one_for(units.SERVER, lang)
    web = _metric(r, "http", server.id, "requests_per_second", "1/s") if server else None
    if server and web:
        d = Draft()
        d.add(web)
        f.add(d, f"{server.label} answered {fmt.sig(web.value)} plaintext requests per second on one core.")
    return f.out


def _claims_line(lang: str, checked: Sequence[Checked], page: str) -> Finding | None:
    mine = [c for c in checked if claim_language(c) == lang]
    if not mine:
        return None
    counts = Counter(c.verdict for c in mine)
    line = "The article's claims: " + ", ".join(f"{counts[v]} {badge(v)}" for v in VERDICTS if counts[v])
    wrong = [c for c in mine if c.verdict == "wrong" and c.ratio]
    if wrong:
        worst = max(wrong, key=lambda c: max(c.ratio or 1, 1 / (c.ratio or 1)))
        line += f"; furthest off: “{worst.claim.text}” ({worst.claim.column.lower()}), {worst.detail}"
    return Finding(line + ".", page)


def lightest(results: Sequence[CaseResult], page: str = "") -> Finding:
    """The cheapest unit of each language by memory per unit, cheapest first; units whose intervals overlap
    (within a language or across) are not ordered but said to be indistinguishable here."""
    d = Draft()
    named: list[tuple[str, Quantity]] = []
    for lang in units.languages():
        sizes = [(q, u) for u in figures.units(results, "spawn_hold") if u.startswith(lang + "_")
                 and (q := _size(results, u))]  # fmt: skip
        if not sizes:
            continue
        best, unit = min(sizes, key=lambda p: p[0].value)
        tied = [label(u) for q, u in sizes if u != unit and not d.compare(best, q)]
        named.append((label(unit) + (f" (or {' or '.join(tied)}, {sentences.SAME})" if tied else ""), best))
    text = "Lightest concurrent unit of each language, by memory per unit, cheapest first: "
    return d.finish(text + sentences.ranking(d, named, fmt.size) + ".", page)


def _cores_line(doc: Doc, checked: Sequence[Checked], page: str) -> Finding:
    cores = int(doc["machine"]["cores"])
    more = [c for c in checked if c.claim.conditions.cores and c.claim.conditions.cores > cores]
    left = [c for c in more if c.verdict == "not comparable"]
    far = [c for c in checked if c.verdict == "not comparable" and c.figure and not c.figure.reached]
    text = f"This build machine has **{cores} cores**, so no speed-up here can exceed {fmt.ratio(cores)}"
    if more:
        most = max(c.claim.conditions.cores or 0 for c in more)
        text += f"; of the {len(more)} claims the article made on {most} cores, {len(left)} are not comparable here"
        if len(left) < len(more):
            judged = len(more) - len(left)
            text += f" and {judged} {'is' if judged == 1 else 'are'} judged by what fewer cores already show"
    if far:
        text += f"; {len(far)} claims name sizes more than ten times beyond what this build measured"
    share = figures.cpu_share(results_of(doc))
    if share is not None and share < figures.BUSY:
        load = doc["machine"].get("load_average") or {}
        during = f" (load average {load['before'][0]:.1f} before, {load['after'][0]:.1f} after)" if load else ""
        text += (
            f". Other work kept the machine busy while it measured{during}: a one-worker run got a median "
            f"{share:.0%} of a core, so the times and speed-ups below understate what {cores} free cores give"
        )
    return Finding(text + ".", page)


def _tally(checked: Sequence[Checked]) -> str:
    counts = Counter(c.verdict for c in checked)
    return ", ".join(f"{counts[v]} {badge(v)}" for v in VERDICTS if counts[v])


def summary_findings(doc: Doc | None, page: str, base: str = "") -> list[list[Finding]]:
    """The findings of `page` in paragraphs: the cores, the verdicts, the lightest units, then one per language."""
    results = results_of(doc)
    if not doc or not results:
        return []
    checked = checks(doc)
    cores = int(doc["machine"]["cores"])
    verdicts = (f"Of the article's {len(checked)} numbers, {_tally(checked)} (see the "
                f"[fact check]({base}fact-check.md)).")  # fmt: skip
    out = [[_cores_line(doc, checked, page)], [Finding(verdicts, page)], [lightest(results, page)]]
    for lang in units.languages():
        line = _claims_line(lang, checked, page)
        facts = _facts(lang, results, cores, page) + ([line] if line else [])
        if facts:
            out.append(facts)
    return out


def summary(doc: Doc | None = None, base: str = "", page: str = "benchmarks/index.md") -> str:
    """The findings: the machine's cores where they change a verdict, then what the measurements say per language.
    `base` leads from the page to the benchmarks folder ("benchmarks/" from the docs root)."""
    paragraphs = summary_findings(or_current(doc), page, base)
    if not paragraphs:
        return "No benchmark results in this build, so no findings.\n"
    out = []
    for i, paragraph in enumerate(paragraphs):
        lead = f"**{language_label(units.languages()[i - 3])}.** " if i >= 3 else ""
        out += [lead + " ".join(f.text for f in paragraph), ""]
    return "\n".join(out)


def home_findings(doc: Doc | None, page: str = "index.md") -> list[Finding]:
    """The home page's findings: the cores, the lightest units, the verdicts."""
    results = results_of(doc)
    if not doc or not results:
        return []
    checked = checks(doc)
    links = "the [benchmarks](benchmarks/index.md) pages and in the [fact check](benchmarks/fact-check.md)"
    verdicts = f"Of the article's {len(checked)} benchmark numbers: {_tally(checked)}. Details per language on {links}."
    return [_cores_line(doc, checked, page), lightest(results, page), Finding(verdicts, page)]


def home(doc: Doc | None = None) -> str:
    """The findings for the home page: the cores, the verdicts and the lightest units, with links."""
    found = home_findings(or_current(doc))
    if not found:
        return "This build measured no benchmarks; see [Benchmarks](benchmarks/index.md).\n"
    return "\n\n".join(f.text for f in found) + "\n"


def published(doc: Doc | None) -> list[Finding]:
    """Every sentence the site computes from the measurements, page by page, as the pages print them."""
    found = [f for page, base in (("benchmarks/index.md", ""), ("comparison.md", "benchmarks/"))
             for paragraph in summary_findings(doc, page, base) for f in paragraph]  # fmt: skip
    return found + comparison_findings(doc) + home_findings(doc) + latency_findings(doc) + guide_findings(doc)


def dumps(doc: Doc | None) -> str:
    """findings.json text: one object per computed sentence, with its figures and whether they are distinguishable."""
    rule = "two figures are called different only where their 95% intervals do not overlap"
    data = {"schema": 1, "rule": rule, "findings": [f.to_json() for f in published(doc)]}
    return json.dumps(data, indent=1, ensure_ascii=False) + "\n"
