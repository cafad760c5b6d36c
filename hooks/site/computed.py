# What pages derive instead of state: called from `exec="on"` Python blocks while the site is built.
from __future__ import annotations

import os
import posixpath
import re
import stat
from collections import defaultdict
from pathlib import Path

from hooks.common.locations import shift_positions
from hooks.common.untrusted import code_span, markdown_text
from hooks.engine.example import Example
from hooks.engine.result import Result
from hooks.site.build import BuildState, current_state
from hooks.site.render import describe_failure_mode, hidden_lines, status_badge
from hooks.toolchains import TOOLCHAINS, order


def page_link(src_uri: str, text: str) -> str:
    """A Markdown link from the page being rendered to the page `src_uri` (a docs/ path)."""
    state = current_state()
    target = state.files.get_file_from_path(src_uri) if state.files else None
    if target is None:
        return text
    here = state.files.get_file_from_path(state.current_page or "") if state.files else None
    base = (
        posixpath.dirname("/" + here.url) if here and here.url.endswith(".html") else "/" + (here.url if here else "")
    )
    url = posixpath.relpath("/" + target.url, base) if target.url else posixpath.relpath("/", base)
    if target.url.endswith("/") or not target.url:
        url = url.rstrip("/") + "/"
    return f"[{text}]({'./' if url == './' else url})"


def _pages_of(state: BuildState, display: str) -> str:
    links = [page_link(uri, _page_title(state, uri)) for uri in state.pages.get(display, [])]
    return ", ".join(links) or "not shown on any page"


def _page_title(state: BuildState, src_uri: str) -> str:
    source = (state.docs_dir / src_uri).read_text(encoding="utf-8") if (state.docs_dir / src_uri).is_file() else ""
    heading = re.search(r"^#\s+(.+)$", source, re.MULTILINE)
    return heading[1].strip() if heading else src_uri


def toolchain_table() -> str:
    """The toolchains this build used: version, where it was found, how many examples it ran."""
    state = current_state()
    counts: defaultdict[str, list[Result]] = defaultdict(list)
    for result in state.results.values():
        counts[result.language].append(result)
    rows = ["| Language | Toolchain | Found at | Examples | Passed |", "|---|---|---|---:|---:|"]
    for name in order():
        info = state.detected.get(name)
        results = counts.get(name, [])
        version = info.version if info else "**missing**"
        where = f"`{info.executable}`" if info else TOOLCHAINS[name].install_hint
        passed = sum(r.ok for r in results)
        rows.append(f"| {TOOLCHAINS[name].label} | {version} | {where} | {len(results)} | {passed} |")
    return "\n".join(rows) + "\n"


def build_stamp() -> str:
    """The stamp shown in every footer, as text."""
    return current_state().stamp


def errata_table() -> str:
    """Every correction of the article: what was wrong, and what the article's original did when run."""
    state = current_state()
    originals = {e.options.original_of: e for e in state.examples.values() if e.options.original_of}
    corrected = sorted(
        (e for e in state.examples.values() if e.options.erratum), key=lambda e: (order().index(e.language), str(e))
    )
    rows = [
        "| Example | What was wrong in the article | The original, run by this build | Shown on |",
        "|---|---|---|---|",
    ]
    for example in corrected:
        original = originals.get(_snippet_path(state, example))
        evidence = (
            _evidence(original, state.results.get(original.display_path))
            if original
            else "no original kept (the article prints only part of a program)"
        )
        cell = example.options.erratum or ""
        rows.append(
            f"| {code_span(_snippet_path(state, example))} | {cell.replace('|', '&#124;')} | {evidence} "
            f"| {_pages_of(state, example.display_path)} |"
        )
    return "\n".join(rows) + "\n"


def _snippet_path(state: BuildState, example: Example) -> str:
    try:
        return example.path.relative_to(state.snippets_dir.resolve()).as_posix()
    except ValueError:
        return example.display_path


def _evidence(original: Example, result: Result | None) -> str:
    if result is None or not result.ok:
        return f"**did not fail as declared** ({status_badge(result.status) if result else 'not run'})"
    # the positions the page shows: numbered without the option header, as render.py shifts them
    output = shift_positions(
        result.output, original.path.name, TOOLCHAINS[original.language].position, hidden_lines(original)
    )
    lines = [line.strip() for line in output.splitlines() if line.strip()]
    hits = [line for line in lines if any(re.search(p, line) for p in original.options.match)]
    shown = (hits or lines or [""])[0][:160].replace("|", "&#124;").replace("`", "'")
    mode = describe_failure_mode(original.options)
    return f"{mode}: `{shown}`" if shown else mode


def snippet_tree() -> str:
    """Every file under snippets/, as a nested list: language, status in this build, and where it is shown."""
    state = current_state()
    return "\n".join(_tree_lines(state, state.snippets_dir, 0)) + "\n"


def _tree_lines(state: BuildState, directory: Path, depth: int) -> list[str]:
    """Every entry of `directory`, folders first; names escaped (a file name is contributor input: a backtick or
    HTML in it stays text), links shown as links and never followed."""
    lines = []
    indent = "    " * depth
    entries = sorted(((path, _kind(path)) for path in directory.iterdir()), key=lambda e: (e[1] != "dir", e[0].name))
    for path, kind in entries:
        if kind == "dir":
            lines.append(f"{indent}- **{code_span(path.name + '/')}**")
            lines.extend(_tree_lines(state, path, depth + 1))
            continue
        if kind == "link":
            lines.append(f"{indent}- {code_span(path.name)}: a symbolic link, not followed")
            continue
        display = state.display(path)
        result = state.results.get(display)
        if result is None:
            lines.append(f"{indent}- {code_span(path.name)}")
            continue
        label = TOOLCHAINS[result.language].label
        lines.append(
            f"{indent}- {code_span(path.name)}: {label}, {status_badge(result.status)}, on {_pages_of(state, display)}"
        )
    return lines


def _kind(path: Path) -> str:
    """`dir`, `link` or `file`, from the entry itself (a link to a folder is a link)."""
    try:
        mode = os.lstat(path).st_mode
    except OSError:
        return "file"
    return "link" if stat.S_ISLNK(mode) else "dir" if stat.S_ISDIR(mode) else "file"


def pattern_matrix() -> str:
    """Patterns by language: each cell links to the pattern's page and says whether that version passed."""
    state = current_state()
    by_pattern: defaultdict[str, dict[str, Example]] = defaultdict(dict)
    titles: dict[str, str] = {}
    for example in state.examples.values():
        if example.options.pattern:
            by_pattern[example.options.pattern][example.language] = example
            if example.options.pattern not in titles:  # one read of each pattern.toml
                titles[example.options.pattern] = _pattern_title(example)
    labels = [TOOLCHAINS[name].label for name in order()]
    rows = [f"| Pattern | {' | '.join(labels)} |", "|---" * (len(labels) + 1) + "|"]
    for pattern in sorted(by_pattern, key=lambda p: titles[p]):
        examples = by_pattern[pattern]
        pages = state.pages.get(next(iter(examples.values())).display_path, [])
        name = page_link(pages[0], titles[pattern]) if pages else titles[pattern]
        cells = []
        for language in order():
            found = examples.get(language)
            result = state.results.get(found.display_path) if found else None
            cell = f"{status_badge(result.status)} ({result.seconds:.2f} s)" if result else "—"
            cells.append(page_link(pages[0], cell) if pages and result else cell)
        rows.append(f"| {name} | {' | '.join(cells)} |")
    return "\n".join(rows) + "\n"


def _pattern_title(example: Example) -> str:
    from hooks.engine.patterns import pattern_for

    pattern = pattern_for(example.path, example.display_path)
    return markdown_text(pattern.title if pattern else example.path.parent.name)  # contributor text, escaped
