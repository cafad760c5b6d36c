# Benchmark profiles (quick, full): sizes, repetitions and time bounds; which of them a site may publish.
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path

MODES = ("quick", "full", "off")  # CONCURRENCY_BENCH, read by hooks/common/settings.py
PUBLISH_MIN_RUNS = 10  # fewer measured runs and the order-statistic CI of the median cannot reach 95%


@dataclass(frozen=True)
class Profile:
    """How much to measure: sizes, repetitions, time bounds."""

    name: str
    runs: int  # measured runs per case, after the warm-ups
    warmups: int  # discarded runs of each unit (at its first size) before the measured rounds
    timeout: float  # seconds per run
    spawn_n: Mapping[str, tuple[int, ...]]  # size class ("threads", "light", "asyncio", "processes", "spawn") -> Ns
    fib_n: Mapping[str, int]  # language (or "default") -> n of fib(n) computed by each worker
    rounds: Mapping[str, int]  # ping_pong round trips per unit (or "default"): at least 100 ms of measured work
    messages: Mapping[str, int]  # pipeline messages per unit (or "default"), likewise
    stages: int
    http_seconds: int
    http_warmup_seconds: float  # a warm-up client's requests before wrk measures
    http_connections: int
    latency_millis: int  # latency: how long the ticker ticks in each run
    latency_neighbours: tuple[int, ...]  # latency: CPU-bound neighbours as multiples of the cores (0: alone)
    connections: tuple[int, ...] = ()  # connections: concurrent keep-alive connections held open per run
    connection_rounds: int = 3  # connections: requests sent on every connection, one round at a time

    @property
    def publishable(self) -> bool:
        """Enough measured runs for a 95% CI of every median: the only profiles a site publishes unlabelled."""
        return self.runs >= PUBLISH_MIN_RUNS

    def rounds_for(self, unit: str) -> int:
        """Ping-pong round trips for one unit: sized so that its median run measures at least 100 ms."""
        return self.rounds.get(unit, self.rounds["default"])

    def messages_for(self, unit: str) -> int:
        """Pipeline messages for one unit: sized so that its median run measures at least 100 ms."""
        return self.messages.get(unit, self.messages["default"])

    def fib_for(self, language: str) -> int:
        """fib(n) per worker for one language: Python is ~30x slower per call, so it gets a smaller n."""
        return self.fib_n.get(language, self.fib_n["default"])


# Message-passing sizes per unit, from the cost of one round trip (one message through four stages) on a 2-core
# build machine: Go channels and BEAM mailboxes ~0.35 us a round trip, C# channels ~1-4 us, asyncio ~9 us, threads
# ~45 us. Each gives a median run of at least ~100 ms of measured work, so the intervals can rank them.
QUICK_ROUNDS = {"python_threads": 3_000, "python_asyncio": 12_000, "csharp_channels": 100_000, "default": 300_000}
QUICK_MESSAGES = {"python_threads": 15_000, "python_asyncio": 30_000, "csharp_channels": 50_000,
                  "elixir_processes": 200_000, "default": 600_000}  # fmt: skip
# The site's profile: 10 measured runs of everything, sizes chosen so a cold build measures in <= 6 minutes on
# two cores, and large enough that every claim the machine can answer is within 10x of a measured size. Every
# spawn_hold unit runs at four sizes, so the line fitted to its memory has residuals to show.
QUICK = Profile(
    name="quick", runs=10, warmups=1, timeout=60.0,
    spawn_n={"threads": (100, 300, 600, 1_000), "light": (3_000, 10_000, 30_000, 100_000),
             "asyncio": (1_000, 3_000, 10_000, 30_000), "processes": (5, 10, 20, 40), "spawn": (1, 2, 4, 8)},
    fib_n={"python": 30, "default": 36}, rounds=QUICK_ROUNDS, messages=QUICK_MESSAGES, stages=4,
    http_seconds=1, http_warmup_seconds=0.3, http_connections=32,
    latency_millis=150, latency_neighbours=(0, 1), connections=(1_000,), connection_rounds=3,
)  # fmt: skip
# The article's scale: one million units of every runtime that allows it (Elixir with +P, hooks/toolchains/elixir.py),
# and 10,000 connections; its runs are recorded with their time and machine, which the pages state.
FULL = Profile(
    name="full", runs=20, warmups=1, timeout=600.0,
    spawn_n={"threads": (300, 1_000, 3_000, 10_000), "light": (1_000, 10_000, 100_000, 1_000_000),
             "asyncio": (1_000, 10_000, 100_000, 1_000_000), "processes": (10, 25, 50, 100), "spawn": (2, 4, 8, 16)},
    fib_n={"python": 32, "default": 38}, rounds={k: 5 * v for k, v in QUICK_ROUNDS.items()},
    messages={k: 5 * v for k, v in QUICK_MESSAGES.items()}, stages=4,
    http_seconds=5, http_warmup_seconds=2, http_connections=1_000,
    latency_millis=2_000, latency_neighbours=(0, 1, 4), connections=(1_000, 10_000), connection_rounds=5,
)  # fmt: skip
# Only the article's scale, at the least that still publishes: the units that reach one million (every light runtime
# and asyncio: the classes it gives no sizes are not run) at four sizes, and 1,000 and 10,000 connections; the rest
# as in the quick profile. `python -m hooks.bench --profile scale --only spawn_hold,connections --out FILE` took
# 11 minutes on the 2-core build machine; the full profile of the same workloads (20 runs, more sizes) takes far longer.
SCALE = replace(
    QUICK, name="scale", timeout=300.0,
    spawn_n={"light": (10_000, 100_000, 300_000, 1_000_000), "asyncio": (10_000, 100_000, 300_000, 1_000_000)},
    connections=(1_000, 10_000),
)  # fmt: skip
PROFILES = {"quick": QUICK, "full": FULL, "scale": SCALE}
SCALE_PROFILES = ("full", "scale")  # the profiles that measure the article's scale (pages say when they last ran)


@dataclass(frozen=True)
class Case:
    """One program with one set of parameters."""

    workload: str
    program: Path  # absolute
    params: tuple[tuple[str, int], ...]
    variant: str = ""  # a second way to run the same program, published as a unit of its own (e.g. "spawn")
    args: tuple[tuple[str, str], ...] = ()  # the variant's own key=value arguments (e.g. start_method=spawn)

    @property
    def unit(self) -> str:
        """The file's stem, e.g. go_goroutines; with a variant, `<stem>_<variant>` (python_processes_spawn)."""
        return f"{self.program.stem}_{self.variant}" if self.variant else self.program.stem

    @property
    def label(self) -> str:
        """`fib/go_goroutines workers=2` as shown in progress lines."""
        params = " ".join(f"{k}={v}" for k, v in self.params if k != "port")
        return f"{self.workload}/{self.unit} {params}".rstrip()
