# scripts/judge_check.py's cold-build mode: counting builds and verdicts from execution reports, the three
# scenarios' rules, and the summary table (fixture reports; the builds themselves are the lead's `make` run).
from __future__ import annotations

import importlib.util
import sys
from types import ModuleType
from typing import Any

import pytest

from tests.conftest import PROJECT_ROOT

GIL = "snippets/concepts/gil_threads_vs_processes.py"
TIMELINE = "snippets/concepts/gil_timeline.py"
SLICING = "snippets/concepts/time_slicing.py"
TIMING = {GIL, TIMELINE, SLICING}
FALSE = {GIL, TIMELINE}


@pytest.fixture(scope="module")
def check() -> ModuleType:
    spec = importlib.util.spec_from_file_location("judge_check", PROJECT_ROOT / "scripts" / "judge_check.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["judge_check"] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def entry(path: str, status: str, verdict: str | None) -> dict[str, Any]:
    return {"path": path, "language": "python", "status": status, "verdict": verdict, "seconds": 1.0}


def test_counts_verdicts_per_timing_example_and_failed_builds(check: ModuleType) -> None:
    tally = check.Tally()
    quiet = [entry(GIL, "passed", "holds"), entry(SLICING, "passed", "holds"), entry("snippets/a.py", "passed", None)]
    busy = [entry(GIL, "inconclusive", "inconclusive"), entry(SLICING, "failed", "contradicted")]
    check.count_build(tally, 0, quiet, TIMING, set())
    check.count_build(tally, 1, busy, TIMING, set())
    check.count_build(tally, 1, None, TIMING, set())  # a build that wrote no report failed too
    assert (tally.builds, tally.failed) == (3, 2)
    assert tally.verdicts[GIL] == {"holds": 1, "inconclusive": 1}
    assert tally.verdicts[SLICING] == {"holds": 1, "contradicted": 1}
    assert "snippets/a.py" not in tally.verdicts  # no timing claim: not counted
    assert any(SLICING in note for note in tally.notes) and any("no execution-report" in n for n in tally.notes)


def test_an_example_without_a_verdict_is_counted_as_unjudged(check: ModuleType) -> None:
    tally = check.Tally()
    check.count_build(tally, 1, [entry(TIMELINE, "timeout", None)], TIMING, set())
    assert tally.verdicts[TIMELINE] == {"unjudged": 1}


def test_inconclusive_reasons_are_noted_where_asked(check: ModuleType) -> None:
    quiet, busy = check.Tally(explain=True), check.Tally()
    report = [{**entry(GIL, "inconclusive", "inconclusive"), "reason": "inconclusive on this machine: 1 core left"}]
    check.count_build(quiet, 0, report, TIMING, set())
    check.count_build(busy, 0, report, TIMING, set())
    assert quiet.notes == [f"build 1: {GIL}: inconclusive on this machine: 1 core left"] and busy.notes == []


def test_a_false_lesson_build_counts_only_when_every_false_lesson_failed(check: ModuleType) -> None:
    tally = check.Tally()
    both = [entry(GIL, "failed", "contradicted"), entry(TIMELINE, "failed", "contradicted")]
    one = [entry(GIL, "failed", "contradicted"), entry(TIMELINE, "inconclusive", "inconclusive")]
    check.count_build(tally, 1, both, TIMING, FALSE)
    check.count_build(tally, 1, one, TIMING, FALSE)
    check.count_build(tally, 0, both, TIMING, FALSE)  # a report that says failed, in a build that passed: no
    assert (tally.builds, tally.failed, tally.failed_on_false) == (3, 2, 1)
    assert check.rules_broken([check.Tally(), check.Tally(), tally]) == [
        "3: 1 of 3 build(s) failed on the false lesson"
    ]


def test_rules_of_the_three_scenarios(check: ModuleType) -> None:
    good = [check.Tally(builds=2), check.Tally(builds=2), check.Tally(builds=2, failed=2, failed_on_false=2)]
    assert check.rules_broken(good) == []
    bad = [check.Tally(builds=2, failed=1), check.Tally(builds=2, failed=2), check.Tally(builds=2, failed=2)]
    assert check.rules_broken(bad) == [
        "1: 1 of 2 build(s) failed",
        "2: 2 of 2 build(s) failed",
        "3: 0 of 2 build(s) failed on the false lesson",
    ]


def test_table_has_a_row_per_example_and_scenario(check: ModuleType) -> None:
    tallies = [check.Tally(), check.Tally(), check.Tally()]
    check.count_build(tallies[0], 0, [entry(GIL, "passed", "holds")], TIMING, set())
    check.count_build(tallies[1], 0, [entry(GIL, "inconclusive", "inconclusive")], TIMING, set())
    check.count_build(
        tallies[2], 1, [entry(GIL, "failed", "contradicted"), entry(TIMELINE, "failed", None)], TIMING, FALSE
    )
    text = check.table(tallies)
    assert "== 1. as the machine is: 1 cold build(s), 0 failed" in text
    assert "== 3. a false lesson (threads given processes): 1 cold build(s), 1 failed, 1 on the false lesson" in text
    rows = [line.split() for line in text.splitlines() if line.strip().startswith(GIL)]
    assert rows == [[GIL, "1", "0", "0", "0"], [GIL, "0", "0", "1", "0"], [GIL, "0", "1", "0", "0"]]
