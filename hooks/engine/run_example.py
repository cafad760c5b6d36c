# Runs one example through its toolchain in a fresh folder of its own, in the sandbox, and judges the result.
from __future__ import annotations

import atexit
import os
import shutil
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path

from hooks.common.errors import SetupError
from hooks.common.locations import source_line
from hooks.common.settings import Settings
from hooks.common.untrusted import printable
from hooks.common.untrusted_files import remove_tree
from hooks.engine import judge
from hooks.engine.checks import check, first_error, fix_for
from hooks.engine.cores import CORES_VARIABLE, machine_cores
from hooks.engine.example import Example
from hooks.engine.options import needs_platform
from hooks.engine.result import FAILED, INCONCLUSIVE, PASSED, SKIPPED, TIMEOUT, Result
from hooks.engine.spec import RunSpec
from hooks.engine.stuck import DUMP_SECONDS, DUMPS, Dump, explain, stuck
from hooks.engine.timeline_check import check_timeline, timeline_claims
from hooks.process import disk as limits_disk
from hooks.process import sandbox
from hooks.process.capture import STDERR, STDOUT
from hooks.process.limits import Limits, Usage, format_bytes
from hooks.process.run import DEFAULT_OUTPUT_CAP, Confinement, contributed, run_process
from hooks.process.tree import sweep_stale
from hooks.timeline import helpers as timeline_helpers
from hooks.toolchains import TOOLCHAINS, Detected, Plan

# What examples see besides the allowlisted part of the build's environment (hooks/process/sandbox.py).
_EXAMPLE_ENV = {"LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", "NO_COLOR": "1", "TERM": "dumb"}


def run_example(example: Example, detected: Detected, spec: RunSpec) -> Result:
    """Execute `example` (no cache) and return its checked result. Its timing claims (shapes, `lesson:` lines)
    go through the judge, which runs it again, bounded, only while they are undecided (hooks/engine/judge.py)."""
    once = partial(_run_once, example, detected, spec)
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


def _run_once(example: Example, detected: Detected, spec: RunSpec) -> tuple[judge.Judgement | None, Result]:
    """Execute `example` once: its checked result, and its timing claims judged on this run (None: it has none,
    or it failed before they could be judged)."""
    toolchain = TOOLCHAINS[example.language]
    info = detected.get(example.language)
    if info is None:
        reason = f"not executed: {toolchain.label} toolchain missing"
        missing = Result.not_run(example.display_path, example.language, SKIPPED, reason, detail=toolchain.install_hint)
        return None, missing
    if needed := needs_platform(example.options, sys.platform):  # strict mode (CI): a failure, never a skip
        status = FAILED if Settings.from_env(cache_dir=None).strict else SKIPPED
        return None, Result.not_run(
            example.display_path,
            example.language,
            status,
            f"not executed: needs {needed}",
            line=example.option_lines.get("platform", 1),
            detail=f"it declares `example.platform: {example.options.platform}` (README: Platforms)",
        )
    timeout, limits = spec.timeout, spec.limits
    with _area() as area:
        source = area / "work" / example.path.name
        shutil.copyfile(example.path, source)
        source.chmod(0o444)
        plan = toolchain.plan(source, area / "work", info)
        if example.options.timeline:  # its helper beside the example, built or loaded with it
            try:
                plan = timeline_helpers.prepare(example.language, source, area / "work", plan)
            except (timeline_helpers.HelperError, SetupError) as exc:  # named like it, refused, or no project
                line = example.option_lines.get("timeline", example.body_start)
                return None, Result.not_run(example.display_path, example.language, FAILED, str(exc), line=line)
        dump = None if example.options.hangs else DUMPS.get(example.language)  # a declared hang stays as it is
        run = _run_steps(plan, area, source, timeout, limits, spec.env(), dump)
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
        sandbox=dict(spec.sandbox),
        spec=spec,
        events=events,
    )
    pointed = source_line(output, example.path.name, toolchain.position, toolchain.last_position_wins)
    if run.start_error:
        hint = toolchain.install_hint if run.not_found else None
        return None, result(status=FAILED, reason=run.start_error, detail=hint)
    if run.usage is not None and (run.usage.oom_kills or run.usage.refused_tasks):
        return None, result(status=FAILED, reason=_limit_reason(run.usage, limits), line=example.body_start)
    printed = toolchain.printed(stdout, stderr)
    stopped = run.timed_out or run.over_cpu is not None  # a declared hang may be a busy one: stopped either way
    if stopped and example.options.hangs:
        failure = check(example, None, output, printed)
        if failure is None:
            return None, result(status=PASSED, line=example.body_start)
        return None, result(status=FAILED, reason=failure.reason, detail=failure.detail, line=failure.line)
    if run.timed_out:  # where it was stuck, when its runtime's dump names a line of the example
        found = stuck(example.language, output, example.path.name)
        where = found.line if found else example.option_lines.get("timeout", example.body_start)
        reason = f"timed out after {timeout:g} s; process tree killed{explain(example.language, found)}"
        units = "\n".join(found.units) if found else None
        return None, result(status=TIMEOUT, reason=reason, line=where, detail=units)
    if run.over_cpu is not None:
        line = example.option_lines.get("cpu", example.body_start)
        return None, result(status=FAILED, reason=_cpu_reason(run.over_cpu, limits), line=line)
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
        needs = spec.cores_granted
        claims += judge.lesson_claims(output, _lesson_line(example), needs)
        answer = judge.judge(claims, run.measured) if claims else None
        return answer, result(status=PASSED, line=example.body_start)
    if run.exit_code != example.options.exit_code and not example.options.hangs:
        # A compile error or a crash: name the step that failed, the first real error, and a fix where known.
        error = first_error(example.language, output, pointed, toolchain.position, example.path.name)
        compiling = run.failed_step < len(plan.steps) - 1  # every step before the last builds; the last runs it
        said = f": {error[1]}" if error else ""
        reason = f"{_step_label(plan, run.failed_step)} failed{said}" if compiling else failure.reason + said
        line = error[0] if error and error[0] is not None else failure.line
        return None, result(status=FAILED, reason=reason, line=line, detail=fix_for(said))
    return None, result(status=FAILED, reason=failure.reason, detail=failure.detail, line=failure.line)


def _step_label(plan: Plan, index: int) -> str:
    """`go build`, `csc`: a compile step as the shown command names it."""
    parts = plan.display.split(" && ")
    words = parts[index].split() if len(parts) == len(plan.steps) else []
    if not words:
        return "the build"
    return " ".join(words[:2]) if len(words) > 1 and words[1].isalpha() else words[0]


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


def _cpu_reason(used: float, limits: Limits) -> str:
    budget = limits.cpu_seconds or 0.0
    return (
        f"used {used:.1f} s of CPU, over its budget of {budget:g} s (compile and run; its timeout times the cores "
        "it was granted); process tree killed. Declare `example.cpu: <seconds>` if it needs more"
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
    failed_step: int = 0  # the step that ended the run (the last one run)
    over_cpu: float | None = None  # the CPU seconds used when the run was stopped at its budget


def _run_steps(
    plan: Plan,
    area: Path,
    source: Path,
    timeout: float,
    limits: Limits,
    granted: dict[str, str],
    dump: Dump | None = None,
) -> _Run:
    """Run the plan's commands in order within one timeout; stop at the first that fails. Every step but the C#
    compile client runs in the sandbox with `limits` and the cores it was `granted` (CONCURRENCY_CORES), compiles
    included, and is sent `dump` before a timeout kills it (hooks/engine/stuck.py); that client runs in a cgroup
    with `limits` and the source read-only. The usage is the steps' sum."""
    deadline = time.monotonic() + timeout
    chunks: dict[int, bytes] = {0: b"", STDOUT: b"", STDERR: b""}
    seconds, usage, measured = 0.0, None, None
    home, tmp = area / "home", area / "tmp"
    failed_step = -1
    for step in plan.steps:
        failed_step += 1
        remaining = max(0.1, deadline - time.monotonic())
        if step.contributed:
            env = {**_EXAMPLE_ENV, "HOME": str(home), **granted, **plan.env, **step.env}
            env.update(dump.env if dump is not None else {})
            if not sandbox.current().isolated:
                env["TMPDIR"] = str(tmp)  # no private /tmp without the sandbox: a folder of its own instead
            confinement = contributed(limits, (area,), plan.readable)
        else:
            env = {**_EXAMPLE_ENV, **plan.env, **step.env}
            confinement = Confinement(limits=limits, read_only=(source,), own_pids=step.own_pids)
            if step.joins is not None:  # the C# client, in its compiler server's sandbox, or in one of its own
                pid = step.joins(area)
                joined = Confinement(limits=limits, writable=(area,), inside_of=pid, charged=step.charged)
                alone = contributed(limits, (area,), (*plan.readable, *step.readable))
                confinement = joined if pid is not None else alone
        spent = usage.cpu_seconds if usage is not None and usage.cpu_seconds is not None else 0.0
        if limits.cpu_seconds is not None:  # the steps share one CPU budget as they share one timeout
            confinement = replace(confinement, limits=limits.with_cpu(max(0.1, limits.cpu_seconds - spent)))
        cap = DEFAULT_OUTPUT_CAP - len(chunks[0])
        before = judge.sample()
        asked = (int(dump.signal), DUMP_SECONDS) if dump is not None and step.contributed else None
        done = run_process(
            step.argv,
            cwd=area / "work",
            timeout=remaining,
            env=env,
            output_cap=cap,
            confinement=confinement,
            dump=asked,
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
        if (done.timed_out or done.over_cpu is not None) and step.on_timeout is not None:
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
        failed_step,
        None if done.over_cpu is None else done.over_cpu + spent,
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
