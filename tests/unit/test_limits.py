# Unit tests for hooks.process.limits: declared limits, and finding cgroups (on a fake /proc and cgroup tree).
from __future__ import annotations

from pathlib import Path

import pytest

from hooks.process.cgroup import find_cgroups
from hooks.process.limits import EXAMPLE_LIMITS, GIB, MIB, Limits, format_bytes, parse_memory, parse_tasks


def test_defaults_are_sized_for_a_docs_example() -> None:
    assert EXAMPLE_LIMITS.memory_bytes <= 2 * GIB and EXAMPLE_LIMITS.tasks <= 1024
    assert EXAMPLE_LIMITS.describe() == "2 GiB of memory, 1,024 tasks"


def test_declared_limits_only_raise() -> None:
    assert EXAMPLE_LIMITS.raised(4 * GIB, None) == Limits(4 * GIB, 1024)
    assert EXAMPLE_LIMITS.raised(MIB, 10) == EXAMPLE_LIMITS


@pytest.mark.parametrize(("text", "value"), [("4 GiB", 4 * GIB), ("512 MiB", 512 * MIB), ("1.5GiB", 3 * GIB // 2)])
def test_parse_memory(text: str, value: int) -> None:
    assert parse_memory(text) == value


@pytest.mark.parametrize("text", ["4 GB", "lots", "-1 GiB", "0 MiB", "65 GiB"])
def test_parse_memory_refuses(text: str) -> None:
    with pytest.raises(ValueError, match="512 MiB or 4 GiB"):
        parse_memory(text)


def test_parse_tasks() -> None:
    assert parse_tasks(" 4096 ") == 4096
    for bad in ("0", "-3", "many", "2000000"):
        with pytest.raises(ValueError, match="whole number"):
            parse_tasks(bad)


def test_format_bytes() -> None:
    assert (format_bytes(2 * GIB), format_bytes(3 * MIB), format_bytes(1000)) == ("2 GiB", "3 MiB", "1,000 bytes")


def _fake_proc(tmp_path: Path, mountinfo: str, cgroup: str) -> Path:
    proc = tmp_path / "proc"
    proc.mkdir()
    (proc / "mountinfo").write_text(mountinfo)
    (proc / "cgroup").write_text(cgroup)
    return proc


def test_no_cgroup_hierarchy_is_said(tmp_path: Path) -> None:
    proc = _fake_proc(tmp_path, "22 1 0:21 / /proc rw - proc proc rw\n", "")
    assert find_cgroups(proc) == "no cgroup v2 and no cgroup v1 memory + pids hierarchy is mounted"


def test_v2_without_the_controllers_is_said(tmp_path: Path) -> None:
    root = tmp_path / "cg"
    (root / "build").mkdir(parents=True)
    (root / "build" / "cgroup.controllers").write_text("cpu io\n")
    proc = _fake_proc(tmp_path, f"30 1 0:26 / {root} rw - cgroup2 cgroup2 rw\n", "0::/build\n")
    found = find_cgroups(proc)
    assert isinstance(found, str) and "offers no memory and pids controllers" in found


def test_cpu_budget_is_the_timeout_times_the_granted_cores_or_declared() -> None:
    from hooks.process.limits import cpu_budget, parse_cpu

    assert cpu_budget(30, None, None) == 30 and cpu_budget(30, 4, None) == 120 and cpu_budget(30, 4, 5.0) == 5.0
    assert parse_cpu("20 s") == 20 and parse_cpu("2.5") == 2.5
    for bad in ("0", "-1 s", "ten", "100000 s"):
        with pytest.raises(ValueError, match="seconds of CPU time"):
            parse_cpu(bad)
    assert Limits(GIB, 8, 12.0).describe() == "1 GiB of memory, 8 tasks, 12 s of CPU"
