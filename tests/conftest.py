# Shared fixtures: where the project is, and how a test asks for a real toolchain.
from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from hooks.common.settings import Settings
from hooks.toolchains import TOOLCHAINS, ToolchainInfo

PROJECT_ROOT = Path(__file__).resolve().parents[1]
# `make test-fast` (-m "not full") leaves out what builds the real site, measures benchmarks in a build, repeats
# the real examples, runs the sandbox's fault matrix or drives a browser: the rest (unit tests, every toolchain for
# real, `python -m hooks run`, small fixture sites) is the contributor's tier, a few minutes on 2 cores.
FULL_ONLY_MODULES = ("tests/test_repeat.py", "tests/bench/test_site.py")
FULL_ONLY_MARKERS = ("sandbox", "browser")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark `full` what only the full suite runs (see FULL_ONLY_MODULES)."""
    for item in items:
        module = item.path.relative_to(PROJECT_ROOT).as_posix() if PROJECT_ROOT in item.path.parents else ""
        fixtures = getattr(item, "fixturenames", ())
        marked = any(item.get_closest_marker(name) for name in FULL_ONLY_MARKERS)
        if marked or module in FULL_ONLY_MODULES or "real_site" in fixtures:
            item.add_marker(pytest.mark.full)


def strict_mode() -> bool:
    return Settings.from_env(cache_dir=None).strict


def require_toolchain(language: str) -> ToolchainInfo:
    """The real toolchain; outside strict mode a missing one skips, in CI (strict) it fails."""
    info = TOOLCHAINS[language].detect()
    if info is None:
        message = f"{TOOLCHAINS[language].label} toolchain missing: {TOOLCHAINS[language].install_hint}"
        if strict_mode():
            pytest.fail(f"strict mode: {message}")
        pytest.skip(message)
    return info


@pytest.fixture(autouse=True)
def _no_github_annotations(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)


def process_alive(pid: int) -> bool:
    """True while `pid` exists and is not a zombie."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state not in ("Z", "X")


@dataclass(frozen=True)
class RealSite:
    """The project's own site, built once per test session with `mkdocs build --strict` and a fresh cache."""

    site: Path
    log: str


_real_site_failure: list[str] = []


@pytest.fixture(scope="session")
def real_site(tmp_path_factory: pytest.TempPathFactory) -> RealSite:
    """Build the real site (every toolchain required); tests that inspect it share this one build."""
    if _real_site_failure:  # pytest retries a failed session fixture for every test: build only once
        pytest.fail("the real site failed to build (see the first error)")
    for language in ("python", "elixir", "csharp", "go"):
        require_toolchain(language)
    root = tmp_path_factory.mktemp("real-site")
    site = root / "site"
    # Examples: a fresh cache, so every one of them really runs. Benchmarks: the project's own cache, which
    # is empty in CI (measured once, here) and spares a developer's `make test` minutes of re-measuring.
    env = {
        **os.environ,
        "NO_MKDOCS_2_WARNING": "1",
        "CONCURRENCY_CACHE_DIR": str(root / "cache"),
        "CONCURRENCY_BENCH_CACHE_DIR": os.environ.get("CONCURRENCY_BENCH_CACHE_DIR")
        or str(PROJECT_ROOT / ".cache" / "benchmarks"),
    }
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(site)],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=1800,
        env=env,
    )
    log = done.stdout + done.stderr
    if done.returncode != 0:
        _real_site_failure.append(f"mkdocs build --strict failed (exit {done.returncode}):\n{log[-20000:]}")
        pytest.fail(_real_site_failure[0])
    return RealSite(site, log)


__all__ = ["PROJECT_ROOT", "RealSite", "process_alive", "require_toolchain", "strict_mode"]


def pytest_report_header() -> list[str]:
    """Which toolchains this run really uses, at the top of every test log."""
    lines = [f"strict mode: {strict_mode()}"]
    for toolchain in TOOLCHAINS.values():
        info = toolchain.detect()
        lines.append(f"{toolchain.label}: {info.version + ' at ' + info.executable if info else 'MISSING'}")
    return lines
