# The unit registry: every benchmark program is a record, and each language has one unit per comparison it shows.
from __future__ import annotations

from pathlib import Path

import pytest

from hooks.bench.factcheck.claims import CLAIMS, FibRatio, NotMeasured
from hooks.bench.measure import units
from hooks.bench.measure.programs import programs
from hooks.bench.measure.workloads import PLAIN, WORKLOADS
from hooks.bench.publish.factpages import comparison
from hooks.bench.publish.guide import guide
from tests.bench.fixture import doc

ROOT = Path(__file__).resolve().parents[2]


def program_units() -> set[str]:
    """Every unit the programs under benchmarks/ publish (a program, or one of its variants)."""
    found = set()
    for program in programs(ROOT):
        for workload in WORKLOADS.values():
            if program.parent.name == (workload.folder or workload.name):
                found |= {f"{program.stem}_{v.suffix}" if v.suffix else program.stem
                          for v in workload.variants.get(program.stem, PLAIN)}  # fmt: skip
    return found


def test_every_program_is_a_registered_unit_and_every_unit_a_program() -> None:
    published = program_units()
    assert published - set(units.UNITS) == set(), "programs without a unit record in hooks/bench/measure/units.py"
    assert set(units.UNITS) - published == set(), "unit records without a program under benchmarks/"


def test_each_language_has_one_unit_per_single_comparison() -> None:
    for language in units.languages():
        for what in (units.MEMORY, units.SPEEDUP, units.ROUND_TRIP, units.SERVER, units.MILLION_TASKS):
            assert len(units.standing_for(what, language)) == 1, (language, what)
        assert units.standing_for(units.GUIDE_CPU, language), language


def test_a_unit_is_looked_up_or_derived_from_its_name() -> None:
    assert units.unit("go_goroutines").noun == "goroutine"
    assert units.label("python_processes_spawn") == "Python processes (spawn)"
    derived = units.unit("go_new_thing")
    assert (derived.language, derived.label, derived.size_class, derived.stands_for) == (
        "go", "Go new thing", "threads", frozenset()
    )  # fmt: skip
    assert [u.id for u in units.standing_for(units.GUIDE_LATENCY, "python")] == [
        "python_processes", "python_asyncio", "python_threads"
    ]  # fmt: skip


def test_every_unit_a_claim_is_answered_by_is_registered() -> None:
    named = set()
    for claim in CLAIMS:
        measure = claim.measure
        if isinstance(measure, FibRatio):
            named |= {measure.slow, measure.fast}
        elif not isinstance(measure, NotMeasured):
            named.add(measure.unit)
    assert named and named <= set(units.UNITS), named - set(units.UNITS)


def test_a_fifth_language_gets_a_column_from_its_unit_records(monkeypatch: pytest.MonkeyPatch) -> None:
    """The guide and the comparison read the languages from the unit records: a new one is a column, not measured."""
    extra = units.Unit("js_workers", "js", "JavaScript workers", noun="worker", stands_for=frozenset({units.GUIDE_CPU}))
    monkeypatch.setitem(units.UNITS, extra.id, extra)
    monkeypatch.setattr(units, "order", lambda: ("python", "elixir", "csharp", "go", "js"))
    assert units.languages()[-1] == "js"
    table = guide(doc())
    assert table.splitlines()[0].endswith("| Go | js |")
    assert table.splitlines()[2].endswith("| not measured in this build (fib) |")  # the CPU-bound row's last cell
    rows = comparison(doc()).splitlines()
    assert rows[-6].endswith("| Go | js |") and rows[-4].endswith("\u00a0KiB per goroutine | — |")
