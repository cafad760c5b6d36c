# Unit tests for hooks.site.exec_blocks and hooks.site.stamp: finding the computed block that failed; the build stamp.
from __future__ import annotations

from datetime import UTC, datetime

from hooks.site.exec_blocks import exec_blocks, failed_block_line, summarize
from hooks.site.stamp import build_stamp

PAGE = 'Intro\n\n```python exec="on"\nprint("a")\n```\n\n```python\nnot run\n```\n\n````python exec="1"\nboom()\n````\n'


def test_exec_blocks_are_found_with_their_fence_line() -> None:
    blocks = exec_blocks(PAGE)
    assert [(b.line, b.code) for b in blocks] == [(3, 'print("a")'), (11, "boom()")]


def test_the_failed_block_is_the_one_quoted_in_the_message() -> None:
    message = (
        "Execution of python code block exited with errors\n\nCode block is:\n\n  boom()\n\nOutput is:\n\n  NameError"
    )
    assert failed_block_line(PAGE, message) == 11
    assert failed_block_line(PAGE, "something else") == 3
    assert failed_block_line("no blocks", "x") == 1


def test_summary_is_the_exception_line() -> None:
    message = (
        "Code block is:\n\n  x\n\nOutput is:\n\n  ```\n  Traceback (most recent call last):\n  NameError: x\n  ```\n"
    )
    assert summarize(message) == "NameError: x"


def test_build_stamp_names_time_commit_and_versions() -> None:
    now = datetime(2026, 11, 27, 5, 0, tzinfo=UTC)
    stamp = build_stamp("abc123", {"Python": "Python 3.11.2", "Go": None}, now)
    assert stamp == "Built 2026-11-27 05:00 UTC from commit abc123 with Python 3.11.2, Go (missing)."
    assert "outside a git checkout" in build_stamp(None, {}, now)
