# `python -m hooks run`: the contract's lines, JSON and exit codes, with the real interpreter.
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from tests.conftest import PROJECT_ROOT, process_alive


def hooks_run(*args: str, cwd: Path, timeout: float = 120, **extra_env: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("CONCURRENCY_TIMEOUT", *extra_env)} | extra_env
    return subprocess.run(
        [sys.executable, "-m", "hooks", "run", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=timeout,
        env=env,
    )


def test_pass_and_fail_lines_and_exit_status(tmp_path: Path) -> None:
    (tmp_path / "ok.py").write_text('print("fine")\n')
    (tmp_path / "bad.py").write_text('print("about to fail")\nraise ValueError("nope")\n')
    done = hooks_run("ok.py", "bad.py", cwd=tmp_path)
    assert done.returncode == 1
    lines = done.stdout.splitlines()
    assert lines[0].startswith("PASS ok.py (python, ") and lines[0].endswith("s)")
    assert any(line.startswith("FAIL bad.py (python, ") for line in lines)
    assert "bad.py:2: failed: exit code 1, expected 0" in done.stdout
    assert "ValueError: nope" in done.stdout  # the output's tail


def test_all_passing_exits_zero(tmp_path: Path) -> None:
    (tmp_path / "ok.py").write_text('print("fine")\n')
    assert hooks_run("ok.py", cwd=tmp_path).returncode == 0


def test_json_has_the_contract_fields(tmp_path: Path) -> None:
    (tmp_path / "ok.py").write_text('print("fine")\n')
    done = hooks_run("--json", "ok.py", cwd=tmp_path)
    [entry] = json.loads(done.stdout)
    assert {"path", "language", "status", "seconds", "exit_code", "output"} <= entry.keys()
    assert (entry["path"], entry["language"], entry["status"], entry["exit_code"]) == ("ok.py", "python", "passed", 0)
    assert entry["output"] == "fine\n"


def test_a_hang_is_bounded_by_timeout(tmp_path: Path) -> None:
    (tmp_path / "hang.py").write_text("import time\ntime.sleep(3600)\n")
    started = time.monotonic()
    done = hooks_run("--timeout", "2", "hang.py", cwd=tmp_path)
    assert time.monotonic() - started < 15
    assert done.returncode == 1 and done.stdout.startswith("TIMEOUT hang.py (python, ")


def test_file_outside_snippets_and_config_errors(tmp_path: Path) -> None:
    (tmp_path / "typo.py").write_text("# example.expectt: x\nprint(1)\n")
    done = hooks_run(str(tmp_path / "typo.py"), cwd=PROJECT_ROOT)
    assert done.returncode == 1
    assert "unknown option 'example.expectt'" in done.stdout and "typo.py:1" in done.stdout


def test_missing_path_is_a_usage_error(tmp_path: Path) -> None:
    done = hooks_run("nope.py", cwd=tmp_path)
    assert done.returncode == 2 and "no such file or folder: nope.py" in done.stderr


def test_sigterm_stops_the_run_and_its_examples(tmp_path: Path) -> None:
    marker = f"held_{os.getpid()}_{time.monotonic_ns()}"
    (tmp_path / f"{marker}.py").write_text('import time\nprint("holding", flush=True)\ntime.sleep(3600)\n')
    proc = subprocess.Popen(
        [sys.executable, "-m", "hooks", "run", f"{marker}.py"],
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 30
    while not _processes_running(marker) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert _processes_running(marker), "the example never started"
    proc.send_signal(signal.SIGTERM)
    _, stderr = proc.communicate(timeout=15)
    assert proc.returncode == 130 and "interrupted" in stderr
    time.sleep(0.2)
    assert not _processes_running(marker)


def _processes_running(text: str) -> list[int]:
    found = []
    for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
        try:
            args = cmdline.read_bytes()
        except OSError:
            continue
        if text.encode() in args and b"hooks" not in args:
            found.append(int(cmdline.parent.name))
    return [pid for pid in found if process_alive(pid)]


def test_repeat_reports_an_example_whose_verdict_changed(tmp_path: Path) -> None:
    flag = tmp_path / "first-run"
    (tmp_path / "steady.py").write_text('print("always")\n')
    # The one run that creates the flag file fails; every other run passes. The flag lives outside the
    # example's own folder, where the sandbox (rightly) lets no run write: this test is about --repeat's report.
    (tmp_path / "flaky.py").write_text(
        f"import os, sys\ntry:\n    os.close(os.open({str(flag)!r}, os.O_CREAT | os.O_EXCL))\n"
        "except FileExistsError:\n    print('passed this time')\nelse:\n    sys.exit(3)\n"
    )
    done = hooks_run("--repeat", "3", "steady.py", "flaky.py", cwd=tmp_path, CONCURRENCY_SANDBOX="off")
    lines = done.stdout.splitlines()
    assert done.returncode == 1
    assert sum(line.startswith("PASS steady.py (python, ") for line in lines) == 3
    assert sum(line.startswith("PASS flaky.py (python, ") for line in lines) == 2
    assert sum(line.startswith("FAIL flaky.py (python, ") for line in lines) == 1
    assert "repeat: 3 runs of each of 2 example(s); the verdict changed for 1:" in lines
    assert "CHANGED flaky.py: FAIL 1, PASS 2" in lines


def test_repeat_with_steady_verdicts_exits_zero(tmp_path: Path) -> None:
    (tmp_path / "ok.py").write_text('print("fine")\n')
    done = hooks_run("--repeat", "2", "ok.py", cwd=tmp_path)
    assert done.returncode == 0
    assert done.stdout.splitlines()[-1] == "repeat: 2 runs of each of 1 example(s); no verdict changed"
    assert hooks_run("--repeat", "0", "ok.py", cwd=tmp_path).returncode == 2


def test_an_example_that_declares_cores_is_told_how_many_it_got(tmp_path: Path) -> None:
    (tmp_path / "cores.py").write_text(
        "# example.cores: 64\n# example.match: ^granted \\d+ of \\d+$\nimport os\n"
        "print('granted', os.environ['CONCURRENCY_CORES'], 'of', len(os.sched_getaffinity(0)))\n"
    )
    (tmp_path / "plain.py").write_text("import os\nprint('CONCURRENCY_CORES' in os.environ)\n")
    done = hooks_run("--json", "cores.py", "plain.py", cwd=tmp_path)
    cores, plain = json.loads(done.stdout)
    granted, _, available = cores["output"].split()[1:4]
    assert granted == available  # asked for 64: got every core this machine has
    assert plain["output"] == "False\n"
