# Unit tests for hooks.engine.options: the declared table, the Options record and what goes into the cache key.
from __future__ import annotations

from dataclasses import dataclass, fields

import pytest

from hooks.common.errors import ExampleConfigError
from hooks.engine.options import OPTIONS, Options, parse_options

FROM_PATTERN_TOML = {"ordered", "pattern"}  # set by a pattern's shared expectation, not by an option line


def test_every_option_sets_a_field_and_every_field_has_a_source() -> None:
    names = {f.name for f in fields(Options)}
    assert {option.attribute for option in OPTIONS} <= names
    assert names - {option.attribute for option in OPTIONS} == FROM_PATTERN_TOML


def test_the_key_holds_every_field_but_those_only_shown() -> None:
    shown_only = {f.name for f in fields(Options) if f.metadata.get("shown_only")}
    assert shown_only == {"erratum", "original_of", "pattern", "annotations"}
    assert set(Options().key()) == {f.name for f in fields(Options)} - shown_only


def test_a_new_field_is_in_the_key_without_anyone_remembering() -> None:
    @dataclass(frozen=True)
    class Grown(Options):
        retries: int = 0

    assert Grown(retries=2).key()["retries"] == 2


@pytest.mark.parametrize(("value", "cores"), [("1", 1), ("2", 2), (" 16 ", 16), ("all", "all"), ("waits", "waits")])
def test_cores(value: str, cores: object) -> None:
    options, lines, _ = parse_options(f"# example.cores: {value}\nprint(1)\n", "x.py")
    assert options.cores == cores
    assert lines == {"cores": 1}


def test_each_option_line_is_checked_with_its_parser() -> None:
    source = "# example.exit-code: 0\n# example.exit-code: 255\nprint(1)\n"
    with pytest.raises(ExampleConfigError, match="set twice"):
        parse_options(source, "x.py")
    options, _, _ = parse_options("# example.exit-code: 255\nprint(1)\n", "x.py")
    assert options.exit_code == 255
