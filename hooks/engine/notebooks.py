# Analysis notebooks: executed through the engine's process layer, once per content (notebook, inputs, kernel).
from __future__ import annotations

import hashlib
import json
import shutil
import tempfile
import time
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from hooks.common.atomic import write_atomically
from hooks.common.settings import Settings
from hooks.engine.result import FAILED, NOT_EXECUTED, PASSED, SKIPPED, Result
from hooks.process.limits import EXAMPLE_LIMITS
from hooks.process.run import contributed, run_process
from hooks.toolchains import notebook as kernel
from hooks.toolchains.base import ToolchainInfo

SCHEMA = 1  # bump when what is stored, or how a notebook is run, changes meaning
# Top-level fields of an input document that change on every build without changing a figure in it.
VOLATILE_FIELDS = ("generated_at", "measured_in_this_build")


@dataclass(frozen=True)
class NotebookRun:
    """One notebook's execution: its result (as for an example), and the notebook with its outputs."""

    result: Result
    executed: Path | None  # in the cache; None when it was not executed or failed


def stable_input(content: str | bytes) -> bytes:
    """An input document as the notebook gets it: a JSON object without its per-build fields, so a rebuild
    that measured nothing new finds the notebook in the cache; anything else is passed as it is."""
    raw = content.encode() if isinstance(content, str) else content
    try:
        doc = json.loads(raw)
    except ValueError:
        return raw
    if not isinstance(doc, dict):
        return raw
    return (json.dumps({k: v for k, v in doc.items() if k not in VOLATILE_FIELDS}, indent=1) + "\n").encode()


def notebook_key(source: bytes, inputs: Mapping[str, bytes], kernel_version: str, timeout: float) -> str:
    """The notebook, each input by name and content, the kernel's version, the time limit and a schema."""
    material = {
        "schema": SCHEMA,
        "notebook": hashlib.sha256(source).hexdigest(),
        "inputs": {name: hashlib.sha256(data).hexdigest() for name, data in sorted(inputs.items())},
        "kernel": kernel_version,
        "timeout": timeout,
    }
    return hashlib.sha256(json.dumps(material, sort_keys=True).encode()).hexdigest()


def execute_notebook(
    notebook: Path,
    display: str,
    inputs: Mapping[str, bytes],
    settings: Settings,
    cache_dir: Path | None,
    store_as: str | None = None,
) -> NotebookRun:
    """Run every cell of `notebook` beside `inputs` (file name -> content), or take the run from the cache.

    The executed notebook is kept at `<cache_dir>/<key>/<store_as>` (default: its file name), so a site
    generator can serve it from `<cache_dir>/<key>` at the notebook's own path. A cache hit starts no kernel
    and no process at all.
    """
    store_as = store_as or notebook.name
    if not settings.execute:
        reason = "not executed: CONCURRENCY_EXECUTE=0"
        return NotebookRun(Result.not_run(display, kernel.name, NOT_EXECUTED, reason), None)
    info = kernel.detect()
    if info is None:
        status = FAILED if settings.strict else SKIPPED
        reason = f"not executed: {kernel.label} toolchain missing"
        return NotebookRun(Result.not_run(display, kernel.name, status, reason, detail=kernel.install_hint), None)
    source = notebook.read_bytes()
    key = notebook_key(source, inputs, info.version, settings.timeout)
    folder = cache_dir / key if cache_dir is not None else None
    if folder is not None and settings.use_cache:
        hit = _cached(folder, store_as, display)
        if hit is not None:
            return hit
    run, executed = _run(notebook.name, source, inputs, info, settings.timeout, display)
    if executed is None or folder is None:
        return NotebookRun(run, None)
    write_atomically(folder / store_as, executed.decode("utf-8"))
    write_atomically(folder / "result.json", json.dumps(run.to_json(), indent=1))
    return NotebookRun(run, folder / store_as)


def _cached(folder: Path, name: str, display: str) -> NotebookRun | None:
    try:
        result = Result.from_json(json.loads((folder / "result.json").read_text(encoding="utf-8")))
    except (OSError, ValueError, TypeError):
        return None
    executed = folder / name
    return NotebookRun(result.as_cached(display), executed) if executed.is_file() else None


def _run(
    name: str, source: bytes, inputs: Mapping[str, bytes], info: ToolchainInfo, timeout: float, display: str
) -> tuple[Result, bytes | None]:
    """Execute in a fresh temporary folder (the notebook and its inputs side by side), then clean it up."""
    workdir = Path(tempfile.mkdtemp(prefix="cme-notebook-"))
    try:
        (workdir / name).write_bytes(source)
        for input_name, data in inputs.items():
            (workdir / input_name).write_bytes(data)
        plan = kernel.plan(workdir / name, workdir, info)
        env = dict(plan.env)  # the sandbox adds its allowlist of the build's environment
        deadline = time.monotonic() + timeout
        output, seconds, timed_out = b"", 0.0, False
        exit_code: int | None = 0
        confinement = contributed(EXAMPLE_LIMITS, (workdir,), plan.readable)
        for planned in plan.steps:
            remaining = max(0.1, deadline - time.monotonic())
            step = run_process(planned.argv, cwd=workdir, timeout=remaining, env=env, confinement=confinement)
            output, seconds = output + step.output, seconds + step.seconds
            exit_code, timed_out = step.exit_code, step.timed_out
            if step.exit_code != 0:
                break
        executed = workdir / kernel.EXECUTED
        text = output.decode("utf-8", errors="replace").replace(f"{workdir}/", "")
        result = Result(display, kernel.name, PASSED, round(seconds, 3), exit_code, text, info.version, plan.display)
        if timed_out:
            return _failed(result, f"timed out after {timeout:g} s; kernel and process tree killed"), None
        if exit_code != 0 or not executed.is_file():
            return _failed(result, f"a cell failed (exit code {exit_code}): {_last_line(text)}"), None
        return result, executed.read_bytes()
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


def _failed(result: Result, reason: str) -> Result:
    return Result(**{**result.to_json(), "status": FAILED, "reason": reason})


def _last_line(text: str) -> str:
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return lines[-1] if lines else "no output"
