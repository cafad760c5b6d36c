# The per-language timeline helpers (snippets/timeline/): put beside an example, built with it, events collected.
from __future__ import annotations

import hashlib
import os
import shutil
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

from hooks.common.machine import parse_cpu_model
from hooks.common.project import find_project, project_root
from hooks.toolchains import TOOLCHAINS
from hooks.toolchains.base import Plan, Step, TimelineHelper

HELPER_FOLDER = Path("snippets") / "timeline"  # in the project (hooks/common/project.py)
ENV = "CONCURRENCY_TIMELINE"  # the helpers write to the file it names; without it they do nothing
EVENTS_FILE = "timeline.events"  # in the example's working directory


class HelperError(Exception):
    """The helper cannot be put beside this example."""


def helpers() -> dict[str, str]:
    """Each language's helper file name, for the languages that have one (their Toolchain's `timeline`)."""
    return {name: tc.timeline.file for name, tc in TOOLCHAINS.items() if tc.timeline is not None}


def helper_dir() -> Path:
    """The project's snippets/timeline/ (SetupError outside a project)."""
    return project_root() / HELPER_FOLDER


def helper_path(language: str) -> Path:
    """Where the language's helper is read from: its own `source`, else the project's snippets/timeline/."""
    helper = _helper(language)
    return helper.source or helper_dir() / helper.file


def is_helper(path: Path) -> bool:
    """A helper file, which is not an example of its own (outside a project there are none)."""
    project = find_project()
    in_folder = project is not None and path.resolve().parent == project / HELPER_FOLDER
    return in_folder and path.name in helpers().values()


def helper_digest(language: str) -> str:
    """A hash of the language's helper, for the cache key: a changed helper means new events."""
    return hashlib.sha256(helper_path(language).read_bytes()).hexdigest()


def prepare(language: str, source: Path, workdir: Path, plan: Plan) -> Plan:
    """Copy the helper next to `source` and return the plan that builds or loads it with the example: the helper's
    `before` and `after` arguments go around the example's file name wherever a command names it (Go and C# compile
    it with the example, Elixir requires it first: `elixir -r timeline.exs x.exs`; Python imports it)."""
    helper = _helper(language)
    if source.name == helper.file:
        raise HelperError(f"an example that draws a timeline cannot be named {helper.file}, like its helper")
    shutil.copyfile(helper_path(language), workdir / helper.file)
    steps = tuple(_insert(step, source.name, helper.before, helper.after) for step in plan.steps)
    shown = " ".join((*helper.before, source.name, *helper.after))
    display = plan.display.replace(f" {source.name}", f" {shown}", 1)
    return replace(plan, steps=steps, display=display, env={**plan.env, ENV: str(workdir / EVENTS_FILE)})


def _helper(language: str) -> TimelineHelper:
    helper = TOOLCHAINS[language].timeline
    if helper is None:
        raise HelperError(f"{TOOLCHAINS[language].label} has no timeline helper (its Toolchain's `timeline`)")
    return helper


def _insert(step: Step, name: str, before: tuple[str, ...], after: tuple[str, ...]) -> Step:
    argv = step.argv
    if name not in argv:
        return step
    at = argv.index(name)
    return replace(step, argv=(*argv[:at], *before, name, *after, *argv[at + 1 :]))


def collect(workdir: Path, now: datetime | None = None) -> str | None:
    """The events the run wrote, headed by when and where it ran; None when it wrote none."""
    try:
        text = (workdir / EVENTS_FILE).read_text(encoding="utf-8", errors="replace")
    except OSError:
        return None
    moment = (now or datetime.now(UTC)).strftime("%Y-%m-%d %H:%M UTC")
    return f"# measured {moment}\n# machine {machine()}\n{text}"


def machine() -> str:
    """The CPU model and the cores of the machine running the build."""
    try:
        cpuinfo = Path("/proc/cpuinfo").read_text(encoding="utf-8", errors="replace")
    except OSError:
        cpuinfo = ""
    return f"{parse_cpu_model(cpuinfo)}, {os.cpu_count() or 1} logical cores"


def reader_command(language: str, command: str, name: str) -> str:
    """The command a reader types for an example that uses the helper, with the helper's file beside it: the
    helper's arguments around the file name (`go run x.go timeline.go`, `elixir -r timeline.exs x.exs`), unless the
    reader's command does not name it (Python imports it; a C# example includes it itself, `#:include timeline.cs`)."""
    helper = _helper(language)
    if not helper.reader_names_it:
        return command
    shown = " ".join((*helper.before, name, *helper.after))
    return command.replace(f" {name}", f" {shown}", 1)
