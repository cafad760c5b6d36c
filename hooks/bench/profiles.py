# Benchmark profiles (quick, full) and the cases they run: which program, which parameters.
from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

WORKLOADS = ("spawn_hold", "fib", "ping_pong", "pipeline", "http")
# Size classes of spawn_hold units: OS threads are the default; these are cheaper (or dearer).
SIZE_CLASS = {
    "go_goroutines": "light",
    "elixir_processes": "light",
    "csharp_tasks": "light",
    "python_asyncio": "asyncio",
    "python_processes": "processes",
}
MODES = ("quick", "full", "off")  # CONCURRENCY_BENCH, read by hooks/settings.py


@dataclass(frozen=True)
class Profile:
    """How much to measure: sizes, repetitions, time bounds."""

    name: str
    runs: int  # measured runs per case, after the warm-ups
    warmups: int  # discarded runs per case
    timeout: float  # seconds per run
    spawn_n: Mapping[str, tuple[int, ...]]  # size class ("threads", "light", "asyncio", "processes") -> N values
    fib_n: int
    rounds: int  # ping_pong
    messages: int  # pipeline
    stages: int
    http_seconds: int
    http_warmup_seconds: int
    http_connections: int


QUICK = Profile(
    "quick", 3, 1, 60.0,
    {"threads": (1_000, 3_000), "light": (1_000, 10_000, 100_000), "asyncio": (1_000, 10_000), "processes": (10, 40)},
    32, 10_000, 10_000, 4, 2, 1, 32,
)  # fmt: skip
FULL = Profile(
    "full", 10, 1, 600.0,
    {"threads": (1_000, 10_000), "light": (1_000, 10_000, 100_000), "asyncio": (1_000, 10_000, 100_000),
     "processes": (10, 50, 100)},
    35, 100_000, 100_000, 4, 10, 2, 64,
)  # fmt: skip
PROFILES = {"quick": QUICK, "full": FULL}


def warmups_for(workload: str, profile: Profile) -> int:
    """Discarded whole-process runs per case; HTTP warms up inside each run instead (a short wrk run first)."""
    return 0 if workload == "http" else profile.warmups


@dataclass(frozen=True)
class Case:
    """One program with one set of parameters."""

    workload: str
    program: Path  # absolute
    params: tuple[tuple[str, int], ...]

    @property
    def unit(self) -> str:
        """The file's stem, e.g. go_goroutines."""
        return self.program.stem

    @property
    def label(self) -> str:
        """`fib/go_goroutines workers=2` as shown in progress lines."""
        params = " ".join(f"{k}={v}" for k, v in self.params if k != "port")
        return f"{self.workload}/{self.unit} {params}".rstrip()


def params_for(workload: str, unit: str, profile: Profile, cores: int, million: bool = False) -> list[dict[str, int]]:
    """Every parameter set `unit` runs with in `workload` under `profile`."""
    if workload == "spawn_hold":
        kind = SIZE_CLASS.get(unit, "threads")
        sizes = profile.spawn_n[kind]
        if million and profile.name == "full" and kind in ("light", "asyncio"):
            sizes = (*sizes, 1_000_000)
        return [{"n": n} for n in sizes]
    if workload == "fib":
        return [{"n": profile.fib_n, "workers": w} for w in sorted({1, cores, 2 * cores})]
    if workload == "ping_pong":
        return [{"rounds": profile.rounds}]
    if workload == "pipeline":
        return [{"messages": profile.messages, "stages": profile.stages}]
    if workload == "http":
        return [{}]  # the port is chosen per run
    raise ValueError(f"unknown workload {workload!r}")


def cases(
    programs: Sequence[Path], profile: Profile, cores: int, only: str | None = None, million: bool = False
) -> list[Case]:
    """The cases of every program under benchmarks/<workload>/, optionally only one workload (or program stem)."""
    found: list[Case] = []
    for program in programs:
        workload = program.parent.name
        if workload not in WORKLOADS:
            continue
        if only and only not in (workload, f"{workload}/{program.stem}"):
            continue
        for params in params_for(workload, program.stem, profile, cores, million):
            found.append(Case(workload, program, tuple(sorted(params.items()))))
    return found
