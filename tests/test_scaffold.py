# `python -m hooks new-pattern`: the generated pattern (four languages with the timeline helper, pattern.toml,
# page, nav entry, index row) passes as generated, is formatted as the linters want, and builds with --strict.
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import PROJECT_ROOT, require_toolchain
from tests.sites import FixtureSite
from tests.test_cli import hooks_run

NAV = "nav:\n  - index.md\n  - Patterns:\n    - patterns/index.md\n    - Worker pool: patterns/worker-pool.md\n"
INDEX = (
    "# Patterns\n\n| pattern | the problem | what differs most |\n|---|---|---|\n"
    "| [Worker pool](worker-pool.md) | a | b |\n\nMore text.\n"
)


def project(tmp_path: Path) -> FixtureSite:
    site = FixtureSite(tmp_path)
    (tmp_path / "mkdocs.yml").write_text((tmp_path / "mkdocs.yml").read_text() + NAV)
    site.page("index.md", "# Home\n")
    (tmp_path / "docs" / "patterns").mkdir()
    site.page("patterns/index.md", INDEX)
    site.page("patterns/worker-pool.md", "# Worker pool\n")
    return site


def test_a_scaffolded_pattern_builds_green_as_generated(tmp_path: Path) -> None:
    for language in ("go", "elixir", "csharp"):
        require_toolchain(language)
    project(tmp_path)
    made = subprocess.run(
        [sys.executable, "-m", "hooks", "new-pattern", "rate_limiter", "--title", "Rate limiter"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert made.returncode == 0, made.stderr
    folder = tmp_path / "snippets" / "patterns" / "rate_limiter"
    assert sorted(p.name for p in folder.iterdir()) == [
        "pattern.toml",
        "rate_limiter.cs",
        "rate_limiter.exs",
        "rate_limiter.go",
        "rate_limiter.py",
    ]
    assert (
        "    - Worker pool: patterns/worker-pool.md\n    - Rate limiter: patterns/rate-limiter.md\n"
        in (tmp_path / "mkdocs.yml").read_text()
    )
    assert "| [Rate limiter](rate-limiter.md) |" in (tmp_path / "docs" / "patterns" / "index.md").read_text()
    ran = hooks_run("snippets/patterns/rate_limiter", cwd=tmp_path, timeout=240)
    assert ran.returncode == 0 and ran.stdout.count("PASS ") == 4, ran.stdout + ran.stderr
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    env.pop("CONCURRENCY_CACHE_DIR", None)
    build = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=tmp_path, capture_output=True, text=True, env=env
    )
    assert build.returncode == 0, build.stdout + build.stderr
    assert 'class="timeline"' in (tmp_path / "site" / "patterns" / "rate-limiter" / "index.html").read_text()
    fmt = subprocess.run([sys.executable, "-m", "ruff", "format", "--check", str(folder)], capture_output=True)
    assert fmt.returncode == 0, fmt.stdout
    gofmt = subprocess.run(
        [str(PROJECT_ROOT / "scripts" / "precommit_gofmt.sh"), str(folder / "rate_limiter.go")], capture_output=True
    )
    assert gofmt.returncode == 0, gofmt.stderr


def test_an_orphan_snippet_fails_the_strict_build(tmp_path: Path) -> None:
    site = FixtureSite(tmp_path)
    site.snippet("shown.py", "print('shown')\n")
    site.snippet("forgotten.py", "print('no page shows me')\n")
    site.page("index.md", "[[example shown.py]]\n")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    env.pop("CONCURRENCY_CACHE_DIR", None)
    build = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=tmp_path, capture_output=True, text=True, env=env
    )
    assert build.returncode != 0
    assert "snippets/forgotten.py: no page shows this example: put `[[example forgotten.py]]` on a page" in build.stderr


def test_a_name_that_exists_or_is_not_snake_case_is_refused(tmp_path: Path) -> None:
    from hooks.site.scaffold import new_pattern

    project(tmp_path)
    for name, message in (("Rate-Limiter", "snake_case"), ("worker_pool", "docs/patterns/worker-pool.md exists")):
        (tmp_path / "snippets" / "patterns").mkdir(parents=True, exist_ok=True)
        try:
            new_pattern(tmp_path, name)
        except ValueError as exc:
            assert message in str(exc)
        else:
            raise AssertionError(f"{name} was accepted")
