# Unit tests for hooks.engine.checks: how a finished run is judged against its example's options.
from __future__ import annotations

import time
from pathlib import Path

import pytest

from hooks.engine.checks import MAX_DIFF_LINES, check, output_lines
from hooks.engine.example import Example, load_example


def example(tmp_path: Path, header: str, name: str = "ex.py") -> Example:
    path = tmp_path / name
    path.write_text(header + "print('body')\n", encoding="utf-8")
    return load_example(path, root=tmp_path)


def test_plain_example_passes_with_output(tmp_path: Path) -> None:
    assert check(example(tmp_path, ""), 0, "something\n") is None


def test_wrong_exit_code_fails_at_the_body(tmp_path: Path) -> None:
    ex = example(tmp_path, "# example.expect: x\n")
    failure = check(ex, 2, "x\n")
    assert failure is not None
    assert failure.reason == "exit code 2, expected 0"
    assert failure.line == ex.body_start == 2


def test_wrong_exit_code_points_at_the_declared_exit_code(tmp_path: Path) -> None:
    ex = example(tmp_path, "# example.expect: x\n# example.exit-code: 3\n")
    failure = check(ex, 0, "x\n")
    assert failure is not None
    assert failure.reason == "exit code 0, expected 3"
    assert failure.line == 2


def test_declared_exit_code_passes(tmp_path: Path) -> None:
    ex = example(tmp_path, "# example.exit-code: 3\n")
    assert check(ex, 3, "boom\n") is None
    assert check(ex, 0, "boom\n") is not None


@pytest.mark.parametrize("output", ["", "\n", "   \n\n  \n", "\r\n"])
def test_empty_output_fails(tmp_path: Path, output: str) -> None:
    ex = example(tmp_path, "# example.timeout: 5\n")
    failure = check(ex, 0, output)
    assert failure is not None
    assert "printed nothing" in failure.reason
    assert "example.silent: true" in failure.reason
    assert failure.line == ex.body_start


def test_silent_example_passes_when_it_prints_nothing(tmp_path: Path) -> None:
    ex = example(tmp_path, "# example.silent: true\n")
    assert check(ex, 0, "") is None
    assert check(ex, 0, "\n  \n") is None


def test_silent_example_that_prints_fails(tmp_path: Path) -> None:
    ex = example(tmp_path, "# example.timeout: 5\n# example.silent: true\n")
    failure = check(ex, 0, "oops\n")
    assert failure is not None
    assert failure.reason == "declared silent but printed output"
    assert failure.line == 2


def test_silent_false_still_requires_output(tmp_path: Path) -> None:
    assert check(example(tmp_path, "# example.silent: false\n"), 0, "") is not None


def test_exact_expect_matches(tmp_path: Path) -> None:
    ex = example(tmp_path, "# example.expect: one\n# example.expect: two\n")
    assert check(ex, 0, "one\ntwo\n") is None


def test_exact_expect_mismatch_has_a_unified_diff(tmp_path: Path) -> None:
    ex = example(tmp_path, "# example.timeout: 5\n# example.expect: one\n# example.expect: two\n")
    failure = check(ex, 0, "one\nTWO\n")
    assert failure is not None
    assert failure.reason == "output differs from the expected output"
    assert failure.line == 2
    assert failure.detail is not None
    lines = failure.detail.splitlines()
    assert lines[0] == "--- expected"
    assert lines[1] == "+++ actual"
    assert "-two" in lines
    assert "+TWO" in lines
    assert " one" in lines


def test_exact_expect_is_ordered(tmp_path: Path) -> None:
    ex = example(tmp_path, "# example.expect: a\n# example.expect: b\n")
    assert check(ex, 0, "b\na\n") is not None


def test_extra_output_line_fails_exact_expect(tmp_path: Path) -> None:
    ex = example(tmp_path, "# example.expect: a\n")
    failure = check(ex, 0, "a\nb\n")
    assert failure is not None
    assert failure.detail is not None
    assert "+b" in failure.detail.splitlines()


def test_long_diff_is_cut(tmp_path: Path) -> None:
    header = "".join(f"# example.expect: line {i}\n" for i in range(60))
    ex = example(tmp_path, header)
    failure = check(ex, 0, "".join(f"other {i}\n" for i in range(60)))
    assert failure is not None
    assert failure.detail is not None
    lines = failure.detail.splitlines()
    assert len(lines) == MAX_DIFF_LINES + 1
    assert lines[-1].startswith("... (") and lines[-1].endswith("more diff lines)")


def test_unordered_matches_in_any_order(tmp_path: Path) -> None:
    ex = example(
        tmp_path,
        "# example.expect: a\n# example.expect: b\n# example.expect: a\n# example.output: unordered\n",
    )
    assert check(ex, 0, "b\na\na\n") is None
    assert check(ex, 0, "a\na\nb\n") is None


@pytest.mark.parametrize("output", ["a\nb\n", "a\nb\nb\n", "a\na\nb\nb\n", "a\na\nc\n"])
def test_unordered_fails_on_a_different_multiset(tmp_path: Path, output: str) -> None:
    ex = example(
        tmp_path,
        "# example.expect: a\n# example.expect: b\n# example.expect: a\n# example.output: unordered\n",
    )
    failure = check(ex, 0, output)
    assert failure is not None
    assert "any order" in failure.reason
    assert failure.line == 1
    assert failure.detail is not None and failure.detail.startswith("--- expected")


def test_match_passes_when_a_line_matches(tmp_path: Path) -> None:
    ex = example(tmp_path, "# example.match: ^took \\d+ ms$\n# example.match: done\n")
    assert check(ex, 0, "start\ntook 12 ms\nall done\n") is None


def test_match_failure_names_the_pattern_and_its_line(tmp_path: Path) -> None:
    ex = example(tmp_path, "# example.timeout: 9\n# example.match: start\n# example.match: ^took \\d+ ms$\n")
    failure = check(ex, 0, "start\ntook many ms\n")
    assert failure is not None
    assert failure.reason == "no output line matches /^took \\d+ ms$/"
    assert failure.line == 3
    assert failure.detail is None


def test_expect_is_checked_before_match(tmp_path: Path) -> None:
    ex = example(tmp_path, "# example.expect: a\n# example.match: zzz\n")
    failure = check(ex, 0, "b\n")
    assert failure is not None
    assert failure.line == 1
    assert "differs" in failure.reason


def test_trailing_whitespace_and_blank_lines_are_ignored(tmp_path: Path) -> None:
    ex = example(tmp_path, "# example.expect: a  \n# example.expect: b\n")
    assert check(ex, 0, "a\t \nb   \n\n\n  \n") is None


def test_leading_whitespace_and_inner_blank_lines_count(tmp_path: Path) -> None:
    ex = example(tmp_path, "# example.expect: a\n# example.expect: b\n")
    assert check(ex, 0, " a\nb\n") is not None
    assert check(ex, 0, "a\n\nb\n") is not None


def test_crlf_output_matches_expect(tmp_path: Path) -> None:
    ex = example(tmp_path, "# example.expect: a\n# example.expect: b\n")
    assert check(ex, 0, "a\r\nb\r\n") is None


def test_crlf_output_with_unordered(tmp_path: Path) -> None:
    ex = example(tmp_path, "# example.expect: a\n# example.expect: b\n# example.output: unordered\n")
    assert check(ex, 0, "b\r\na\r\n") is None


def test_crlf_source_file_options(tmp_path: Path) -> None:
    path = tmp_path / "crlf.py"
    path.write_bytes(b"# example.expect: a\r\n# example.expect: b\r\nprint('a')\r\n")
    ex = load_example(path)
    assert ex.options.expect == ("a", "b")
    assert check(ex, 0, "a\nb\n") is None


def test_output_lines_normalises() -> None:
    assert output_lines("a \r\n b\r\n\r\n\n") == ["a", " b"]
    assert output_lines("") == []
    assert output_lines("\n\n") == []


# Bugs found in hooks/engine/checks.py (see the report): `example.match` is searched in the raw output, so the
# normalisation that `example.expect` gets (CRLF, trailing whitespace) does not apply to it.


def test_match_anchor_with_crlf_output(tmp_path: Path) -> None:
    ex = example(tmp_path, "# example.match: ^done$\n")
    assert check(ex, 0, "done\r\n") is None


def test_match_anchor_with_trailing_whitespace(tmp_path: Path) -> None:
    ex = example(tmp_path, "# example.match: ^done$\n")
    assert check(ex, 0, "done  \n") is None


def test_match_failure_line_when_one_pattern_ends_with_another(tmp_path: Path) -> None:
    ex = example(tmp_path, "# example.match: x|done\n# example.match: done\n")
    failure = check(ex, 0, "x\n")
    assert failure is not None
    assert failure.reason == "no output line matches /done/"
    assert failure.line == 2


def test_trailing_empty_expect_line_matches_trailing_blank_output(tmp_path: Path) -> None:
    ex = example(tmp_path, "# example.expect: a\n# example.expect:\n")
    assert check(ex, 0, "a\n\n") is None


def test_a_catastrophic_regex_fails_its_example_in_bounded_time(tmp_path: Path) -> None:
    started = time.monotonic()
    failure = check(example(tmp_path, "# example.match: ^(a|aa)+$\n"), 0, "a" * 64 + "b\n")
    assert failure is not None and "took more than" in failure.reason and failure.line == 1
    assert time.monotonic() - started < 30  # the matcher gives up after MATCH_SECONDS (checked as it goes)


def test_toolchain_warnings_alone_are_not_printing_something(tmp_path: Path) -> None:
    plain = example(tmp_path, "")
    failure = check(plain, 0, "x.py:1: DeprecationWarning: old\n", printed=False)
    assert failure is not None and "printed nothing" in failure.reason and "warnings" in failure.reason
    assert check(plain, 0, "hello\n", printed=True) is None


def test_declared_checks_judge_the_whole_output_warnings_included(tmp_path: Path) -> None:
    declared = example(tmp_path, "# example.match: ^warning: variable\n", name="w.py")
    assert check(declared, 0, "warning: variable x is unused\n", printed=False) is None


def test_a_signal_exit_code_is_explained(tmp_path: Path) -> None:
    failure = check(example(tmp_path, ""), 137, "x\n")
    assert failure is not None and "SIGKILL" in failure.reason


def test_racy_original_passes_with_output_or_none_but_not_on_a_failed_exit(tmp_path: Path) -> None:
    ex = example(tmp_path, "# example.racy: true\n")
    assert check(ex, 0, "") is None
    assert check(ex, 0, "Count: 1\n") is None
    assert check(ex, 1, "") is not None
