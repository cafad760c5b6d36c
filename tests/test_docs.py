# The pages themselves: every program on the site is an executed snippet, and every page is in the nav.
from __future__ import annotations

import re

import yaml

from tests.conftest import PROJECT_ROOT

DOCS = PROJECT_ROOT / "docs"
PROGRAM_LANGUAGES = {"python", "py", "python3", "elixir", "ex", "exs", "csharp", "cs", "c#", "go", "golang"}
_FENCE = re.compile(r"^(?P<indent>\s*)(?P<fence>`{3,}|~{3,})\s*(?P<info>.*)$")


def fenced_blocks(text: str) -> list[tuple[int, str]]:
    """(line, info string) of every fenced block's opening fence."""
    found, fence = [], None
    for number, line in enumerate(text.splitlines(), 1):
        match = _FENCE.match(line)
        if not match:
            continue
        if fence is None:
            fence = match["fence"]
            found.append((number, match["info"].strip()))
        elif match["fence"].startswith(fence) and not match["info"].strip():
            fence = None
    return found


def test_every_program_on_a_page_is_an_executed_snippet() -> None:
    typed = []
    for page in sorted(DOCS.rglob("*.md")):
        for line, info in fenced_blocks(page.read_text(encoding="utf-8")):
            language = re.split(r"[\s{]", info.lstrip("{. "), maxsplit=1)[0].lower()
            if language in PROGRAM_LANGUAGES and 'exec="on"' not in info:
                typed.append(f"{page.relative_to(PROJECT_ROOT)}:{line}: a typed `{language}` block; use a snippet")
    assert not typed, "\n".join(typed)


def test_every_page_is_in_the_nav_and_no_stub_is_left() -> None:
    config = yaml.load((PROJECT_ROOT / "mkdocs.yml").read_text(), Loader=yaml.BaseLoader)
    in_nav = set(re.findall(r"[\w/-]+\.md", str(config["nav"])))
    pages = {p.relative_to(DOCS).as_posix() for p in DOCS.rglob("*.md") if p.relative_to(DOCS).parts[0] != "includes"}
    assert pages - in_nav == set(), "pages missing from the nav"
    assert in_nav - pages - {"execution-report.md"} == set(), "nav entries without a page"
    stubs = [p for p in sorted(pages) if "Page in progress" in (DOCS / p).read_text(encoding="utf-8")]
    assert not stubs, f"stub pages left: {stubs}"
