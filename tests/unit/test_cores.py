# Unit tests for hooks.engine.cores: what `example.cores` grants on a machine, the environment, the notice, the key.
from __future__ import annotations

from pathlib import Path

import pytest

from hooks.engine import cores
from hooks.engine.cache import cache_key
from hooks.engine.cores import CORES_VARIABLE, UNITS_PER_CORE, granted, units
from hooks.engine.example import Example, load_example
from hooks.engine.options import Options
from hooks.engine.result import PASSED, SKIPPED, Result
from hooks.engine.spec import run_spec
from hooks.site.render import render_example


def example(tmp_path: Path, *options: str) -> Example:
    tmp_path.mkdir(parents=True, exist_ok=True)
    path = tmp_path / "x.py"
    path.write_text("".join(f"# example.{option}\n" for option in options) + "print(1)\n", encoding="utf-8")
    return load_example(path, root=tmp_path)


def passed(example: Example, machine: int = 2) -> Result:
    spec = run_spec(example, 60.0, machine)
    return Result(example.display_path, "python", PASSED, 0.5, 0, "1.0x\n", "Python 3", "python x.py", spec=spec)


@pytest.mark.parametrize(
    ("declared", "machine", "want"),
    [(None, 2, None), ("waits", 2, None), (1, 2, 1), (2, 2, 2), (2, 1, 1), (4, 2, 2), ("all", 2, 2), ("all", 1, 1)],
)
def test_granted_is_what_was_asked_at_most_what_the_machine_has(declared: object, machine: int, want: object) -> None:
    assert granted(Options(cores=declared), machine) == want  # type: ignore[arg-type]


def test_units_share_the_cores() -> None:
    capacity = 2 * UNITS_PER_CORE
    assert units(Options(), capacity) == UNITS_PER_CORE
    assert units(Options(cores="waits"), capacity) == 1
    assert units(Options(cores=1), capacity) == UNITS_PER_CORE
    assert units(Options(cores=2), capacity) == capacity
    assert units(Options(cores=8), capacity) == capacity
    assert units(Options(cores="all"), capacity) == capacity


def test_the_environment_names_the_granted_cores(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cores, "machine_cores", lambda: 1)
    assert run_spec(example(tmp_path / "a", "cores: 2"), 60.0).env() == {CORES_VARIABLE: "1"}
    assert run_spec(example(tmp_path / "b", "cores: waits"), 60.0).env() == {}
    assert run_spec(example(tmp_path / "c"), 60.0).env() == {}


def test_shortfall_only_when_the_machine_has_fewer_cores_than_asked(tmp_path: Path) -> None:
    two, every, plain = example(tmp_path / "a", "cores: 2"), example(tmp_path / "b", "cores: all"), example(tmp_path)
    assert run_spec(two, 60.0, 2).shortfall() is None
    assert run_spec(every, 60.0, 1).shortfall() is None  # all of one core is all there is
    assert run_spec(plain, 60.0, 1).shortfall() is None
    notice = run_spec(two, 60.0, 1).shortfall()
    assert notice is not None
    assert "needs 2 free cores" in notice[1] and "has 1" in notice[1]


def test_the_page_says_when_the_point_cannot_show(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """From what the run was given (its spec), never from the machine that renders the page."""
    gil = example(tmp_path, "cores: 2")
    monkeypatch.setattr(cores, "machine_cores", lambda: 2)  # render on a bigger machine than the run had
    page = render_example(gil, passed(gil, machine=1))
    assert '!!! warning "This machine cannot show this example\'s point"' in page
    assert page.index("cannot show") < page.index("1.0x")  # before the numbers it explains
    skipped = Result.not_run(gil.display_path, "python", SKIPPED, "not executed: Python toolchain missing")
    assert "cannot show" not in render_example(gil, skipped)
    monkeypatch.setattr(cores, "machine_cores", lambda: 1)
    assert "cannot show" not in render_example(gil, passed(gil, machine=2))


def test_the_cache_key_changes_with_the_cores_granted(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    gil, plain = example(tmp_path / "a", "cores: 2"), example(tmp_path / "b")
    monkeypatch.setattr(cores, "machine_cores", lambda: 2)
    on_two = cache_key(gil, "v", run_spec(gil, 60.0)), cache_key(plain, "v", run_spec(plain, 60.0))
    monkeypatch.setattr(cores, "machine_cores", lambda: 1)
    on_one = cache_key(gil, "v", run_spec(gil, 60.0)), cache_key(plain, "v", run_spec(plain, 60.0))
    assert on_two[0] != on_one[0]
    assert on_two[1] == on_one[1]  # an example that declares nothing does not depend on the machine's cores


def test_machine_cores_follows_the_affinity_mask_and_the_cgroup_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cores.os, "sched_getaffinity", lambda pid: {0, 1, 2, 3})
    monkeypatch.setattr(cores, "_cgroup_quota", lambda: None)
    assert cores.machine_cores() == 4
    monkeypatch.setattr(cores, "_cgroup_quota", lambda: 1.5)
    assert cores.machine_cores() == 2
    monkeypatch.setattr(cores.os, "sched_getaffinity", lambda pid: {3})
    assert cores.machine_cores() == 1


def test_the_spec_holds_the_cpu_budget_of_its_granted_cores_or_declared(tmp_path: Path) -> None:
    from hooks.engine.spec import RunSpec

    assert run_spec(example(tmp_path / "a"), 30.0, 4).limits.cpu_seconds == 30.0  # no cores declared: one
    assert run_spec(example(tmp_path / "b", "cores: 2"), 30.0, 4).limits.cpu_seconds == 60.0
    assert run_spec(example(tmp_path / "c", "cores: 2"), 30.0, 1).limits.cpu_seconds == 30.0  # granted, not asked
    declared = run_spec(example(tmp_path / "d", "cpu: 5 s", "timeout: 9"), 30.0, 4)
    assert declared.limits.cpu_seconds == 5.0 and declared.sandbox.get("cpu_seconds") in (5.0, None)
    assert RunSpec.from_json(declared.to_json()) == declared
