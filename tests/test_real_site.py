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
