# The site's source list (docs/includes/sources.md): well-formed primary sources, each used, every citation defined.
from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

import yaml

from tests.conftest import PROJECT_ROOT

DOCS = PROJECT_ROOT / "docs"
SOURCES = DOCS / "includes" / "sources.md"
# Hosts of primary sources: the languages' and runtimes' own documentation, proposals, release notes and code.
HOSTS = {
    "docs.python.org",
    "peps.python.org",
    "bugs.python.org",
    "www.erlang.org",
    "hexdocs.pm",
    "go.dev",
    "pkg.go.dev",
    "learn.microsoft.com",
}
GITHUB_REPOS = ("python/cpython", "erlang/otp", "elixir-lang/elixir", "golang/go", "dotnet/runtime")
DEFINITION = re.compile(r'^\[(?P<id>[^\]]+)\]:\s+(?P<url>\S+)(?:\s+"(?P<title>[^"]+)")?\s*$')
REFERENCE = re.compile(r"\]\[(?P<id>[^\]]+)\]")
INLINE = re.compile(r"\]\((?P<url>https?://[^)\s]+)")
FENCE = re.compile(r"^(```|~~~).*?^\1", re.MULTILINE | re.DOTALL)
INLINE_CODE = re.compile(r"`[^`\n]*`")


def definitions(text: str) -> tuple[dict[str, str], list[str]]:
    """id -> URL for every definition line, and the lines that are not definitions."""
    found, bad = {}, []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        match = DEFINITION.match(line)
        if not match:
            bad.append(f'{SOURCES.name}:{number}: not a reference definition `[id]: https://... "title"`')
            continue
        if match["id"] in found:
            bad.append(f"{SOURCES.name}:{number}: [{match['id']}] is defined twice")
        found[match["id"]] = match["url"]
    return found, bad


def primary_source_problem(url: str) -> str | None:
    """Why `url` is not an https link to a primary source (None when it is one)."""
    parts = urlsplit(url)
    if parts.scheme != "https" or not parts.netloc:
        return "not an https URL"
    if parts.netloc == "github.com":
        repo = "/".join(parts.path.strip("/").split("/")[:2])
        return None if repo in GITHUB_REPOS else f"github.com/{repo} is not a runtime's own repository"
    return None if parts.netloc in HOSTS else f"{parts.netloc} is not a primary-source host"


def prose(page: Path) -> str:
    """A page's Markdown without fenced and inline code, where `][x]` may be code, not a citation."""
    return INLINE_CODE.sub("", FENCE.sub("", page.read_text(encoding="utf-8")))


def pages() -> list[Path]:
    return sorted(p for p in DOCS.rglob("*.md") if p.relative_to(DOCS).parts[0] != "includes")


def test_every_definition_is_a_primary_source() -> None:
    found, bad = definitions(SOURCES.read_text(encoding="utf-8"))
    assert found, f"{SOURCES} defines no source"
    bad += [f"[{key}]: {url}: {why}" for key, url in found.items() if (why := primary_source_problem(url))]
    assert not bad, "\n".join(bad)


def test_every_definition_is_cited_and_every_citation_defined() -> None:
    found, _ = definitions(SOURCES.read_text(encoding="utf-8"))
    cited: dict[str, list[str]] = {}
    for page in pages():
        for number, line in enumerate(prose(page).splitlines(), 1):
            for match in REFERENCE.finditer(line):
                cited.setdefault(match["id"], []).append(f"{page.relative_to(PROJECT_ROOT)}:{number}")
    undefined = [
        f"{where[0]}: [{key}] is not defined in {SOURCES.name}" for key, where in cited.items() if key not in found
    ]
    unused = [f"[{key}] ({found[key]}) is cited by no page" for key in found if key not in cited]
    assert not undefined and not unused, "\n".join(undefined + unused)


def test_primary_sources_are_cited_from_the_source_list() -> None:
    """An inline link to a runtime's documentation bypasses the list; resources.md is a reading list and may."""
    inline = []
    for page in pages():
        if page.name == "resources.md":
            continue
        for number, line in enumerate(prose(page).splitlines(), 1):
            for match in INLINE.finditer(line):
                if primary_source_problem(match["url"]) is None:
                    inline.append(f"{page.relative_to(PROJECT_ROOT)}:{number}: {match['url']}: cite it as [text][id]")
    assert not inline, "\n".join(inline)


def test_every_page_gets_the_source_list() -> None:
    config = yaml.load((PROJECT_ROOT / "mkdocs.yml").read_text(), Loader=yaml.BaseLoader)
    snippets = [e for e in config["markdown_extensions"] if isinstance(e, dict) and "pymdownx.snippets" in e]
    assert snippets, "mkdocs.yml: pymdownx.snippets is not configured"
    assert snippets[0]["pymdownx.snippets"]["auto_append"] == [SOURCES.relative_to(PROJECT_ROOT).as_posix()]


def test_the_checks_see_a_bad_source() -> None:
    assert primary_source_problem("http://docs.python.org/3/") == "not an https URL"
    assert primary_source_problem("https://realpython.com/python-gil/") is not None
    assert primary_source_problem("https://github.com/someone/fork/blob/main/x.py") is not None
    assert primary_source_problem("https://github.com/golang/go/blob/master/src/runtime/proc.go") is None
    found, bad = definitions('[a]: https://go.dev/doc/go1.14 "t"\nnot a definition\n[a]: https://go.dev/\n')
    assert found == {"a": "https://go.dev/"} and len(bad) == 2
