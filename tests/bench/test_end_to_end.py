# End to end: the real harness builds and measures one real tiny program per language, then a rerun measures none.
from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from hooks.bench.measure.profiles import QUICK
from hooks.bench.measure.programs import LANGUAGES, programs
from hooks.bench.measure.store import Store
from hooks.bench.measure.suite import run_session
from tests.conftest import PROJECT_ROOT, require_toolchain

SIZES = {"threads": (10, 20), "light": (10, 20), "asyncio": (10, 20), "processes": (2, 3)}
TINY = replace(QUICK, runs=2, warmups=1, timeout=120.0, fib_n={"default": 15}, spawn_n=SIZES)


def one_per_language() -> dict[str, Path]:
    """The fib program of each language, else its first program."""
    chosen: dict[str, Path] = {}
    for path in programs(PROJECT_ROOT):
        language = LANGUAGES[path.suffix]
        if language not in chosen or (path.parent.name == "fib" and chosen[language].parent.name != "fib"):
            chosen[language] = path
    return chosen


@pytest.mark.parametrize("language", ["python", "elixir", "csharp", "go"])
def test_real_harness_on_a_real_program(language: str, tmp_path: Path) -> None:
    require_toolchain(language)
    program = one_per_language().get(language)
    if program is None:
        pytest.skip(f"no {language} benchmark program yet")
    lines: list[str] = []
    first = run_session(PROJECT_ROOT, TINY, Store(tmp_path), lines.append, programs=[program])
    assert first.measured == len(first.results) > 0
    for result in first.results:
        assert result.ok, result.error
        assert result.language == language and result.toolchain
        assert result.summary["wall_seconds"].n == TINY.runs
        assert result.summary["cpu_seconds"].median > 0
        peak = result.summary.get("peak_rss_bytes")  # absent when the run ended before the first sample
        assert peak is None or peak.median > 1e6
    assert any(line.startswith("[bench 1/") and "run 1/2" in line for line in lines)
    again = run_session(PROJECT_ROOT, TINY, Store(tmp_path), lines.append, programs=[program])
    assert again.measured == 0 and [r.samples for r in again.results] == [r.samples for r in first.results]
