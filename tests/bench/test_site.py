# A fixture MkDocs site with one real benchmark: results.json is published, pages render, a rebuild measures none.
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from hooks.bench.measure.profiles import QUICK
from tests.conftest import PROJECT_ROOT
from tests.sites import FixtureSite

PAGE = """# Bench

```python exec="on"
from hooks.bench.publish.pages import message_passing

print(message_passing())
```
"""


@pytest.mark.site
def test_build_publishes_results_and_rebuild_measures_nothing(tmp_path: Path) -> None:
    site = FixtureSite(tmp_path)
    (tmp_path / "mkdocs.yml").write_text((tmp_path / "mkdocs.yml").read_text() + "plugins:\n  - markdown-exec\n")
    site.page("index.md", PAGE)
    program = tmp_path / "benchmarks" / "ping_pong" / "python_asyncio.py"
    program.parent.mkdir(parents=True)
    shutil.copy(PROJECT_ROOT / "benchmarks" / "ping_pong" / "python_asyncio.py", program)
    env = {"CONCURRENCY_BENCH_CACHE_DIR": str(tmp_path / "bench-cache"), "CONCURRENCY_BENCH": "quick"}

    first = site.build(**env)
    assert first.returncode == 0, first.log
    assert f"[bench 1/1] ping_pong/python_asyncio rounds={QUICK.rounds_for('python_asyncio')} run 1/10" in first.log
    data = json.loads((first.site / "benchmarks" / "results.json").read_text())
    assert data["measured_in_this_build"] == 1 and data["publishable"]
    (result,) = data["results"]
    assert result["status"] == "ok" and len(result["samples"]["round_trip_seconds"]) == 10
    assert result["summary"]["round_trip_seconds"]["ci_coverage"] >= 0.95
    assert "Python asyncio" in first.page() and "Quick profile" in first.page() and "<svg" in first.page()
    checked = json.loads((first.site / "benchmarks" / "fact-check.json").read_text())["claims"]
    python = next(c for c in checked if c["row"] == "Python (processes)" and c["column"] == "Context Switch Time")
    assert python["verdict"] == "not comparable" and python["reason"] == "not measured in this build"
    assert checked and all(c["verdict"] in ("not comparable", "not a measurement") for c in checked)
    found = json.loads((first.site / "benchmarks" / "findings.json").read_text())["findings"]
    assert found and all(q["result"] == result["id"] for f in found for q in f["figures"])

    second = site.build(**env)
    assert second.returncode == 0, second.log
    assert "[bench 1/1]" not in second.log and "1 case(s), 0 measured in this build" in second.log
    again = json.loads((second.site / "benchmarks" / "results.json").read_text())
    assert again["results"][0]["samples"] == result["samples"] and again["results"][0]["cached"]

    off = site.build(**{**env, "CONCURRENCY_BENCH": "off"})
    assert off.returncode == 0, off.log
    assert "Not measured in this build" in off.page()


@pytest.mark.site
def test_a_failing_benchmark_fails_the_build_and_names_the_program(tmp_path: Path) -> None:
    site = FixtureSite(tmp_path)
    (tmp_path / "mkdocs.yml").write_text((tmp_path / "mkdocs.yml").read_text() + "plugins:\n  - markdown-exec\n")
    site.page("index.md", PAGE)
    program = tmp_path / "benchmarks" / "ping_pong" / "python_asyncio.py"
    program.parent.mkdir(parents=True)
    program.write_text("import sys\nsys.exit('broken on purpose')\n")
    build = site.build(CONCURRENCY_BENCH_CACHE_DIR=str(tmp_path / "bench-cache"), CONCURRENCY_BENCH="quick")
    assert build.returncode != 0
    assert "benchmarks/ping_pong/python_asyncio.py:1: benchmark failed with" in build.log
