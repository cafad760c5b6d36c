# The benchmark programs, built by hooks.bench.measure.programs with the real toolchains and run with tiny parameters.
from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from pathlib import Path

import pytest

from hooks.bench.measure.connections import run_connections
from hooks.bench.measure.measure import run_once
from hooks.bench.measure.profiles import QUICK, Case
from hooks.bench.measure.programs import LANGUAGES, Prepared, prepare, programs
from hooks.bench.measure.workloads import WORKLOADS
from hooks.common.errors import SetupError
from hooks.toolchains import TOOLCHAINS
from tests.conftest import PROJECT_ROOT, process_alive, require_toolchain

ALL = programs(PROJECT_ROOT)
RUN_TIMEOUT = 90.0
# Tiny parameters per workload, and what the JSON line must then say.
TINY = {
    "fib": ({"n": 15, "workers": 2}, {"n": 15, "workers": 2, "result": 610}),
    "ping_pong": ({"rounds": 100}, {"rounds": 100, "value": 200}),
    "pipeline": ({"messages": 100, "stages": 3}, {"messages": 100, "stages": 3, "sum": 5050 + 100 * 3}),
    "spawn_hold": ({"n": 50}, {"n": 50}),
    "latency": ({"neighbours": 2, "millis": 30}, {"neighbours": 2, "millis": 30}),
}
TIMINGS = {"fib": ("seconds",), "ping_pong": ("seconds",), "pipeline": ("seconds",)}
TIMINGS["spawn_hold"] = ("spawn_seconds", "release_seconds")
TIMINGS["latency"] = ("seconds",)


def rel(program: Path) -> str:
    return f"{program.parent.name}/{program.name}"


@pytest.fixture(scope="module")
def build_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("bench-build")


_built: dict[Path, Prepared | SetupError] = {}


def built(program: Path, build_dir: Path) -> Prepared:
    """Each program is prepared once per test session; the first call builds them all, three at a time."""
    require_toolchain(LANGUAGES[program.suffix])
    if not _built:
        available = [p for p in ALL if TOOLCHAINS[LANGUAGES[p.suffix]].detect() is not None]
        with ThreadPoolExecutor(max_workers=3) as pool:
            _built.update(zip(available, pool.map(lambda p: _prepare(p, build_dir), available), strict=True))
    found = _built.get(program) or _prepare(program, build_dir)
    if isinstance(found, SetupError):
        raise found
    return found


def _prepare(program: Path, build_dir: Path) -> Prepared | SetupError:
    try:
        return prepare(program, build_dir)
    except SetupError as error:
        return error


def start(prepared: Prepared, params: dict[str, int]) -> subprocess.Popen[str]:
    argv = [*prepared.argv, *(f"{k}={v}" for k, v in params.items())]
    return subprocess.Popen(
        argv,
        cwd=PROJECT_ROOT,
        env={**os.environ, **prepared.env},
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )


def group_members(pgid: int) -> list[int]:
    """Live processes in process group `pgid` (the program and anything it started)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except (OSError, IndexError):
                continue
            if int(fields[2]) == pgid and process_alive(int(entry.name)):
                found.append(int(entry.name))
    return found


@pytest.fixture
def guard() -> Iterator[list[subprocess.Popen[str]]]:
    """Kills (by process group) whatever a test started and left running, and checks nothing was left."""
    started: list[subprocess.Popen[str]] = []
    yield started
    leftovers = []
    for proc in started:
        members = group_members(proc.pid)
        if members:
            leftovers.append(members)
            os.killpg(proc.pid, signal.SIGKILL)
        if proc.poll() is None:
            proc.kill()
        proc.wait(timeout=10)
    assert not leftovers, f"processes left running: {leftovers}"


def deadline(proc: subprocess.Popen[str]) -> threading.Timer:
    """Kills the program's group if the test would otherwise wait forever on it."""
    timer = threading.Timer(RUN_TIMEOUT, lambda: os.killpg(proc.pid, signal.SIGKILL))
    timer.daemon = True
    timer.start()
    return timer


def last_json(stdout: str) -> dict[str, object]:
    lines = stdout.strip().splitlines()
    assert lines, "no output"
    value = json.loads(lines[-1])
    assert isinstance(value, dict)
    return value


def wait_gone(pgid: int) -> None:
    for _ in range(100):
        if not group_members(pgid):
            return
        time.sleep(0.05)
    raise AssertionError(f"processes of group {pgid} still running: {group_members(pgid)}")


@pytest.mark.parametrize("program", [p for p in ALL if p.parent.name != "http"], ids=rel)
def test_program_runs(program: Path, build_dir: Path, guard: list[subprocess.Popen[str]]) -> None:
    prepared = built(program, build_dir)
    workload = program.parent.name
    params, expected = TINY[workload]
    if program.stem == "python_processes" and workload == "spawn_hold":
        params, expected = {"n": 3}, {"n": 3}
    proc = start(prepared, params)
    guard.append(proc)
    timer = deadline(proc)
    assert proc.stdin is not None and proc.stdout is not None
    if workload == "spawn_hold":
        assert proc.stdout.readline().strip() == "READY"
        proc.stdin.write("go\n")
        proc.stdin.flush()
    stdout, stderr = proc.communicate(timeout=RUN_TIMEOUT)
    timer.cancel()
    assert proc.returncode == 0, stderr
    result = last_json(stdout)
    assert {k: result[k] for k in expected} == expected
    for key in TIMINGS[workload]:
        assert isinstance(result[key], float | int) and result[key] >= 0, result
    if workload == "latency":  # the harness's figures come out of the program's own lists
        figures = WORKLOADS["latency"].reduce(params, result)
        assert figures["ticks"] >= 1 and result["chunks"] > 0, result
        p50, p99, top = (figures[f"lateness_{q}_seconds"] for q in ("p50", "p99", "max"))
        assert 0 <= p50 <= p99 <= top
        assert WORKLOADS["latency"].check(params, {**result, **figures}) is None
    wait_gone(proc.pid)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@pytest.mark.parametrize("stop", ["sigterm", "stdin-eof"])
@pytest.mark.parametrize("program", [p for p in ALL if p.parent.name == "http"], ids=rel)
def test_http_server(program: Path, stop: str, build_dir: Path, guard: list[subprocess.Popen[str]]) -> None:
    prepared = built(program, build_dir)
    port = free_port()
    proc = start(prepared, {"port": port})
    guard.append(proc)
    timer = deadline(proc)
    assert proc.stdin is not None and proc.stdout is not None
    assert proc.stdout.readline().strip() == "READY"
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=30) as response:
        assert response.status == 200
        assert response.headers["Content-Type"].startswith("text/plain")
        assert response.read() == b"Hello, World!"
    with pytest.raises(urllib.error.HTTPError) as missing:
        urllib.request.urlopen(f"http://127.0.0.1:{port}/missing", timeout=30)
    assert missing.value.code == 404
    if stop == "sigterm":
        proc.send_signal(signal.SIGTERM)
    else:
        proc.stdin.close()
    stdout = proc.stdout.read()
    proc.wait(timeout=RUN_TIMEOUT)
    timer.cancel()
    assert proc.returncode == 0, proc.stderr.read() if proc.stderr else ""
    assert last_json(stdout) == {"port": port, "requests": 1}
    wait_gone(proc.pid)


# One program per language: a wrong parameter is refused with exit 2 and a message, before any work.
# Every language gets an unknown key; the quick-starting ones also a non-integer and an out-of-range value.
FIB = {LANGUAGES[p.suffix]: p for p in ALL if p.parent.name == "fib" and p.stem != "python_processes"}
BAD = [(FIB[language], "bogus=1", "unknown parameter") for language in sorted(FIB)]
BAD += [(FIB[language], "n=ten", "must be an integer") for language in ("python", "go")]
BAD += [(FIB[language], "workers=0", "must be at least 1") for language in ("python", "go")]


@pytest.mark.parametrize(("program", "arg", "message"), BAD, ids=[f"{rel(p)}-{a}" for p, a, _ in BAD])
def test_bad_parameter_exits_2(program: Path, arg: str, message: str, build_dir: Path) -> None:
    prepared = built(program, build_dir)
    done = subprocess.run(
        [*prepared.argv, arg],
        env={**os.environ, **prepared.env},
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=RUN_TIMEOUT,
    )
    assert done.returncode == 2
    assert message in done.stderr and program.name.split(".")[0] in done.stderr
    assert done.stdout == ""


def test_every_workload_has_every_language() -> None:
    by_workload: dict[str, set[str]] = {}
    for program in ALL:
        by_workload.setdefault(program.parent.name, set()).add(LANGUAGES[program.suffix])
    assert set(by_workload) == {"spawn_hold", "fib", "ping_pong", "pipeline", "http", "latency"}
    assert all(languages == {"python", "elixir", "csharp", "go"} for languages in by_workload.values())


def test_prepared_command_and_rebuild_skipped(tmp_path: Path) -> None:
    require_toolchain("go")
    program = PROJECT_ROOT / "benchmarks" / "fib" / "go_goroutines.go"
    first = prepare(program, tmp_path)
    binary = Path(first.argv[0])
    assert first.program == "benchmarks/fib/go_goroutines.go" and first.language == "go"
    assert first.toolchain.startswith("go") and binary.is_file()
    stamp = binary.stat().st_mtime_ns
    again = prepare(program, tmp_path)
    assert again == first and binary.stat().st_mtime_ns == stamp
    binary.unlink()
    rebuilt = prepare(program, tmp_path)
    assert binary.is_file() and rebuilt.argv == first.argv


BROKEN = [
    ("python_bad.py", "x = 1\ndef broken(:\n", 2),
    ("go_bad.go", 'package main\n\nimport "fmt"\n\nfunc main() {\n\tx := 1\n\tfmt.Println()\n}\n', 6),
    ("csharp_bad.cs", 'Console.WriteLine("a");\nint unused = 1;\n', 2),  # warning CS0219, an error here
    ("elixir_bad.exs", "defmodule Bad do\n  def main(_argv) do\n    x = 1\n  end\nend\n", 3),
]


@pytest.mark.parametrize(("name", "source", "line"), BROKEN, ids=[name for name, _, _ in BROKEN])
def test_build_error_names_file_and_line(name: str, source: str, line: int, tmp_path: Path) -> None:
    require_toolchain(LANGUAGES[Path(name).suffix])
    program = tmp_path / "benchmarks" / "fib" / name
    program.parent.mkdir(parents=True)
    program.write_text(source)
    with pytest.raises(SetupError, match=rf"^benchmarks/fib/{name}:{line}: "):
        prepare(program, tmp_path / "build")


def test_not_a_program(tmp_path: Path) -> None:
    program = tmp_path / "notes.txt"
    program.write_text("hello")
    with pytest.raises(SetupError, match="not a benchmark program"):
        prepare(program, tmp_path / "build")


def test_elixir_runs_with_room_for_a_million_processes(build_dir: Path) -> None:
    """The BEAM's default limit is 262,144 processes; spawn_hold's opt-in N is 1M."""
    program = PROJECT_ROOT / "benchmarks" / "spawn_hold" / "elixir_processes.exs"
    prepared = built(program, build_dir)
    flags = prepared.argv[prepared.argv.index("--erl") + 1].split()
    assert int(flags[flags.index("+P") + 1]) >= 1_000_000
    assert prepared.argv[-3:] == ("-e", "Bench.SpawnHold.ElixirProcesses.main(System.argv())", "--")


def test_a_link_a_compile_planted_in_its_build_folder_is_never_written_through(tmp_path: Path) -> None:
    require_toolchain("python")
    victim = tmp_path / "root_owned_script.sh"
    victim.write_text("#!/bin/sh\necho original\n")
    program = PROJECT_ROOT / "benchmarks" / "fib" / "python_processes.py"
    first = prepare(program, tmp_path / "build")
    out = tmp_path / "build" / "fib" / program.stem
    for name in ("build.json", program.stem + ".build.json.tmp"):  # where a stamp went, and a guess at a temporary
        (out / name).symlink_to(victim)
    stamp = out.with_name(f"{out.name}.build.json")
    stamp.unlink()
    stamp.symlink_to(victim)  # and one where the stamp goes now (a compile cannot reach it: it writes in `out`)
    again = prepare(program, tmp_path / "build")
    assert victim.read_text() == "#!/bin/sh\necho original\n"
    assert not stamp.is_symlink() and again.argv == first.argv


@pytest.mark.parametrize("method", ["fork", "spawn"])
def test_python_processes_start_as_the_method_asked(method: str, build_dir: Path) -> None:
    program = PROJECT_ROOT / "benchmarks" / "spawn_hold" / "python_processes.py"
    prepared = built(program, build_dir)
    case = Case("spawn_hold", program, (("n", 2),), "" if method == "fork" else method, (("start_method", method),))
    sample = run_once(case, prepared, replace(QUICK, timeout=RUN_TIMEOUT))  # the harness passes the argument
    assert sample.values["inner_spawn_seconds"] > 0 and sample.values["ready_pss_bytes"] > 0
    assert case.unit == ("python_processes" if method == "fork" else "python_processes_spawn")
    done = subprocess.run([*prepared.argv, "n=1", f"start_method={method}"], input="go\n", capture_output=True,
                          text=True, timeout=RUN_TIMEOUT, check=True)  # fmt: skip
    assert last_json(done.stdout)["start_method"] == method


@pytest.mark.parametrize("program", [p for p in ALL if p.parent.name == "http"], ids=rel)
def test_each_server_holds_connections_of_our_client(program: Path, build_dir: Path) -> None:
    prepared = built(program, build_dir)
    case = Case("connections", program, (("connections", 40), ("rounds", 2)))
    sample = run_connections(case, prepared, replace(QUICK, timeout=RUN_TIMEOUT, http_warmup_seconds=0.1))
    found = sample.values
    assert found["opened"] == 40 and found["requests"] == 80 and found["errors"] == 0
    assert found["server_pss_idle_bytes"] > 0 and "bytes_per_connection" in found
    assert 0 < found["latency_p50_seconds"] <= found["latency_p99_seconds"] <= found["latency_max_seconds"]
