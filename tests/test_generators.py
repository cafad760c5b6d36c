# The engine outlives its site generator: one adapter imports MkDocs, and MkDocs and ProperDocs both build a site.
from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import PROJECT_ROOT
from tests.sites import FixtureSite

ADAPTER = "hooks/site/build.py"  # the MkDocs event handlers; hooks/mkdocs_entry.py only re-exports them


def _imports_mkdocs(path: Path) -> bool:
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import) and any(a.name.split(".")[0] in ("mkdocs", "properdocs") for a in node.names):
            return True
        if isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] in ("mkdocs", "properdocs"):
            return True
    return False


def test_nothing_but_the_adapter_imports_mkdocs() -> None:
    modules = sorted(p.relative_to(PROJECT_ROOT).as_posix() for p in (PROJECT_ROOT / "hooks").rglob("*.py"))
    assert len(modules) > 20
    importing = [m for m in modules if _imports_mkdocs(PROJECT_ROOT / m)]
    assert importing == [ADAPTER]


def test_the_check_sees_an_import(tmp_path: Path) -> None:
    for text in ("import mkdocs\n", "from mkdocs.structure.files import File\n", "import properdocs.plugins\n"):
        (tmp_path / "m.py").write_text(text)
        assert _imports_mkdocs(tmp_path / "m.py"), text


BLOCK = """
import importlib.abc, sys
class Block(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in ("mkdocs", "properdocs", "material", "mkdocs_jupyter"):
            raise ImportError(f"blocked: {name}")
sys.meta_path.insert(0, Block())
import hooks.cli, hooks.engine.scheduler, hooks.site.render, hooks.site.report
import hooks.engine.notebooks, hooks.bench.publish.site, hooks.bench.__main__
print("engine imported without a site generator")
"""


def test_the_engine_imports_without_any_site_generator() -> None:
    done = subprocess.run([sys.executable, "-c", BLOCK], cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "engine imported without a site generator" in done.stdout


@pytest.mark.site
@pytest.mark.parametrize("generator", ["mkdocs", "properdocs"])
def test_the_site_builds_with(generator: str, tmp_path: Path) -> None:
    site = FixtureSite(tmp_path)
    site.snippet("hello.py", '# example.expect: hello\nprint("hello")\n')
    site.page("index.md", "# Home\n\n[[example hello.py]]\n")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}
    env.pop("CONCURRENCY_CACHE_DIR", None)
    done = subprocess.run(
        [sys.executable, "-m", generator, "build", "--strict", "-f", str(tmp_path / "mkdocs.yml")],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=240,
        env=env,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    html = (tmp_path / "site" / "index.html").read_text()
    assert "example-source" in html and "example-output" in html and "<code>python hello.py</code>" in html
    assert (tmp_path / "site" / "execution-report.json").is_file()
