# Unit tests for `example.platform` (an example that needs Linux) and the timeline helper's fallbacks elsewhere.
from __future__ import annotations

import importlib.util
import os
import sys
from pathlib import Path

import pytest

from hooks.common.errors import ExampleConfigError
from hooks.engine.example import load_example
from hooks.engine.options import needs_platform
from hooks.engine.result import FAILED, SKIPPED
from hooks.engine.run_example import Detected, run_example
from tests.conftest import PROJECT_ROOT


def test_an_example_that_needs_linux_is_not_executed_elsewhere(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "procfs.py"
    path.write_text("# example.platform: linux\nprint(open('/proc/self/status').readline())\n")
    example = load_example(path, tmp_path)
    assert needs_platform(example.options, "linux") is None
    assert needs_platform(example.options, "darwin") == "Linux"
    monkeypatch.setattr(sys, "platform", "darwin")
    monkeypatch.delenv("CI", raising=False)
    monkeypatch.delenv("CONCURRENCY_STRICT", raising=False)
    skipped = run_example(example, Detected(), 10)
    assert (skipped.status, skipped.reason) == (SKIPPED, "not executed: needs Linux")
    assert str(skipped.location) == "procfs.py:1"
    monkeypatch.setenv("CONCURRENCY_STRICT", "1")
    assert run_example(example, Detected(), 10).status == FAILED  # strict mode: never a skip


def test_a_bad_platform_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "x.py"
    path.write_text("# example.platform: plan9\nprint(1)\n")
    with pytest.raises(ExampleConfigError, match=r"'example\.platform' must be one of linux"):
        load_example(path, tmp_path)


def test_the_python_timeline_helper_works_without_sched_getaffinity(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    events = tmp_path / "events.tsv"
    monkeypatch.setenv("CONCURRENCY_TIMELINE", str(events))
    monkeypatch.delattr(os, "sched_getaffinity")  # as on macOS
    source = PROJECT_ROOT / "snippets" / "timeline" / "timeline.py"
    spec = importlib.util.spec_from_file_location("timeline_mac", source)
    assert spec is not None and spec.loader is not None
    helper = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(helper)
    helper.mark("main", "hello")
    lines = events.read_text().splitlines()
    assert lines[0] == f"# cpus {os.cpu_count()}" and lines[-1].startswith("mark\t")
