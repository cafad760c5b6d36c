# The scale run in CI, kept small (40 and 100 examples; 500 are measured by hand, README): time grows no worse
# than linearly and the engine's memory stays bounded.
from __future__ import annotations

import pytest

from tests.conftest import require_toolchain
from tests.sandbox.helpers import require_isolation
from tests.sandbox.scale import run

pytestmark = pytest.mark.sandbox


def test_build_time_grows_linearly_and_memory_stays_bounded() -> None:
    require_isolation()
    for language in ("python", "elixir", "csharp", "go"):
        require_toolchain(language)
    small_before = run(40)
    large = run(100)
    small_after = run(40)  # the machine's speed drifts: the small corpus is timed on both sides of the large one
    for s in (small_before, large, small_after):
        assert s.passed == s.examples, s
    small = min(small_before, small_after, key=lambda s: s.seconds)
    print(f"\nscale: {small} / {large}: {large.per_second_per_core:.2f} examples/s/core")
    assert large.seconds <= small.seconds * (100 / 40) * 1.5  # linear, with room for a shared machine
    assert large.peak_rss_bytes <= small.peak_rss_bytes + 64 * 2**20 and large.peak_rss_bytes < 512 * 2**20
