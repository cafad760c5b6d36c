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
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path

from hooks.common.locations import source_line
from hooks.common.untrusted import printable
from hooks.common.untrusted_files import remove_tree
from hooks.engine import judge
from hooks.engine.checks import check
from hooks.engine.cores import CORES_VARIABLE, cores_env, machine_cores
from hooks.engine.cores import granted as granted_cores
from hooks.engine.example import Example
from hooks.engine.result import FAILED, INCONCLUSIVE, PASSED, SKIPPED, TIMEOUT, Result
from hooks.engine.timeline_check import check_timeline, timeline_claims
from hooks.process import disk as limits_disk
from hooks.process import sandbox
from hooks.process.capture import STDERR, STDOUT
from hooks.process.limits import EXAMPLE_LIMITS, Limits, Usage, format_bytes
from hooks.process.run import DEFAULT_OUTPUT_CAP, Confinement, contributed, run_process
from hooks.process.tree import sweep_stale
from hooks.timeline import helpers as timeline_helpers
from hooks.toolchains import TOOLCHAINS, Plan, ToolchainInfo

# What examples see besides the allowlisted part of the build's environment (hooks/process/sandbox.py).
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
    """Execute `example` (no cache) and return its checked result. Its timing claims (shapes, `lesson:` lines)
    go through the judge, which runs it again, bounded, only while they are undecided (hooks/engine/judge.py)."""
    once = partial(_run_once, example, detected, default_timeout)
    answer, result, runs = judge.settle(once(), once)
    return result if answer is None else _judged(result, answer, runs)


def _judged(result: Result, answer: judge.Judgement, runs: int) -> Result:
    """The run the judgement rests on, with the judgement as its status: contradicted fails, with the evidence;
    inconclusive is a status of its own, never a failure."""
    over = f"judged over {runs} runs" if runs > 1 else "judged on one run"
    if answer.verdict == judge.HOLDS:
        return replace(result, status=PASSED, verdict=judge.HOLDS, runs=runs)
    status = FAILED if answer.verdict == judge.CONTRADICTED else INCONCLUSIVE
    reason = answer.text if status == FAILED else f"inconclusive on this machine: {answer.text}"
    return replace(
        result,
        status=status,
        verdict=answer.verdict,
        runs=runs,
        reason=reason,
        detail=over,
        line=answer.line or result.line,
    )


def _run_once(example: Example, detected: Detected, default_timeout: float) -> tuple[judge.Judgement | None, Result]:
    """Execute `example` once: its checked result, and its timing claims judged on this run (None: it has none,
    or it failed before they could be judged)."""
    toolchain = TOOLCHAINS[example.language]
    info = detected.get(example.language)
    if info is None:
        reason = f"not executed: {toolchain.label} toolchain missing"
        missing = Result.not_run(example.display_path, example.language, SKIPPED, reason, detail=toolchain.install_hint)
        return None, missing
    timeout = example.options.timeout or default_timeout
    limits = example_limits(example)
    with _area() as area:
        source = area / "work" / example.path.name
        shutil.copyfile(example.path, source)
        source.chmod(0o444)
        plan = toolchain.plan(source, area / "work", info)
        if example.options.timeline:  # its helper beside the example, built or loaded with it
            try:
                plan = timeline_helpers.prepare(example.language, source, area / "work", plan)
            except timeline_helpers.HelperError as exc:
                line = example.option_lines.get("timeline", example.body_start)
                return None, Result.not_run(example.display_path, example.language, FAILED, str(exc), line=line)
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
        return None, result(status=FAILED, reason=run.start_error, detail=hint)
    if run.usage is not None and (run.usage.oom_kills or run.usage.refused_tasks):
        return None, result(status=FAILED, reason=_limit_reason(run.usage, limits), line=example.body_start)
    printed = toolchain.printed(stdout, stderr)
    if run.timed_out and example.options.hangs:
        failure = check(example, None, output, printed)
        if failure is None:
            return None, result(status=PASSED, line=example.body_start)
        return None, result(status=FAILED, reason=failure.reason, detail=failure.detail, line=failure.line)
    if run.timed_out:
        where = pointed[0] if pointed else example.option_lines.get("timeout", example.body_start)
        return None, result(status=TIMEOUT, reason=f"timed out after {timeout:g} s; process tree killed", line=where)
    if run.output_capped:
        kib = DEFAULT_OUTPUT_CAP // 1024
        return None, result(
            status=FAILED, reason=f"printed more than {kib} KiB; process tree killed", line=example.body_start
        )
    assert run.exit_code is not None
    failure = check(example, run.exit_code, output, printed)
    if failure is None and example.options.timeline:  # missing or malformed events fail like broken output
        failure = check_timeline(example, events)
    if failure is None:  # the checks pass: what remains is whatever it claims about time
        claims = timeline_claims(example, events) if example.options.timeline and events else []
        needs = granted_cores(example.options)
        claims += judge.lesson_claims(output, _lesson_line(example), needs)
        answer = judge.judge(claims, run.measured) if claims else None
        return answer, result(status=PASSED, line=example.body_start)
    if pointed and run.exit_code != example.options.exit_code:
        # A compile error or a crash points into the source: say where and what.
        return None, result(status=FAILED, reason=f"{failure.reason}: {pointed[1]}", line=pointed[0])
    return None, result(status=FAILED, reason=failure.reason, detail=failure.detail, line=failure.line)


def _lesson_line(example: Example) -> int:
    """Where the example prints its `lesson:` verdict: the first source line outside its options that says
    `lesson:`, else its `example.cores` line, else its first line."""
    options = set(example.option_lines.values())
    for number, text in enumerate(example.path.read_text(encoding="utf-8", errors="replace").splitlines(), 1):
        if "lesson:" in text and number not in options and number >= example.body_start:
            return number
    return example.option_lines.get("cores", example.body_start)


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
    measured: judge.Conditions | None = None  # what the machine gave the example's own steps (judge.py)


def _run_steps(plan: Plan, area: Path, source: Path, timeout: float, limits: Limits, granted: dict[str, str]) -> _Run:
    """Run the plan's commands in order within one timeout; stop at the first that fails. Every step but the C#
    compile client runs in the sandbox with `limits` and the cores it was `granted` (CONCURRENCY_CORES), compiles
    included; that client runs in a cgroup with `limits` and the source read-only. The usage is the steps' sum."""
    deadline = time.monotonic() + timeout
    chunks: dict[int, bytes] = {0: b"", STDOUT: b"", STDERR: b""}
    seconds, usage, measured = 0.0, None, None
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
        before = judge.sample()
        done = run_process(
            step.argv, cwd=area / "work", timeout=remaining, env=env, output_cap=cap, confinement=confinement
        )
        if step.contributed:  # what the machine left to the example's own code: the judge's evidence
            own = done.usage.cpu_seconds if done.usage else None
            cores = int(granted.get(CORES_VARIABLE, "1"))
            measured = judge.conditions(before, judge.sample(), own, cores, machine_cores()) or measured
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
        streams,
        seconds,
        exit_code,
        done.timed_out,
        done.output_capped,
        done.start_error,
        done.not_found,
        usage,
        measured,
    )


_root_lock = threading.Lock()
_root: Path | None = None


@contextmanager
def _area() -> Iterator[Path]:
    """A fresh folder for one run: `work/` (its working directory), `home/` (its HOME), `tmp/`; removed after,
    however deep or linked what the run left (hooks/common/untrusted_files.py: remove_tree)."""
    global _root
    with _root_lock:
        if _root is None or not _root.is_dir():
            sweep_stale(Path(tempfile.gettempdir()), "cme-")
            _root = Path(tempfile.mkdtemp(prefix=f"cme-{os.getpid()}-"))
            _root.chmod(0o711)  # passable by the unprivileged user examples run as
            atexit.register(remove_tree, _root)
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
        remove_tree(area)  # iterative, no link followed; what it cannot remove is left, never an error
