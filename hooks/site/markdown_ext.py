# The site adapter as a Python-Markdown extension, for generators that run no MkDocs hooks (Zensical): `prepare`
# (called from mkdocs.yml while the config is read, before any page renders) runs the hooks' execution step,
# the extension puts results on pages, and `finish` (at exit) publishes the report files and checks the output.
# Under MkDocs and ProperDocs the hooks (hooks/site/build.py) do all of it and this extension does nothing.
from __future__ import annotations

import atexit
import hashlib
import json
import logging
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from types import FrameType
from typing import Any

import yaml
from markdown import Markdown
from markdown.extensions import Extension
from markdown.preprocessors import Preprocessor

from hooks.common.locations import Location
from hooks.engine.result import SKIPPED
from hooks.site import build
from hooks.site.failures import BuildFailure, describe_failures
from hooks.site.publish import Published, publish, raw_markers
from hooks.toolchains import close_all

log = logging.getLogger("mkdocs.hooks.examples")
_CONFIG_READERS = ("parse_mkdocs_config", "parse_zensical_config")  # zensical.config functions that read YAML
_session: Session | None = None


class Session:
    """One Zensical build: its state (shared with computed blocks) and where its site goes."""

    def __init__(self, config_file: Path, state: build.BuildState, site_dir: Path, status_file: Path) -> None:
        self.config_file = config_file
        self.state = state
        self.site_dir = site_dir
        self.status_file = status_file
        self.published = Published()


def prepare() -> str:
    """Under Zensical, run every example (through the cache), the benchmarks and the notebooks now, before any page
    renders; fail the build listing every failure once; return a key of everything pages show, which Zensical hashes
    with the Markdown configuration, so a changed result renders the pages again. Elsewhere: nothing, "".

    mkdocs.yml calls it with `!!python/object/apply:hooks.site.markdown_ext.prepare []`."""
    global _session
    config_file = _zensical_config_file(sys._getframe())
    if config_file is None:
        return ""  # MkDocs or ProperDocs: the hooks run the examples
    _show_progress()
    options = read_options(config_file)
    root = config_file.parent
    docs_dir = root / str(options.get("docs_dir") or "docs")
    site_dir = root / str(options.get("site_dir") or "site")
    try:
        state = build.BuildState(root, docs_dir, options.get("repo_url"), options.get("edit_uri"))
    except build.PluginError as exc:
        _exit(str(exc))
    state.report_early = False  # prepare() itself stops the build when an example broke
    build.begin(state)
    cache = state.settings.cache_dir.parent if state.settings.cache_dir else root / ".cache"
    session = _session = Session(config_file, state, site_dir, cache / "zensical-build.json")
    previous_ok = _last_build_ok(session.status_file)
    _write_status(session.status_file, ok=False)  # until finish() says otherwise
    atexit.unregister(finish)  # `zensical serve` reads the config again for each rebuild: one finish at exit
    atexit.register(finish)
    pages = {path.relative_to(docs_dir).as_posix(): path.read_text(encoding="utf-8") for path in _pages(docs_dir)}
    extensions = [next(iter(e)) if isinstance(e, dict) else str(e) for e in options.get("markdown_extensions") or []]
    try:
        generated, broken = build.execute_site(state, pages, extensions, _relative(config_file))
    except build.PluginError as exc:
        _exit(str(exc))
    session.published = publish(state, docs_dir, generated, run_notebooks=not broken)
    failures = _failures(state, rendering=False)
    if failures:
        _exit(describe_failures(failures, github=state.settings.github_annotations))
    key = hashlib.sha256()
    key.update(session.published.key.encode())
    key.update(_code_hash().encode())
    if not previous_ok:  # the last build failed or stopped: nothing it rendered may be reused
        key.update(os.urandom(16))
    return key.hexdigest()


def finish() -> None:
    """At exit: publish the report files into the site, check that no marker was left raw, and fail the build
    (exit status 1) listing every failure once."""
    session = _session
    if session is None or not (session.site_dir / "index.html").is_file():
        return
    state = session.state
    session.published.write(session.site_dir)
    failures = _failures(state, rendering=True)
    for page, line in raw_markers(session.site_dir):
        failures.append(BuildFailure(f"{page}:{line}: an example marker was left unrendered", Location(page, line)))
    close_all()
    if not failures:
        _write_status(session.status_file, ok=True)
        return
    _exit(describe_failures(failures, github=state.settings.github_annotations))


class ExamplesExtension(Extension):
    """`[[example ...]]` markers, rendered from the build's results (under Zensical; a no-op elsewhere)."""

    def __init__(self, **kwargs: Any) -> None:
        self.config = {"key": ["", "what the pages show, hashed: a change makes Zensical render them again"]}
        super().__init__(**kwargs)

    def extendMarkdown(self, md: Markdown) -> None:
        md.preprocessors.register(_Markers(md), "concurrency_examples", 34)  # before SuperFences (31)


class _Markers(Preprocessor):
    def run(self, lines: list[str]) -> list[str]:
        if _session is None:
            return lines
        found = "rendering_context" in self.md.preprocessors  # Zensical's: it knows the page
        context = self.md.preprocessors["rendering_context"] if found else None
        page = getattr(getattr(context, "page", None), "path", None)
        if not isinstance(page, str):
            return lines
        return build.render_page(_session.state, page, "\n".join(lines)).splitlines()


def makeExtension(**kwargs: Any) -> ExamplesExtension:
    return ExamplesExtension(**kwargs)


def _failures(state: build.BuildState, rendering: bool) -> list[BuildFailure]:
    """Before rendering: bad markers and broken examples. After: computed blocks too (a page Zensical took from
    its cache was not rendered, so the raw-marker check of the output stands in for the rendered count)."""
    if rendering:
        return build.collect_failures(state, count_rendered=False)
    failures = list(state.errors)
    for result in state.results.values():
        if not result.ok and result.status != SKIPPED:
            failures.append(BuildFailure.from_result(result, state.shown_on[result.path]))
    return failures


def _zensical_config_file(frame: FrameType | None) -> Path | None:
    """The config file Zensical is reading, found from its reader's frame; None under any other generator."""
    while frame is not None:
        if frame.f_code.co_name in _CONFIG_READERS and frame.f_globals.get("__name__") == "zensical.config":
            return Path(str(frame.f_locals["path"])).resolve()
        frame = frame.f_back
    return None


class _Tolerant(yaml.SafeLoader):
    """Reads mkdocs.yml for a few plain settings: `!ENV` resolved, any other tag read as nothing."""


def _env_tag(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    if isinstance(node, yaml.ScalarNode):
        return os.environ.get(str(loader.construct_scalar(node)))
    if isinstance(node, yaml.SequenceNode):
        *names, default = [loader.construct_object(child) for child in node.value]
        return next((os.environ[str(n)] for n in names if str(n) in os.environ), default)
    return None


_Tolerant.add_constructor("!ENV", _env_tag)
_Tolerant.add_multi_constructor("", lambda loader, suffix, node: None)


def read_options(config_file: Path) -> dict[str, Any]:
    """The settings of mkdocs.yml the execution step needs (docs_dir, site_dir, repo_url, edit_uri, extensions)."""
    data = yaml.load(config_file.read_text(encoding="utf-8"), Loader=_Tolerant)
    return data if isinstance(data, dict) else {}


def _pages(docs_dir: Path) -> Iterator[Path]:
    for path in sorted(docs_dir.rglob("*.md")):
        if path.is_file() and not any(part.startswith(".") for part in path.relative_to(docs_dir).parts):
            yield path


def _code_hash() -> str:
    """The engine's and the renderer's own code: a changed renderer renders the pages again."""
    digest = hashlib.sha256()
    for path in sorted(Path(__file__).resolve().parents[1].rglob("*.py")):
        digest.update(path.read_bytes())
    return digest.hexdigest()


def _last_build_ok(status_file: Path) -> bool:
    try:
        return bool(json.loads(status_file.read_text(encoding="utf-8")).get("ok"))
    except (OSError, ValueError, AttributeError):
        return False


def _write_status(status_file: Path, ok: bool) -> None:
    status_file.parent.mkdir(parents=True, exist_ok=True)
    status_file.write_text(json.dumps({"ok": ok}) + "\n", encoding="utf-8")


def _show_progress() -> None:
    """Zensical sets up no Python logging: show the engine's progress lines on stderr."""
    if not log.handlers:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
        log.addHandler(handler)
        log.setLevel(logging.INFO)
        log.propagate = False


def _exit(message: str) -> None:
    """Stop the build with `message` and exit status 1, without a traceback (the generator is mid-call)."""
    close_all()
    print(f"ERROR   -  {message}\nAborted with a build error.", file=sys.stderr, flush=True)
    sys.stdout.flush()
    os._exit(1)


def _relative(path: Path) -> str:
    try:
        return path.relative_to(Path.cwd()).as_posix()
    except ValueError:
        return str(path)
