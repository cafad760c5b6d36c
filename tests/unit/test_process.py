# Unit tests for hooks.process.run_process with real, small child processes.
from __future__ import annotations

import contextlib
import os
import signal
import sys
import time
from pathlib import Path

from hooks.process import run_process

PY = sys.executable


def py(code: str) -> list[str]:
    return [PY, "-c", code]


def alive(pid: int) -> bool:
    """True while `pid` exists and is not a zombie (a killed orphan may wait a moment to be reaped)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except (FileNotFoundError, ProcessLookupError):
        return False
    return stat.rsplit(")", 1)[1].split()[0] not in ("Z", "X")


def gone_within(pid: int, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if not alive(pid):
            return True
        time.sleep(0.02)
    return not alive(pid)


def kill_quietly(pid: int) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.kill(pid, signal.SIGKILL)


def test_exit_code_and_output(tmp_path: Path) -> None:
    result = run_process(py("import sys; print('hi'); sys.exit(3)"), cwd=tmp_path, timeout=10)
    assert result.exit_code == 3
    assert result.output == b"hi\n"
    assert not result.timed_out
    assert not result.output_capped
    assert result.not_found is None
    assert 0 < result.seconds < 10


def test_zero_exit_code(tmp_path: Path) -> None:
    assert run_process(["sh", "-c", "true"], cwd=tmp_path, timeout=10).exit_code == 0


def test_stdout_and_stderr_are_merged_in_order(tmp_path: Path) -> None:
    code = (
        "import sys\n"
        "for i in range(5):\n"
        "    sys.stdout.write(f'out{i}\\n'); sys.stdout.flush()\n"
        "    sys.stderr.write(f'err{i}\\n'); sys.stderr.flush()\n"
    )
    result = run_process(py(code), cwd=tmp_path, timeout=10)
    assert result.exit_code == 0
    expected = "".join(f"out{i}\nerr{i}\n" for i in range(5))
    assert result.output.decode() == expected


def test_cwd_and_env_are_used(tmp_path: Path) -> None:
    code = "import os; print(os.getcwd()); print(os.environ.get('CME_TEST'))"
    result = run_process(py(code), cwd=tmp_path, timeout=10, env={"CME_TEST": "yes"})
    assert result.output.decode().splitlines() == [str(tmp_path), "yes"]


def test_stdin_is_empty(tmp_path: Path) -> None:
    result = run_process(py("import sys; print(repr(sys.stdin.read()))"), cwd=tmp_path, timeout=10)
    assert result.output == b"''\n"


def test_timeout_kills_and_reports(tmp_path: Path) -> None:
    started = time.monotonic()
    result = run_process(py("import time; print('start', flush=True); time.sleep(60)"), cwd=tmp_path, timeout=0.5)
    elapsed = time.monotonic() - started
    assert result.timed_out
    assert result.exit_code is None
    assert not result.output_capped
    assert result.output == b"start\n"
    assert 0.5 <= elapsed < 0.5 + 2
    assert result.seconds >= 0.5


def test_timeout_kills_the_whole_tree(tmp_path: Path) -> None:
    script = "sleep 300 & echo $!; sleep 300"
    result = run_process(["sh", "-c", script], cwd=tmp_path, timeout=0.5)
    pid = int(result.output.split()[0])
    try:
        assert result.timed_out
        assert result.seconds < 0.5 + 2
        assert gone_within(pid, 3)
    finally:
        kill_quietly(pid)


def test_background_grandchild_does_not_survive_or_hang(tmp_path: Path) -> None:
    started = time.monotonic()
    result = run_process(["sh", "-c", "sleep 300 & echo $!; echo started"], cwd=tmp_path, timeout=20)
    elapsed = time.monotonic() - started
    lines = result.output.decode().split()
    pid = int(lines[0])
    try:
        assert lines[1] == "started"
        assert result.exit_code == 0
        assert not result.timed_out
        assert elapsed < 5  # the grandchild holds the pipe open; the call must not wait for it
        assert gone_within(pid, 3)
    finally:
        kill_quietly(pid)


def test_output_cap_kills_an_endless_printer(tmp_path: Path) -> None:
    started = time.monotonic()
    result = run_process(
        py("import sys\nwhile True:\n    sys.stdout.write('x' * 1000 + '\\n')"),
        cwd=tmp_path,
        timeout=20,
        output_cap=10_000,
    )
    assert result.output_capped
    assert not result.timed_out
    assert result.exit_code is None
    assert 0 < len(result.output) <= 10_000
    assert set(result.output) <= {ord("x"), ord("\n")}
    assert time.monotonic() - started < 10


def test_output_exactly_at_the_cap_is_not_capped(tmp_path: Path) -> None:
    code = "import sys; sys.stdout.write('y' * 5000)"
    result = run_process(py(code), cwd=tmp_path, timeout=10, output_cap=5000)
    assert not result.output_capped
    assert result.exit_code == 0
    assert result.output == b"y" * 5000


def test_invalid_utf8_is_returned_unchanged(tmp_path: Path) -> None:
    code = "import sys; sys.stdout.buffer.write(b'\\xff\\xfe ok \\xc3\\x28\\n')"
    result = run_process(py(code), cwd=tmp_path, timeout=10)
    assert result.output == b"\xff\xfe ok \xc3\x28\n"
    assert isinstance(result.output, bytes)


def test_missing_executable_is_reported_not_raised(tmp_path: Path) -> None:
    missing = str(tmp_path / "no-such-tool")
    result = run_process([missing, "--version"], cwd=tmp_path, timeout=10)
    assert result.not_found == missing
    assert result.exit_code is None
    assert result.output == b""
    assert not result.timed_out


def test_missing_executable_on_path(tmp_path: Path) -> None:
    result = run_process(["cme-definitely-not-installed-tool"], cwd=tmp_path, timeout=10)
    assert result.not_found == "cme-definitely-not-installed-tool"


def test_not_executable_file_is_reported(tmp_path: Path) -> None:
    tool = tmp_path / "tool"
    tool.write_text("#!/bin/sh\necho hi\n")
    tool.chmod(0o644)
    result = run_process([str(tool)], cwd=tmp_path, timeout=10)
    assert result.not_found is None  # it exists: the problem is its mode, not the install
    assert result.start_error and "Permission denied" in result.start_error
    assert result.exit_code is None


def test_killed_by_a_signal_has_a_negative_exit_code(tmp_path: Path) -> None:
    result = run_process(py("import os, signal; os.kill(os.getpid(), signal.SIGTERM)"), cwd=tmp_path, timeout=10)
    assert result.exit_code == -signal.SIGTERM
    assert not result.timed_out


def test_missing_cwd_is_not_reported_as_a_missing_executable(tmp_path: Path) -> None:
    result = run_process([PY, "-c", "print(1)"], cwd=tmp_path / "gone", timeout=10)
    assert result.not_found is None
