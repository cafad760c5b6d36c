# Zensical reads mkdocs.yml but runs no hooks: the Markdown extension (hooks/site/markdown_ext.py) runs the examples.
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import PROJECT_ROOT, RealSite
from tests.sites import FixtureSite

EXTENSION = "  - hooks.site.markdown_ext: { key: !!python/object/apply:hooks.site.markdown_ext.prepare [] }\n"


def _site(root: Path) -> FixtureSite:
    site = FixtureSite(root)
    config = root / "mkdocs.yml"
    config.write_text(config.read_text() + EXTENSION)
    return site


def _env(**extra: str) -> dict[str, str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(PROJECT_ROOT), **extra}
    for name in ("CI", "CONCURRENCY_STRICT", "GITHUB_ACTIONS", "CONCURRENCY_CACHE_DIR"):
        if name not in extra:
            env.pop(name, None)
    return env


def _zensical(root: Path, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "zensical", "build"],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=600,
        env=_env(**env),
    )


@pytest.mark.site
def test_zensical_runs_the_examples_and_renders_a_changed_snippet_again(tmp_path: Path) -> None:
    site = _site(tmp_path)
    hello = site.snippet("hello.py", '# example.expect: hello\nprint("hello")\n')
    site.page("index.md", "# Home\n\n[[example hello.py]]\n\nThe [other page](other.md).\n")
    site.page("other.md", "# Other\n\nNo example here.\n")
    done = _zensical(tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    page = (tmp_path / "site" / "index.html").read_text()
    assert "example-source" in page and "example-output" in page and "<code>python hello.py</code>" in page
    report = json.loads((tmp_path / "site" / "execution-report.json").read_text())
    assert [(r["path"], r["status"]) for r in report] == [("snippets/hello.py", "passed")]
    assert (tmp_path / "site" / "execution-report" / "index.html").is_file()
    for _ in range(2):  # a warm build renders nothing, and still publishes the report
        again = _zensical(tmp_path)
        assert again.returncode == 0, again.stdout + again.stderr
        assert (tmp_path / "site" / "execution-report.json").is_file()
    hello.write_text('# example.expect: changed\nprint("changed")\n')
    changed = _zensical(tmp_path)
    assert changed.returncode == 0, changed.stdout + changed.stderr
    assert "changed" in (tmp_path / "site" / "index.html").read_text()


@pytest.mark.site
def test_a_broken_example_fails_the_zensical_build_and_is_named(tmp_path: Path) -> None:
    site = _site(tmp_path)
    site.snippet("fine.py", 'print("fine")\n')
    site.snippet("broken.py", 'import sys\nprint("about to fail")\nsys.exit(3)\n')
    site.page("index.md", "# Home\n\n[[example fine.py]]\n\n[[example broken.py]]\n")
    done = _zensical(tmp_path)
    log = done.stdout + done.stderr
    assert done.returncode == 1, log
    assert "snippets/broken.py:1: failed: exit code 3" in log and "shown on docs/index.md:5" in log
    assert log.count("snippets/broken.py:1:") == 1 and "fine.py:1" not in log
    assert "Traceback" not in log


@pytest.mark.site
def test_a_marker_left_raw_fails_the_check_of_the_output(tmp_path: Path) -> None:
    site = FixtureSite(tmp_path)  # no extension: Zensical leaves the marker as text
    site.snippet("hello.py", 'print("hello")\n')
    site.page("index.md", "# Home\n\nThe syntax is `[[example hello.py]]`:\n\n[[example hello.py]]\n")
    assert _zensical(tmp_path).returncode == 0
    check = [sys.executable, "-m", "hooks.site.publish", str(tmp_path / "site")]
    done = subprocess.run(check, capture_output=True, text=True, timeout=60, env=_env())
    assert done.returncode == 1 and "docs/index.md:5: an example marker was left unrendered" in done.stderr


@pytest.mark.site
@pytest.mark.parametrize("generator", ["mkdocs", "properdocs"])
def test_with_the_hooks_the_extension_does_nothing(generator: str, tmp_path: Path) -> None:
    site = _site(tmp_path)
    site.snippet("hello.py", 'print("hello")\n')
    site.page("index.md", "# Home\n\n[[example hello.py]]\n")
    command = [sys.executable, "-m", generator, "build", "--strict", "-f", str(tmp_path / "mkdocs.yml")]
    done = subprocess.run(command, cwd=tmp_path, capture_output=True, text=True, timeout=240, env=_env())
    assert done.returncode == 0, done.stdout + done.stderr
    assert (tmp_path / "site" / "index.html").read_text().count('class="example-source') == 1
    assert not (tmp_path / ".cache" / "zensical-build.json").exists()


@pytest.mark.site
def test_the_real_site_builds_with_zensical(real_site: RealSite, tmp_path: Path) -> None:
    """The project itself, from the examples store of the MkDocs build above: every example passed, none raw."""
    listed = subprocess.run(
        ["git", "ls-files", "-co", "--exclude-standard"], cwd=PROJECT_ROOT, capture_output=True, text=True, check=True
    )
    for name in listed.stdout.splitlines():
        source = PROJECT_ROOT / name
        if source.is_file() and not source.is_symlink():
            (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, tmp_path / name)
    store = real_site.site.parent / "cache"
    bench = os.environ.get("CONCURRENCY_BENCH_CACHE_DIR") or str(PROJECT_ROOT / ".cache" / "benchmarks")
    done = _zensical(tmp_path, CONCURRENCY_CACHE_DIR=str(store), CONCURRENCY_BENCH_CACHE_DIR=bench)
    assert done.returncode == 0, (done.stdout + done.stderr)[-20000:]
    site = tmp_path / "site"
    report = json.loads((site / "execution-report.json").read_text())
    mkdocs_report = json.loads((real_site.site / "execution-report.json").read_text())
    assert sorted(r["path"] for r in report) == sorted(r["path"] for r in mkdocs_report)
    assert {r["status"] for r in report} == {"passed"}
    for published in ("benchmarks/results.json", "benchmarks/fact-check.json"):
        assert (site / published).is_file(), published
    assert (site / "benchmarks" / "analysis" / "index.html").is_file()
    assert "analysis.ipynb" in (site / "benchmarks" / "analysis" / "index.html").read_text()
    check = [sys.executable, "-m", "hooks.site.publish", str(site)]
    assert subprocess.run(check, capture_output=True, text=True, timeout=120, env=_env()).returncode == 0
