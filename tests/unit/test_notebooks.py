# Unit tests for hooks.engine.notebooks: what the cache key covers, and that a cache hit starts nothing.
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from hooks.common.settings import Settings
from hooks.engine import notebooks
from hooks.engine.notebooks import execute_notebook, notebook_key, stable_input
from hooks.engine.result import NOT_EXECUTED, PASSED, Result
from hooks.toolchains import notebook as kernel
from tests.conftest import PROJECT_ROOT, strict_mode

NB = b'{"cells": [], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}'


def test_stable_input_drops_what_changes_on_every_build() -> None:
    doc = {"schema": 1, "generated_at": "2026-12-01T00:00:00+00:00", "measured_in_this_build": 3, "results": [1]}
    later = {**doc, "generated_at": "2026-12-02T00:00:00+00:00", "measured_in_this_build": 0}
    assert stable_input(json.dumps(doc)) == stable_input(json.dumps(later))
    assert json.loads(stable_input(json.dumps(doc))) == {"schema": 1, "results": [1]}
    assert stable_input(json.dumps({**doc, "results": [2]})) != stable_input(json.dumps(doc))
    assert stable_input(b"not json") == b"not json"
    assert stable_input("[1, 2]") == b"[1, 2]"


def test_the_key_covers_notebook_inputs_kernel_and_time_limit() -> None:
    base = notebook_key(NB, {"results.json": b"{}"}, "Python 3.11.7, ipykernel 7", 60)
    assert base == notebook_key(NB, {"results.json": b"{}"}, "Python 3.11.7, ipykernel 7", 60)
    assert base != notebook_key(NB + b" ", {"results.json": b"{}"}, "Python 3.11.7, ipykernel 7", 60)
    assert base != notebook_key(NB, {"results.json": b"{ }"}, "Python 3.11.7, ipykernel 7", 60)
    assert base != notebook_key(NB, {"other.json": b"{}"}, "Python 3.11.7, ipykernel 7", 60)
    assert base != notebook_key(NB, {"results.json": b"{}"}, "Python 3.12.0, ipykernel 7", 60)
    assert base != notebook_key(NB, {"results.json": b"{}"}, "Python 3.11.7, ipykernel 7", 30)


def test_execute_off_runs_nothing(tmp_path: Path) -> None:
    source = tmp_path / "a.ipynb"
    source.write_bytes(NB)
    run = execute_notebook(source, "docs/a.ipynb", {}, Settings(execute=False), tmp_path / "cache")
    assert run.result.status == NOT_EXECUTED and run.executed is None


def test_a_cache_hit_starts_no_process(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    info = kernel.detect()
    if info is None:
        message = "no Jupyter kernel here (mkdocs-jupyter not installed)"
        pytest.fail(message) if strict_mode() else pytest.skip(message)
    source = tmp_path / "a.ipynb"
    source.write_bytes(NB)
    settings = Settings(timeout=60)
    key = notebook_key(NB, {"r.json": b"{}"}, info.version, settings.timeout)
    folder = tmp_path / "cache" / key
    (folder / "docs").mkdir(parents=True)
    (folder / "docs" / "a.ipynb").write_text("executed")
    stored = Result("docs/a.ipynb", "notebook", PASSED, 2.5, 0, "log", info.version, "jupyter nbconvert")
    (folder / "result.json").write_text(json.dumps(stored.to_json()))

    def no_process(*args: object, **kwargs: object) -> None:
        raise AssertionError("a cache hit must not start a process")

    monkeypatch.setattr(notebooks, "run_process", no_process)
    run = execute_notebook(source, "docs/a.ipynb", {"r.json": b"{}"}, settings, tmp_path / "cache", "docs/a.ipynb")
    assert run.result.cached and run.result.status == PASSED and run.result.seconds == 2.5
    assert run.executed == folder / "docs" / "a.ipynb"
    with pytest.raises(AssertionError, match="must not start a process"):  # a changed input is a miss
        execute_notebook(source, "docs/a.ipynb", {"r.json": b"[]"}, settings, tmp_path / "cache", "docs/a.ipynb")


def test_the_plan_keeps_jupyter_inside_the_working_directory(tmp_path: Path) -> None:
    info = kernel.ToolchainInfo(version="Python 3, ipykernel 7", executable="/venv/bin/python")
    plan = kernel.plan(tmp_path / "a.ipynb", tmp_path, info)
    [planned] = plan.steps
    step = planned.argv
    assert planned.contributed  # a notebook is contributed code: it runs in the sandbox
    assert step[:3] == ("/venv/bin/python", "-m", "nbconvert") and "--execute" in step and step[-1] == "./a.ipynb"
    assert "--KernelManager.transport=ipc" in step
    for name in ("JUPYTER_RUNTIME_DIR", "JUPYTER_CONFIG_DIR", "JUPYTER_DATA_DIR", "IPYTHONDIR"):
        assert plan.env[name].startswith(str(tmp_path))
    assert plan.env["PATH"].startswith("/venv/bin")
    assert plan.display == "jupyter nbconvert --to notebook --execute a.ipynb"


def test_the_sites_notebook_runs_on_the_documents_the_build_publishes(tmp_path: Path) -> None:
    """The analysis notebook, executed for real on results.json and fact-check.json in the shape the benchmark
    code writes them (fixture figures): a change of either document's shape that breaks a cell fails here."""
    from hooks.bench.factcheck import factcheck
    from hooks.bench.results.results import dumps
    from tests.bench.fixture import doc

    if kernel.detect() is None:
        message = "no Jupyter kernel here (mkdocs-jupyter not installed)"
        pytest.fail(message) if strict_mode() else pytest.skip(message)
    published = doc()
    inputs = {"results.json": dumps(published).encode(), "fact-check.json": factcheck.dumps(published).encode()}
    notebook = PROJECT_ROOT / "docs" / "benchmarks" / "analysis.ipynb"
    cache = tmp_path / "cache"
    run = execute_notebook(notebook, "docs/benchmarks/analysis.ipynb", inputs, Settings(timeout=120), cache)
    assert run.result.status == PASSED, run.result.output[-2000:]
    executed = json.loads(run.executed.read_text(encoding="utf-8")) if run.executed else None
    assert executed is not None
    outputs = [o for cell in executed["cells"] if cell["cell_type"] == "code" for o in cell.get("outputs", [])]
    assert outputs and not any(o.get("output_type") == "error" for o in outputs)
    # Numbers read like the pages: units and sensible digits, no e-notation, no long floats, no raw dicts.
    shown = "\n".join("".join(o.get("text", "")) + "".join(o.get("data", {}).get("text/markdown", "")) for o in outputs)
    assert "fact-check.json: " in shown and "| claim | article | measured here | verdict |" in shown
    raw = re.findall(r"\d\.?\d*e[-+]\d+|\d+\.\d{4,}|\{'|\{\"", shown)
    assert not raw, f"the notebook prints raw numbers or dicts: {raw[:5]}"
