# Unit tests for hooks.engine.example: option parsing, body extraction, and error locations.
from __future__ import annotations

from pathlib import Path

import pytest

from hooks.common.errors import ExampleConfigError
from hooks.engine.example import Options, load_example, parse_options


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def config_error(tmp_path: Path, name: str, text: str) -> ExampleConfigError:
    path = write(tmp_path, name, text)
    with pytest.raises(ExampleConfigError) as caught:
        load_example(path, root=tmp_path)
    return caught.value


def test_plain_file_gets_the_defaults(tmp_path: Path) -> None:
    example = load_example(write(tmp_path, "hello.py", 'print("hi")\n'), root=tmp_path)

    assert example.options == Options()
    assert example.options.expect is None
    assert example.options.output == "exact"
    assert example.options.match == ()
    assert example.options.timeout is None
    assert example.options.exit_code == 0
    assert example.options.silent is False
    assert example.options.erratum is None
    assert example.option_lines == {}
    assert example.body_start == 1
    assert example.language == "python"
    assert example.display_path == "hello.py"
    assert example.path == (tmp_path / "hello.py").resolve()
    assert example.body == 'print("hi")\n'


def test_display_path_is_relative_to_root_and_absolute_outside_it(tmp_path: Path) -> None:
    (tmp_path / "snippets" / "python").mkdir(parents=True)
    path = write(tmp_path / "snippets" / "python", "a.py", "print(1)\n")

    assert load_example(path, root=tmp_path).display_path == "snippets/python/a.py"
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    assert load_example(path, root=elsewhere).display_path == str(path.resolve())
    assert load_example(path).display_path == str(path.resolve())


@pytest.mark.parametrize(
    ("name", "language"), [("a.py", "python"), ("a.go", "go"), ("a.exs", "elixir"), ("a.cs", "csharp")]
)
def test_language_comes_from_the_extension(tmp_path: Path, name: str, language: str) -> None:
    assert load_example(write(tmp_path, name, "x\n")).language == language


def test_every_option_is_parsed(tmp_path: Path) -> None:
    source = (
        "# example.expect: first line\n"
        "# example.expect:   indented second\n"
        "# example.expect:\n"
        "# example.output: unordered\n"
        "# example.match: ^first\n"
        "# example.match: \\d+ items\n"
        "# example.timeout: 2.5\n"
        "# example.exit-code: 3\n"
        "# example.silent: false\n"
        "# example.erratum: the article forgot to join the thread\n"
        "import sys\n"
        "print('first line')\n"
    )
    example = load_example(write(tmp_path, "opts.py", source), root=tmp_path)
    options = example.options

    assert options.expect == ("first line", "  indented second", "")
    assert options.output == "unordered"
    assert options.match == ("^first", "\\d+ items")
    assert options.timeout == 2.5
    assert isinstance(options.timeout, float)
    assert options.exit_code == 3
    assert options.silent is False
    assert options.erratum == "the article forgot to join the thread"
    assert example.option_lines == {
        "expect": 1,
        "output": 4,
        "match": 5,
        "timeout": 7,
        "exit-code": 8,
        "silent": 9,
        "erratum": 10,
    }
    assert example.body_start == 11
    assert example.body == "import sys\nprint('first line')\n"


def test_silent_true_and_integer_timeout(tmp_path: Path) -> None:
    example = load_example(write(tmp_path, "s.py", "# example.silent: true\n# example.timeout: 5\npass\n"))
    assert example.options.silent is True
    assert example.options.timeout == 5.0


def test_options_key_is_plain_data_without_what_is_only_shown() -> None:
    options = Options(expect=("a",), match=("b",), timeout=1.0, exit_code=2, silent=True, erratum="x", cores=2)
    assert options.key() == {
        "expect": ["a"],
        "output": "exact",
        "match": ["b"],
        "timeout": 1.0,
        "exit_code": 2,
        "silent": True,
        "racy": False,
        "hangs": False,
        "cores": 2,
        "ordered": [],
        "memory_bytes": None,
        "tasks": None,
        "cpu_seconds": None,
        "timeline": False,
        "shapes": [],
        "platform": None,
    }


def test_a_source_over_one_mib_is_refused_before_it_is_read(tmp_path: Path) -> None:
    error = config_error(tmp_path, "huge.py", "# " + "x" * (5 * 1024 * 1024) + "\nprint(1)\n")
    assert (error.path, error.line) == ("huge.py", 1)
    assert "5.0 MiB" in error.message and "at most 1 MiB" in error.message


def test_body_strips_the_option_block_and_blank_lines_after_it(tmp_path: Path) -> None:
    source = "# example.expect: hi\n\n\nprint('hi')\n\n\n"
    example = load_example(write(tmp_path, "b.py", source))
    assert example.body_start == 2
    assert example.body == "print('hi')\n"


def test_comment_after_the_options_stays_in_the_body(tmp_path: Path) -> None:
    source = "# example.expect: hi\n# Why this example exists.\nprint('hi')\n"
    example = load_example(write(tmp_path, "c.py", source))
    assert example.body_start == 2
    assert example.body == "# Why this example exists.\nprint('hi')\n"


def test_str_is_path_and_body_line(tmp_path: Path) -> None:
    source = "# example.expect: hi\n# example.timeout: 3\nprint('hi')\n"
    example = load_example(write(tmp_path, "where.py", source), root=tmp_path)
    assert str(example) == "where.py:3"
    assert example.at(7) == "where.py:7"
    plain = load_example(write(tmp_path, "plain.py", "print(1)\n"), root=tmp_path)
    assert str(plain) == "plain.py:1"


@pytest.mark.parametrize("name", ["main.go", "Program.cs"])
def test_slash_comments_hold_options_in_go_and_csharp(tmp_path: Path, name: str) -> None:
    source = (
        "// example.expect: hello\n"
        "// example.exit-code: 1\n"
        "//example.timeout:4\n"
        "package main\n"
        "// example.match is only an option at the top\n"
    )
    example = load_example(write(tmp_path, name, source))
    assert example.options.expect == ("hello",)
    assert example.options.exit_code == 1
    assert example.options.timeout == 4.0
    assert example.body_start == 4
    assert example.body.startswith("package main\n")


def test_shebang_before_options(tmp_path: Path) -> None:
    source = "#!/usr/bin/env python3\n# example.expect: hi\nprint('hi')\n"
    example = load_example(write(tmp_path, "sheb.py", source))
    assert example.options.expect == ("hi",)
    assert example.option_lines == {"expect": 2}
    assert example.body_start == 3
    assert example.body == "print('hi')\n"


def test_parse_options_directly() -> None:
    options, lines, body_start = parse_options("# example.match: ok\n\nprint('ok')\n", "x.py")
    assert options.match == ("ok",)
    assert lines == {"match": 1}
    assert body_start == 2


@pytest.mark.parametrize(
    ("source", "line", "fragment"),
    [
        ("# example.expect: a\n# example.colour: red\nprint(1)\n", 2, "unknown option 'example.colour'"),
        ("print(1)\n# example.expect: 1\n", 2, "belong in the `#` comment block"),
        ("# example.match: a\n# example.match: (unclosed\nprint(1)\n", 2, "bad regex"),
        ("# example.timeout: soon\nprint(1)\n", 1, "must be a number"),
        ("# example.exit-code: one\nprint(1)\n", 1, "must be a number"),
        ("# example.exit-code: -9\nprint(1)\n", 1, "killed by a signal never passes"),
        ("# example.exit-code: 256\nprint(1)\n", 1, "from 0 to 255"),
        ("# example.cores: 0\nprint(1)\n", 1, "must be a number of cores (1 or more), 'all' or 'waits'"),
        ("# example.cores: many\nprint(1)\n", 1, "not 'many'"),
        ("# example.cores: 2\n# example.cores: all\nprint(1)\n", 2, "'example.cores' is set twice"),
        ("# example.expect: 1\n# example.timeout: 0\nprint(1)\n", 2, "(0, 3600]"),
        ("# example.timeout: -1\nprint(1)\n", 1, "(0, 3600]"),
        ("# example.timeout: 3601\nprint(1)\n", 1, "(0, 3600]"),
        ("# example.timeout: nan\nprint(1)\n", 1, "(0, 3600]"),
        ("# example.match: x\n# example.output: unordered\nprint(1)\n", 2, "needs 'example.expect'"),
        ("# example.expect: 1\n# example.output: sorted\nprint(1)\n", 2, "must be one of exact, unordered"),
        ("# example.silent: yes\nprint(1)\n", 1, "must be true or false"),
        ("# example.timeout: 1\n# example.timeout: 2\nprint(1)\n", 2, "'example.timeout' is set twice"),
        ("# example.silent: true\n# example.silent: true\npass\n", 2, "'example.silent' is set twice"),
        ("# example.exit-code: 1\n\n# example.exit-code: 1\npass\n", 3, "'example.exit-code' is set twice"),
        ("# example.erratum: a\n# example.erratum: b\npass\n", 2, "'example.erratum' is set twice"),
        (
            "# example.expect: 1\n# example.output: exact\n# example.output: exact\npass\n",
            3,
            "'example.output' is set twice",
        ),
    ],
)
def test_config_errors_point_at_the_offending_line(tmp_path: Path, source: str, line: int, fragment: str) -> None:
    error = config_error(tmp_path, "bad.py", source)
    assert error.path == "bad.py"
    assert error.line == line
    assert fragment in error.message
    assert str(error) == f"bad.py:{line}: {error.message}"


def test_option_after_code_in_a_go_file(tmp_path: Path) -> None:
    error = config_error(tmp_path, "main.go", "package main\n\n// example.expect: x\n")
    assert (error.path, error.line) == ("main.go", 3)


def test_unknown_extension(tmp_path: Path) -> None:
    error = config_error(tmp_path, "notes.txt", "hello\n")
    assert error.path == "notes.txt"
    assert error.line == 1
    assert "'.txt'" in error.message


def test_unreadable_example_is_a_config_error(tmp_path: Path) -> None:
    with pytest.raises(ExampleConfigError) as caught:
        load_example(tmp_path / "missing.py", root=tmp_path)
    assert caught.value.path == "missing.py"
    assert caught.value.line == 1
    assert "cannot read" in caught.value.message


def test_invalid_utf8_source_is_read_with_replacement(tmp_path: Path) -> None:
    path = tmp_path / "bytes.py"
    path.write_bytes(b"# example.expect: x\nprint('\xff')\n")
    example = load_example(path)
    assert "\ufffd" in example.source
    assert example.options.expect == ("x",)


def test_csharp_directives_end_the_option_block(tmp_path: Path) -> None:
    """`#nullable` is code in C#, not a comment: it must stay in the source shown on the page."""
    path = tmp_path / "directive.cs"
    path.write_text('// example.expect: hi\n#nullable enable\nConsole.WriteLine("hi");\n')
    example = load_example(path, tmp_path)
    assert example.options.expect == ("hi",)
    assert example.body.startswith("#nullable enable\n")


def test_an_option_in_the_wrong_comment_style_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "slashes.py"
    path.write_text("// example.expect: hi\nprint('hi')\n")
    with pytest.raises(ExampleConfigError) as raised:
        load_example(path, tmp_path)
    assert raised.value.line == 1 and "`#` comment block" in raised.value.message
