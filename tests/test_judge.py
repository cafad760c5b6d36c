# The judge of timing claims: its rules on stubbed measurements, then fixture examples through the real engine —
# a claim no machine can excuse fails every time, an example's own `inconclusive` never fails and is judged again,
# and two CPU hogs beside a parallel lesson make it inconclusive, never a failure.
from __future__ import annotations

import subprocess
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from hooks.cli import changed_verdicts, format_line, repeat_summary
from hooks.common.settings import Settings
from hooks.engine import judge
from hooks.engine.cache import ResultCache, cache_key
from hooks.engine.cores import machine_cores
from hooks.engine.example import load_example
from hooks.engine.judge import CONTRADICTED, HOLDS, INCONCLUSIVE, Claim, Conditions, Judgement
from hooks.engine.result import FAILED, PASSED, Result
from hooks.engine.run_example import run_example
from hooks.engine.scheduler import execute_all, execute_repeated
from hooks.engine.spec import run_spec
from hooks.site.render import inconclusive_notice
from hooks.site.report import report_entries, report_page
from hooks.toolchains import Detected
from tests.conftest import PROJECT_ROOT, require_toolchain


def measured(others: float, cores: int = 2) -> Conditions:
    return Conditions(wall=1.0, cores=cores, own=1.0, others=others, build=0.0, stolen=0.0, waiting=None, load=None)


PARALLEL = Claim("at least cores busy for 50%", CONTRADICTED, "never 2 busy at once", 3, needs=2)
SERIAL = Claim("at most 1 of thread* busy at once", CONTRADICTED, "2 busy at once at 1.0 ms", 7)


def test_a_claim_no_machine_can_excuse_is_contradicted_at_once_whatever_the_load() -> None:
    answer = judge.judge([SERIAL], measured(others=2.0))
    assert (answer.verdict, answer.firm, answer.line) == (CONTRADICTED, True, 7)
    assert judge.decide([answer], final=False) is answer


def test_a_parallel_claim_fails_on_a_free_machine_only_once_confirmed() -> None:
    answer = judge.judge([PARALLEL], measured(others=0.1))
    assert answer.verdict == CONTRADICTED and not answer.firm
    assert "other work kept 0.1 of 2 cores busy" in answer.text
    assert judge.decide([answer], final=False) is None  # one more run first
    assert judge.decide([answer, answer], final=False) == answer


def test_a_parallel_claim_on_a_taken_machine_is_inconclusive_with_why() -> None:
    answer = judge.judge([PARALLEL], measured(others=1.6))
    assert answer.verdict == INCONCLUSIVE
    assert answer.text.endswith("(other work kept 1.6 of 2 cores busy during the run)")
    assert judge.decide([answer], final=False) is None
    assert judge.decide([answer, answer, answer], final=True) == answer
    one_core = judge.judge([PARALLEL], measured(others=0.0, cores=1))
    assert one_core.verdict == INCONCLUSIVE and "this machine has 1 core(s) for it, it needs 2" in one_core.text


def test_one_run_that_holds_proves_a_parallel_claim() -> None:
    taken = judge.judge([PARALLEL], measured(others=1.6))
    held = judge.judge([Claim("at least cores busy", HOLDS, "2 busy for 90 ms", 3, needs=2)], measured(0.0))
    assert judge.decide([taken, held], final=False) is held


def test_settle_repeats_only_what_is_undecided() -> None:
    held = Judgement(HOLDS, "fine")
    calls: list[int] = []

    def again() -> tuple[Judgement | None, int]:
        calls.append(1)
        return held, len(calls)

    assert judge.settle((held, 0), again) == (held, 0, 1) and not calls  # never re-run
    undecided = Judgement(INCONCLUSIVE, "taken")
    assert judge.settle((undecided, 0), again) == (held, 1, 2)
    calls.clear()
    assert judge.settle((undecided, 0), lambda: (undecided, 9)) == (undecided, 9, judge.ROUNDS)


def test_lesson_lines_are_the_examples_own_verdicts() -> None:
    output = "x: 1\nlesson: inconclusive: other programs left it 1.5 of 2 cores\nlesson: holds\n"
    claims = judge.lesson_claims(output, 4, 2)
    assert [(c.answer, c.evidence, c.needs) for c in claims] == [
        (INCONCLUSIVE, "other programs left it 1.5 of 2 cores", 2),
        (HOLDS, "holds", 2),
    ]
    assert judge.judge(claims, measured(0.0)).verdict == INCONCLUSIVE


def test_conditions_subtract_the_runs_own_cpu_time() -> None:
    before = judge.Sample(at=0.0, busy=10.0, steal=0.0, waited=1.0, build=0.0, load=2.0)
    after = judge.Sample(at=2.0, busy=13.0, steal=0.2, waited=1.5, build=0.1, load=3.0)
    found = judge.conditions(before, after, own_cpu=2.0, granted=2, cores=2)
    assert found is not None
    assert (found.own, found.others, found.stolen, found.waiting) == (1.0, 0.5, 0.1, 0.25)
    assert found.free == pytest.approx(1.4)
    assert judge.sample().at > 0  # this machine's counters can be read


# --- through the real engine ----------------------------------------------------------------------------------

WORKERS = """\
# example.timeline: true
# example.shape: {shape}
import threading
import time

import timeline


def work(n):
    with timeline.busy(f"worker {{n}}", "job"):
        time.sleep(0.2)


threads = [threading.Thread(target=work, args=(n,)) for n in (1, 2)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print("done")
"""


def example_at(tmp_path: Path, name: str, source: str) -> Path:
    path = tmp_path / "snippets" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(source)
    return path


def run(tmp_path: Path, name: str, source: str) -> Result:
    example = load_example(example_at(tmp_path, name, source), tmp_path)
    return run_example(example, Detected(), run_spec(example, 60))


def test_a_shape_that_cannot_hold_fails_every_time_with_path_and_line(tmp_path: Path) -> None:
    require_toolchain("python")
    path = example_at(tmp_path, "overlap.py", WORKERS.format(shape="at most 1 of worker* busy at once"))
    settings = Settings.from_env(cache_dir=None)
    runs = execute_repeated([load_example(path, tmp_path)], settings, lambda _: None, times=2)
    for result in runs["snippets/overlap.py"]:
        assert (result.status, result.verdict, result.runs) == (FAILED, CONTRADICTED, 1), result
        assert str(result.location) == "snippets/overlap.py:10"  # where the second worker's span began
        assert result.reason and "'at most 1 of worker* busy at once' does not hold: 2 busy at once" in result.reason


def test_a_shape_that_holds_runs_once(tmp_path: Path) -> None:
    require_toolchain("python")
    result = run(tmp_path, "pool.py", WORKERS.format(shape="at least 2 of worker* busy at once"))
    assert (result.status, result.verdict, result.runs) == (PASSED, HOLDS, 1), result


def test_an_example_that_says_inconclusive_passes_the_build_and_is_judged_again(tmp_path: Path) -> None:
    require_toolchain("python")
    source = "# example.cores: 1\nprint('measured: 3')\nprint('lesson: inconclusive: the moon was in the way')\n"
    path = example_at(tmp_path, "moon.py", source)
    settings = Settings.from_env(cache_dir=tmp_path / "cache")
    messages: list[str] = []
    [result] = execute_all([load_example(path, tmp_path)], settings, messages.append, use_cache=True).values()
    assert (result.status, result.verdict, result.runs) == ("inconclusive", INCONCLUSIVE, judge.ROUNDS)
    assert result.ok and str(result.location) == "snippets/moon.py:3"
    # The example's own reason, then what the machine left it where a run lasted long enough to measure that.
    assert result.reason and result.reason.startswith(
        "inconclusive on this machine: it could not show its lesson: the moon was in the way"
    )
    assert messages[-1] == (
        "inconclusive on this machine: 1 example(s) whose timing lesson could not be decided here "
        "(their pages say why; judged again next build): snippets/moon.py"
    )
    info = Detected().get("python")
    assert info is not None
    moon = load_example(path, tmp_path)
    key = cache_key(moon, info.version, run_spec(moon, settings.timeout))
    assert ResultCache(tmp_path / "cache").get(key, "snippets/moon.py") is None  # not cached: judged next build


def test_an_example_that_says_contradicted_fails_with_its_evidence(tmp_path: Path) -> None:
    require_toolchain("python")
    result = run(tmp_path, "wrong.py", "print('lesson: contradicted: threads ran 1.9x the speed')\n")
    assert (result.status, result.verdict, result.runs) == (FAILED, CONTRADICTED, 1)
    assert result.reason == "its lesson is contradicted: threads ran 1.9x the speed"
    assert result.line == 1


@pytest.fixture
def two_hogs() -> Iterator[None]:
    """Two CPU hogs (`yes > /dev/null`) for the test's duration; always killed, by their own pids."""
    hogs = [subprocess.Popen(["yes"], stdout=subprocess.DEVNULL) for _ in range(2)]
    try:
        yield
    finally:
        for hog in hogs:
            hog.kill()
            hog.wait()


def test_two_cpu_hogs_make_a_parallel_lesson_inconclusive_never_a_failure(tmp_path: Path, two_hogs: None) -> None:
    require_toolchain("python")
    if machine_cores() > 2:
        pytest.skip("two hogs take the cores of a 2-core machine only")  # the judge's rule is the unit tests'
    demo = (PROJECT_ROOT / "snippets" / "concepts" / "gil_timeline.py").read_text()
    result = run(tmp_path, "gil_timeline.py", demo)  # its processes need both cores for half of the time
    assert result.status != FAILED, result
    assert result.verdict in (HOLDS, INCONCLUSIVE)
    if result.verdict == INCONCLUSIVE:
        assert result.reason and "other work kept" in result.reason


def test_the_gil_demo_with_processes_for_threads_fails_every_time(tmp_path: Path) -> None:
    require_toolchain("python")
    demo = (PROJECT_ROOT / "snippets" / "concepts" / "gil_timeline.py").read_text()
    wrong = demo.replace("[(on_threads(), on_processes())", "[(on_processes(), on_processes())")  # the mistake
    assert wrong != demo
    path = example_at(tmp_path, "gil_wrong.py", wrong)
    settings = Settings.from_env(cache_dir=None)
    runs = execute_repeated([load_example(path, tmp_path)], settings, lambda _: None, times=2)
    for result in runs["snippets/gil_wrong.py"]:
        assert (result.status, result.verdict) == (FAILED, CONTRADICTED), result
        assert result.reason and "'at most 1 of thread* busy at once' does not hold" in result.reason


# --- where an inconclusive result is shown -------------------------------------------------------------------

UNDECIDED = Result(
    path="snippets/gil.py",
    language="python",
    status="inconclusive",
    seconds=1.0,
    exit_code=0,
    output="lesson: inconclusive: other programs left it 1.0 of 2 cores\n",
    toolchain="Python 3",
    command="python gil.py",
    reason="inconclusive on this machine: it could not show its lesson: other programs left it 1.0 of 2 cores",
    line=9,
    verdict=INCONCLUSIVE,
    runs=3,
)


def test_an_inconclusive_result_is_shown_in_words_on_the_page_and_in_the_report() -> None:
    notice = inconclusive_notice(UNDECIDED)
    assert notice.startswith('!!! warning "Inconclusive on the machine that built this page"')
    assert "ran this example 3 times" in notice and "other programs left it 1.0 of 2 cores" in notice
    assert "`snippets/gil.py:9`" in notice
    [entry] = report_entries({UNDECIDED.path: UNDECIDED}, {})
    assert (entry["status"], entry["verdict"], entry["runs"]) == ("inconclusive", INCONCLUSIVE, 3)
    assert "*inconclusive*: inconclusive on this machine" in report_page({UNDECIDED.path: UNDECIDED}, {})
    assert Result.from_json(UNDECIDED.to_json()) == UNDECIDED


def test_repeat_counts_each_verdict_and_inconclusive_is_not_a_changed_verdict() -> None:
    held = replace(UNDECIDED, status=PASSED, verdict=HOLDS, reason=None)
    runs = {UNDECIDED.path: [held, UNDECIDED, held]}
    assert changed_verdicts(runs) == {}
    assert repeat_summary(runs, {}).splitlines() == [
        "JUDGED snippets/gil.py: holds 2, contradicted 0, inconclusive 1",
        "repeat: 3 runs of each of 1 example(s); no verdict changed",
    ]
    assert format_line(UNDECIDED).startswith("INCONCLUSIVE snippets/gil.py (python, 1.00s)\n  inconclusive on")
