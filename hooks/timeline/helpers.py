# The per-language timeline helpers (snippets/timeline/): put beside an example, built with it, events collected.
from __future__ import annotations

import hashlib
import os
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

from hooks.common.machine import parse_cpu_model
from hooks.common.project import find_project, project_root
from hooks.common.untrusted_files import UntrustedFileError, no_links_below, read_bounded, read_text_capped
from hooks.toolchains import TOOLCHAINS
from hooks.toolchains.base import Plan, Step, TimelineHelper

HELPER_FOLDER = Path("snippets") / "timeline"  # in the project (hooks/common/project.py)
ENV = "CONCURRENCY_TIMELINE"  # the helpers write to the file it names; without it they do nothing
EVENTS_FILE = "timeline.events"  # in the example's working directory
MAX_HELPER_BYTES = 256 * 1024  # a helper is a few KiB
# What of a run's events file is read: 5,000 events (hooks/timeline/events.py) of at most ~150 bytes fit with
# room to spare; the rest is cut, and the cut said, so a sparse or endless file costs the build 1 MiB at most.
MAX_EVENTS_BYTES = 1024 * 1024


class HelperError(Exception):
    """The helper cannot be put beside this example."""


def helpers() -> dict[str, str]:
    """Each language's helper file name, for the languages that have one (their Toolchain's `timeline`)."""
    return {name: tc.timeline.file for name, tc in TOOLCHAINS.items() if tc.timeline is not None}


def helper_dir() -> Path:
    """The project's snippets/timeline/ (SetupError outside a project)."""
    return project_root() / HELPER_FOLDER


def helper_path(language: str) -> Path:
    """Where the language's helper is read from: its record's own `source`, else the project's snippets/timeline/."""
    helper = _helper(language)
    return helper.source or helper_dir() / helper.file


def is_helper(path: Path) -> bool:
    """A helper file, which is not an example of its own (outside a project there are none)."""
    project = find_project()
    in_folder = project is not None and path.resolve().parent == project / HELPER_FOLDER
    return in_folder and path.name in helpers().values()


def helper_source(language: str) -> bytes:
    """The language's helper, read as a regular file with no link on its way from the project's root (from its own
    folder, for a record that names its `source`): a link could put any file of the build machine, /proc/self/environ
    included, on a page; HelperError names it."""
    path = helper_path(language)
    root = project_root() if _helper(language).source is None else path.parent
    try:
        no_links_below(root, path)
        return read_text_capped(path, MAX_HELPER_BYTES, "timeline helper").encode("utf-8")
    except UntrustedFileError as exc:
        where = Path(exc.path).relative_to(root).as_posix() if Path(exc.path).is_relative_to(root) else exc.path
        raise HelperError(f"{where}: {exc.reason}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise HelperError(f"{path.relative_to(root).as_posix()}: cannot be read ({exc})") from None


def helper_digest(language: str) -> str:
    """A hash of the language's helper, for the cache key: a changed helper means new events. A helper that
    cannot be read gets a key of its own; its examples then fail with the reason (prepare)."""
    try:
        return hashlib.sha256(helper_source(language)).hexdigest()
    except HelperError as exc:
        return f"refused: {exc}"


def prepare(language: str, source: Path, workdir: Path, plan: Plan) -> Plan:
    """Copy the helper next to `source` and return the plan that builds or loads it with the example: the helper's
    `before` and `after` arguments go around the example's file name wherever a command names it (Go and C# compile
    it with the example, Elixir requires it first: `elixir -r timeline.exs x.exs`; Python imports it)."""
    helper = _helper(language)
    if source.name == helper.file:
        raise HelperError(f"an example that draws a timeline cannot be named {helper.file}, like its helper")
    data = helper_source(language)
    fd = os.open(workdir / helper.file, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC, 0o444)
    with os.fdopen(fd, "wb") as out:
        out.write(data)
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
    """The step with the helper's arguments around the example's name (`x.go` or `./x.go`, as the plan has it)."""
    argv = step.argv
    for shown in (name, f"./{name}"):
        if shown in argv:
            at = argv.index(shown)
            prefix = shown.removesuffix(name)
            ahead, behind = ([a if a.startswith("-") else prefix + a for a in part] for part in (before, after))
            return replace(step, argv=(*argv[:at], *ahead, shown, *behind, *argv[at + 1 :]))
    return step


def collect(workdir: Path, now: datetime | None = None, limit: int = MAX_EVENTS_BYTES) -> str | None:
    """The events the run wrote, headed by when and where it ran; None when it wrote none.

    The run could have left anything there: the file is read only if it is a regular file (no link followed,
    the run's folder included; a FIFO refused, never waited on), and at most `limit` bytes of it, whole lines.
    What was refused or cut is said in a `# refused` / `# cut` line, which the parser reports as the error.
    """
    head = f"# measured {(now or datetime.now(UTC)).strftime('%Y-%m-%d %H:%M UTC')}\n# machine {machine()}\n"
    try:
        folder = os.open(workdir, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | os.O_CLOEXEC)
    except OSError:
        return None
    try:
        read = read_bounded(EVENTS_FILE, limit, dir_fd=folder)
    except FileNotFoundError:
        return None
    except UntrustedFileError as exc:
        return f"{head}# refused {EVENTS_FILE} is {exc.reason.split(':')[0]}\n"
    finally:
        os.close(folder)
    data = read.data
    if read.cut:
        kept = data[: data.rfind(b"\n") + 1]  # whole lines only
        head += f"# cut {read.cut + len(data) - len(kept):,} bytes after the first {len(kept):,}\n"
        data = kept
    return head + data.decode("utf-8", errors="replace")


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
    return command.replace(f" {name}", " " + " ".join((*helper.before, name, *helper.after)), 1)
