# Runs one example through its toolchain in a fresh folder of its own, in the sandbox, and judges the result.
from __future__ import annotations

import atexit
import os
import shutil
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from hooks import limits_disk, sandbox
from hooks.checks import check
from hooks.cores import cores_env
from hooks.example import Example
from hooks.limits import EXAMPLE_LIMITS, Limits, Usage, format_bytes
from hooks.locations import source_line
from hooks.process import DEFAULT_OUTPUT_CAP, Confinement, contributed, run_process
from hooks.process_capture import STDERR, STDOUT
from hooks.process_tree import sweep_stale
from hooks.result import FAILED, PASSED, SKIPPED, TIMEOUT, Result
from hooks.timeline import helpers as timeline_helpers
from hooks.timeline.check import check_timeline
from hooks.toolchains import TOOLCHAINS, Plan, ToolchainInfo
from hooks.untrusted import printable

# What examples see besides the allowlisted part of the build's environment (hooks/sandbox.py).
_EXAMPLE_ENV = {"LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", "NO_COLOR": "1", "TERM": "dumb"}


class Detected:
    """Toolchain detection, done once per build and per language, safe to share between threads."""

    def __init__(self) -> None:
        self._found: dict[str, ToolchainInfo | None] = {}
        self._lock = threading.Lock()

    def get(self, language: str) -> ToolchainInfo | None:
        with self._lock:
            if language not in self._found:
                self._found[language] = TOOLCHAINS[language].detect()
            return self._found[language]


def example_limits(example: Example) -> Limits:
    """The default limits, raised where the example declares `example.memory` / `example.tasks`."""
    options = example.options
    return EXAMPLE_LIMITS.raised(getattr(options, "memory_bytes", None), getattr(options, "tasks", None))


def run_example(example: Example, detected: Detected, default_timeout: float) -> Result:
    """Execute `example` once (no cache) and return its checked result."""
    toolchain = TOOLCHAINS[example.language]
    info = detected.get(example.language)
    if info is None:
        reason = f"not executed: {toolchain.label} toolchain missing"
        return Result.not_run(example.display_path, example.language, SKIPPED, reason, detail=toolchain.install_hint)
    timeout = example.options.timeout or default_timeout
    limits = example_limits(example)
    with _area() as area:
        source = area / "work" / example.path.name
        shutil.copyfile(example.path, source)
        source.chmod(0o444)
        plan = toolchain.plan(source, area / "work", info)
        if example.options.timeline:  # its helper beside the example, built or loaded with it
            plan = timeline_helpers.prepare(example.language, source, area / "work", plan)
        run = _run_steps(plan, area, source, timeout, limits, cores_env(example.options))
        events = timeline_helpers.collect(area / "work") if example.options.timeline else None
    workdir = f"{area / 'work'}/"
    output, stdout, stderr = (printable(b.decode("utf-8", "replace")).replace(workdir, "") for b in run.streams)
    result = partial(
        Result,
        path=example.display_path,
        language=example.language,
        seconds=round(run.seconds, 3),
        exit_code=run.exit_code,
        output=output,
        toolchain=info.version,
        command=plan.display,
        sandbox=sandbox.current().describe(limits),
        events=events,
    )
    pointed = source_line(output, example.path.name, toolchain.position, toolchain.last_position_wins)
    if run.start_error:
        hint = toolchain.install_hint if run.not_found else None
        return result(status=FAILED, reason=run.start_error, detail=hint)
    if run.usage is not None and (run.usage.oom_kills or run.usage.refused_tasks):
        return result(status=FAILED, reason=_limit_reason(run.usage, limits), line=example.body_start)
    printed = toolchain.printed(stdout, stderr)
    if run.timed_out and example.options.hangs:
        failure = check(example, None, output, printed)
        if failure is None:
            return result(status=PASSED, line=example.body_start)
        return result(status=FAILED, reason=failure.reason, detail=failure.detail, line=failure.line)
    if run.timed_out:
        where = pointed[0] if pointed else example.option_lines.get("timeout", example.body_start)
        return result(status=TIMEOUT, reason=f"timed out after {timeout:g} s; process tree killed", line=where)
    if run.output_capped:
        kib = DEFAULT_OUTPUT_CAP // 1024
        return result(
            status=FAILED, reason=f"printed more than {kib} KiB; process tree killed", line=example.body_start
        )
    assert run.exit_code is not None
    failure = check(example, run.exit_code, output, printed)
    if failure is None and example.options.timeline:  # missing or malformed events fail like broken output
        failure = check_timeline(example, events)
    if failure is None:
        return result(status=PASSED, line=example.body_start)
    if pointed and run.exit_code != example.options.exit_code:
        # A compile error or a crash points into the source: say where and what.
        return result(status=FAILED, reason=f"{failure.reason}: {pointed[1]}", line=pointed[0])
    return result(status=FAILED, reason=failure.reason, detail=failure.detail, line=failure.line)


def _limit_reason(usage: Usage, limits: Limits) -> str:
    if usage.oom_kills:
        return (
            f"killed at its memory limit ({format_bytes(limits.memory_bytes)}); "
            "declare `example.memory: <size>` (e.g. 4 GiB) if it needs more"
        )
    return (
        f"reached its task limit ({limits.tasks:,} processes and threads): a fork or thread start was refused; "
        "declare `example.tasks: <n>` if it needs more"
    )


@dataclass(frozen=True)
class _Run:
    """The plan's steps, run: merged output and each stream, and how it ended."""

    streams: tuple[bytes, bytes, bytes]  # output (interleaved), stdout, stderr
    seconds: float
    exit_code: int | None
    timed_out: bool = False
    output_capped: bool = False
    start_error: str | None = None
    not_found: str | None = None
    usage: Usage | None = None


def _run_steps(plan: Plan, area: Path, source: Path, timeout: float, limits: Limits, granted: dict[str, str]) -> _Run:
    """Run the plan's commands in order within one timeout; stop at the first that fails. Every step but the C#
    compile client runs in the sandbox with `limits` and the cores it was `granted` (CONCURRENCY_CORES), compiles
    included; that client runs in a cgroup with `limits` and the source read-only. The usage is the steps' sum."""
    deadline = time.monotonic() + timeout
    chunks: dict[int, bytes] = {0: b"", STDOUT: b"", STDERR: b""}
    seconds, usage = 0.0, None
    home, tmp = area / "home", area / "tmp"
    for step in plan.steps:
        remaining = max(0.1, deadline - time.monotonic())
        if step.contributed:
            env = {**_EXAMPLE_ENV, "HOME": str(home), **granted, **plan.env, **step.env}
            if not sandbox.current().isolated:
                env["TMPDIR"] = str(tmp)  # no private /tmp without the sandbox: a folder of its own instead
            confinement = contributed(limits, (area,), plan.readable)
        else:
            env = {**_EXAMPLE_ENV, **plan.env, **step.env}
            confinement = Confinement(limits=limits, read_only=(source,), own_pids=step.own_pids)
        cap = DEFAULT_OUTPUT_CAP - len(chunks[0])
        done = run_process(
            step.argv, cwd=area / "work", timeout=remaining, env=env, output_cap=cap, confinement=confinement
        )
        seconds += done.seconds
        chunks = {
            0: chunks[0] + done.output,
            STDOUT: chunks[STDOUT] + done.stdout,
            STDERR: chunks[STDERR] + done.stderr,
        }
        usage = done.usage.plus(usage) if done.usage is not None else usage
        if done.timed_out and step.on_timeout is not None:
            step.on_timeout()
        exit_code = done.exit_code
        if exit_code != 0:
            break
    streams = (chunks[0], chunks[STDOUT], chunks[STDERR])
    return _Run(
        streams, seconds, exit_code, done.timed_out, done.output_capped, done.start_error, done.not_found, usage
    )


_root_lock = threading.Lock()
_root: Path | None = None


@contextmanager
def _area() -> Iterator[Path]:
    """A fresh folder for one run: `work/` (its working directory), `home/` (its HOME), `tmp/`; removed after."""
    global _root
    with _root_lock:
        if _root is None or not _root.is_dir():
            sweep_stale(Path(tempfile.gettempdir()), "cme-")
            _root = Path(tempfile.mkdtemp(prefix=f"cme-{os.getpid()}-"))
            _root.chmod(0o711)  # passable by the unprivileged user examples run as
            atexit.register(shutil.rmtree, _root, True)
            if sandbox.current().isolated and limits_disk.share(_root):  # runs' own tmpfs mounts below it
                atexit.register(limits_disk.unmount, _root)  # (atexit: last in, first out)
    area = Path(tempfile.mkdtemp(prefix="ex-", dir=_root))
    capped = sandbox.current().isolated and limits_disk.mount_capped(area)  # its disk and inodes: its own
    try:
        for name in ("work", "home", "tmp"):
            (area / name).mkdir()
        yield area
    finally:
        if capped:
            limits_disk.unmount(area)
        shutil.rmtree(area, ignore_errors=True)
