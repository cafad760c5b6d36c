# Unit tests for hooks.engine.cores: what `example.cores` grants on a machine, the environment, the notice, the key.
from __future__ import annotations

from pathlib import Path

import pytest

from hooks.engine import cores
from hooks.engine.cache import cache_key
from hooks.engine.cores import CORES_VARIABLE, UNITS_PER_CORE, cores_env, granted, shortfall, units
from hooks.engine.example import Example, load_example
from hooks.engine.options import Options
from hooks.engine.result import PASSED, SKIPPED, Result
from hooks.site.render import render_example


def example(tmp_path: Path, *options: str) -> Example:
    tmp_path.mkdir(parents=True, exist_ok=True)
    path = tmp_path / "x.py"
    path.write_text("".join(f"# example.{option}\n" for option in options) + "print(1)\n", encoding="utf-8")
    return load_example(path, root=tmp_path)


def passed(example: Example) -> Result:
    return Result(example.display_path, "python", PASSED, 0.5, 0, "1.0x\n", "Python 3", "python x.py")


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


def test_the_environment_names_the_granted_cores(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cores, "machine_cores", lambda: 1)
    assert cores_env(Options(cores=2)) == {CORES_VARIABLE: "1"}
    assert cores_env(Options(cores="waits")) == {}
    assert cores_env(Options()) == {}


def test_shortfall_only_when_the_machine_has_fewer_cores_than_asked() -> None:
    assert shortfall(Options(cores=2), 2) is None
    assert shortfall(Options(cores="all"), 1) is None  # all of one core is all there is
    assert shortfall(Options(), 1) is None
    notice = shortfall(Options(cores=2), 1)
    assert notice is not None
    assert "needs 2 free cores" in notice[1] and "has 1" in notice[1]


def test_the_page_says_when_the_point_cannot_show(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    gil = example(tmp_path, "cores: 2")
    monkeypatch.setattr(cores, "machine_cores", lambda: 1)
    page = render_example(gil, passed(gil))
    assert '!!! warning "This machine cannot show this example\'s point"' in page
    assert page.index("cannot show") < page.index("1.0x")  # before the numbers it explains
    skipped = Result.not_run(gil.display_path, "python", SKIPPED, "not executed: Python toolchain missing")
    assert "cannot show" not in render_example(gil, skipped)
    monkeypatch.setattr(cores, "machine_cores", lambda: 2)
    assert "cannot show" not in render_example(gil, passed(gil))


def test_the_cache_key_changes_with_the_cores_granted(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    gil, plain = example(tmp_path / "a", "cores: 2"), example(tmp_path / "b")
    monkeypatch.setattr(cores, "machine_cores", lambda: 2)
    on_two = cache_key(gil, "v", 60.0), cache_key(plain, "v", 60.0)
    monkeypatch.setattr(cores, "machine_cores", lambda: 1)
    on_one = cache_key(gil, "v", 60.0), cache_key(plain, "v", 60.0)
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
