# The whole road of issue 19, simulated on this host: two "machines" (one core by affinity, and unrestricted) each
# write a document with `python -m hooks.bench --out`; a site build merges them beside its own results.
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import PROJECT_ROOT, require_toolchain
from tests.sites import FixtureSite

PROGRAM = "benchmarks/fib/go_goroutines.go"
GO_4_CORES = "~3.5 seconds (4 cores)"
PAGES = {
    "index.md": '# Benchmarks\n\n## Results from other machines\n\n```python exec="on"\n'
    "from hooks.bench.publish.factpages import other_machines\n\nprint(other_machines())\n```\n",
    "cpu-bound.md": '# CPU-bound work\n\n```python exec="on"\nfrom hooks.bench.publish.pages import cpu_bound\n\n'
    'print(cpu_bound())\n```\n\n## The article\'s claims\n\n```python exec="on"\n'
    'from hooks.bench.publish.factpages import claims\n\nprint(claims("cpu"))\n```\n',
    "fact-check.md": '# Fact check\n\n```python exec="on"\nfrom hooks.bench.publish.factpages import fact_check\n\n'
    "print(fact_check())\n```\n",
}


def one_cpu() -> set[int]:
    return {min(os.sched_getaffinity(0))}


def run(argv: list[str], cwd: Path, cpus: set[int] | None, timeout: float, **env: str) -> str:
    """A command with its own benchmark cache, on `cpus` only when given (a cpuset by affinity, as taskset does)."""
    environment = {k: v for k, v in os.environ.items() if not k.startswith(("CONCURRENCY_", "CI"))}
    environment.update(NO_MKDOCS_2_WARNING="1", **env)
    done = subprocess.run(
        argv, cwd=cwd, env=environment, capture_output=True, text=True, timeout=timeout,
        preexec_fn=(lambda: os.sched_setaffinity(0, cpus)) if cpus else None,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout + done.stderr


def merged_site(root: Path) -> FixtureSite:
    """A fixture site with the real Go fib program and the benchmark pages, and the documents of two machines on
    this host in benchmarks/machines/: `one-core` (affinity to one CPU) and `two-cores` (unrestricted)."""
    site = FixtureSite(root / "site")
    config = site.root / "mkdocs.yml"
    config.write_text(config.read_text() + "plugins:\n  - markdown-exec\n", encoding="utf-8")
    for name, text in PAGES.items():
        site.page(name, text)
    (site.root / PROGRAM).parent.mkdir(parents=True)
    shutil.copy(PROJECT_ROOT / PROGRAM, site.root / PROGRAM)
    documents = site.root / "benchmarks" / "machines"
    for name, cpus in (("one-core", one_cpu()), ("two-cores", None)):
        argv = [sys.executable, "-m", "hooks.bench", "--only", "fib/go_goroutines", "--out", str(documents / name)]
        run([*argv[:-1], f"{argv[-1]}.json"], site.root, cpus, 300, CONCURRENCY_BENCH_CACHE_DIR=str(root / name))
    return site


def build(site: FixtureSite, cache: Path, **env: str) -> tuple[str, dict[str, Any], dict[str, Any]]:
    """`mkdocs build` on one CPU (this build's machine is the one-core one, its results from that cache)."""
    argv = [sys.executable, "-m", "mkdocs", "build", "-f", str(site.root / "mkdocs.yml")]
    log = run(argv, site.root, one_cpu(), 300, CONCURRENCY_BENCH_CACHE_DIR=str(cache), **env)
    bench = site.root / "site" / "benchmarks"
    return log, json.loads((bench / "results.json").read_text()), json.loads((bench / "fact-check.json").read_text())


@pytest.mark.site
def test_two_machines_on_this_host_are_merged_into_one_site(tmp_path: Path) -> None:
    require_toolchain("go")
    if len(os.sched_getaffinity(0)) < 2:
        pytest.fail("this simulation needs a machine with at least 2 cores (one machine is restricted to one)")
    site = merged_site(tmp_path)
    log, results, facts = build(site, tmp_path / "one-core")
    assert "2 case(s), 0 measured in this build" in log and results["measured_in_this_build"] == 0
    assert results["machine"]["cores"] == 1
    others = {m["name"]: m for m in results["other_machines"]}
    assert set(others) == {"one-core", "two-cores"}
    assert [others[n]["machine"]["cores"] for n in ("one-core", "two-cores")] == [1, 2]
    assert others["one-core"]["machine"]["key"] != others["two-cores"]["machine"]["key"]  # two fingerprints
    assert not others["one-core"]["stale"] and not others["two-cores"]["stale"]
    workers = {n: sorted(r["params"]["workers"] for r in m["results"]) for n, m in others.items()}
    assert workers == {"one-core": [1, 2], "two-cores": [1, 2, 4]}  # each machine ran its own cases
    assert all(len(r["samples"]["inner_seconds"]) == 10 for m in others.values() for r in m["results"])

    go = next(c for c in facts["claims"] if c["claim"] == GO_4_CORES)  # no machine has 4 cores: the most judge it
    assert go["machine"]["source"] == "benchmarks/machines/two-cores.json" and go["cores_used"] == 2
    assert go["reason"].startswith("measured on benchmarks/machines/two-cores.json (")

    cpu = (site.root / "site" / "cpu-bound" / "index.html").read_text()
    assert "Across machines" in cpu and "Speed-up over one worker: Go goroutines" in cpu
    for line in ("this build (1 core)", "one-core (1 core)", "two-cores (2 cores)"):
        assert f">{line}</text>" in cpu
    assert "on two-cores (2 cores)" in cpu  # the claim's figure says which machine
    index = (site.root / "site" / "index.html").read_text()
    assert "benchmarks/machines/one-core.json" in index and "benchmarks/machines/two-cores.json" in index

    (site.root / PROGRAM).write_text((site.root / PROGRAM).read_text() + "\n// changed\n", encoding="utf-8")
    log, results, facts = build(site, tmp_path / "one-core", CONCURRENCY_BENCH="off")  # nothing measured
    assert all(m["stale"] and PROGRAM in m["stale_reason"] for m in results["other_machines"])
    go = next(c for c in facts["claims"] if c["claim"] == GO_4_CORES)
    assert go["machine"]["source"] is None and go["verdict"] == "not comparable"  # a stale document judges nothing
    assert "Stale: shown, never used for a verdict or a finding" in (site.root / "site" / "index.html").read_text()
    assert "Not drawn: one-core, two-cores" in (site.root / "site" / "cpu-bound" / "index.html").read_text()
