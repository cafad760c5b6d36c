# Unit tests for hooks.site.failures: how broken examples are reported at the end of a build.
from __future__ import annotations

from dataclasses import replace

from hooks.common.locations import Location
from hooks.engine.result import FAILED, TIMEOUT, Result
from hooks.site.failures import MAX_LINE_CHARS, OUTPUT_TAIL_LINES, BuildFailure, describe_failures, format_failure

BROKEN = Result(
    path="snippets/go/race.go",
    language="go",
    status=FAILED,
    seconds=1.5,
    exit_code=1,
    output="".join(f"output line {i}\n" for i in range(40)),
    toolchain="go1.23.4",
    command="go run race.go",
    reason="exit code 1, expected 0",
    detail="--- expected\n+++ actual\n-a\n+b",
    line=12,
)


def test_format_failure_has_location_reason_pages_detail_command_and_tail() -> None:
    text = format_failure(BROKEN, ["docs/go.md", "docs/index.md"])
    lines = text.splitlines()

    assert lines[0] == "snippets/go/race.go:12: failed: exit code 1, expected 0"
    assert lines[1] == "  shown on docs/go.md, docs/index.md"
    assert lines[2:6] == ["    --- expected", "    +++ actual", "    -a", "    +b"]
    assert "  command: go run race.go" in lines
    assert "  output (last lines):" in lines
    tail = [line for line in lines if line.startswith("    | ")]
    assert tail == [f"    | output line {i}" for i in range(40 - OUTPUT_TAIL_LINES, 40)]
    assert "output line 24" not in text
    assert len(tail) == OUTPUT_TAIL_LINES == 15


def test_format_failure_without_optional_parts() -> None:
    bare = replace(BROKEN, status=TIMEOUT, reason="timed out", detail=None, command="", output="", line=3)
    assert format_failure(bare) == "snippets/go/race.go:3: timeout: timed out"


def test_short_output_is_shown_whole() -> None:
    text = format_failure(replace(BROKEN, output="one\ntwo\n"))
    assert text.endswith("  output (last lines):\n    | one\n    | two")


def test_long_lines_are_cut() -> None:
    long = "x" * (MAX_LINE_CHARS + 50)
    text = format_failure(replace(BROKEN, output=f"{long}\n", detail=f"+{long}"))
    shown = [line for line in text.splitlines() if "xxx" in line]
    assert len(shown) == 2
    for line in shown:
        assert line.endswith(" …")
        assert line.count("x") <= MAX_LINE_CHARS
    exact = "y" * MAX_LINE_CHARS
    assert f"    | {exact}" in format_failure(replace(BROKEN, output=exact)).splitlines()


def test_build_failure_from_result() -> None:
    failure = BuildFailure.from_result(BROKEN, ["docs/go.md"])
    assert failure.path == "snippets/go/race.go"
    assert failure.line == 12
    assert failure.message == format_failure(BROKEN, ["docs/go.md"])


def test_describe_failures_counts_and_lists_them() -> None:
    one = BuildFailure.from_result(BROKEN)
    assert describe_failures([one]).startswith("1 broken example:\nsnippets/go/race.go:12: failed")
    other = BuildFailure.from_result(replace(BROKEN, path="snippets/python/a.py", line=4))
    text = describe_failures([one, other])
    assert text.startswith("2 broken examples:\n")
    assert "snippets/python/a.py:4: failed" in text
    assert "::error" not in text


def test_describe_failures_with_github_annotations() -> None:
    one = BuildFailure.from_result(BROKEN)
    other = BuildFailure.from_result(replace(BROKEN, path="snippets/python/a.py", line=4, reason="100% wrong"))
    text = describe_failures([one, other], github=True)
    annotations = [line for line in text.splitlines() if line.startswith("::error")]
    assert annotations == [
        "::error file=snippets/go/race.go,line=12::snippets/go/race.go:12: failed: exit code 1, expected 0",
        "::error file=snippets/python/a.py,line=4::snippets/python/a.py:4: failed: 100%25 wrong",
    ]


def test_output_cannot_forge_annotations_or_workflow_commands() -> None:
    forged = (
        "::error file=snippets/other.py,line=1::forged\n"
        "   ::add-mask::x\n"
        "text ##[error]old style\n"
        "::set-output name=a::b\n"
    )
    failure = BuildFailure.from_result(replace(BROKEN, output=forged, detail=" ::warning::in a diff"))
    text = describe_failures([failure], github=True)
    lines = text.splitlines()
    start, end = lines.index(next(line for line in lines if line.startswith("::stop-commands::"))), None
    token = lines[start].removeprefix("::stop-commands::")
    assert len(token) >= 32
    end = lines.index(f"::{token}::")
    commands = [line for line in lines if line.lstrip().startswith("::") or "##[" in line]
    assert commands == [lines[start], lines[end], *lines[end + 1 :]]  # only ours
    assert lines[end + 1 :] == [
        "::error file=snippets/go/race.go,line=12::snippets/go/race.go:12: failed: exit code 1, expected 0"
    ]
    assert "forged" in text and "old style" in text  # still shown, defused


def test_annotation_properties_are_escaped() -> None:
    failure = BuildFailure.from_result(replace(BROKEN, path="snippets/a,b:c.py", line=2))
    annotation = describe_failures([failure], github=True).splitlines()[-1]
    assert annotation.startswith("::error file=snippets/a%2Cb%3Ac.py,line=2::")


def test_control_characters_in_output_are_made_visible() -> None:
    text = format_failure(replace(BROKEN, output="red \x1b[31m alarm \x07 cr\rover\n"))
    assert "\x1b" not in text and "\x07" not in text and "\r" not in text
    assert "␛[31m" in text and "␇" in text and "cr␍over" in text


def test_failures_told_early_are_named_not_listed_again() -> None:
    told = BuildFailure("snippets/a.py:2: failed: exit code 1, expected 0", Location("snippets/a.py", 2))
    new = BuildFailure("snippets/b.go:4: failed: go build failed: x", Location("snippets/b.go", 4))
    assert describe_failures([told], told={told.message}) == "1 broken example, listed above: snippets/a.py:2"
    text = describe_failures([told, new], told={told.message})
    assert text.splitlines() == ["2 broken examples:", new.message, "listed above: snippets/a.py:2"]
