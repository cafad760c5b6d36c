# What a build without MkDocs hooks (Zensical, hooks/site/markdown_ext.py) publishes beside its pages: the files
# the hooks add as generated files, the execution report and each executed notebook as a page of its own (no
# mkdocs-jupyter there), and the check of the output that no example marker was left raw.
from __future__ import annotations

import hashlib
import html
import json
import logging
import posixpath
import re
import shutil
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import markdown

from hooks.engine.notebooks import execute_notebook, stable_input
from hooks.engine.result import SKIPPED
from hooks.site import build
from hooks.site.failures import BuildFailure
from hooks.site.markers import marker_lines
from hooks.site.report import REPORT_JSON, REPORT_PAGE

log = logging.getLogger("mkdocs.hooks.examples")
_VOLATILE = ("generated_at", "phase_seconds", "measured_in_this_build", "load_average", "steal_fraction")
_CODE = re.compile(r"<(pre|code|script|textarea)\b.*?</\1>", re.DOTALL | re.IGNORECASE)
_RAW_MARKER = re.compile(r"\[\[example\b")
_HREF = re.compile(r'href="([^"#?]+\.(?:md|ipynb))(#[^"]*)?"')


@dataclass
class Published:
    """The files a Zensical build adds to its site, and a key of everything its pages show."""

    files: dict[str, str] = field(default_factory=dict)  # site path -> text (the JSON documents)
    pages: dict[str, str] = field(default_factory=dict)  # docs path of a page made here -> its HTML
    notebooks: dict[str, Path] = field(default_factory=dict)  # docs path -> the executed notebook
    key: str = ""

    def write(self, site_dir: Path) -> None:
        for path, text in self.files.items():
            _write(site_dir / path, text)
        for src_uri, page in self.pages.items():
            _write(site_dir / page_url(src_uri) / "index.html", page)
        for src_uri, executed in self.notebooks.items():
            shutil.copyfile(executed, site_dir / src_uri)  # the download: the notebook with its outputs
        if self.pages:
            _link_pages(site_dir, set(self.pages))


class PageFiles:
    """The site's pages by docs/ path, for links from computed blocks (directory URLs, as the site uses)."""

    def __init__(self, docs_dir: Path, made: set[str]) -> None:
        self.docs_dir = docs_dir
        self.made = made

    def get_file_from_path(self, path: str) -> Any:
        if path in self.made or (self.docs_dir / path).is_file():
            return SimpleNamespace(url=page_url(path))
        return None


def page_url(src_uri: str) -> str:
    """`go/goroutines.md` -> `go/goroutines/`, `go/index.md` -> `go/`, `index.md` -> ``."""
    stem = posixpath.splitext(src_uri)[0]
    if stem == "index" or stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/"


def publish(state: build.BuildState, docs_dir: Path, generated: dict[str, str], run_notebooks: bool) -> Published:
    """Execute the notebooks (beside the JSON files published in their folder), make the pages MkDocs would have
    made from generated Markdown or by mkdocs-jupyter, and the key of it all."""
    published = Published(files={p: t for p, t in generated.items() if not p.endswith(".md")})
    published.pages[REPORT_PAGE] = standalone("Execution report", _html(generated[REPORT_PAGE]), REPORT_PAGE)
    notebook_keys = []
    for notebook in sorted(docs_dir.rglob("*.ipynb")) if run_notebooks else []:
        src_uri = notebook.relative_to(docs_dir).as_posix()
        executed = _execute(state, notebook, src_uri, generated)
        published.pages[src_uri] = notebook_page(executed or notebook, src_uri, executed is not None)
        if executed is not None:
            published.notebooks[src_uri] = executed
            notebook_keys.append(executed.parent.name)
    state.files = PageFiles(docs_dir, set(published.pages))
    digest = hashlib.sha256(state.stamp.split(" UTC ", 1)[-1].encode())  # commit and toolchains, not the minute
    for path, text in sorted(published.files.items()):
        digest.update(path.encode() + _stable(text).encode())
    digest.update(json.dumps(notebook_keys).encode())
    published.key = digest.hexdigest()
    return published


def _execute(state: build.BuildState, notebook: Path, src_uri: str, generated: dict[str, str]) -> Path | None:
    folder = posixpath.dirname(src_uri)
    beside = {p.name: p.read_bytes() for p in notebook.parent.glob("*.json")}
    beside |= {posixpath.basename(p): t.encode() for p, t in generated.items() if posixpath.dirname(p) == folder}
    inputs = {name: stable_input(content) for name, content in beside.items() if name.endswith(".json")}
    display = state.page_display(src_uri)
    cache = state.settings.cache_dir.parent / "notebooks" if state.settings.cache_dir else None
    run = execute_notebook(notebook, display, inputs, state.settings, cache, notebook.name)
    result = run.result
    cached = ", cached" if result.cached else ""
    log.info(f"notebook: {result.status.upper()} {display} ({result.seconds:.2f} s{cached})")
    if not result.ok and result.status != SKIPPED:
        state.errors.append(BuildFailure.from_result(result, [display]))
    return run.executed


def notebook_page(notebook: Path, src_uri: str, executed: bool) -> str:
    """The notebook as a page of its own: nbconvert's rendering, under a notice saying why it looks different."""
    from nbconvert import HTMLExporter  # mkdocs-jupyter's dependency; imported only where a notebook is shown

    exporter = HTMLExporter(template_name="basic")  # type: ignore[no-untyped-call]
    body: str = exporter.from_filename(str(notebook))[0]
    name = posixpath.basename(src_uri)
    state = "as this build executed it" if executed else "<strong>not executed in this build</strong>"
    notice = (
        f'<div class="admonition note"><p>This notebook is shown {state}, rendered by nbconvert: this site was '
        f"built with Zensical, which has no mkdocs-jupyter. "
        f'<a href="../{html.escape(name)}" download>Download {html.escape(name)}</a> (with its outputs).</p></div>'
    )
    return standalone(name, notice + body, src_uri)


def standalone(title: str, body: str, src_uri: str) -> str:
    """A plain page with a way back to the site (the theme renders only the pages Zensical builds)."""
    home = posixpath.relpath(".", page_url(src_uri).rstrip("/") or ".")
    return (
        f'<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>{html.escape(title)}</title>'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        "<style>body{font-family:sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem}"
        "table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.2rem .4rem}"
        "pre{overflow:auto;background:#f5f5f5;padding:.5rem}.admonition{border-left:4px solid #448aff;"
        "padding:.1rem 1rem;background:#eef4ff}</style></head>\n"
        f'<body><p><a href="{home}/">← Back to the site</a></p>\n{body}\n</body></html>\n'
    )


def raw_markers(site_dir: Path) -> Iterator[tuple[str, int]]:
    """(page, line) of every `[[example ...]]` marker left as text in the built site, outside code."""
    docs_dir = site_dir.parent / "docs"
    for page in sorted(site_dir.rglob("*.html")):
        text = _CODE.sub("", page.read_text(encoding="utf-8", errors="replace"))
        if _RAW_MARKER.search(text):
            yield _source_of(page.relative_to(site_dir).as_posix(), docs_dir)


def _source_of(html_path: str, docs_dir: Path) -> tuple[str, int]:
    """The docs page an HTML page was made from, and the line of its first marker."""
    if posixpath.basename(html_path) != "index.html":
        return f"site/{html_path}", 1
    folder = posixpath.dirname(html_path)
    candidates = [f"{folder}.md", f"{folder}/index.md"] if folder else ["index.md"]
    for candidate in candidates:
        source = docs_dir / candidate
        if source.is_file():
            found = marker_lines(source.read_text(encoding="utf-8"))
            return f"docs/{candidate}", found[0][0] if found else 1
    return f"site/{html_path}", 1


def _link_pages(site_dir: Path, made: set[str]) -> None:
    """Links to a page made here point at it (Zensical points them at the .md or .ipynb file it did not render)."""
    for page in site_dir.rglob("*.html"):
        here = posixpath.dirname(page.relative_to(site_dir).as_posix())
        text = page.read_text(encoding="utf-8")

        def point(match: re.Match[str], here: str = here) -> str:
            target = posixpath.normpath(posixpath.join(here, match[1]))
            if target not in made:
                return match[0]
            url = posixpath.relpath(page_url(target).rstrip("/") or ".", here or ".")
            return f'href="{url}/{match[2] or ""}"'

        changed = _HREF.sub(point, text)
        if changed != text:
            page.write_text(changed, encoding="utf-8")


def _stable(text: str) -> str:
    """A published JSON document without its per-build figures (time stamps, load), for the key."""
    try:
        data = json.loads(text)
    except ValueError:
        return text
    return json.dumps(_drop(data), sort_keys=True)


def _drop(data: Any) -> Any:
    if isinstance(data, dict):
        return {k: _drop(v) for k, v in data.items() if k not in _VOLATILE}
    if isinstance(data, list):
        return [_drop(v) for v in data]
    return data


def _html(text: str) -> str:
    return markdown.markdown(text, extensions=["tables", "attr_list", "md_in_html", "admonition"])


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def main(argv: list[str]) -> int:
    """`python -m hooks.site.publish SITE_DIR`: exit 1, naming each page, where a marker was left unrendered."""
    if len(argv) != 1 or not (Path(argv[0]) / "index.html").is_file():
        print("usage: python -m hooks.site.publish SITE_DIR (a built site)", file=sys.stderr)
        return 2
    found = list(raw_markers(Path(argv[0])))
    for page, line in found:
        print(f"{page}:{line}: an example marker was left unrendered in {argv[0]}", file=sys.stderr)
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

__all__ = ["REPORT_JSON", "PageFiles", "Published", "page_url", "publish", "raw_markers"]
