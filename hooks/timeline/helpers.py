# The per-language timeline helpers (snippets/timeline/): put beside an example, built with it, events collected.
from __future__ import annotations

import hashlib
import os
import shutil
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

from hooks.common.machine import parse_cpu_model
from hooks.toolchains.base import Plan, Step

HELPER_DIR = Path(__file__).resolve().parents[2] / "snippets" / "timeline"
HELPERS = {"python": "timeline.py", "elixir": "timeline.exs", "csharp": "timeline.cs", "go": "timeline.go"}
ENV = "CONCURRENCY_TIMELINE"  # the helpers write to the file it names; without it they do nothing
EVENTS_FILE = "timeline.events"  # in the example's working directory


class HelperError(Exception):
    """The helper cannot be put beside this example."""


def is_helper(path: Path) -> bool:
    """A helper file, which is not an example of its own."""
    return path.resolve().parent == HELPER_DIR and path.name in HELPERS.values()


def helper_digest(language: str) -> str:
    """A hash of the language's helper, for the cache key: a changed helper means new events."""
    return hashlib.sha256((HELPER_DIR / HELPERS[language]).read_bytes()).hexdigest()


def prepare(language: str, source: Path, workdir: Path, plan: Plan) -> Plan:
    """Copy the helper next to `source` and return the plan that builds or loads it with the example.

    Python imports it from the script's folder; Go and C# compile it with the example (`timeline` and
    `Timeline` are then in scope); Elixir requires it first (`elixir -r timeline.exs x.exs`).
    """
    helper = HELPERS[language]
    if source.name == helper:
        raise HelperError(f"an example that draws a timeline cannot be named {helper}, like its helper")
    shutil.copyfile(HELPER_DIR / helper, workdir / helper)
    before = ("-r", helper) if language == "elixir" else ()
    after = (helper,) if language in ("go", "csharp") else ()
    steps = tuple(_insert(step, source.name, before, after) for step in plan.steps)
    shown = " ".join((*before, source.name, *after))
    display = plan.display.replace(f" {source.name}", f" {shown}", 1)
    return replace(plan, steps=steps, display=display, env={**plan.env, ENV: str(workdir / EVENTS_FILE)})


def _insert(step: Step, name: str, before: tuple[str, ...], after: tuple[str, ...]) -> Step:
    """The step with the helper's arguments around the example's name (`x.go` or `./x.go`, as the plan has it)."""
    argv = step.argv
    for shown in (name, f"./{name}"):
        if shown in argv:
            at = argv.index(shown)
            prefix = shown.removesuffix(name)
            ahead, behind = ([a if a.startswith("-") else prefix + a for a in part] for part in (before, after))
            return replace(step, argv=(*argv[:at], *ahead, shown, *behind, *argv[at + 1 :]))
    return step


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
    """The command a reader types for an example that uses the helper, with the helper's file beside it:
    Go and Elixir name it (`go run x.go timeline.go`, `elixir -r timeline.exs x.exs`); Python imports it from
    the script's folder; a C# example includes it itself (`#:include timeline.cs`, read by `dotnet run`)."""
    helper = HELPERS[language]
    if language == "go":
        return f"{command} {helper}"
    if language == "elixir":
        return command.replace(f" {name}", f" -r {helper} {name}", 1)
    return command
