# One record per benchmark unit (a program, or a variant of one): its language, label, noun, size class, what kind
# of unit the kernel sees, and which comparisons of the site it stands for. Pages look units up here, never by name.
from __future__ import annotations

from dataclasses import dataclass

from hooks.toolchains import TOOLCHAINS, order

# The comparisons a unit can stand for (`Unit.stands_for`), each at most one unit per language unless it says so.
MEMORY = "memory"  # the comparison table's memory row (with the unit's noun)
SPEEDUP = "speedup"  # the comparison table's and the findings' CPU-bound speed-up
ROUND_TRIP = "round_trip"  # the comparison table's ping-pong round trip
SERVER = "server"  # the language's HTTP server (comparison, findings, the guide's connections row)
MILLION_TASKS = "million_tasks"  # the closest program to published "1 million tasks" measurements
GUIDE_CPU = "guide_cpu"  # the decision guide's CPU-bound row (several per language, in registry order)
GUIDE_IDLE = "guide_idle"  # the guide's many-idle-waits row (several per language)
GUIDE_LATENCY = "guide_latency"  # the guide's latency row (several per language)
ISOLATION = "isolation"  # the unit a crash stays inside, whose cost the guide's fault-isolation row shows


@dataclass(frozen=True)
class Unit:
    """One benchmark unit: `benchmarks/<workload>/<id>.<ext>` (or a variant of it, `<stem>_<variant>`)."""

    id: str  # "go_goroutines", "python_processes_spawn"
    language: str  # the toolchain's name (hooks/toolchains)
    label: str  # "Go goroutines", as pages name it
    noun: str = ""  # "goroutine": one unit, in the comparison table
    size_class: str = "threads"  # spawn_hold sizes (Profile.spawn_n): threads, light, asyncio, processes, spawn
    kernel: str = ""  # "process" or "thread" when each unit is one of the kernel's (pid and thread limits)
    server_kind: tuple[str, str] | None = None  # HTTP servers: (kind, what it is); like is compared with like
    supervised: bool = False  # a crash ends this unit only and a supervisor restarts it (Elixir's processes)
    stands_for: frozenset[str] = frozenset()  # the comparisons above this unit is the language's figure for


def _unit(
    uid: str,
    label: str,
    *stands_for: str,
    noun: str = "",
    size_class: str = "threads",
    kernel: str = "",
    server_kind: tuple[str, str] | None = None,
    supervised: bool = False,
) -> Unit:
    """A unit of the language its id starts with (programs are named `<language>_<unit>`)."""
    language = uid.partition("_")[0]
    return Unit(uid, language, label, noun, size_class, kernel, server_kind, supervised, frozenset(stands_for))


# In registry order within each language: the order the guide names a language's units in.
UNITS: dict[str, Unit] = {
    u.id: u
    for u in (
        _unit("python_processes", "Python processes", SPEEDUP, GUIDE_CPU, GUIDE_LATENCY, ISOLATION,
              size_class="processes", kernel="process"),
        _unit("python_processes_spawn", "Python processes (spawn)", size_class="spawn", kernel="process"),
        _unit("python_asyncio", "Python asyncio", ROUND_TRIP, SERVER, MILLION_TASKS, GUIDE_IDLE, GUIDE_LATENCY,
              size_class="asyncio",
              server_kind=("hand-written, minimal", "an HTTP/1.1 parser written for this site on `asyncio` streams")),
        _unit("python_threads", "Python threads", MEMORY, GUIDE_CPU, GUIDE_IDLE, GUIDE_LATENCY, noun="thread",
              kernel="thread"),
        _unit("elixir_processes", "Elixir processes", MEMORY, SPEEDUP, ROUND_TRIP, MILLION_TASKS, GUIDE_CPU,
              GUIDE_IDLE, GUIDE_LATENCY, ISOLATION, noun="process", size_class="light", supervised=True),
        _unit("elixir_gen_tcp", "Elixir :gen_tcp", SERVER,
              server_kind=("hand-written, minimal", "an HTTP/1.1 loop written for this site on Erlang's `:gen_tcp`")),
        _unit("csharp_long_running", "C# LongRunning", GUIDE_LATENCY),
        _unit("csharp_tasks", "C# tasks", MEMORY, SPEEDUP, MILLION_TASKS, GUIDE_CPU, GUIDE_IDLE, GUIDE_LATENCY,
              noun="task", size_class="light"),
        _unit("csharp_task_run", "C# Task.Run", size_class="light"),
        _unit("csharp_threads", "C# threads", GUIDE_IDLE, kernel="thread"),
        _unit("csharp_channels", "C# channels", ROUND_TRIP),
        _unit("csharp_aspnetcore", "C# ASP.NET Core minimal API", SERVER,
              server_kind=("framework", "ASP.NET Core minimal API on Kestrel (the SDK's shared framework)")),
        _unit("go_goroutines", "Go goroutines", MEMORY, SPEEDUP, MILLION_TASKS, GUIDE_CPU, GUIDE_IDLE, GUIDE_LATENCY,
              noun="goroutine", size_class="light"),
        _unit("go_channels", "Go channels", ROUND_TRIP),
        _unit("go_net_http", "Go net/http", SERVER, server_kind=("standard library", "Go's `net/http`")),
    )
}  # fmt: skip


def language_label(language: str) -> str:
    """`csharp` -> `C#`: the toolchain's label (the name itself for a language without a toolchain here)."""
    toolchain = TOOLCHAINS.get(language)
    return toolchain.label if toolchain else language


def unit(uid: str) -> Unit:
    """The unit's record; one derived from its name (`<language>_<rest>`) for a unit not registered here."""
    found = UNITS.get(uid)
    if found is not None:
        return found
    language, _, rest = uid.partition("_")
    return Unit(uid, language, f"{language_label(language)} {rest.replace('_', ' ')}".strip())


def label(uid: str) -> str:
    """`go_goroutines` -> `Go goroutines`."""
    return unit(uid).label


def languages() -> tuple[str, ...]:
    """The languages with registered units, in the order pages show them (the toolchains' registry order)."""
    have = {u.language for u in UNITS.values()}
    return tuple(name for name in order() if name in have)


def standing_for(comparison: str, language: str) -> tuple[Unit, ...]:
    """The units of `language` that stand for `comparison`, in registry order."""
    return tuple(u for u in UNITS.values() if u.language == language and comparison in u.stands_for)


def one_for(comparison: str, language: str) -> Unit | None:
    """The one unit of `language` standing for `comparison` (None: the language has none)."""
    found = standing_for(comparison, language)
    return found[0] if found else None
