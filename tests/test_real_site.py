# The project's own site, built for real: every snippet shown, executed and passing, in all four languages.
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from hooks.snippets import find_examples
from tests.conftest import PROJECT_ROOT, require_toolchain

pytestmark = pytest.mark.site


def test_the_site_builds_and_every_example_passes(tmp_path: Path) -> None:
    for language in ("python", "elixir", "csharp", "go"):
        require_toolchain(language)
    site = tmp_path / "site"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "CONCURRENCY_CACHE_DIR": str(tmp_path / "cache")}
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(site)],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=600,
        env=env,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    report = json.loads((site / "execution-report.json").read_text())
    assert report, "no example ran"
    failing = [f"{e['path']}: {e['status']} {e['reason']}" for e in report if e["status"] != "passed"]
    assert not failing, failing
    shown = {e["path"] for e in report}
    on_disk = {p.relative_to(PROJECT_ROOT).as_posix() for p in find_examples(PROJECT_ROOT / "snippets")}
    assert on_disk - shown == set(), "snippets that no page shows"
    versions = {e["language"]: e["toolchain"] for e in report}
    assert set(versions) == {"python", "elixir", "csharp", "go"}
    assert all(v and any(ch.isdigit() for ch in v) for v in versions.values()), versions
    assert all(not e["cached"] for e in report)  # a fresh cache: everything really ran
