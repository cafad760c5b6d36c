# Runs one example through its toolchain in a fresh working directory and judges the result.
from __future__ import annotations

import os
import shutil
import tempfile
import threading
import time
from dataclasses import replace
from functools import partial
from pathlib import Path

from hooks.checks import check
from hooks.example import Example
from hooks.locations import source_line
from hooks.process import DEFAULT_OUTPUT_CAP, ProcessResult, run_process
from hooks.result import FAILED, PASSED, SKIPPED, TIMEOUT, Result
from hooks.timeline import helpers as timeline_helpers  # timeline
from hooks.timeline.check import check_timeline  # timeline
from hooks.toolchains import TOOLCHAINS, ToolchainInfo

# The environment examples see: the build's own, made predictable.
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


def run_example(example: Example, detected: Detected, default_timeout: float) -> Result:
    """Execute `example` once (no cache) and return its checked result."""
    toolchain = TOOLCHAINS[example.language]
    info = detected.get(example.language)
    if info is None:
        reason = f"not executed: {toolchain.label} toolchain missing"
        return Result.not_run(example.display_path, example.language, SKIPPED, reason, detail=toolchain.install_hint)
    timeout = example.options.timeout or default_timeout
    workdir = Path(tempfile.mkdtemp(prefix="cme-example-"))
    try:
        source = workdir / example.path.name
        shutil.copyfile(example.path, source)
        plan = toolchain.plan(source, workdir, info)
        if example.options.timeline:  # timeline: its helper beside the example, built or loaded with it
            plan = timeline_helpers.prepare(example.language, source, workdir, plan)
        env = {**os.environ, **_EXAMPLE_ENV, **plan.env}
        process = _run_steps(plan.steps, workdir, timeout, env)
        events = timeline_helpers.collect(workdir) if example.options.timeline else None  # timeline
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    output = process.output.decode("utf-8", errors="replace").replace(f"{workdir}/", "")
    result = partial(
        Result,
        path=example.display_path,
        language=example.language,
        seconds=round(process.seconds, 3),
        exit_code=process.exit_code,
        output=output,
        toolchain=info.version,
        command=plan.display,
        events=events,  # timeline
    )
    pointed = source_line(output, example.path.name, toolchain.position, toolchain.last_position_wins)
    if process.start_error:
        hint = toolchain.install_hint if process.not_found else None
        return result(status=FAILED, reason=process.start_error, detail=hint)
    if process.timed_out and example.options.hangs:
        failure = check(example, None, output)
        if failure is None:
            return result(status=PASSED, line=example.body_start)
        return result(status=FAILED, reason=failure.reason, detail=failure.detail, line=failure.line)
    if process.timed_out:
        where = pointed[0] if pointed else example.option_lines.get("timeout", example.body_start)
        return result(status=TIMEOUT, reason=f"timed out after {timeout:g} s; process tree killed", line=where)
    if process.output_capped:
        kib = DEFAULT_OUTPUT_CAP // 1024
        return result(
            status=FAILED, reason=f"printed more than {kib} KiB; process tree killed", line=example.body_start
        )
    assert process.exit_code is not None
    failure = check(example, process.exit_code, output)
    if failure is None and example.options.timeline:  # timeline: missing or malformed events fail like output
        failure = check_timeline(example, events)
    if failure is None:
        return result(status=PASSED, line=example.body_start)
    if pointed and process.exit_code != example.options.exit_code:
        # A compile error or a crash points into the source: say where and what.
        return result(status=FAILED, reason=f"{failure.reason}: {pointed[1]}", line=pointed[0])
    return result(status=FAILED, reason=failure.reason, detail=failure.detail, line=failure.line)


def _run_steps(steps: tuple[tuple[str, ...], ...], workdir: Path, timeout: float, env: dict[str, str]) -> ProcessResult:
    """Run the plan's commands in order within one timeout; stop at the first that fails."""
    deadline = time.monotonic() + timeout
    output = b""
    seconds = 0.0
    result = ProcessResult(exit_code=0, output=b"", seconds=0.0)
    for argv in steps:
        remaining = max(0.1, deadline - time.monotonic())
        result = run_process(argv, cwd=workdir, timeout=remaining, env=env, output_cap=DEFAULT_OUTPUT_CAP - len(output))
        output += result.output
        seconds += result.seconds
        if result.exit_code != 0:
            break
    return replace(result, output=output, seconds=seconds)
