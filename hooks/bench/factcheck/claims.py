# The article's numeric benchmark claims, verbatim, as data: what it said, under which conditions, what we compare.
from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

KB, MB, GB = 1024, 1024**2, 1024**3  # the article's KB/MB/GB read as binary units
MS, US = 1e-3, 1e-6


@dataclass(frozen=True)
class Conditions:
    """What the article's figure was measured under, as far as the article says."""

    cores: int | None = None  # cores the figure needs; None when the claim names none
    size: int | None = None  # its N: units held, connections, or n of fib(n)
    size_kind: str = ""  # "units", "connections", "fib"
    tasks: int | None = None  # concurrent tasks (Benchmark 3: four)
    hardware: str | None = None  # the machine, where the article names it (it never does)
    note: str = ""


# What answers a claim: one record per kind of measurement (hooks/bench/factcheck/verdicts.py matches on them).
# `trend`: how the figure moves towards the claim's conditions, (with more cores, with a larger size): +1 grows,
# -1 falls, 0 either way. A fixed amount of work takes no longer on more cores; more units take no less.


@dataclass(frozen=True)
class NotMeasured:
    """Not a number a build can measure, and why."""

    reason: str
    trend: ClassVar[tuple[int, int]] = (0, 0)


@dataclass(frozen=True)
class _UnitsAt:
    """A spawn_hold figure of `n` units of `unit`: more units take no less. Each kind below is its own class, so
    that verdicts.py tells them apart by `match`."""

    unit: str
    n: int
    trend: ClassVar[tuple[int, int]] = (0, 1)


@dataclass(frozen=True)
class SpawnSecondsAt(_UnitsAt):
    """Time to spawn `n` units of `unit` (spawn_hold)."""


@dataclass(frozen=True)
class MemoryAt(_UnitsAt):
    """Memory of the tree holding `n` units of `unit` (spawn_hold)."""


@dataclass(frozen=True)
class BytesPerUnit:
    """Memory per unit of `unit`: the slope against N; `n` is the claim's size, where it names one."""

    unit: str
    n: int | None = None
    trend: ClassVar[tuple[int, int]] = (0, 0)


@dataclass(frozen=True)
class HttpFigure:
    """One figure of a server under wrk (http): requests per second, peak RSS, p99 latency."""

    unit: str
    metric: str
    trend: ClassVar[tuple[int, int]] = (0, 0)


@dataclass(frozen=True)
class Fib40:
    """Compute time of fib(40) on the claim's tasks, scaled from the measured fib(n) by the calls."""

    unit: str
    trend: ClassVar[tuple[int, int]] = (-1, 0)


@dataclass(frozen=True)
class FibRatio:
    """Compute time on `slow` over that on `fast`, same n and workers."""

    slow: str
    fast: str
    trend: ClassVar[tuple[int, int]] = (0, 0)


@dataclass(frozen=True)
class HalfRoundTrip:
    """Half a ping-pong round trip of `unit`."""

    unit: str
    trend: ClassVar[tuple[int, int]] = (0, 0)


Measure = NotMeasured | SpawnSecondsAt | MemoryAt | BytesPerUnit | HttpFigure | Fib40 | FibRatio | HalfRoundTrip


@dataclass(frozen=True)
class Claim:
    """One number the article states, the conditions it was made under, and which measurement answers it."""

    section: str  # where in the article
    row: str  # the row label, as printed
    column: str  # the column (or quantity), as printed
    text: str  # the claim, verbatim
    low: float | None  # what it means, in SI units (None: not a number we can compare)
    high: float | None
    unit: str  # "B", "s", "1/s", "x", "" (count)
    measure: Measure  # what answers it (NotMeasured: why nothing does)
    conditions: Conditions = Conditions()
    proxy: str = ""  # set when `measure` is only the closest figure, another quantity: what would measure the claim's


B1 = "Benchmark 1: Goroutine/Thread Creation Speed"
B2 = "Benchmark 2: Web Server Concurrent Connections"
B3 = "Benchmark 3: CPU-Intensive Tasks (Fibonacci)"
B4 = "Benchmark 4: Memory Efficiency at Scale"
CMP = "Comparison Summary"
PERF = "Benchmark 4: Performance characteristics"
ELIXIR = "Elixir: key concepts and characteristics"
GO = "GO: key characteristics"
_HTTP_N = "the size of the experiment: how many connections the article says it held open"
FOUR_CORES = 'the article\'s Benchmark 3 says "(4 cores)" for every parallel row'


def _b1(row: str, unit: str, units: str, n: int, time: tuple[float, float], time_text: str, mem: tuple[float, float],
        mem_text: str, total: tuple[float, float], total_text: str) -> list[Claim]:  # fmt: skip
    at = Conditions(size=n, size_kind="units")
    return [
        Claim(
            B1, row, "Concurrent Units", units, float(n), float(n), "", NotMeasured("the size of the experiment"), at
        ),
        Claim(B1, row, "Creation Time", time_text, *time, "s", SpawnSecondsAt(unit, n), at),
        Claim(B1, row, "Memory/Unit", mem_text, *mem, "B", BytesPerUnit(unit, n), at),
        Claim(B1, row, "Total Memory", total_text, *total, "B", MemoryAt(unit, n), at),
    ]


def _b2(row: str, unit: str, conns: str, n: int, rps: tuple[float, float], rps_text: str, mem: tuple[float, float],
        mem_text: str, p99: tuple[float, float], p99_text: str) -> list[Claim]:  # fmt: skip
    at = Conditions(size=n, size_kind="connections", note="the article calls Benchmark 2 simulated")
    return [
        Claim(B2, row, "Concurrent Requests", conns, None, None, "", NotMeasured(_HTTP_N), at),
        Claim(B2, row, "Throughput (req/s)", rps_text, *rps, "1/s", HttpFigure(unit, "requests_per_second"), at),
        Claim(B2, row, "Memory Usage", mem_text, *mem, "B", HttpFigure(unit, "peak_rss_bytes"), at),
        Claim(B2, row, "Latency (p99)", p99_text, *p99, "s", HttpFigure(unit, "latency_p99_seconds"), at),
    ]


def _b4(row: str, unit: str, total: tuple[float, float], total_text: str, mem: tuple[float, float], mem_text: str,
        switch: tuple[float, float], switch_text: str, pingpong: str) -> list[Claim]:  # fmt: skip
    at = Conditions(size=100_000, size_kind="units")
    return [
        Claim(B4, row, "Total Memory", total_text, *total, "B", MemoryAt(unit, 100_000), at),
        Claim(B4, row, "Memory per Unit", mem_text, *mem, "B", BytesPerUnit(unit, 100_000), at),
        Claim(
            B4,
            row,
            "Context Switch Time",
            switch_text,
            *switch,
            "s",
            HalfRoundTrip(pingpong),
            Conditions(note="half a ping-pong round trip is the closest figure measured here"),
            _SWITCH,
        ),
    ]


_SWITCH = (
    "a message hop through a queue or channel (send, wake-up, receive) is not a context switch alone, which would be "
    "measured by two units handing the processor to each other with no message between them (a yield ping-pong: "
    "runtime.Gosched, sched_yield, Task.Yield, :erlang.yield), not measured here"
)
_FIB4 = Conditions(4, 40, "fib", 4, note=FOUR_CORES)
_SPAWN = "the spawn-and-hold benchmark measures the cost of each unit at the sizes it reached"
_RANKING = (
    "a ranking without a figure; the spawn-and-hold, CPU-bound, message-passing and HTTP benchmarks measure the "
    "four side by side, and their findings say where the intervals separate"
)
_JUDGEMENT = "a judgement, not a figure; the Comparison page restates the row in its own words"


def _row(aspect: str, cells: tuple[str, str, str, str], reasons: tuple[str, str, str, str]) -> list[Claim]:
    """One row of the comparison summary beyond its memory row: four cells, each with why it is not measured."""
    langs = ("Python", "Elixir", "C#", "GO")
    cells_reasons = zip(langs, cells, reasons, strict=True)
    return [Claim(CMP, aspect, lang, text, None, None, "", NotMeasured(why)) for lang, text, why in cells_reasons]


CLAIMS: tuple[Claim, ...] = (
    *_b1("GO", "go_goroutines", "1,000,000 goroutines", 1_000_000, (1, 2), "~1-2 seconds", (2 * KB, 2 * KB),
         "~2 KB", (2 * GB, 2 * GB), "~2 GB"),
    *_b1("Python (threads)", "python_threads", "10,000 threads", 10_000, (5, 10), "~5-10 seconds", (1 * MB, 2 * MB),
         "~1-2 MB", (10 * GB, 20 * GB), "~10-20 GB"),
    *_b1("C# (tasks)", "csharp_tasks", "100,000 tasks", 100_000, (2, 3), "~2-3 seconds", (500 * KB, 500 * KB),
         "~500 KB", (50 * GB, 50 * GB), "~50 GB"),
    *_b1("Elixir", "elixir_processes", "100,000 processes", 100_000, (3, 5), "~3-5 seconds", (10 * KB, 50 * KB),
         "~10-50 KB", (1 * GB, 5 * GB), "~1-5 GB"),
    *_b2("GO (net/http)", "go_net_http", "100,000", 100_000, (50_000, 100_000), "~50,000-100,000", (200 * MB, 300 * MB),
         "200-300 MB", (0, 10 * MS), "<10ms"),
    *_b2("Python (asyncio)", "python_asyncio", "10,000", 10_000, (3_000, 5_000), "~3,000-5,000", (500 * MB, 500 * MB),
         "500 MB", (50 * MS, 100 * MS), "50-100ms"),
    *_b2("C# (ASP.NET Core)", "csharp_aspnetcore", "50,000", 50_000, (20_000, 40_000), "~20,000-40,000",
         (400 * MB, 600 * MB), "400-600 MB", (20 * MS, 50 * MS), "20-50ms"),
    *_b2("Elixir (Phoenix)", "elixir_gen_tcp", "100,000+", 100_000, (30_000, 60_000), "~30,000-60,000",
         (300 * MB, 500 * MB), "300-500 MB", (10 * MS, 20 * MS), "10-20ms"),
    Claim(B3, "Python (multiprocessing)", "fibonacci(40), 4 concurrent tasks", "~4.2 seconds (4 cores)", 4.2, 4.2, "s",
          Fib40("python_processes"), _FIB4),
    Claim(B3, "Python (multiprocessing)", "fibonacci(40), 4 concurrent tasks", "~16.8 seconds (1 thread, GIL)", 16.8,
          16.8, "s", Fib40("python_threads"),
          Conditions(1, 40, "fib", 4, note="four tasks taking turns on one thread under the GIL need one core")),
    Claim(B3, "Elixir", "fibonacci(40), 4 concurrent tasks", "~5.1 seconds (4 cores)", 5.1, 5.1, "s",
          Fib40("elixir_processes"), _FIB4),
    Claim(B3, "C# (Parallel)", "fibonacci(40), 4 concurrent tasks", "~3.8 seconds (4 cores)", 3.8, 3.8, "s",
          Fib40("csharp_tasks"), _FIB4),
    Claim(B3, "GO", "fibonacci(40), 4 concurrent tasks", "~3.5 seconds (4 cores)", 3.5, 3.5, "s",
          Fib40("go_goroutines"), _FIB4),
    Claim(B3, "Key insight", "threads vs processes", "Python threading is 4x slower due to GIL", 4, 4, "x",
          FibRatio("python_threads", "python_processes"),
          Conditions(4, None, "", 4, note="4.2 s on 4 cores against 16.8 s on one thread: the 4x needs 4 cores")),
    *_b4("GO", "go_goroutines", (200 * MB, 200 * MB), "~200 MB", (2 * KB, 2 * KB), "~2 KB", (0, 1 * US),
         "<1μs (user-space)", "go_channels"),
    *_b4("Python (processes)", "python_processes", (100 * GB, 200 * GB), "~100-200 GB", (1 * MB, 2 * MB),
         "~1-2 MB", (10 * US, 10 * US), "~10μs (OS kernel)", "python_threads"),
    *_b4("C# (ThreadPool)", "csharp_tasks", (20 * GB, 30 * GB), "~20-30 GB", (500 * KB, 500 * KB), "~500 KB",
         (5 * US, 10 * US), "~5-10μs (OS kernel)", "csharp_channels"),
    *_b4("Elixir", "elixir_processes", (5 * GB, 10 * GB), "~5-10 GB", (50 * KB, 100 * KB), "~50-100 KB",
         (1 * US, 5 * US), "~1-5μs (BEAM scheduled)", "elixir_processes"),
    Claim(CMP, "Memory per Unit", "Python", "~1-2 MB per thread", 1 * MB, 2 * MB, "B",
          BytesPerUnit("python_threads")),
    Claim(CMP, "Memory per Unit", "Elixir", "~10-100 KB per process", 10 * KB, 100 * KB, "B",
          BytesPerUnit("elixir_processes")),
    Claim(CMP, "Memory per Unit", "C#", "~500 KB per task", 500 * KB, 500 * KB, "B",
          BytesPerUnit("csharp_tasks")),
    Claim(CMP, "Memory per Unit", "GO", "~2 KB per goroutine", 2 * KB, 2 * KB, "B",
          BytesPerUnit("go_goroutines")),
    Claim(PERF, "GO", "characteristics",
          "Unbeatable at scale due to user-space scheduling and minimal overhead",
          None, None, "", NotMeasured(_RANKING)),
    Claim(PERF, "Elixir", "characteristics",
          "Excellent BEAM VM scheduler, competes with GO for massive concurrency",
          None, None, "", NotMeasured(_RANKING + "; the BEAM preempts by reductions (shown on Scheduling and context "
                                                 "switches), and so does Go since 1.14")),
    Claim(PERF, "C#", "characteristics",
          "Good for 1000s of concurrent operations, ThreadPool limits at 10K+",
          None, None, "", NotMeasured("behaviour, shown by an executed example: 100,000 awaiting tasks hold fewer than "
                                      "100 threads (csharp/await_frees_threads.cs, async and await page); the pool's "
                                      "thread limit bounds blocking work only")),
    Claim(PERF, "Python", "characteristics",
          "Struggles beyond 1000 OS threads; multiprocessing adds IPC overhead",
          None, None, "", NotMeasured("behaviour, shown by executed examples: 2,000 waiting threads start and "
                                      "finish in well under a second (python/many_threads.py, Threading page); the "
                                      "IPC overhead is timed on the Multiprocessing page "
                                      "(python/multiprocessing_overhead.py)")),
    Claim(ELIXIR, "Key concepts", "Processes", "Lightweight actors managed by BEAM VM (10-50KB each)", 10 * KB, 50 * KB,
          "B", BytesPerUnit("elixir_processes")),
    Claim(ELIXIR, "Key concepts", "Message Passing", "Asynchronous, reliable delivery to process mailboxes", None, None,
          "", NotMeasured("behaviour, shown by an executed example (elixir/message_delivery.exs, Processes and "
                          "messages page): delivered, in order per sender, while the receiver exists; a message to a "
                          "process that has exited is dropped without an error, and nothing acknowledges delivery")),
    Claim(ELIXIR, "Key characteristics", "lightweight", "Extremely lightweight (BEAM can handle 1M+ processes)", None,
          None, "", NotMeasured("a capacity, not a figure: the VM's default limit is 262,144 processes, raised with "
                                "erl +P (elixir/process_size.exs, Elixir page); " + _SPAWN)),
    Claim(ELIXIR, "Key characteristics", "isolation", "Isolated memory spaces prevent race conditions", None, None, "",
          NotMeasured("behaviour, shown by an executed example: no data races, but a read and a write sent as two "
                      "messages lose updates (patterns/shared_counter/shared_counter.exs, Shared counter page)")),
    Claim(GO, "Key characteristics", "lightweight", "Ultra-lightweight (can spawn 100k+ goroutines easily)", None, None,
          "", NotMeasured("a capacity, not a figure: ten thousand goroutines run on the Goroutines page "
                          "(go/goroutines_many.go); " + _SPAWN)),
    Claim(GO, "Key characteristics", "memory", "Memory efficient (each goroutine ~2KB vs threads ~1-2MB)", 2 * KB,
          2 * KB, "B", BytesPerUnit("go_goroutines")),
    *_row("Concurrency Model",
          ("Threads (limited by GIL), async/await, multiprocessing", "Lightweight processes (BEAM VM)",
           "Threads, async/await, Tasks", "Goroutines, Channels"),
          ("a description, true as far as it goes; shown on the Python pages",
           "a description, true; shown on the Elixir pages", "a description, true; shown on the C# pages",
           "a description, true, though goroutines also share memory under mutexes (Mutexes page)")),
    *_row("Performance",
          ("Good for I/O, limited for CPU tasks", "Excellent for high concurrency", "Good balance",
           "Excellent for I/O & concurrent systems"),
          (_JUDGEMENT + "; the GIL page measures the CPU limit of threads", _RANKING, _RANKING, _RANKING)),
    *_row("Scalability",
          ("Moderate (GIL bottleneck for threads)", "Excellent (handle millions of processes)", "Good (modern .NET)",
           "Exceptional (millions of goroutines)"),
          (_JUDGEMENT + "; the GIL limits computing threads, not waiting ones (Threading page, How many threads?)",
           "a capacity, not a figure: millions need erl +P; " + _SPAWN, _RANKING,
           "a capacity, not a figure: " + _SPAWN)),
    *_row("Learning Curve",
          ("Low for imperative programmers", "Steeper (functional paradigm)", "Moderate (familiar C-like syntax)",
           "Very Low (simple goroutine syntax)"),
          ("a matter of experience, not measurable by a build",) * 4),
    *_row("Best For",
          ("Data processing, web APIs, scripting", "Telecom, messaging, real-time systems",
           "Enterprise apps, Windows integration", "Web servers, microservices, distributed systems"),
          (_JUDGEMENT, _JUDGEMENT, _JUDGEMENT + "; .NET runs on Linux, as every C# example here does",
           _JUDGEMENT)),
    *_row("Async Support",
          ("asyncio (manual)", "OTP (automatic)", "Task-based (modern)", "Native (first-class)"),
          ("a description: asyncio runs only where an event loop is started and every wait is awaited (asyncio page)",
           "a description: BEAM processes block cheaply, so no async syntax is needed; OTP is a library of "
           "behaviours, not an async mechanism", "a description, true (async and await page)",
           "a description: goroutines block cheaply, so there is no async syntax (Goroutines page)")),
    *_row("Use Case Sweet Spot",
          ("Backend services, ML/AI", "Fault-tolerant distributed systems", "Enterprise applications",
           "High-concurrency services, APIs"),
          (_JUDGEMENT,) * 4),
)  # fmt: skip
