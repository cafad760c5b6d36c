# Unit tests for what the build does with a run's leftovers: events files, huge positions, long outputs, nested
# pattern.toml, and text from a run in captions, on the snippets page and in the build log.
from __future__ import annotations

import os
import re
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest

from hooks.common.errors import ExampleConfigError
from hooks.common.locations import shift_positions, source_line
from hooks.engine.patterns import load_pattern
from hooks.engine.result import FAILED, PASSED, Result
from hooks.site.failures import describe_failures, format_failure
from hooks.site.render import MAX_LINE_CHARS, MAX_OUTPUT_LINES, MAX_SHOWN_CHARS, capped_output
from hooks.site.timeline_figure import caption
from hooks.timeline import helpers
from hooks.timeline.events import EventError, parse_events
from hooks.timeline.helpers import EVENTS_FILE, HelperError, collect
from hooks.toolchains import TOOLCHAINS

GO = TOOLCHAINS["go"].position
PY = TOOLCHAINS["python"].position
EVENTS = "start\t0\tmain\t3\twork\nend\t1000000\tmain\t3\twork\n"


def result(**changes: object) -> Result:
    base = Result("snippets/x.py", "python", PASSED, 0.1, 0, "", "Python 3", "python x.py", line=2)
    return replace(base, **changes)  # type: ignore[arg-type]


# events files


@pytest.mark.parametrize(
    ("plant", "reason"),
    [
        (lambda p: p.symlink_to("/etc/passwd"), "a symbolic link"),
        (lambda p: os.mkfifo(p), "not a regular file (a FIFO)"),
        (lambda p: p.mkdir(), "not a regular file (a folder)"),
    ],
)
def test_an_events_file_that_is_not_a_regular_file_is_refused_by_name(
    tmp_path: Path, plant: Callable[[Path], None], reason: str
) -> None:
    plant(tmp_path / EVENTS_FILE)
    started = time.monotonic()
    events = collect(tmp_path)
    assert events is not None and f"# refused {EVENTS_FILE} is {reason}" in events and "root:" not in events
    with pytest.raises(
        EventError, match=re.escape(f"the build did not read the events file: {EVENTS_FILE} is {reason}")
    ):
        parse_events(events)
    assert time.monotonic() - started < 1


def test_a_linked_run_folder_is_not_entered(tmp_path: Path) -> None:
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere" / EVENTS_FILE).write_text(EVENTS)
    (tmp_path / "work").symlink_to(tmp_path / "elsewhere")
    assert collect(tmp_path / "work") is None


def test_a_sparse_or_endless_events_file_costs_at_most_the_limit_and_says_what_was_cut(tmp_path: Path) -> None:
    with open(tmp_path / EVENTS_FILE, "w") as handle:
        handle.write(EVENTS * 10)
        handle.truncate(2 * 1024**3)
    events = collect(tmp_path, limit=4096)
    assert events is not None and len(events) < 4096 + 200
    cut = 2 * 1024**3 - len(EVENTS * 10)
    assert f"# cut {cut:,} bytes after the first {len(EVENTS * 10):,}" in events
    with pytest.raises(EventError, match=f"the events file is too large: {cut:,} bytes after the first"):
        parse_events(events)


def test_an_events_file_within_the_limit_is_read_whole(tmp_path: Path) -> None:
    (tmp_path / EVENTS_FILE).write_text(EVENTS)
    events = collect(tmp_path)
    assert events is not None and events.endswith(EVENTS) and parse_events(events).events == 2


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("start\t0\tmain\t" + "9" * 5000 + "\tx", "the source line must be a number, not '99999"),
        ("start\t" + "1" * 5000 + "\tmain\t3\tx", "the time must be whole nanoseconds, not '11111"),
        ("start\t0\tmain\t²\tx", "the source line must be a number"),
    ],
)
def test_huge_or_odd_numbers_in_events_are_named_errors(line: str, message: str) -> None:
    with pytest.raises(EventError, match=message) as error:
        parse_events(line + "\n")
    assert len(error.value.message) < 300


def test_a_huge_cores_line_is_an_error_not_a_crash() -> None:
    with pytest.raises(EventError, match="needs a positive number"):
        parse_events("# cores " + "7" * 5000 + "\n" + EVENTS)


# timeline helpers


def test_a_linked_helper_is_refused_by_name_and_nothing_of_its_target_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "snippets" / "timeline"
    folder.mkdir(parents=True)
    (folder / "timeline.py").symlink_to("/proc/self/environ")
    monkeypatch.setattr(helpers, "project_root", lambda: tmp_path)
    with pytest.raises(HelperError, match=r"^snippets/timeline/timeline\.py: a symbolic link"):
        helpers.helper_source("python")
    assert helpers.helper_digest("python").startswith("refused: ")


def test_a_linked_helper_folder_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "real").mkdir()
    (tmp_path / "real" / "timeline.go").write_text("package main\n")
    (tmp_path / "snippets").mkdir()
    (tmp_path / "snippets" / "timeline").symlink_to(tmp_path / "real")
    monkeypatch.setattr(helpers, "project_root", lambda: tmp_path)
    with pytest.raises(HelperError, match=r"^snippets/timeline: a symbolic link"):
        helpers.helper_source("go")


# positions and output on the page


def test_a_five_thousand_digit_line_number_is_not_a_position() -> None:
    output = f"x.go:{'1' * 5000}: boom\nx.go:12: real\n"
    assert shift_positions(output, "x.go", GO, 2) == f"x.go:{'1' * 5000}: boom\nx.go:10: real\n"
    assert source_line(output, "x.go", GO, last_wins=False) == (12, "x.go:12: real")
    assert source_line(f'File "x.py", line {"7" * 5000}\n', "x.py", PY, last_wins=False) is None


def test_positions_in_a_250_kb_line_cost_linear_time() -> None:
    line = "x.go:" + "a" * 250_000 + " x.go:12\n"
    started = time.monotonic()
    assert shift_positions(line, "x.go", GO, 2) == line
    assert time.monotonic() - started < 0.5


def test_a_long_line_is_cut_and_says_by_how_much() -> None:
    started = time.monotonic()
    shown = capped_output("y" * 250_000 + "\nnext\n")
    assert time.monotonic() - started < 0.5
    first, second = shown.split("\n")
    assert first == "y" * MAX_LINE_CHARS + f" ... ({250_000 - MAX_LINE_CHARS:,} more characters on this line)"
    assert second == "next"


def test_the_whole_output_is_capped_and_says_how_much() -> None:
    line = "z" * (MAX_LINE_CHARS - 1)
    shown = capped_output("\n".join([line] * 300))
    assert len(shown) <= MAX_SHOWN_CHARS + MAX_LINE_CHARS + 100
    kept = MAX_SHOWN_CHARS // MAX_LINE_CHARS + 1
    assert shown.endswith(f"... ({300 - kept} more lines, {(300 - kept) * MAX_LINE_CHARS:,} characters)")
    assert capped_output("a\n" * (MAX_OUTPUT_LINES + 5)).endswith("... (5 more lines)")
    assert capped_output("") == "(no output)"


# pattern.toml


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ('title = "t"\nexpect = "x"\nordered = ' + "[" * 5000 + "]" * 5000 + "\n", 3),
        ('title = "t"\n\nx = ' + "{a = " * 3000 + "1" + "}" * 3000 + "\n", 3),
    ],
)
def test_a_deeply_nested_pattern_file_is_a_named_error(tmp_path: Path, text: str, line: int) -> None:
    (tmp_path / "pattern.toml").write_text(text)
    with pytest.raises(ExampleConfigError, match=f"^snippets/p/pattern.toml:{line}: invalid TOML: nested too deeply"):
        load_pattern(tmp_path / "pattern.toml", "snippets/p/pattern.toml")


def test_a_pattern_file_that_is_a_link_or_a_fifo_is_refused(tmp_path: Path) -> None:
    (tmp_path / "pattern.toml").symlink_to("/etc/passwd")
    with pytest.raises(ExampleConfigError, match=r"pattern\.toml:1: a symbolic link"):
        load_pattern(tmp_path / "pattern.toml", "snippets/p/pattern.toml")
    (tmp_path / "pattern.toml").unlink()
    os.mkfifo(tmp_path / "pattern.toml")
    with pytest.raises(ExampleConfigError, match=r"pattern.toml:1: not a regular file \(a FIFO\)"):
        load_pattern(tmp_path / "pattern.toml", "snippets/p/pattern.toml")


# text from a run, escaped where it lands


def test_a_caption_escapes_what_the_run_wrote() -> None:
    events = "# measured <img src=x onerror=alert(1)>\n# machine `a` *b* {: .x }\n" + EVENTS
    text = caption(parse_events(events), result(events=events), ("at most 1 of main busy at once",))
    assert "<img" not in text and "&lt;img src=x onerror=alert(1)&gt;" in text
    assert r"\`a\` \*b\* \{: .x \}" in text and "`at most 1 of main busy at once`: holds" in text


def test_the_build_log_shows_terminal_escapes_and_never_sends_them() -> None:
    osc52 = "\x1b]52;c;cm0gLXJmIH4K\x07"
    broken = result(status=FAILED, path=f"snippets/{osc52}.py", reason=f"bad {osc52}", output=f"out {osc52}\n\x9b2J\n")
    text = format_failure(broken, [f"docs/{osc52}.md"])
    assert "\x1b" not in text and "\x07" not in text and "\x9b" not in text
    assert "␛]52;c;cm0gLXJmIH4K␇" in text
    from hooks.site.failures import BuildFailure

    log = describe_failures([BuildFailure.from_result(broken)], github=True)
    assert "\x1b" not in log and "\x07" not in log
