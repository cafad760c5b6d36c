# The MkDocs event handlers: find markers, run every example before pages render, put results on the
# pages, then write the report and fail the build, once, listing every broken example.
from __future__ import annotations

import logging
import os
import posixpath
from collections import defaultdict
from pathlib import Path
from typing import Any, Protocol

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError as PluginError  # re-exported: what the execution step raises
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from hooks.bench.publish import site as bench_site
from hooks.common.errors import ExampleConfigError, SetupError
from hooks.common.locations import Location
from hooks.common.settings import Settings, examples_cache_dir
from hooks.engine.example import Example, load_example
from hooks.engine.notebooks import execute_notebook, stable_input
from hooks.engine.result import SKIPPED, Result
from hooks.engine.scheduler import execute_all
from hooks.engine.snippets import OutsideError, find_examples
from hooks.process import sandbox
from hooks.site.exec_blocks import failed_block_line, install_collector, summarize
from hooks.site.failures import BuildFailure, describe_failures
from hooks.site.markers import Marker, marker_lines, parse_markers
from hooks.site.render import render_marker
from hooks.site.report import REPORT_JSON, REPORT_PAGE, report_json, report_page
from hooks.site.stamp import build_stamp, git_commit
from hooks.toolchains import TOOLCHAINS, Detected, close_all
from hooks.toolchains.base import set_probe_cache

log = logging.getLogger("mkdocs.hooks.examples")


class SiteFiles(Protocol):
    """What computed blocks ask of the generator's file list: a page's URL by its docs/ path."""

    def get_file_from_path(self, path: str) -> Any: ...  # an object with `.url`, or None


class BuildState:
    """Everything one build learns; made anew in on_config, so `mkdocs serve` rebuilds start clean."""

    def __init__(
        self, root: Path, docs_dir: Path, repo_url: str | None, edit_uri: str | None, serving: bool = False
    ) -> None:
        self.root = root.resolve()
        self.docs_dir = docs_dir.resolve()
        self.snippets_dir = self.root / "snippets"
        try:
            self.settings = Settings.from_env(cache_dir=examples_cache_dir(self.root))
        except ValueError as exc:
            raise PluginError(str(exc)) from None
        self.serving = serving
        self.report_early = True  # list broken examples before the benchmarks (False: the caller stops at once)
        self.detected = Detected()  # toolchains, looked up once per build
        self.markers: dict[str, list[Marker]] = {}  # page src_uri -> markers
        self.examples: dict[str, Example] = {}  # display path -> example
        self.results: dict[str, Result] = {}
        self.errors: list[BuildFailure] = []
        self.told: set[str] = set()  # failures the fail-fast report listed: the final one names them only (issue 21)
        self.rendered: defaultdict[str, int] = defaultdict(int)  # page src_uri -> markers replaced
        self.shown_on: defaultdict[str, list[str]] = defaultdict(list)  # example -> markers (page:line)
        self.pages: defaultdict[str, list[str]] = defaultdict(list)  # example -> page src_uris
        self.files: SiteFiles | None = None  # the site's files, for links from computed blocks
        self.current_page: str | None = None  # src_uri of the page being rendered
        self.exec_failures = install_collector()  # markdown-exec blocks that raised
        self.stamp = ""  # the build stamp: date, commit, toolchain versions
        self.source_base = source_base(repo_url, edit_uri)  # links from examples to their files

    @classmethod
    def from_mkdocs(cls, config: MkDocsConfig, command: str | None) -> BuildState:
        root = Path(config.config_file_path or ".").resolve().parent
        return cls(root, Path(config.docs_dir), config.repo_url, config.edit_uri, command == "serve")

    def page_display(self, src_uri: str) -> str:
        return _relative(self.docs_dir / src_uri, self.root)

    def display(self, path: Path) -> str:
        """An example's path as shown and used as its key: relative to the project."""
        return _relative(path, self.root)


_state: BuildState | None = None
_command: str | None = None


def on_startup(command: str, dirty: bool) -> None:
    global _command
    _command = command


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    begin(BuildState.from_mkdocs(config, _command))
    return config


def begin(state: BuildState) -> None:
    """Make `state` the build in progress (computed blocks find it through current_state)."""
    global _state
    _state = state
    set_probe_cache(state.settings.cache_dir.parent / "toolchains.json" if state.settings.cache_dir else None)


@event_priority(50)  # before mkdocs-jupyter's on_files: it must see the executed notebooks
def on_files(files: Files, config: MkDocsConfig) -> Files:
    state = _require_state()
    state.files = files
    pages = {file.src_uri: file.content_string for file in files.documentation_pages()}
    where = _relative(Path(config.config_file_path or "mkdocs.yml"), Path.cwd())
    generated, broken = execute_site(state, pages, list(config.markdown_extensions), where)
    config.copyright = state.stamp
    for path, content in generated.items():
        files.append(File.generated(config, path, content=content))
    if not broken:
        _execute_notebooks(state, files, config)  # after the benchmarks: a notebook reads what they published
    return files


def execute_site(
    state: BuildState, pages: dict[str, str], extensions: list[str], config_path: str
) -> tuple[dict[str, str], bool]:
    """The generator-independent step: find every marker of `pages` (src_uri -> Markdown), run every example
    (through the cache), stamp the build, measure the benchmarks. Returns the files the site publishes (path ->
    content) and whether examples broke (then benchmarks and notebooks wait)."""
    for src_uri, content in pages.items():
        try:
            markers = parse_markers(content, state.page_display(src_uri), state.snippets_dir)
        except ExampleConfigError as exc:
            state.errors.append(BuildFailure(str(exc), exc.location))
            continue
        if markers:
            state.markers[src_uri] = markers
    if state.markers:
        _check_extensions(extensions, config_path)
    _load_examples(state)
    _warn_orphans(state)
    _check_toolchains(state)
    _check_sandbox(state)
    count = sum(len(m) for m in state.markers.values())
    log.info(f"examples: {count} marker(s) on {len(state.markers)} page(s), {len(state.examples)} example file(s)")
    state.results = execute_all(state.examples.values(), state.settings, log.info, state.detected)
    broken = _report_at_once(state)
    versions = {
        tc.label: (info.version if (info := state.detected.get(name)) else None) for name, tc in TOOLCHAINS.items()
    }
    state.stamp = build_stamp(git_commit(state.root), versions)
    generated = {
        REPORT_PAGE: report_page(state.results, state.pages),
        REPORT_JSON: report_json(state.results, state.pages),
    }
    # Benchmarks: measured or cached, published as benchmarks/results.json; a failed one fails the build.
    # Not measured at all when an example failed (CONCURRENCY_FAIL_FAST=0 measures them anyway).
    generated |= bench_site.publish(
        state.root,
        log.info,
        lambda path, message: state.errors.append(BuildFailure(message, Location(path, 1))),
        "off" if broken else state.settings.bench,
        state.detected,  # the build's one detection: benchmark builds use the toolchains the examples used
    )
    return generated, broken


def _execute_notebooks(state: BuildState, files: Files, config: MkDocsConfig) -> None:
    """Run each notebook page beside the JSON files the site publishes in its folder, and put the notebook
    with its outputs in its place: mkdocs-jupyter renders it as it is (`execute: false`) and offers it for download."""
    for source in [f for f in files if f.src_uri.endswith(".ipynb") and f.abs_src_path]:
        folder = posixpath.dirname(source.src_uri)
        inputs = {
            posixpath.basename(f.src_uri): stable_input(f.content_bytes)
            for f in files
            if f.src_uri.endswith(".json") and posixpath.dirname(f.src_uri) == folder
        }
        display = state.page_display(source.src_uri)
        cache = state.settings.cache_dir.parent / "notebooks" if state.settings.cache_dir else None
        run = execute_notebook(Path(source.abs_src_path or ""), display, inputs, state.settings, cache, source.src_uri)
        result = run.result
        log.info(
            f"notebook: {result.status.upper()} {display} ({result.seconds:.2f} s{', cached' if result.cached else ''})"
        )
        if not result.ok and result.status != SKIPPED:
            state.errors.append(BuildFailure.from_result(result, [display]))
        if run.executed is not None:  # a real file under a folder of its own: mkdocs-jupyter reads it by path
            src_dir = str(run.executed)[: -len(source.src_uri)]
            executed = File(source.src_uri, src_dir, config.site_dir, config.use_directory_urls)
            executed.edit_uri = source.edit_uri
            files.remove(source)
            files.append(executed)


def _report_at_once(state: BuildState) -> bool:
    """Fail fast: broken examples are told now, not after minutes of benchmarks; True when benchmarks must wait."""
    broken = [r for r in state.results.values() if not r.ok and r.status != SKIPPED]
    if not (broken or state.errors) or not state.settings.fail_fast or state.serving:
        return False
    if not state.report_early:
        return True
    failures = [*state.errors, *(BuildFailure.from_result(r, state.shown_on[r.path]) for r in broken)]
    log.error(describe_failures(failures, github=state.settings.github_annotations, annotate=False))
    state.told = {failure.message for failure in failures}
    log.warning("benchmarks: not measured, examples failed (CONCURRENCY_FAIL_FAST=0 measures them anyway)")
    return True


def _load_examples(state: BuildState) -> None:
    for src_uri, markers in state.markers.items():
        for marker in markers:
            for path in marker.files:
                display = state.display(path)
                state.shown_on[display].append(str(marker))
                if src_uri not in state.pages[display]:
                    state.pages[display].append(src_uri)
                if display in state.examples:
                    continue
                try:
                    state.examples[display] = load_example(path, state.root)
                except ExampleConfigError as exc:
                    state.errors.append(BuildFailure(f"{exc} (shown on {marker})", exc.location))


def _warn_orphans(state: BuildState) -> None:
    """A snippet that no page shows is a warning, so `mkdocs build --strict` fails on it (issue 21)."""
    try:
        files = find_examples(state.snippets_dir) if state.snippets_dir.is_dir() else []
    except OutsideError:
        return  # a symlink out of snippets/: the examples it concerns say so
    for path in files:
        if (display := state.display(path)) not in state.shown_on:
            marker = path.relative_to(state.snippets_dir).as_posix()
            log.warning(f"{display}: no page shows this example: put `[[example {marker}]]` on a page, or delete it")


# What the rendered examples use: admonitions, collapsible boxes, fences with titles and classes, content tabs.
REQUIRED_EXTENSIONS = ("admonition", "attr_list", "pymdownx.details", "pymdownx.superfences", "pymdownx.tabbed")


def _check_extensions(extensions: list[str], config_path: str) -> None:
    missing = [name for name in REQUIRED_EXTENSIONS if name not in extensions]
    if missing:
        raise PluginError(
            f"{config_path}: examples need these "
            f"markdown_extensions: {', '.join(missing)} (pymdownx.tabbed with alternate_style: true)"
        )


def _check_toolchains(state: BuildState) -> None:
    """Strict mode: a toolchain that some example needs and that is missing stops the build now."""
    if not state.settings.strict or not state.settings.execute:
        return
    missing = sorted({e.language for e in state.examples.values() if state.detected.get(e.language) is None})
    if missing:
        hints = "\n".join(f"  - {TOOLCHAINS[m].label}: {TOOLCHAINS[m].install_hint}" for m in missing)
        raise PluginError(f"strict mode (CI or CONCURRENCY_STRICT=1): toolchain(s) missing for the examples:\n{hints}")


def _check_sandbox(state: BuildState) -> None:
    """Find the isolation this machine allows, say it once in the log; stop when `required` cannot be met."""
    if not state.settings.execute:
        return
    try:
        status = sandbox.configure(state.settings.sandbox)
    except SetupError as exc:
        raise PluginError(f"{exc}\n  (or CONCURRENCY_SANDBOX=auto runs examples without it)") from None
    (log.info if status.complete or status.mode == "off" else log.warning)(status.summary())


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    return render_page(_require_state(), page.file.src_uri, markdown)


def render_page(state: BuildState, src_uri: str, markdown: str) -> str:
    """The page's Markdown with each marker replaced by its examples (sources, outputs, commands)."""
    state.current_page = state.exec_failures.page = src_uri
    markers = state.markers.get(src_uri, [])
    found = marker_lines(markdown)
    if not markers or len(found) != len(markers):
        return markdown  # a mismatch is reported in on_post_build (markers found != rendered)
    lines = markdown.splitlines()
    for (number, _match), marker in zip(found, markers, strict=True):
        displays = [state.display(path) for path in marker.files]
        if not all(d in state.examples and d in state.results for d in displays):
            continue  # a broken example file: already an error
        pairs = [(state.examples[d], state.results[d]) for d in displays]
        lines[number - 1] = render_marker(pairs, marker.indent, state.source_base)
        state.rendered[src_uri] += 1
    return "\n".join(lines) + "\n"


def on_post_build(config: MkDocsConfig) -> None:
    state = _require_state()
    failures = collect_failures(state)
    close_all()
    if not failures:
        return
    message = describe_failures(failures, github=state.settings.github_annotations, told=state.told)
    if state.serving:
        log.error(message)  # keep serving: the next save may fix it
        return
    raise PluginError(message)


def collect_failures(state: BuildState, count_rendered: bool = True) -> list[BuildFailure]:
    """Every failure of the build, once: bad markers, markers not rendered (`count_rendered`: where every page is
    rendered in this build), computed blocks, broken examples."""
    failures = list(state.errors)
    for src_uri, markers in state.markers.items() if count_rendered else ():
        if state.rendered[src_uri] != len(markers):
            failures.append(
                BuildFailure(
                    f"{state.page_display(src_uri)}: {len(markers)} marker(s) found but "
                    f"{state.rendered[src_uri]} rendered: the page was not built or a marker was altered",
                    Location(state.page_display(src_uri), markers[0].line),
                )
            )
    failures.extend(_exec_block_failures(state))
    for result in state.results.values():
        if not result.ok and result.status != SKIPPED:
            failures.append(BuildFailure.from_result(result, state.shown_on[result.path]))
    skipped = [r for r in state.results.values() if r.status == SKIPPED]
    for result in skipped:
        log.warning(f"{result.location}: {result.reason} ({result.detail})")
    return failures


def _exec_block_failures(state: BuildState) -> list[BuildFailure]:
    """A computed (`exec="on"`) block that raised is a broken example of the page itself."""
    failures = []
    for failure in state.exec_failures.failures:
        page = state.docs_dir / failure.page
        source = page.read_text(encoding="utf-8") if page.is_file() else ""
        where = state.page_display(failure.page)
        line = failed_block_line(source, failure.message)
        failures.append(
            BuildFailure(f"{where}:{line}: computed block failed: {summarize(failure.message)}", Location(where, line))
        )
    return failures


def current_state() -> BuildState:
    """The build in progress, for computed blocks; outside a build this says so instead of guessing."""
    if _state is None:
        raise RuntimeError("no site build is running: computed blocks only work inside `mkdocs build`/`serve`")
    return _state


def on_build_error(error: Exception) -> None:
    close_all()


def on_shutdown() -> None:
    close_all()


def on_serve(server: Any, config: MkDocsConfig, builder: Any) -> Any:
    """Rebuild when a snippet changes (the cache lives outside docs/, so rebuilds never loop)."""
    state = _require_state()
    for watched in (state.snippets_dir, state.root / "benchmarks"):
        if watched.is_dir():
            server.watch(str(watched))
    return server


def source_base(repo_url: str | None, edit_uri: str | None) -> str | None:
    """Where the repository shows a file, from `repo_url` and `edit_uri` (`edit/main/docs/` -> `<repo>/blob/main/`)."""
    if not repo_url:
        return None
    parts = (edit_uri or "").strip("/").split("/")
    branch = parts[1] if len(parts) >= 2 and parts[0] in ("edit", "blob") else "main"
    return f"{repo_url.rstrip('/')}/blob/{branch}/"


def _require_state() -> BuildState:
    if _state is None:
        raise PluginError("hooks: on_config did not run; is the hook listed in mkdocs.yml `hooks:`?")
    return _state


def _relative(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root).as_posix()
    except ValueError:
        return os.fspath(path)
