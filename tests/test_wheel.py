# The package as users get it: a wheel built from the source, installed into a fresh venv, runs an example of the
# project around the current folder; nothing is read from this checkout.
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

from tests.conftest import PROJECT_ROOT

TIMELINE_EXAMPLE = """\
# example.timeline: true
# example.expect: done
import timeline

timeline.start("main")
timeline.finish("main")
print("done")
"""
PLAIN_EXAMPLE = 'print("hello from the wheel")\n'


def _run(argv: list[str], cwd: Path, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV", "PYTHONHOME")}
    return subprocess.run(argv, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)


@pytest.fixture(scope="module")
def venv_python(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh venv holding only the wheel; third-party packages come from the build's venv through a .pth line
    (a path added that way is not a site folder, so the editable install's finder there is not run)."""
    tmp = tmp_path_factory.mktemp("wheel")
    source = tmp / "source"  # a copy: building writes build/ and *.egg-info beside the sources
    source.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(PROJECT_ROOT / name, source / name)
    shutil.copytree(PROJECT_ROOT / "hooks", source / "hooks", ignore=shutil.ignore_patterns("__pycache__"))
    done = _run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", str(source), "-w", str(tmp / "dist")], tmp)
    assert done.returncode == 0, done.stdout + done.stderr
    (wheel,) = (tmp / "dist").glob("*.whl")
    venv = tmp / "venv"
    assert _run([sys.executable, "-m", "venv", "--without-pip", str(venv)], tmp).returncode == 0
    python = venv / "bin" / "python"
    done = _run([sys.executable, "-m", "pip", "--python", str(python), "install", "-q", "--no-deps", str(wheel)], tmp)
    assert done.returncode == 0, done.stdout + done.stderr
    site = Path(
        _run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"], tmp).stdout.strip()
    )
    (site / "build-venv.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    return python


def test_the_wheel_holds_every_module(venv_python: Path) -> None:
    done = _run([str(venv_python), "-c", "import hooks; print(hooks.__file__)"], venv_python.parent)
    installed = Path(done.stdout.strip()).parent
    assert installed.is_relative_to(venv_python.parents[1]), done.stdout + done.stderr
    ours = {p.relative_to(PROJECT_ROOT / "hooks") for p in (PROJECT_ROOT / "hooks").rglob("*.py")}
    assert ours == {p.relative_to(installed) for p in installed.rglob("*.py")}


def test_the_installed_package_runs_a_timeline_example_of_the_project_here(venv_python: Path, tmp_path: Path) -> None:
    project = tmp_path / "project"
    (project / "snippets" / "python").mkdir(parents=True)
    (project / "mkdocs.yml").write_text("site_name: copy\n")
    shutil.copytree(PROJECT_ROOT / "snippets" / "timeline", project / "snippets" / "timeline")
    (project / "snippets" / "python" / "drawn.py").write_text(TIMELINE_EXAMPLE)
    # Run from a folder below the project: it is found above the current folder.
    done = _run([str(venv_python), "-m", "hooks", "run", "--json", "python/drawn.py"], project / "snippets")
    assert done.returncode == 0, done.stdout + done.stderr
    (result,) = json.loads(done.stdout)
    assert (result["status"], result["output"]) == ("passed", "done\n")
    assert "main" in result["events"]


def test_outside_a_project_a_plain_example_runs_and_a_timeline_one_says_why_not(
    venv_python: Path, tmp_path: Path
) -> None:
    (tmp_path / "plain.py").write_text(PLAIN_EXAMPLE)
    (tmp_path / "drawn.py").write_text(TIMELINE_EXAMPLE)
    done = _run([str(venv_python), "-m", "hooks", "run", "plain.py", "drawn.py"], tmp_path)
    assert done.returncode == 1
    lines = done.stdout.splitlines()
    assert lines[0].startswith("PASS plain.py (python,")
    assert any(line.startswith("FAIL drawn.py (python,") for line in lines), done.stdout
    assert f"no project found at or above {tmp_path}" in done.stdout, done.stdout
