# One process layer in truth: nothing outside hooks/process/ starts, waits for or signals a process by itself.
from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LAYER = ROOT / "hooks" / "process"
CHECKED = (ROOT / "hooks", ROOT / "scripts")  # the engine and the project's own scripts (tests may start anything)

MODULES = {"subprocess", "multiprocessing", "pty", "asyncio.subprocess"}  # importing one of these starts processes
CALLS = {
    "os": {"fork", "forkpty", "kill", "killpg", "wait", "wait3", "wait4", "waitpid", "waitid", "system", "popen"}
    | {"posix_spawn", "posix_spawnp", "spawnv", "spawnve", "spawnl", "spawnle", "spawnvp", "spawnlp"}
    | {"execv", "execve", "execvp", "execvpe", "execl", "execle", "execlp", "execlpe", "pidfd_open"},
    "signal": {"pidfd_send_signal", "pthread_kill"},
    "asyncio": {"create_subprocess_exec", "create_subprocess_shell"},
}


def offences(path: Path, root: Path = ROOT) -> list[str]:
    """`path:line: what` for every import of a process module and every call that starts, waits for or signals,
    in line order."""
    found: list[tuple[int, str]] = []
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            names = [node.module] + [f"{node.module}.{alias.name}" for alias in node.names]
        for name in names:
            top, _, last = name.partition(".")
            if name in MODULES or last in CALLS.get(top, set()):
                found.append((node.lineno, f"imports {name}"))
        named = isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name)
        if named and node.attr in CALLS.get(node.value.id, set()):  # type: ignore[attr-defined]
            found.append((node.lineno, f"{node.value.id}.{node.attr}"))  # type: ignore[attr-defined]
    return [f"{path.relative_to(root)}:{line}: {what}" for line, what in sorted(found)]


def checked_files() -> list[Path]:
    return sorted(p for top in CHECKED for p in top.rglob("*.py") if LAYER not in p.parents)


def test_nothing_outside_the_process_layer_starts_waits_for_or_signals_a_process() -> None:
    files = checked_files()
    assert ROOT / "hooks" / "bench" / "measure" / "child.py" in files and ROOT / "scripts" / "bench_build.py" in files
    assert [o for path in files for o in offences(path)] == []


def test_the_scan_sees_each_way(tmp_path: Path) -> None:
    bad = tmp_path / "bad.py"
    bad.write_text(
        "import os, signal\nimport subprocess\nfrom os import kill\nfrom multiprocessing import Pool\n"
        "os.kill(1, 9)\nos.wait4(1, 0)\npid = os.fork()\nsignal.pidfd_send_signal(3, 15)\n"
    )
    assert offences(bad, tmp_path) == [
        f"bad.py:{line}: {what}"
        for line, what in [
            (2, "imports subprocess"),
            (3, "imports os.kill"),
            (4, "imports multiprocessing"),
            (5, "os.kill"),
            (6, "os.wait4"),
            (7, "os.fork"),
            (8, "signal.pidfd_send_signal"),
        ]
    ]


def test_the_layer_owns_them() -> None:
    """The scan is not vacuous: the process layer itself does these things."""
    inside = [o for p in sorted(LAYER.rglob("*.py")) for o in offences(p)]
    assert any("subprocess" in o for o in inside) and any("os.kill" in o for o in inside)
