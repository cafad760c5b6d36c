# Unit tests for hooks.engine.scheduler.execute_all with a stub runner and stub toolchain detection.
from __future__ import annotations

import threading
import time
from collections import Counter
from dataclasses import replace
from pathlib import Path

import pytest

from hooks.common.settings import Settings
from hooks.engine.example import Example, load_example
from hooks.engine.result import FAILED, NOT_EXECUTED, PASSED, Result
from hooks.engine.scheduler import execute_all, execute_repeated, schedule
from hooks.engine.spec import RunSpec
from hooks.toolchains import ToolchainInfo

NAMES = ("a.py", "b.go", "c.exs", "d.cs")


class StubDetected:
    def __init__(self, version: str = "stub 1.0") -> None:
        self.version = version

    def get(self, language: str) -> ToolchainInfo:
        return ToolchainInfo(version=self.version, executable="stub")


class StubRunner:
    """Records every example it is asked to run and returns a passed result for it."""

    def __init__(self, status: str = PASSED) -> None:
        self.status = status
        self.calls: list[str] = []
        self.timeouts: list[float] = []
        self.lock = threading.Lock()

    def __call__(self, example: Example, detected: object, spec: RunSpec) -> Result:
        with self.lock:
            self.calls.append(example.display_path)
            self.timeouts.append(spec.timeout)
        info = detected.get(example.language)  # type: ignore[attr-defined]
        return Result(
            path=example.display_path,
            language=example.language,
            status=self.status,
            seconds=0.01,
            exit_code=0,
            output=f"ran {example.display_path}\n",
            toolchain=info.version,
            command=f"stub {example.path.name}",
            line=example.body_start,
        )


def write_examples(root: Path, names: tuple[str, ...] = NAMES, suffix: str = "") -> list[Example]:
    root.mkdir(parents=True, exist_ok=True)
    examples = []
    for name in names:
        (root / name).write_text(f"source of {name}{suffix}\n", encoding="utf-8")
        examples.append(load_example(root / name, root=root))
    return examples


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(cache_dir=tmp_path / "cache", workers=2, timeout=7.0)


def run(examples: list[Example], settings: Settings, runner: StubRunner, **kwargs: object) -> dict[str, Result]:
    logs: list[str] = []
    return execute_all(examples, settings, logs.append, detected=StubDetected(), runner=runner, **kwargs)  # type: ignore[arg-type]


def test_each_example_runs_once(tmp_path: Path, settings: Settings) -> None:
    examples = write_examples(tmp_path / "snippets")
    runner = StubRunner()
    results = run([*examples, examples[0]], settings, runner)  # a repeated example runs once too

    assert Counter(runner.calls) == Counter(NAMES)
    assert list(results) == list(NAMES)
    for name, result in results.items():
        assert result.path == name
        assert result.status == PASSED
        assert result.cached is False
        assert result.output == f"ran {name}\n"
        assert result.toolchain == "stub 1.0"
    assert set(runner.timeouts) == {7.0}


def test_second_run_comes_from_the_cache(tmp_path: Path, settings: Settings) -> None:
    examples = write_examples(tmp_path / "snippets")
    first = run(examples, settings, StubRunner())
    runner = StubRunner()
    logs: list[str] = []
    second = execute_all(examples, settings, logs.append, detected=StubDetected(), runner=runner)

    assert runner.calls == []
    assert logs == []
    assert all(result.cached for result in second.values())
    assert {name: (r.output, r.status) for name, r in second.items()} == {
        name: (r.output, r.status) for name, r in first.items()
    }


def test_changing_one_source_reruns_exactly_that_one(tmp_path: Path, settings: Settings) -> None:
    examples = write_examples(tmp_path / "snippets")
    run(examples, settings, StubRunner())

    (tmp_path / "snippets" / "b.go").write_text("changed\n", encoding="utf-8")
    examples = [load_example(e.path, root=tmp_path / "snippets") for e in examples]
    runner = StubRunner()
    results = run(examples, settings, runner)

    assert runner.calls == ["b.go"]
    assert {name for name, r in results.items() if r.cached} == {"a.py", "c.exs", "d.cs"}
    assert results["b.go"].cached is False


def test_changing_the_toolchain_version_reruns_everything(tmp_path: Path, settings: Settings) -> None:
    examples = write_examples(tmp_path / "snippets")
    run(examples, settings, StubRunner())
    runner = StubRunner()
    execute_all(examples, settings, lambda _: None, detected=StubDetected("stub 2.0"), runner=runner)  # type: ignore[arg-type]
    assert sorted(runner.calls) == sorted(NAMES)


def test_use_cache_false_reruns_everything(tmp_path: Path, settings: Settings) -> None:
    examples = write_examples(tmp_path / "snippets")
    run(examples, settings, StubRunner())
    runner = StubRunner()
    results = run(examples, settings, runner, use_cache=False)
    assert sorted(runner.calls) == sorted(NAMES)
    assert not any(r.cached for r in results.values())


def test_settings_use_cache_false_reruns_everything(tmp_path: Path, settings: Settings) -> None:
    examples = write_examples(tmp_path / "snippets")
    run(examples, settings, StubRunner())
    runner = StubRunner()
    run(examples, replace(settings, use_cache=False), runner)
    assert sorted(runner.calls) == sorted(NAMES)


def test_without_a_cache_dir_everything_runs_every_time(tmp_path: Path) -> None:
    examples = write_examples(tmp_path / "snippets")
    settings = Settings(cache_dir=None)
    for _ in range(2):
        runner = StubRunner()
        run(examples, settings, runner)
        assert sorted(runner.calls) == sorted(NAMES)


def test_failed_results_are_rerun(tmp_path: Path, settings: Settings) -> None:
    examples = write_examples(tmp_path / "snippets")
    run(examples, settings, StubRunner(status=FAILED))
    runner = StubRunner()
    run(examples, settings, runner)
    assert sorted(runner.calls) == sorted(NAMES)


def test_execute_false_runs_nothing(tmp_path: Path) -> None:
    examples = write_examples(tmp_path / "snippets")
    settings = Settings(cache_dir=tmp_path / "cache", execute=False)
    runner = StubRunner()
    logs: list[str] = []
    results = execute_all(examples, settings, logs.append, detected=StubDetected(), runner=runner)

    assert runner.calls == []
    assert list(results) == list(NAMES)
    for result in results.values():
        assert result.status == NOT_EXECUTED
        assert result.ok
        assert result.toolchain == "stub 1.0"
        assert result.output == ""
    # even with a warm cache nothing is looked up as executed
    run(examples, replace(settings, execute=True), StubRunner())
    again = execute_all(examples, settings, logs.append, detected=StubDetected(), runner=runner)
    assert {r.status for r in again.values()} == {NOT_EXECUTED}
    assert runner.calls == []


def test_a_raising_runner_gives_a_failed_result(tmp_path: Path, settings: Settings) -> None:
    examples = write_examples(tmp_path / "snippets")
    good = StubRunner()

    def runner(example: Example, detected: object, spec: RunSpec) -> Result:
        if example.display_path == "c.exs":
            raise RuntimeError("engine exploded")
        return good(example, detected, spec)

    results = execute_all(examples, settings, lambda _: None, detected=StubDetected(), runner=runner)  # type: ignore[arg-type]
    broken = results["c.exs"]
    assert broken.status == FAILED
    assert broken.reason is not None
    assert "internal error" in broken.reason
    assert "RuntimeError: engine exploded" in broken.reason
    assert not broken.ok
    assert sorted(good.calls) == ["a.py", "b.go", "d.cs"]
    assert all(results[name].status == PASSED for name in ("a.py", "b.go", "d.cs"))
    # the internal error is not cached: the next build tries again
    retry = StubRunner()
    run(examples, settings, retry)
    assert retry.calls == ["c.exs"]


def test_progress_log(tmp_path: Path, settings: Settings) -> None:
    examples = write_examples(tmp_path / "snippets")
    logs: list[str] = []
    execute_all(examples, settings, logs.append, detected=StubDetected(), runner=StubRunner())

    assert logs[0] == "executing 4 example(s), 0 from cache, on 2 core(s)"
    progress = logs[1:]
    assert sorted(line.split()[0] for line in progress) == ["[1/4]", "[2/4]", "[3/4]", "[4/4]"]
    assert [line.split()[0] for line in progress] == ["[1/4]", "[2/4]", "[3/4]", "[4/4]"]
    assert all("PASSED" in line for line in progress)
    assert sorted(line.split()[2] for line in progress) == sorted(NAMES)


def test_progress_counts_only_what_runs(tmp_path: Path, settings: Settings) -> None:
    examples = write_examples(tmp_path / "snippets")
    run(examples, settings, StubRunner())
    (tmp_path / "snippets" / "a.py").write_text("new\n", encoding="utf-8")
    examples = [load_example(e.path, root=tmp_path / "snippets") for e in examples]
    logs: list[str] = []
    execute_all(examples, settings, logs.append, detected=StubDetected(), runner=StubRunner())
    assert logs[0] == "executing 1 example(s), 3 from cache, on 2 core(s)"
    assert logs[1].startswith("[1/1] PASSED  a.py (")


def test_changing_the_default_timeout_reruns(tmp_path: Path, settings: Settings) -> None:
    root = tmp_path / "snippets"
    root.mkdir()
    (root / "t.py").write_text("print(1)\n", encoding="utf-8")
    run([load_example(root / "t.py", root=root)], settings, StubRunner())
    runner = StubRunner()
    run([load_example(root / "t.py", root=root)], Settings(cache_dir=settings.cache_dir, timeout=8.0), runner)
    assert runner.calls == ["t.py"]


class OverlapRunner(StubRunner):
    """A stub that holds each example for a moment and records which ran at the same time."""

    def __init__(self, seconds: float = 0.05) -> None:
        super().__init__()
        self.seconds = seconds
        self.running: set[str] = set()
        self.overlaps: dict[str, set[str]] = {}
        self.most = 0
        self.started: list[str] = []

    def __call__(self, example: Example, detected: object, spec: RunSpec) -> Result:
        name = example.display_path
        with self.lock:
            self.started.append(name)
            self.overlaps.setdefault(name, set()).update(self.running)
            for other in self.running:
                self.overlaps.setdefault(other, set()).add(name)
            self.running.add(name)
            self.most = max(self.most, len(self.running))
        time.sleep(self.seconds)
        with self.lock:
            self.running.discard(name)
        return super().__call__(example, detected, spec)


def declared(root: Path, name: str, *options: str) -> Example:
    root.mkdir(parents=True, exist_ok=True)
    header = "".join(f"# example.{option}\n" for option in options)
    (root / name).write_text(f"{header}print('{name}')\n", encoding="utf-8")
    return load_example(root / name, root=root)


def test_an_example_that_needs_the_whole_machine_runs_alone(tmp_path: Path, settings: Settings) -> None:
    root = tmp_path / "snippets"
    plain = [declared(root, f"p{i}.py") for i in range(6)]
    waiting = [declared(root, f"w{i}.py", "cores: waits") for i in range(4)]
    alone = [declared(root, "all.py", "cores: all"), declared(root, "two.py", "cores: 2")]
    runner = OverlapRunner()
    results = run([*plain, *waiting, *alone], settings, runner)

    assert all(r.status == PASSED for r in results.values())
    assert runner.overlaps["all.py"] == set()
    assert runner.overlaps["two.py"] == set()  # 2 cores on a 2-core machine: the whole machine
    assert runner.started[:2] == ["all.py", "two.py"]  # the machine is idle at the start


def test_one_per_core_but_four_per_core_of_those_that_mostly_wait(tmp_path: Path, settings: Settings) -> None:
    root = tmp_path / "snippets"
    runner = OverlapRunner(seconds=0.2)
    run([declared(root, f"p{i}.py") for i in range(5)], settings, runner)
    assert runner.most == 2

    runner = OverlapRunner(seconds=0.2)
    run([declared(root, f"w{i}.py", "cores: waits") for i in range(10)], settings, runner)
    assert runner.most == 8


def test_the_order_examples_start_in(tmp_path: Path) -> None:
    root = tmp_path / "snippets"
    examples = [
        declared(root, "plain.py"),
        declared(root, "waits.py", "cores: waits"),
        declared(root, "short_hang.py", "hangs: true", "timeout: 2"),
        declared(root, "one.py", "cores: 1"),
        declared(root, "long_hang.py", "hangs: true", "timeout: 9"),
        declared(root, "all.py", "cores: all"),
        declared(root, "two.py", "cores: 2"),
        declared(root, "plain2.py"),
    ]
    order = [example.display_path for example, _ in schedule([(e, None) for e in examples], 8)]
    assert order == [
        "all.py",
        "two.py",  # 2 cores of 2: the whole machine
        "long_hang.py",
        "short_hang.py",
        "waits.py",
        "plain.py",
        "one.py",  # one core of two: it runs beside others, so in the order given
        "plain2.py",
    ]


def test_repeated_runs_each_example_k_times_without_the_cache(tmp_path: Path, settings: Settings) -> None:
    examples = write_examples(tmp_path / "snippets")
    runner = StubRunner()
    runs = execute_repeated(examples, settings, lambda _: None, 3, detected=StubDetected(), runner=runner)  # type: ignore[arg-type]

    assert list(runs) == list(NAMES)
    assert all(len(results) == 3 for results in runs.values())
    assert Counter(runner.calls) == {name: 3 for name in NAMES}
    assert not (tmp_path / "cache").exists()
