# What the measurements say, per language, computed from results.json and fact-check.json (no number typed here).
from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence

from hooks.bench.factcheck.factcheck import checks
from hooks.bench.factcheck.verdicts import VERDICTS, Checked
from hooks.bench.publish.factpages import badge
from hooks.bench.results import figures, fmt
from hooks.bench.results.common import LANGUAGE, Doc, document, label, results_of
from hooks.bench.results.figures import Result

LANGS = ("python", "elixir", "csharp", "go")
FIRST_WORD = {"python": "python", "key": "python", "elixir": "elixir", "c#": "csharp", "go": "go"}  # "Key insight"


def claim_language(c: Checked) -> str:
    """Which language a claim is about: its row (`GO (net/http)`), or its column in the comparison table."""
    for text in (c.claim.row, c.claim.column):
        found = FIRST_WORD.get(text.split()[0].lower())
        if found:
            return found
    return ""


def _size(results: Sequence[Result], unit: str) -> str | None:
    f = figures.bytes_per_unit(results, unit)
    return fmt.size(f.value) if f and f.value > 0 else None


def _gain(results: Sequence[Result], unit: str, cores: int) -> str | None:
    g = figures.speedup(results, unit, cores)
    return fmt.ratio(g) if g else None


def _median(
    results: Sequence[Result], workload: str, unit: str, metric: str, show: Callable[[float], str]
) -> str | None:
    found = figures.ok(results, workload, unit)
    value = figures.median(found[0], metric) if found else None
    return show(value) if value is not None else None


def _costs(parts: list[tuple[str, str | None]]) -> str | None:
    """`a thread 64 KiB, a process 1.4 MiB` from the parts that were measured (None when none was)."""
    found = [f"{what} {size}" for what, size in parts if size is not None]
    return ", ".join(found) if found else None


def _spawn(results: Sequence[Result], unit: str) -> str | None:
    top = figures.largest_n(results, unit)
    value = figures.median(top, "inner_spawn_seconds") if top else None
    return f"{fmt.duration(value)} to start {int(top['params']['n']):,}" if top and value is not None else None


def _facts(lang: str, r: Sequence[Result], cores: int) -> list[str]:
    """Sentences about one language, each only when its figures were measured."""

    def rt(unit: str) -> str | None:
        return _median(r, "ping_pong", unit, "round_trip_seconds", fmt.duration)

    def web(unit: str) -> str | None:
        return _median(r, "http", unit, "requests_per_second", fmt.sig)

    facts: list[tuple[str, tuple[str | None, ...]]] = []
    if lang == "python":
        facts += [
            (
                "CPU-bound work does not get faster on threads: {0} threads ran fib at {1} the speed of one, {0} "
                "processes at {2} (the most {0} cores allow is {3}).",
                (str(cores), _gain(r, "python_threads", cores), _gain(r, "python_processes", cores), fmt.ratio(cores)),
            ),
            (
                "Memory per unit: {0}.",
                (
                    _costs(
                        [
                            ("a thread", _size(r, "python_threads")),
                            ("an asyncio task", _size(r, "python_asyncio")),
                            ("a process", _size(r, "python_processes")),
                        ]
                    ),
                ),
            ),
            (
                "A message round trip takes {0} between asyncio tasks and {1} between threads.",
                (rt("python_asyncio"), rt("python_threads")),
            ),
        ]
    if lang == "elixir":
        facts += [
            ("A BEAM process costs {0}; {1}.", (_size(r, "elixir_processes"), _spawn(r, "elixir_processes"))),
            (
                "{0} processes ran fib at {1} the speed of one; a message round trip takes {2}.",
                (str(cores), _gain(r, "elixir_processes", cores), rt("elixir_processes")),
            ),
        ]
    if lang == "csharp":
        facts += [
            (
                "A task written as an async method costs {0}; the same unit written `Task.Run(async () => ...)` "
                "costs {1}: the idiom matters as much as the runtime.",
                (_size(r, "csharp_tasks"), _size(r, "csharp_task_run")),
            ),
            ("A C# thread costs {0}.", (_size(r, "csharp_threads"),)),
            (
                "{0} tasks ran fib at {1} the speed of one; a channel round trip takes {2}.",
                (str(cores), _gain(r, "csharp_tasks", cores), rt("csharp_channels")),
            ),
        ]
    if lang == "go":
        facts += [
            ("A goroutine costs {0}; {1}.", (_size(r, "go_goroutines"), _spawn(r, "go_goroutines"))),
            (
                "{0} goroutines ran fib at {1} the speed of one; a channel round trip takes {2}.",
                (str(cores), _gain(r, "go_goroutines", cores), rt("go_channels")),
            ),
        ]
    server = {
        "python": "python_asyncio",
        "elixir": "elixir_gen_tcp",
        "csharp": "csharp_aspnetcore",
        "go": "go_net_http",
    }
    facts.append(
        ("{0} answered {1} plaintext requests per second on one core.", (label(server[lang]), web(server[lang])))
    )
    return [text.format(*values) for text, values in facts if all(v is not None for v in values)]


def _claims_line(lang: str, checked: Sequence[Checked]) -> str:
    mine = [c for c in checked if claim_language(c) == lang]
    if not mine:
        return ""
    counts = Counter(c.verdict for c in mine)
    line = "The article's claims: " + ", ".join(f"{counts[v]} {badge(v)}" for v in VERDICTS if counts[v])
    wrong = [c for c in mine if c.verdict == "wrong" and c.ratio]
    if wrong:
        worst = max(wrong, key=lambda c: max(c.ratio or 1, 1 / (c.ratio or 1)))
        line += f"; furthest off: “{worst.claim.text}” ({worst.claim.column.lower()}), {worst.detail}"
    return line + "."


def lightest(results: Sequence[Result]) -> str:
    """The cheapest unit of each language by memory per unit, cheapest first."""
    best = []
    for lang in LANGS:
        sizes = [(f.value, u) for u in figures.units(results, "spawn_hold") if u.startswith(lang + "_")
                 and (f := figures.bytes_per_unit(results, u)) and f.value > 0]  # fmt: skip
        if sizes:
            best.append(min(sizes))
    return ", ".join(f"{label(u)} {fmt.size(v)}" for v, u in sorted(best))


def _cores_line(doc: Doc, checked: Sequence[Checked]) -> str:
    cores = int(doc["machine"]["cores"])
    more = [c for c in checked if c.claim.conditions.cores and c.claim.conditions.cores > cores]
    far = [c for c in checked if c.verdict == "not comparable" and c.figure and not c.figure.reached]
    text = f"This build machine has **{cores} cores**, so no speed-up here can exceed {fmt.ratio(cores)}"
    if more:
        most = max(c.claim.conditions.cores or 0 for c in more)
        text += f", and the {len(more)} claims the article made on {most} cores are not comparable here"
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
    return text + "."


def summary(doc: Doc | None = None, base: str = "") -> str:
    """The findings: the machine's cores where they change a verdict, then what the measurements say per language.
    `base` leads from the page to the benchmarks folder ("benchmarks/" from the docs root)."""
    doc = document(doc)
    results = results_of(doc)
    if not doc or not results:
        return "No benchmark results in this build, so no findings.\n"
    checked = checks(doc)
    counts = Counter(c.verdict for c in checked)
    cores = int(doc["machine"]["cores"])
    out = [
        _cores_line(doc, checked),
        "",
        f"Of the article's {len(checked)} numbers, "
        + ", ".join(f"{counts[v]} {badge(v)}" for v in VERDICTS if counts[v])
        + f" (see the [fact check]({base}fact-check.md)).",
        "",
        f"Lightest concurrent unit of each language, by memory per unit: {lightest(results)}.",
        "",
    ]
    for lang in LANGS:
        facts = _facts(lang, results, cores)
        line = _claims_line(lang, checked)
        if facts or line:
            out.append(f"**{LANGUAGE[lang]}.** " + " ".join(facts + ([line] if line else [])))
            out.append("")
    return "\n".join(out)


def home(doc: Doc | None = None) -> str:
    """The findings for the home page: the cores, the verdicts and the lightest units, with links."""
    doc = document(doc)
    results = results_of(doc)
    if not doc or not results:
        return "This build measured no benchmarks; see [Benchmarks](benchmarks/index.md).\n"
    checked = checks(doc)
    counts = Counter(c.verdict for c in checked)
    return "\n".join([
        _cores_line(doc, checked),
        "",
        f"Lightest concurrent unit of each language, by memory per unit: {lightest(results)}.",
        "",
        f"Of the article's {len(checked)} benchmark numbers: "
        + ", ".join(f"{counts[v]} {badge(v)}" for v in VERDICTS if counts[v])
        + ". Details per language on the [benchmarks](benchmarks/index.md) pages and in the "
        "[fact check](benchmarks/fact-check.md).",
        "",
    ])  # fmt: skip
