# Fixtures for tests that need a sandbox mode of their own (import them into the test module).
from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest

from hooks.process import sandbox


@pytest.fixture
def sandbox_mode() -> Iterator[Callable[[str], sandbox.Status]]:
    """`sandbox_mode("off")` runs the rest of the test with that mode; the previous one is restored after."""
    previous = sandbox._status

    def choose(mode: str) -> sandbox.Status:
        return sandbox.configure(mode)

    yield choose
    sandbox._status = previous
