# Published measurements by others, cited as data with their sources (never typed into page prose).
from __future__ import annotations

from dataclasses import dataclass

MB = 1_000_000  # both posts report megabytes as printed by their memory tool; kept as published


@dataclass(frozen=True)
class Published:
    """One published figure: peak memory of a program holding `tasks` concurrent tasks."""

    source: str  # short citation
    url: str
    year: int
    language: str  # python | elixir | csharp | go
    variant: str  # what the program used, in the source's terms
    tasks: int
    peak_memory_mb: float
    hardware: str  # "" when we have not recorded it: the page then points to the source


KOLACZKOWSKI_2023 = "Piotr Kołaczkowski, “How Much Memory Do You Need to Run 1 Million Concurrent Tasks?” (2023)"
KOLACZKOWSKI_URL = "https://pkolaczk.github.io/memory-consumption-of-async/"
HEZ2010_2024 = "hez2010, “How Much Memory Do You Need in 2024 to Run 1 Million Concurrent Tasks?” (2024)"
HEZ2010_URL = "https://hez2010.github.io/async-runtimes-benchmarks-2024/"

PUBLISHED: tuple[Published, ...] = (
    Published(KOLACZKOWSKI_2023, KOLACZKOWSKI_URL, 2023, "go", "goroutines", 1_000_000, 2_658, ""),
    Published(KOLACZKOWSKI_2023, KOLACZKOWSKI_URL, 2023, "csharp", "tasks (async/await)", 1_000_000, 461, ""),
    Published(KOLACZKOWSKI_2023, KOLACZKOWSKI_URL, 2023, "python", "asyncio tasks", 1_000_000, 2_232, ""),
    Published(KOLACZKOWSKI_2023, KOLACZKOWSKI_URL, 2023, "elixir", "processes (+P raised)", 1_000_000, 4_009, ""),
    Published(HEZ2010_2024, HEZ2010_URL, 2024, "go", "goroutines", 1_000_000, 2_586, ""),
    Published(HEZ2010_2024, HEZ2010_URL, 2024, "csharp", "tasks (async/await)", 1_000_000, 218, ""),
    Published(HEZ2010_2024, HEZ2010_URL, 2024, "python", "asyncio tasks", 1_000_000, 1_276, ""),
)
# Which of our spawn_hold programs is closest to each published variant: the unit of its language that stands for
# units.MILLION_TASKS (hooks/bench/measure/units.py).
