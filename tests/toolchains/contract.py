# The behaviour every toolchain must show, run with the real toolchain on tiny programs.
# Each tests/toolchains/test_<language>.py subclasses ToolchainContract with its own programs.
from __future__ import annotations

import time
import uuid
from pathlib import Path
from typing import ClassVar

import pytest

from hooks.engine.example import load_example
from hooks.engine.result import FAILED, PASSED, TIMEOUT, Result
from hooks.engine.run_example import run_example
from hooks.engine.spec import run_spec
from hooks.process import sandbox
from hooks.process.limits import EXAMPLE_LIMITS
from hooks.toolchains import TOOLCHAINS, Detected
from tests.conftest import require_toolchain
from tests.sandbox.leftovers import gone_within

HANG_TIMEOUT = 4.0  # seconds given to a program that never ends (C# spends ~1 s compiling)
KILL_SLACK = 5.0  # how much longer than its timeout a hanging example may take to be stopped


class ToolchainContract:
    language: ClassVar[str]
    extension: ClassVar[str]
    comment: ClassVar[str]
    # Programs, by case name. `{options}` is replaced by the option lines of the test.
    programs: ClassVar[dict[str, str]]
    # The line of the error in `compile_error` and `runtime_error` (counting the option block).
    error_lines: ClassVar[dict[str, int]]

    @pytest.fixture(autouse=True)
    def _toolchain(self) -> None:
        require_toolchain(self.language)

    def run(self, tmp_path: Path, case: str, *options: str, name: str | None = None, sleep: str = "300") -> Result:
        lines = "".join(f"{self.comment} example.{option}\n" for option in options)
        source = self.programs[case].replace("{options}", lines).replace("{sleep}", sleep)
        path = tmp_path / f"{name or case}{self.extension}"
        path.write_text(source)
        return run_example(example := load_example(path, tmp_path), Detected(), run_spec(example, 60))

    def test_detects_a_version(self) -> None:
        info = TOOLCHAINS[self.language].detect()
        assert info is not None and any(ch.isdigit() for ch in info.version)

    def test_good_program_passes_with_its_output(self, tmp_path: Path) -> None:
        result = self.run(tmp_path, "hello", "expect: hello from " + self.language)
        assert result.status == PASSED, result
        assert result.output.strip() == f"hello from {self.language}"
        assert result.toolchain and result.command and result.exit_code == 0

    def test_compile_error_names_its_line(self, tmp_path: Path) -> None:
        result = self.run(tmp_path, "compile_error")
        assert result.status == FAILED
        assert str(result.location) == f"compile_error{self.extension}:{self.error_lines['compile_error']}", result

    def test_runtime_error_names_its_line(self, tmp_path: Path) -> None:
        result = self.run(tmp_path, "runtime_error")
        assert result.status == FAILED
        assert result.exit_code not in (0, None)
        assert str(result.location) == f"runtime_error{self.extension}:{self.error_lines['runtime_error']}", result
        assert "boom" in result.output

    def test_nonzero_exit_fails_unless_declared(self, tmp_path: Path) -> None:
        undeclared = self.run(tmp_path, "exit_three")
        assert undeclared.status == FAILED and undeclared.exit_code == 3
        assert "exit code 3, expected 0" in (undeclared.reason or "")
        declared = self.run(tmp_path, "exit_three", "exit-code: 3", name="declared")
        assert declared.status == PASSED, declared

    def test_hang_is_killed_at_its_timeout(self, tmp_path: Path) -> None:
        marker = f"hang_{uuid.uuid4().hex[:8]}"
        started = time.monotonic()
        result = self.run(tmp_path, "hang", f"timeout: {HANG_TIMEOUT}", name=marker)
        elapsed = time.monotonic() - started
        assert result.status == TIMEOUT, result
        assert elapsed < HANG_TIMEOUT + KILL_SLACK
        assert not _processes_mentioning(marker), "a process of the hung example is still running"

    def test_output_mismatch_shows_a_diff(self, tmp_path: Path) -> None:
        result = self.run(tmp_path, "hello", "expect: goodbye")
        assert result.status == FAILED
        assert result.detail and "-goodbye" in result.detail and f"+hello from {self.language}" in result.detail

    def test_unordered_output_matches_in_any_order(self, tmp_path: Path) -> None:
        expected = [f"expect: worker {i} done" for i in range(4)]
        result = self.run(tmp_path, "unordered", *expected, "output: unordered")
        assert result.status == PASSED, result
        exact = self.run(tmp_path, "unordered", "expect: worker 9 done", name="mismatch")
        assert exact.status == FAILED

    def test_invalid_utf8_is_replaced_not_fatal(self, tmp_path: Path) -> None:
        result = self.run(tmp_path, "invalid_utf8")
        assert result.status == PASSED, result
        assert "\ufffd" in result.output and "bad" in result.output

    def test_flood_of_output_is_capped_and_killed(self, tmp_path: Path) -> None:
        started = time.monotonic()
        result = self.run(tmp_path, "flood", "timeout: 30")
        assert result.status == FAILED and "printed more than" in (result.reason or "")
        assert len(result.output.encode()) <= 256 * 1024 + 4096
        assert time.monotonic() - started < 20

    def test_child_outliving_its_parent_is_killed(self, tmp_path: Path) -> None:
        sleep = f"299.{uuid.uuid4().int % 10**9:09d}"  # a command line no other process has
        started = time.monotonic()
        result = self.run(tmp_path, "orphan", sleep=sleep)
        assert result.status == PASSED, result
        assert time.monotonic() - started < 20
        assert gone_within(f"sleep {sleep}", 5) == [], "the example's child outlived the run"

    def test_runs_in_the_sandbox_and_says_so(self, tmp_path: Path) -> None:
        result = self.run(tmp_path, "hello")
        assert result.sandbox is not None
        assert result.sandbox["isolation"] == ("bubblewrap" if sandbox.current().isolated else "none")
        if sandbox.current().complete:
            assert result.sandbox["memory_bytes"] == EXAMPLE_LIMITS.memory_bytes


def _processes_mentioning(text: str) -> list[str]:
    found = []
    for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
        try:
            args = cmdline.read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        if text in args and "pytest" not in args:
            found.append(args)
    return found
