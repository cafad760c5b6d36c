# Tiny MkDocs sites written into tmp_path and built with the real `mkdocs build`.
from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tests.conftest import PROJECT_ROOT

MKDOCS_YML = """\
site_name: fixture
theme: {{ name: material, font: false }}
hooks:
  - {hook}
markdown_extensions:
  - admonition
  - attr_list
  - pymdownx.details
  - pymdownx.highlight
  - pymdownx.superfences
  - pymdownx.tabbed: {{ alternate_style: true }}
"""


@dataclass
class Build:
    returncode: int
    log: str
    site: Path

    def report(self) -> list[dict[str, Any]]:
        data: list[dict[str, Any]] = json.loads((self.site / "execution-report.json").read_text())
        return data

    def page(self, name: str = "index.html") -> str:
        return (self.site / name).read_text()


class FixtureSite:
    """A site in `root`: docs/ pages and snippets/ examples, built with its own cache."""

    def __init__(self, root: Path) -> None:
        self.root = root
        (root / "docs").mkdir(parents=True, exist_ok=True)
        (root / "snippets").mkdir(exist_ok=True)
        hook = PROJECT_ROOT / "hooks" / "mkdocs_entry.py"
        (root / "mkdocs.yml").write_text(MKDOCS_YML.format(hook=hook))

    def page(self, name: str, text: str) -> None:
        (self.root / "docs" / name).write_text(text)

    def snippet(self, name: str, text: str) -> Path:
        path = self.root / "snippets" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
        return path

    def build(self, timeout: float = 240, **env: str) -> Build:
        environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **env}
        environment.pop("CONCURRENCY_CACHE_DIR", None)
        for name in ("CI", "CONCURRENCY_STRICT", "GITHUB_ACTIONS"):
            if name not in env:
                environment.pop(name, None)
        done = subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "-f", str(self.root / "mkdocs.yml")],
            capture_output=True,
            text=True,
            timeout=timeout,
            env=environment,
            cwd=self.root,
        )
        return Build(done.returncode, done.stdout + done.stderr, self.root / "site")
