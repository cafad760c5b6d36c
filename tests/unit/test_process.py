# Unit tests for hooks.process.run with real, small child processes: tool runs, contributed runs in the sandbox,
# and runs without a sandbox.
from __future__ import annotations

import os
import signal
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from hooks.process import sandbox
from hooks.process.limits import MIB, Limits
from hooks.process.run import TOOL, contributed, kill_all_running, run_process, start
from hooks.process.tree import sweep_stale
from tests.sandbox.fixtures import sandbox_mode  # noqa: F401  (a fixture)
from tests.sandbox.leftovers import gone_within, marker, running

PY = sys.executable
Mode = Callable[[str], sandbox.Status]


def py(code: str, *args: str) -> list[str]:
    return [PY, "-c", code, *args]


def isolated() -> bool:
    return sandbox.current().isolated


def test_exit_code_and_output(tmp_path: Path) -> None:
    result = run_process(py("import sys; print('hi'); sys.exit(3)"), cwd=tmp_path, timeout=10)
    assert result.exit_code == 3
    assert result.output == b"hi\n" and result.stdout == b"hi\n" and result.stderr == b""
    assert not result.timed_out
    assert not result.output_capped
    assert result.not_found is None
    assert 0 < result.seconds < 10


def test_zero_exit_code(tmp_path: Path) -> None:
    assert run_process(["sh", "-c", "true"], cwd=tmp_path, timeout=10).exit_code == 0


def test_stdout_and_stderr_interleave_in_order_and_stay_apart(tmp_path: Path) -> None:
    code = (
        "import sys, time\n"
        "for i in range(4):\n"
        "    sys.stdout.write(f'out{i}\\n'); sys.stdout.flush(); time.sleep(0.05)\n"
        "    sys.stderr.write(f'err{i}\\n'); sys.stderr.flush(); time.sleep(0.05)\n"
    )
    result = run_process(py(code), cwd=tmp_path, timeout=20)
    assert result.exit_code == 0
    assert result.output.decode() == "".join(f"out{i}\nerr{i}\n" for i in range(4))
    assert result.stdout.decode() == "".join(f"out{i}\n" for i in range(4))
    assert result.stderr.decode() == "".join(f"err{i}\n" for i in range(4))


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
    assert 0.5 <= elapsed < 0.5 + 3
    assert result.seconds >= 0.5


@pytest.mark.parametrize("who", ["tool", "contributed"])
def test_timeout_kills_the_whole_tree(tmp_path: Path, who: str) -> None:
    tag = marker()
    script = f"sleep 300 & exec {PY} -c 'import time; time.sleep(300)' {tag}"
    how = contributed(None, (tmp_path,)) if who == "contributed" else TOOL
    result = run_process(["sh", "-c", script], cwd=tmp_path, timeout=0.5, confinement=how)
    assert result.timed_out and result.seconds < 0.5 + 3
    assert gone_within(tag, 5) == []


def test_background_grandchild_does_not_survive_or_hang(tmp_path: Path) -> None:
    tag = marker()
    started = time.monotonic()
    script = f"({PY} -c 'import time; time.sleep(300)' {tag} &) ; echo started"
    result = run_process(["sh", "-c", script], cwd=tmp_path, timeout=20)
    assert result.output.decode().split() == ["started"]
    assert result.exit_code == 0 and not result.timed_out
    assert time.monotonic() - started < 5  # the grandchild holds the pipe open; the call must not wait for it
    assert gone_within(tag, 5) == []


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


def test_relative_executable_is_found_in_the_working_directory(tmp_path: Path) -> None:
    tool = tmp_path / "tool"
    tool.write_text("#!/bin/sh\necho ran\n")
    tool.chmod(0o755)
    assert run_process(["./tool"], cwd=tmp_path, timeout=10).output == b"ran\n"


def test_not_executable_file_is_reported(tmp_path: Path) -> None:
    tool = tmp_path / "tool"
    tool.write_text("#!/bin/sh\necho hi\n")
    tool.chmod(0o644)
    result = run_process([str(tool)], cwd=tmp_path, timeout=10)
    assert result.not_found is None  # it exists: the problem is its mode, not the install
    assert result.start_error and "Permission denied" in result.start_error
    assert result.exit_code is None


def test_killed_by_a_signal_reports_128_plus_the_signal(tmp_path: Path) -> None:
    result = run_process(py("import os, signal; os.kill(os.getpid(), signal.SIGTERM)"), cwd=tmp_path, timeout=10)
    assert result.exit_code == 128 + signal.SIGTERM
    assert not result.timed_out


def test_missing_cwd_is_not_reported_as_a_missing_executable(tmp_path: Path) -> None:
    result = run_process([PY, "-c", "print(1)"], cwd=tmp_path / "gone", timeout=10)
    assert result.not_found is None and result.start_error


def test_contributed_code_sees_only_the_allowlisted_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GITHUB_TOKEN", "ghp_secret_from_the_build")
    code = "import os; print(sorted(os.environ)); print(os.environ.get('GITHUB_TOKEN'))"
    result = run_process(
        py(code), cwd=tmp_path, timeout=20, env={"MINE": "1"}, confinement=contributed(None, (tmp_path,))
    )
    assert result.exit_code == 0, result
    names, token = result.output.decode().splitlines()
    assert token == "None" and "GITHUB_TOKEN" not in names and "'MINE'" in names


def test_contributed_code_writes_only_its_own_folder(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    own = tmp_path / "own"
    own.mkdir()
    code = (
        "import pathlib, sys\n"
        "pathlib.Path('mine.txt').write_text('ok'); print('own folder: written')\n"
        f"try:\n    pathlib.Path({str(outside)!r}, 'x').write_text('no')\n"
        "except OSError as e:\n    print('outside:', type(e).__name__)\n"
    )
    result = run_process(py(code), cwd=own, timeout=20, confinement=contributed(None, (own,)))
    lines = result.output.decode().splitlines()
    assert lines[0] == "own folder: written" and (own / "mine.txt").is_file()
    if isolated():
        assert lines[1].startswith("outside: ") and not (outside / "x").exists()


def test_memory_cap_kills_a_flood(tmp_path: Path) -> None:
    if sandbox.current().cgroups is None:
        pytest.skip("no cgroup limits here")
    code = "b = []\nwhile True:\n    b.append(bytearray(16 * 1024 * 1024))\n"
    started = time.monotonic()
    limits = Limits(128 * MIB, 64)
    result = run_process(py(code), cwd=tmp_path, timeout=60, confinement=contributed(limits, (tmp_path,)))
    assert result.usage is not None and result.usage.oom_kills >= 1, result
    assert result.exit_code == 128 + signal.SIGKILL
    assert time.monotonic() - started < 30


def test_task_cap_refuses_forks(tmp_path: Path) -> None:
    if sandbox.current().cgroups is None:
        pytest.skip("no cgroup limits here")
    code = (
        "import threading, time\nn = 0\n"
        "try:\n    while True:\n        threading.Thread(target=time.sleep, args=(5,), daemon=True).start(); n += 1\n"
        "except RuntimeError:\n    print('refused after', n)\n"
    )
    result = run_process(
        py(code), cwd=tmp_path, timeout=60, confinement=contributed(Limits(512 * MIB, 40), (tmp_path,))
    )
    assert result.usage is not None and result.usage.refused_tasks >= 1, result
    assert int(result.output.split()[-1]) < 40


def test_without_a_sandbox_escaped_sessions_are_still_killed(tmp_path: Path, sandbox_mode: Mode) -> None:  # noqa: F811
    sandbox_mode("off")
    tag = marker()
    script = f"setsid {PY} -c 'import time; time.sleep(300)' {tag} & echo started"
    result = run_process(["sh", "-c", script], cwd=tmp_path, timeout=20)
    assert result.output == b"started\n"
    assert gone_within(tag, 5) == []  # found by the run tag in its environment


def test_kill_all_running_stops_a_started_tree(tmp_path: Path) -> None:
    tag = marker()
    process = start(["sh", "-c", f"{PY} -c 'import time; time.sleep(300)' {tag}"], cwd=tmp_path)
    deadline = time.monotonic() + 10
    while not running(tag) and time.monotonic() < deadline:
        time.sleep(0.02)
    assert running(tag)
    assert kill_all_running() >= 1
    process.close()
    assert gone_within(tag, 5) == []


def test_a_relative_working_directory_is_where_it_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "sub").mkdir()
    monkeypatch.chdir(tmp_path)
    result = run_process(py("import os; print(os.getcwd())"), cwd=Path("sub"), timeout=10)
    assert result.output.decode().strip() == str(tmp_path / "sub")


def test_folders_of_dead_builds_are_swept(tmp_path: Path) -> None:
    dead = 999_999_999  # above any pid_max: no such process
    (tmp_path / f"cme-{dead}-abc").mkdir()
    (tmp_path / f"cme-{os.getpid()}-abc").mkdir()
    (tmp_path / "cme-example-abc").mkdir()
    sweep_stale(tmp_path, "cme-")
    assert sorted(p.name for p in tmp_path.iterdir()) == [f"cme-{os.getpid()}-abc", "cme-example-abc"]


def test_cpu_budget_stops_a_busy_tree_before_its_timeout(tmp_path: Path) -> None:
    if sandbox.current().cgroups is None or sandbox.current().cgroups.create(Limits(MIB * 64, 8)).cpu_seconds() is None:
        pytest.skip("no cgroup CPU accounting here")
    code = "import os\nos.fork()\nwhile True:\n    pass\n"  # two busy processes
    started = time.monotonic()
    limits = Limits(512 * MIB, 64, cpu_seconds=1.5)
    result = run_process(py(code), cwd=tmp_path, timeout=60, confinement=contributed(limits, (tmp_path,)))
    assert result.over_cpu is not None and 1.5 < result.over_cpu < 2.5, result
    assert not result.timed_out and result.exit_code is None
    assert result.usage is not None and result.usage.cpu_seconds is not None and result.usage.cpu_seconds >= 1.5
    assert time.monotonic() - started < 30


def test_rlimit_cpu_is_a_second_line(tmp_path: Path) -> None:
    limits = Limits(512 * MIB, 64, cpu_seconds=2.2)
    code = "import resource\nprint(resource.getrlimit(resource.RLIMIT_CPU))\n"
    result = run_process(py(code), cwd=tmp_path, timeout=60, confinement=contributed(limits, (tmp_path,)))
    assert result.output.decode().strip() == "(4, 4)", result  # ceil(2.2) + 1, soft and hard


@pytest.mark.parametrize("error", ["Invalid argument", "No such file or directory"])
def test_a_sandbox_that_lost_the_mount_race_is_started_again(tmp_path: Path, error: str) -> None:
    """bubblewrap's recursive remount fails (EINVAL, or ENOENT when the folder went too) when another run's tmpfs
    goes away meanwhile: started again."""
    script = (
        "import pathlib, sys\n"
        "flag = pathlib.Path('tried')\n"
        "if not flag.exists():\n"
        "    flag.write_text('1')\n"
        "    sys.stdout.write(\"bwrap: Can't bind mount /oldroot/ on /newroot/: Unable to apply mount flags: remount "
        f'\\"/newroot/tmp/cme-1-x/ex-1\\": {error}\\n")\n'
        "    sys.exit(1)\n"
        "print('ran')\n"
    )
    done = run_process([sys.executable, "-c", script], cwd=tmp_path, timeout=30)
    assert (done.exit_code, done.output) == (0, b"ran\n")


def test_an_example_that_fails_on_its_own_is_not_started_again(tmp_path: Path) -> None:
    script = (
        "import pathlib\np = pathlib.Path('n')\np.write_text(p.read_text() + 'x' if p.exists() else 'x')\n"
        "raise SystemExit(1)\n"
    )
    done = run_process([sys.executable, "-c", script], cwd=tmp_path, timeout=30)
    assert done.exit_code == 1 and (tmp_path / "n").read_text() == "x"
