# Tests for bench.measure.measure and child with real tiny Python processes: READY handshake, JSON, timeouts, kills.
from __future__ import annotations

import sys
from dataclasses import dataclass, field, replace
from pathlib import Path

import pytest

from hooks.bench.measure.measure import RunError, last_json, run_once
from hooks.bench.measure.profiles import QUICK, Case
from tests.sandbox.leftovers import gone_within, marker

SPAWN = """
import json, sys, threading
n = int(sys.argv[1].split("=")[1])
gate = threading.Event()
ready = threading.Barrier(n + 1)
def unit():
    ready.wait()
    gate.wait()
threads = [threading.Thread(target=unit) for _ in range(n)]
for t in threads:
    t.start()
ready.wait()
print("READY", flush=True)
sys.stdin.readline()
gate.set()
for t in threads:
    t.join()
print(json.dumps({"n": n, "spawn_seconds": 0.01, "release_seconds": 0.001}))
"""

ORPHAN = """
import os, subprocess, sys, time
child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)", "MARKER"])
time.sleep(60)
"""


@dataclass(frozen=True)
class Built:
    program: str
    argv: tuple[str, ...]
    language: str = "python"
    env: dict[str, str] = field(default_factory=dict)
    toolchain: str = "python"
    build_seconds: float = 0.0


def program(tmp_path: Path, text: str) -> Built:
    path = tmp_path / "p.py"
    path.write_text(text)
    return Built(str(path), (sys.executable, str(path)))


def test_spawn_hold_handshake_and_metrics(tmp_path: Path) -> None:
    sample = run_once(Case("spawn_hold", tmp_path / "p.py", (("n", 20),)), program(tmp_path, SPAWN), QUICK)
    values = sample.values
    assert values["ready_rss_bytes"] > 1e6 and values["ready_pss_bytes"] > 0
    assert values["peak_rss_bytes"] >= values["ready_rss_bytes"] * 0.5
    assert values["inner_spawn_seconds"] == 0.01 and values["spawn_seconds_per_unit"] == pytest.approx(0.0005)
    assert values["wall_seconds"] > 0 and values["cpu_seconds"] > 0


def test_wrong_fib_result_fails(tmp_path: Path) -> None:
    built = program(tmp_path, 'import json; print(json.dumps({"n": 10, "workers": 1, "result": 54, "seconds": 0.1}))')
    with pytest.raises(RunError, match="should be 55"):
        run_once(Case("fib", tmp_path / "p.py", (("n", 10), ("workers", 1))), built, QUICK)


def test_exit_code_and_missing_json_fail(tmp_path: Path) -> None:
    with pytest.raises(RunError, match="exit code 3"):
        run_once(Case("ping_pong", tmp_path / "p.py", ()), program(tmp_path, "raise SystemExit(3)"), QUICK)
    with pytest.raises(RunError, match="not a JSON object"):
        run_once(Case("ping_pong", tmp_path / "p.py", ()), program(tmp_path, "print('hello')"), QUICK)


def test_timeout_kills_the_whole_tree(tmp_path: Path) -> None:
    tag = marker()  # the child's command line: in the sandbox its pid is not ours to look up
    case = Case("ping_pong", tmp_path / "p.py", ())
    built = program(tmp_path, ORPHAN.replace("MARKER", tag))
    with pytest.raises(RunError, match="timed out"):
        run_once(case, built, replace(QUICK, timeout=1.5))
    assert gone_within(tag, 5) == []


def test_last_json() -> None:
    assert last_json(["READY", '{"a": 1}', ""]) == {"a": 1}
    with pytest.raises(RunError):
        last_json([])


BUSY = """
import json, subprocess, sys, time
# Half of the work in a child process that this program waits for, half in the program itself.
SPIN = "import time\\nend = time.process_time() + 0.3\\nwhile time.process_time() < end: pass"
child = subprocess.Popen([sys.executable, "-c", SPIN])
end = time.process_time() + 0.3
while time.process_time() < end:
    pass
child.wait()
print(json.dumps({"value": 2, "seconds": 0.6}))
"""


def test_cpu_time_counts_the_program_and_its_children_in_the_sandbox_too(tmp_path: Path) -> None:
    """In a sandbox's PID namespace wait4's rusage sees only the sandbox; the harness reads the run's cgroup
    instead. 0.6 s of CPU were burnt: the figure must say so (None, not a wrong number, where it cannot)."""
    sample = run_once(Case("ping_pong", tmp_path / "p.py", (("rounds", 1),)), program(tmp_path, BUSY), QUICK)
    assert sample.values["cpu_seconds"] >= 0.55, sample.values
