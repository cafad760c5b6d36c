# Unit tests for hooks.bench.measure.suite, harness and store with a stub builder and runner: caching, interleaving.
from __future__ import annotations

import json
import shutil
from dataclasses import dataclass, field, replace
from pathlib import Path

import pytest

from hooks.bench.measure import harness
from hooks.bench.measure import store as store_module
from hooks.bench.measure.harness import groups
from hooks.bench.measure.measure import RunError, Sample
from hooks.bench.measure.profiles import QUICK, Case, Profile
from hooks.bench.measure.store import Store, cache_dir, case_key
from hooks.bench.measure.suite import run_session
from hooks.bench.measure.workloads import cases
from tests.bench.fixture import write_program

SIZES = {"threads": (10, 20), "light": (10, 20, 30), "asyncio": (10, 20), "processes": (2, 3)}
TINY = Profile("quick", 3, 1, 10.0, SIZES, {"default": 10}, {"default": 100}, {"default": 100}, 2, 1, 0, 4, 50, (0,))


@dataclass(frozen=True)
class StubBuild:
    program: str
    language: str = "python"
    argv: tuple[str, ...] = ("true",)
    env: dict[str, str] = field(default_factory=dict)
    toolchain: str = "stub 1"
    build_seconds: float = 0.0


class Recorder:
    def __init__(self, fail: str = "") -> None:
        self.calls: list[str] = []
        self.built: list[str] = []
        self.fail = fail

    def prepare(self, program: Path, build_dir: Path) -> StubBuild:
        self.built.append(program.name)
        return StubBuild(program.name)

    def measure(self, case: Case, prepared: object, profile: Profile) -> Sample:
        self.calls.append(case.label)
        if self.fail and self.fail in case.label:
            raise RunError("boom")
        n = dict(case.params).get("n", 1)
        return Sample({"wall_seconds": 0.1, "ready_pss_bytes": 1e6 + 100.0 * n})


def project(tmp_path: Path) -> list[Path]:
    return [
        write_program(tmp_path, "spawn_hold", "python_threads.py", "print(1)\n"),
        write_program(tmp_path, "spawn_hold", "go_goroutines.go", "package main\n"),
        write_program(tmp_path, "fib", "python_threads.py", "print(2)\n"),
    ]


def session(tmp_path: Path, recorder: Recorder, profile: Profile = TINY):  # type: ignore[no-untyped-def]
    return run_session(
        tmp_path, profile, Store(tmp_path / "cache"), lambda line: None,
        measure=recorder.measure, prepare=recorder.prepare, programs=project(tmp_path),
    )  # fmt: skip


def test_cases_follow_the_profile(tmp_path: Path) -> None:
    found = cases(project(tmp_path), TINY, cores=2)
    labels = [c.label for c in found]
    assert "spawn_hold/go_goroutines n=30" in labels  # a cheap unit gets the extra size
    assert "spawn_hold/python_threads n=30" not in labels
    assert [c.label for c in found if c.workload == "fib"] == [
        f"fib/python_threads n=10 workers={w}" for w in (1, 2, 4)
    ]


def test_groups_interleave_every_case_of_a_workload(tmp_path: Path) -> None:
    found = groups(cases(project(tmp_path), TINY, cores=2))
    assert [len(g) for g in found] == [5, 3]  # spawn_hold: 2 + 3 sizes; fib: 1, 2 and 4 workers


def test_runs_are_interleaved_and_warmups_discarded(tmp_path: Path) -> None:
    recorder = Recorder()
    result = session(tmp_path, recorder)
    first = [c for c in recorder.calls if c.endswith("n=10") and c.startswith("spawn_hold")]
    assert first[:4] == ["spawn_hold/python_threads n=10", "spawn_hold/go_goroutines n=10"] * 2
    assert len(first) == 2 * (TINY.warmups + TINY.runs)
    ok = [r for r in result.results if r.ok]
    assert all(r.summary["wall_seconds"].n == TINY.runs for r in ok)


def test_a_warm_up_round_runs_each_unit_once_at_its_first_size(tmp_path: Path) -> None:
    recorder = Recorder()
    session(tmp_path, recorder)
    spawn = [c for c in recorder.calls if c.startswith("spawn_hold")]
    sizes = 2 + 3  # python_threads: 2 sizes; go_goroutines: 3
    assert spawn[:2] == ["spawn_hold/python_threads n=10", "spawn_hold/go_goroutines n=10"]  # the warm-up round
    assert len(spawn) == 2 * TINY.warmups + sizes * TINY.runs
    assert spawn[2 : 2 + sizes] == [c.label for c in cases(project(tmp_path), TINY, 2) if c.workload == "spawn_hold"]


def test_a_rebuild_measures_nothing(tmp_path: Path) -> None:
    first = session(tmp_path, Recorder())
    assert first.measured == len(first.results) > 0
    again = Recorder()
    second = session(tmp_path, again)
    assert (second.measured, again.calls, again.built) == (0, [], [])
    assert all(r.cached for r in second.results)
    assert [r.samples for r in second.results] == [r.samples for r in first.results]


def test_an_edited_program_is_measured_again_alone(tmp_path: Path) -> None:
    session(tmp_path, Recorder())
    programs = project(tmp_path)
    (tmp_path / "benchmarks/fib/python_threads.py").write_text("print(3)\n")
    again = Recorder()
    second = run_session(
        tmp_path, TINY, Store(tmp_path / "cache"), lambda line: None, measure=again.measure,
        prepare=again.prepare, programs=programs,
    )  # fmt: skip
    assert again.built == ["python_threads.py"]
    assert second.measured == 3 and all(c.startswith("fib/") for c in again.calls)


def test_failures_are_reported_and_not_cached(tmp_path: Path) -> None:
    result = session(tmp_path, Recorder(fail="go_goroutines n=20"))
    failed = [r for r in result.results if r.status == "failed"]
    assert [(r.unit, r.params, r.error) for r in failed] == [("go_goroutines", {"n": 20}, "boom")]
    again = Recorder()
    session(tmp_path, again)
    assert again.calls and all("go_goroutines n=20" in c for c in again.calls)


def test_results_are_kept_per_machine(tmp_path: Path) -> None:
    first = session(tmp_path, Recorder())
    store = Store(tmp_path / "cache")
    other = tmp_path / "cache" / "0123456789abcdef"
    other.mkdir()
    (other / "machine.json").write_text(json.dumps({"key": "0123456789abcdef", "cpu_model": "Other CPU"}))
    (other / "k.json").write_text(
        json.dumps({**first.results[0].to_json(), "measured_at": "2025-01-01T00:00:00+00:00"})
    )
    found = store.other_machines(first.machine.key)
    assert [(m["cpu_model"], len(rs)) for m, rs in found] == [("Other CPU", 1)]
    assert store.other_machines("0123456789abcdef")[0][0]["key"] == first.machine.key


def test_cache_key_covers_every_input(tmp_path: Path) -> None:
    case = Case("fib", tmp_path / "a.py", (("n", 1),))
    base = case_key(case, "src", "recipe", "3.11", QUICK, "m1")
    assert base == case_key(case, "src", "recipe", "3.11", QUICK, "m1")
    others = {
        case_key(Case("fib", tmp_path / "a.py", (("n", 2),)), "src", "recipe", "3.11", QUICK, "m1"),
        case_key(case, "src2", "recipe", "3.11", QUICK, "m1"),
        case_key(case, "src", "recipe2", "3.11", QUICK, "m1"),
        case_key(case, "src", "recipe", "3.12", QUICK, "m1"),
        case_key(case, "src", "recipe", "3.11", replace(QUICK, runs=5), "m1"),
        case_key(case, "src", "recipe", "3.11", QUICK, "m2"),
    }
    assert base not in others and len(others) == 6


def test_cache_key_covers_the_measuring_code(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Results measured by older harness code are measured again (a CPU-time fix once left them stale)."""
    for path in store_module.measuring_files(store_module.HOOKS):
        copy = tmp_path / path.relative_to(store_module.HOOKS)
        copy.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(path, copy)
    monkeypatch.setattr(store_module, "HOOKS", tmp_path)
    case = Case("fib", tmp_path / "a.py", (("n", 1),))
    store_module.harness_hash.cache_clear()
    before = case_key(case, "src", "recipe", "3.11", QUICK, "m1")
    with (tmp_path / "bench" / "measure" / "child.py").open("a") as child:
        child.write("# measured differently\n")
    store_module.harness_hash.cache_clear()
    try:
        assert case_key(case, "src", "recipe", "3.11", QUICK, "m1") != before
    finally:
        store_module.harness_hash.cache_clear()


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({}, str(Path("ROOT/.cache/benchmarks").absolute())),  # programs run in folders of their own
        ({"CONCURRENCY_CACHE_DIR": "/x/examples"}, "/x/benchmarks"),
        ({"CONCURRENCY_CACHE": "0"}, None),
        ({"CONCURRENCY_CACHE_DIR": "/x/examples", "CONCURRENCY_BENCH_CACHE_DIR": "/b"}, "/b"),
    ],
)
def test_cache_dir(env: dict[str, str], expected: str | None) -> None:
    found = cache_dir(Path("ROOT"), env)
    assert (str(found) if found else None) == expected


def test_each_result_says_when_it_was_measured(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    ticks = iter(f"2026-01-01T00:{i // 60:02d}:{i % 60:02d}+00:00" for i in range(1000))
    monkeypatch.setattr(harness, "now", lambda: next(ticks))
    ok = [r for r in session(tmp_path, Recorder()).results if r.ok]
    assert len({r.measured_at for r in ok}) == len(ok) > 1  # not the build's start, each its own
    assert all(str(r.measured_at) < str(r.measured_until) for r in ok)


class Patchy(Recorder):
    """Each case's second run misses peak RSS, as when a program ends before the sampler looks."""

    def measure(self, case: Case, prepared: object, profile: Profile) -> Sample:
        sample = super().measure(case, prepared, profile)
        if self.calls.count(case.label) != 2:
            sample.values["peak_rss_bytes"] = 1e6
        return sample


def test_a_figure_some_run_did_not_produce_is_not_published(tmp_path: Path) -> None:
    for r in session(tmp_path, Patchy()).results:
        if r.ok:
            assert "peak_rss_bytes" not in r.summary and r.incomplete == ("peak_rss_bytes",)
            assert r.summary["wall_seconds"].n == TINY.runs


def test_toolchains_are_detected_once_per_session(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The versions in the cache key and the builds use one detection (the build hands its own down)."""
    from hooks import toolchains

    calls: list[str] = []
    real = toolchains.TOOLCHAINS["python"]

    def counted() -> toolchains.ToolchainInfo | None:
        calls.append("python")
        return real.detect()

    monkeypatch.setitem(toolchains.TOOLCHAINS, "python", replace(real, detect=counted))
    program = write_program(tmp_path, "fib", "python_threads.py", "print(2)\n")
    recorder = Recorder()
    detected = toolchains.Detected()
    run_session(tmp_path, TINY, Store(tmp_path / "store"), lambda _: None, measure=recorder.measure,
                programs=[program], detected=detected)  # fmt: skip
    assert calls == ["python"]  # the versions of the key; the real builder below asks the same detection
    from hooks.bench.measure.programs import prepare

    prepare(program, tmp_path / "build", detected)
    assert calls == ["python"]
