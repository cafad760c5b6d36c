# Unit tests for hooks.engine.patterns and the options that mark originals and hangs: shared expectations.
from __future__ import annotations

from pathlib import Path

import pytest

from hooks.common.errors import ExampleConfigError
from hooks.engine.checks import check
from hooks.engine.example import load_example
from hooks.engine.patterns import load_pattern

PATTERN = 'title = "Counter"\noutput = "unordered"\nordered = ["^step "]\nexpect = """\nstep 1\nstep 2\ntotal 3\n"""\n'


def pattern_dir(tmp_path: Path, toml: str = PATTERN) -> Path:
    directory = tmp_path / "snippets" / "patterns" / "counter"
    directory.mkdir(parents=True)
    (directory / "pattern.toml").write_text(toml)
    return directory


def test_a_pattern_file_sets_expect_for_every_language(tmp_path: Path) -> None:
    directory = pattern_dir(tmp_path)
    (directory / "counter.py").write_text("print('x')\n")
    (directory / "counter.go").write_text("package main\n")
    for name in ("counter.py", "counter.go"):
        options = load_example(directory / name, root=tmp_path).options
        assert options.expect == ("step 1", "step 2", "total 3")
        assert options.output == "unordered"
        assert options.ordered == ("^step ",)
        assert options.pattern == "snippets/patterns/counter/pattern.toml"


def test_the_shared_expectation_is_checked_in_any_order_but_ordered_lines_keep_order(tmp_path: Path) -> None:
    directory = pattern_dir(tmp_path)
    example = load_example(_write(directory / "counter.py", "print('x')\n"), root=tmp_path)
    assert check(example, 0, "total 3\nstep 1\nstep 2\n") is None
    drifted = check(example, 0, "step 1\nstep 2\ntotal 4\n")
    assert drifted is not None and "pattern.toml" in drifted.reason
    out_of_order = check(example, 0, "step 2\ntotal 3\nstep 1\n")
    assert out_of_order is not None and out_of_order.reason.startswith("lines matching /^step / are out of order")


def test_a_file_may_not_override_the_shared_expectation(tmp_path: Path) -> None:
    directory = pattern_dir(tmp_path)
    path = _write(directory / "counter.py", "# example.timeout: 5\n# example.expect: other\nprint('x')\n")
    with pytest.raises(ExampleConfigError) as caught:
        load_example(path, root=tmp_path)
    assert str(caught.value).startswith("snippets/patterns/counter/counter.py:2: 'example.expect' is set by")


@pytest.mark.parametrize(
    ("toml", "message"),
    [
        ('title = "x"\nexpect = """\na\n"""\ncolour = 1\n', "pattern.toml:5: unknown key 'colour'"),
        ('title = "x"\noutput = "sorted"\nexpect = "a"\n', "pattern.toml:2: 'output' must be one of"),
        ('title = "x"\nexpect = ""\n', "pattern.toml:2: 'expect' must be a non-empty string"),
        ('title = "x"\nordered = ["("]\nexpect = "a"\n', "pattern.toml:2: bad regex '('"),
        ('title = "x"\nexpect = "a\n', "pattern.toml:2: invalid TOML"),
    ],
)
def test_a_bad_pattern_file_names_its_line(tmp_path: Path, toml: str, message: str) -> None:
    path = tmp_path / "pattern.toml"
    path.write_text(toml)
    with pytest.raises(ExampleConfigError) as caught:
        load_pattern(path, "pattern.toml")
    assert str(caught.value).startswith(message)


def test_original_of_must_name_an_existing_example(tmp_path: Path) -> None:
    (tmp_path / "snippets" / "python").mkdir(parents=True)
    _write(tmp_path / "snippets" / "python" / "fixed.py", "print(1)\n")
    good = _write(tmp_path / "snippets" / "errata" / "orig.py", "# example.original-of: python/fixed.py\nprint(\n")
    assert load_example(good, root=tmp_path).options.original_of == "python/fixed.py"
    bad = _write(tmp_path / "snippets" / "errata" / "bad.py", "# x\n# example.original-of: python/nope.py\n")
    with pytest.raises(ExampleConfigError) as caught:
        load_example(bad, root=tmp_path)
    assert (
        str(caught.value) == "snippets/errata/bad.py:2: 'example.original-of': no such example: snippets/python/nope.py"
    )


def test_an_example_declared_to_hang_passes_only_when_killed(tmp_path: Path) -> None:
    example = load_example(_write(tmp_path / "h.py", "# example.hangs: true\n# example.match: ^waiting\n"), tmp_path)
    assert check(example, None, "waiting\n") is None
    finished = check(example, 0, "waiting\n")
    assert finished is not None and finished.reason == "declared to hang until the timeout, but exited with code 0"
    assert finished.line == 1
    silent_kill = check(example, None, "")
    assert silent_kill is not None


def test_hangs_excludes_an_exit_code(tmp_path: Path) -> None:
    path = _write(tmp_path / "h.py", "# example.hangs: true\n# example.exit-code: 1\n")
    with pytest.raises(ExampleConfigError, match="exclude each other"):
        load_example(path, root=tmp_path)


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return path


def test_annotations_need_matching_markers_in_the_source(tmp_path: Path) -> None:
    path = _write(tmp_path / "a.py", "# example.annotation: first\n# example.annotation: second\nx = 1  # (1)!\n")
    with pytest.raises(ExampleConfigError) as caught:
        load_example(path, root=tmp_path)
    assert str(caught.value) == (
        "a.py:1: 2 'example.annotation' line(s) need the markers (1)!, (2)! in comments of the source; found (1)!"
    )


def test_a_pattern_file_that_is_not_utf8_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "pattern.toml"
    path.write_bytes(b'title = "x"\nexpect = """\nok\n\xff\xfe bad\n"""\n')
    with pytest.raises(ExampleConfigError) as caught:
        load_pattern(path, "snippets/p/pattern.toml")
    assert str(caught.value).startswith("snippets/p/pattern.toml:4: not UTF-8")
