# The project's own site, built for real: every snippet shown, executed and passing, in all four languages.
from __future__ import annotations

import json

import pytest

from hooks.snippets import find_examples
from tests.conftest import PROJECT_ROOT, RealSite

pytestmark = pytest.mark.site


def test_the_site_builds_and_every_example_passes(real_site: RealSite) -> None:
    report = json.loads((real_site.site / "execution-report.json").read_text())
    assert report, "no example ran"
    failing = [f"{e['path']}: {e['status']} {e['reason']}" for e in report if e["status"] != "passed"]
    assert not failing, failing
    shown = {e["path"] for e in report}
    on_disk = {p.relative_to(PROJECT_ROOT).as_posix() for p in find_examples(PROJECT_ROOT / "snippets")}
    assert on_disk - shown == set(), "snippets that no page shows"
    versions = {e["language"]: e["toolchain"] for e in report}
    assert set(versions) == {"python", "elixir", "csharp", "go"}
    assert all(v and any(ch.isdigit() for ch in v) for v in versions.values()), versions
    assert all(not e["cached"] for e in report)  # a fresh cache: everything really ran


def test_the_site_publishes_every_workload_measured_in_every_language(real_site: RealSite) -> None:
    results = json.loads((real_site.site / "benchmarks" / "results.json").read_text())
    assert results["mode"] in ("quick", "full"), "benchmarks were switched off for the real site"
    assert results["machine"]["cpu_model"] and results["machine"]["cores"] >= 1
    assert set(results["toolchains"]) == {"python", "elixir", "csharp", "go"}
    covered = {(r["workload"], r["language"]) for r in results["results"] if r["status"] == "ok"}
    for workload in ("spawn_hold", "fib", "ping_pong", "pipeline", "http"):
        assert {lang for w, lang in covered if w == workload} == {"python", "elixir", "csharp", "go"}, workload
    failed = [f"{r['program']} {r['params']}: {r['error']}" for r in results["results"] if r["status"] != "ok"]
    assert not failed, failed
    for result in results["results"]:
        where = result["program"], result["params"]
        assert result["summary"]["wall_seconds"]["n"] >= result["runs"] >= 3, where  # every run timed
        for name, summary in result["summary"].items():  # a run too short for the RSS sampler has no peak
            assert len(result["samples"][name]) == summary["n"] >= 1, (*where, name)
            assert summary["ci_low"] <= summary["median"] <= summary["ci_high"], (*where, name)
