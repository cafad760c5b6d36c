# One record per benchmark workload: its parameters per profile, the program's correctness check, derived figures.
from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from hooks.bench.measure.profiles import Case, Profile
from hooks.bench.measure.units import unit as unit_record

RunsAs = Literal["process", "server", "clients"]  # how a workload's program is run (hooks/bench/measure/harness.py)
Params = Mapping[str, int]
Metrics = Mapping[str, float]


@dataclass(frozen=True)
class Variant:
    """One way to run a program, published as a unit of its own: the unit's suffix and its string arguments."""

    suffix: str = ""  # "" keeps the program's own name
    args: tuple[tuple[str, str], ...] = ()  # key=value given to the program (e.g. start_method=spawn)


PLAIN = (Variant(),)
START_METHODS = (Variant("", (("start_method", "fork"),)), Variant("spawn", (("start_method", "spawn"),)))


@dataclass(frozen=True)
class Workload:
    """Everything about one workload: the sizes it runs, how a run's answer is checked, what is derived from it."""

    name: str
    title: str  # the page's title
    page: str  # docs/benchmarks/<page>
    params: Callable[[str, Profile, int], list[dict[str, int]]]  # (unit, profile, cores) -> each case's parameters
    check: Callable[[Params, Metrics], str | None] = lambda params, metrics: None  # the error, if any
    derive: Callable[[Params, Metrics], dict[str, float]] = lambda params, metrics: {}
    warmup_runs: bool = True  # False: the program warms up inside each run (fib: an untimed round; HTTP: requests)
    reduce: Callable[[Params, Mapping[str, Any]], dict[str, float]] = lambda params, data: {}  # from its lists
    folder: str = ""  # its programs are benchmarks/<folder>/* ("": its own name)
    runs_as: RunsAs = "process"  # process: one whole run; server: wrk against it; clients: held connections
    variants: Mapping[str, tuple[Variant, ...]] = field(default_factory=dict)  # program stem -> its units
    handshake: bool = False  # the program says READY and holds until a line on stdin: memory is measured then


def language(unit: str) -> str:
    """`go_goroutines` -> `go` (the unit's record says)."""
    return unit_record(unit).language


def fib(n: int) -> int:
    """The n-th Fibonacci number (fib(0) = 0, fib(1) = 1)."""
    a, b = 0, 1
    for _ in range(n):
        a, b = b, a + b
    return a


def _spawn_params(unit: str, profile: Profile, cores: int) -> list[dict[str, int]]:
    return [
        {"n": n} for n in profile.spawn_n.get(unit_record(unit).size_class, ())
    ]  # a class the profile gives no sizes: not run


def _spawn_derive(params: Params, metrics: Metrics) -> dict[str, float]:
    seconds = metrics.get("spawn_seconds")
    return {} if seconds is None else {"spawn_seconds_per_unit": seconds / params["n"]}


def _fib_params(unit: str, profile: Profile, cores: int) -> list[dict[str, int]]:
    return [{"n": profile.fib_for(language(unit)), "workers": w} for w in sorted({1, cores, 2 * cores})]


def _fib_check(params: Params, metrics: Metrics) -> str | None:
    expected = fib(params["n"])
    got = metrics.get("result")
    return None if got == expected else f"fib({params['n']}) should be {expected}, the program said {got}"


def _ping_params(unit: str, profile: Profile, cores: int) -> list[dict[str, int]]:
    return [{"rounds": profile.rounds_for(unit)}]


def _pipe_params(unit: str, profile: Profile, cores: int) -> list[dict[str, int]]:
    return [{"messages": profile.messages_for(unit), "stages": profile.stages}]


def _ping_check(params: Params, metrics: Metrics) -> str | None:
    expected = 2 * params["rounds"]
    got = metrics.get("value")
    return None if got == expected else f"after {params['rounds']} round trips the value should be {expected}: {got}"


def _ping_derive(params: Params, metrics: Metrics) -> dict[str, float]:
    seconds = metrics.get("seconds")
    return {"round_trip_seconds": seconds / params["rounds"]} if seconds else {}


def _pipe_check(params: Params, metrics: Metrics) -> str | None:
    m, s = params["messages"], params["stages"]
    expected = m * (m + 1) // 2 + m * s
    got = metrics.get("sum")
    return None if got == expected else f"pipeline sum should be {expected}, the program said {got}"


def _pipe_derive(params: Params, metrics: Metrics) -> dict[str, float]:
    seconds = metrics.get("seconds")
    return {"messages_per_second": params["messages"] / seconds} if seconds else {}


def percentile(ordered: Sequence[float], q: float) -> float:
    """The nearest-rank q-quantile of sorted values (q = 0.99: the smallest value at or above 99% of them)."""
    return ordered[max(0, math.ceil(q * len(ordered)) - 1)]


LATENESS = {"p50": 0.5, "p99": 0.99, "p999": 0.999, "max": 1.0}  # figure lateness_<name>_seconds: its quantile


def _latency_params(unit: str, profile: Profile, cores: int) -> list[dict[str, int]]:
    return [{"neighbours": k * cores, "millis": profile.latency_millis} for k in profile.latency_neighbours]


def _latency_check(params: Params, metrics: Metrics) -> str | None:
    if not metrics.get("ticks"):
        return "the ticker never woke up"
    if params["neighbours"] and not metrics.get("chunks"):
        return f"{params['neighbours']} neighbours computed nothing"
    return None


def _latency_reduce(params: Params, data: Mapping[str, Any]) -> dict[str, float]:
    """Lateness percentiles of one run (seconds), its ticks, and the neighbours' fib calls per second."""
    late = sorted(float(x) * 1e-6 for x in data.get("lateness_us") or [] if isinstance(x, int | float))
    if not late:
        return {"ticks": 0.0}
    found = {f"lateness_{name}_seconds": percentile(late, q) for name, q in LATENESS.items()}
    found["ticks"] = float(len(late))
    chunks, n, seconds = data.get("chunks"), data.get("chunk_n"), data.get("seconds")
    if isinstance(chunks, int) and isinstance(n, int) and isinstance(seconds, int | float) and seconds > 0:
        found["neighbour_calls_per_second"] = chunks * (2 * fib(n + 1) - 1) / seconds
    return found


def _connections_params(unit: str, profile: Profile, cores: int) -> list[dict[str, int]]:
    return [{"connections": c, "rounds": profile.connection_rounds} for c in profile.connections]


def _connections_check(params: Params, metrics: Metrics) -> str | None:
    opened, errors = metrics.get("opened"), metrics.get("errors")
    if opened != params["connections"]:
        return f"{params['connections']} connections asked, {opened} held open"
    return f"{errors:g} requests failed" if errors else None


def _connections_reduce(params: Params, data: Mapping[str, Any]) -> dict[str, float]:
    """Latency percentiles of every request of one run (seconds), its request count, and the client's own figures."""
    found = {k: float(v) for k, v in data.items() if k in ("opened", "errors") and isinstance(v, int | float)}
    late = sorted(float(x) * 1e-6 for x in data.get("latency_us") or [] if isinstance(x, int | float))
    if late:
        found.update({f"latency_{name}_seconds": percentile(late, q) for name, q in LATENESS.items()})
        found["requests"] = float(len(late))
    return found


WORKLOADS: dict[str, Workload] = {
    w.name: w
    for w in (
        Workload("spawn_hold", "Spawn and hold", "spawn-and-hold.md", _spawn_params, derive=_spawn_derive,
                 variants={"python_processes": START_METHODS}, handshake=True),
        Workload("fib", "CPU-bound work", "cpu-bound.md", _fib_params, check=_fib_check, warmup_runs=False),
        Workload("ping_pong", "Message passing", "message-passing.md", _ping_params, _ping_check, _ping_derive),
        Workload("pipeline", "Message passing", "message-passing.md", _pipe_params, _pipe_check, _pipe_derive),
        Workload("http", "HTTP on loopback", "http.md", lambda unit, profile, cores: [{}],
                 warmup_runs=False, runs_as="server"),
        Workload("connections", "Many connections", "connections.md", _connections_params, _connections_check,
                 warmup_runs=False, reduce=_connections_reduce, folder="http", runs_as="clients"),
        Workload("latency", "Latency beside CPU-bound work", "latency.md", _latency_params, _latency_check,
                 warmup_runs=False, reduce=_latency_reduce),
    )
}  # fmt: skip


def warmups_for(workload: str, profile: Profile) -> int:
    """Discarded whole-process runs per case (none for a workload that warms up inside each run)."""
    return profile.warmups if WORKLOADS[workload].warmup_runs else 0


def cases(programs: Sequence[Path], profile: Profile, cores: int, only: str | None = None) -> list[Case]:
    """The cases of every workload whose programs are among `programs` (benchmarks/<folder>/*), in the programs'
    order; optionally only some: a comma-separated list of workloads and units of them
    (`spawn_hold,connections/go_net_http`)."""
    wanted = {part.strip() for part in only.split(",") if part.strip()} if only else set()
    found: list[Case] = []
    for program in programs:
        for workload in WORKLOADS.values():
            if program.parent.name != (workload.folder or workload.name):
                continue
            for variant in workload.variants.get(program.stem, PLAIN):
                unit = f"{program.stem}_{variant.suffix}" if variant.suffix else program.stem
                if wanted and not wanted & {workload.name, f"{workload.name}/{unit}"}:
                    continue
                for params in workload.params(unit, profile, cores):
                    found.append(Case(workload.name, program, tuple(sorted(params.items())), variant.suffix,
                                      variant.args))  # fmt: skip
    return found
