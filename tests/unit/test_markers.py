# Unit tests for hooks.site.markers: finding `[[example ...]]` lines in a page and resolving their files.
from __future__ import annotations

from pathlib import Path

import pytest

from hooks.common.errors import ExampleConfigError
from hooks.site.markers import Marker, marker_lines, parse_markers

PAGE = "docs/page.md"


@pytest.fixture
def snippets(tmp_path: Path) -> Path:
    root = tmp_path / "snippets"
    for relative in (
        "python/hello.py",
        "go/hello.go",
        "elixir/hello.exs",
        "csharp/Hello.cs",
        "race/race.go",
        "race/race.py",
        "race/race.cs",
        "race/race.exs",
        "race/README.md",
        "race/nested/extra.py",
        "notes.txt",
    ):
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("x\n", encoding="utf-8")
    (root / "empty").mkdir()
    (root / "empty" / "notes.md").write_text("x\n", encoding="utf-8")
    return root


def names(marker: Marker) -> list[str]:
    return [path.name for path in marker.files]


def error(markdown: str, snippets: Path) -> ExampleConfigError:
    with pytest.raises(ExampleConfigError) as caught:
        parse_markers(markdown, PAGE, snippets)
    return caught.value


def test_single_file(snippets: Path) -> None:
    markers = parse_markers("# Title\n\n[[example python/hello.py]]\n", PAGE, snippets)
    assert len(markers) == 1
    marker = markers[0]
    assert marker.page == PAGE
    assert marker.line == 3
    assert marker.indent == ""
    assert marker.files == ((snippets / "python/hello.py").resolve(),)
    assert str(marker) == "docs/page.md:3"


def test_page_without_markers(snippets: Path) -> None:
    assert parse_markers("# Title\n\nSome [link](x) and [[not a marker\n", PAGE, snippets) == []


@pytest.mark.parametrize(
    "order",
    [
        "go/hello.go csharp/Hello.cs elixir/hello.exs python/hello.py",
        "csharp/Hello.cs python/hello.py go/hello.go elixir/hello.exs",
        "python/hello.py elixir/hello.exs csharp/Hello.cs go/hello.go",
    ],
)
def test_several_files_in_tab_order(snippets: Path, order: str) -> None:
    (marker,) = parse_markers(f"[[example {order}]]\n", PAGE, snippets)
    assert names(marker) == ["hello.py", "hello.exs", "Hello.cs", "hello.go"]


def test_directory_expands_to_its_example_files(snippets: Path) -> None:
    (marker,) = parse_markers("[[example race]]\n", PAGE, snippets)
    assert names(marker) == ["extra.py", "race.py", "race.exs", "race.cs", "race.go"]
    assert all(path.is_relative_to(snippets.resolve() / "race") for path in marker.files)


def test_directory_and_file_mixed(snippets: Path) -> None:
    (marker,) = parse_markers("[[example go/hello.go race/nested]]\n", PAGE, snippets)
    assert names(marker) == ["extra.py", "hello.go"]


def test_several_markers_in_one_page(snippets: Path) -> None:
    markdown = "[[example python/hello.py]]\ntext\n[[example go/hello.go]]\n"
    markers = parse_markers(markdown, PAGE, snippets)
    assert [(m.line, names(m)) for m in markers] == [(1, ["hello.py"]), (3, ["hello.go"])]


@pytest.mark.parametrize(
    "block",
    [
        "```\n[[example nope.py]]\n```\n",
        "~~~\n[[example nope.py]]\n~~~\n",
        "```markdown\n[[example nope.py]]\n```\n",
        "````\n```\n[[example nope.py]]\n```\n[[example nope.py]]\n````\n",
        "~~~~\n~~~\n[[example nope.py]]\n~~~~\n",
        "```\n~~~\n[[example nope.py]]\n~~~\n[[example nope.py]]\n```\n",
        "~~~\n```\n[[example nope.py]]\n```\n[[bogus]]\n~~~\n",
        "    ```\n    [[example nope.py]]\n    ```\n",
        "```\n[[example nope.py]]\n````\n",
    ],
)
def test_markers_inside_fences_are_ignored(snippets: Path, block: str) -> None:
    markdown = f"intro\n\n{block}\n[[example python/hello.py]]\n"
    markers = parse_markers(markdown, PAGE, snippets)
    assert [names(m) for m in markers] == [["hello.py"]]
    assert markers[0].line == markdown.splitlines().index("[[example python/hello.py]]") + 1


def test_fence_with_info_string_does_not_close_a_fence(snippets: Path) -> None:
    markdown = "```\n```python\n[[example nope.py]]\n```\n"
    # The line "```python" cannot close the fence; the last "```" does.
    assert parse_markers(markdown, PAGE, snippets) == []
    assert marker_lines("```\n```python\n[[x]]\n```\n[[y a]]\n")[0][0] == 5


def test_unclosed_fence_hides_the_rest_of_the_page(snippets: Path) -> None:
    assert parse_markers("```\n[[example nope.py]]\n", PAGE, snippets) == []


@pytest.mark.parametrize("indent", ["    ", "\t", "        ", "  "])
def test_indented_marker_keeps_its_indent(snippets: Path, indent: str) -> None:
    (marker,) = parse_markers(f'=== "Tab"\n\n{indent}[[example python/hello.py]]\n', PAGE, snippets)
    assert marker.indent == indent
    assert marker.line == 3


def test_trailing_whitespace_after_a_marker_is_allowed(snippets: Path) -> None:
    (marker,) = parse_markers("[[example python/hello.py]]   \n", PAGE, snippets)
    assert names(marker) == ["hello.py"]


def test_marker_must_stand_alone_on_its_line(snippets: Path) -> None:
    assert parse_markers("see [[example python/hello.py]] here\n", PAGE, snippets) == []


@pytest.mark.parametrize(
    ("markdown", "line", "fragment"),
    [
        ("text\n[[sample python/hello.py]]\n", 2, "unknown marker '[[sample ...]]'"),
        ("\n\n[[example]]\n", 3, "needs at least one path"),
        ("[[example python/missing.py]]\n", 1, "no such example: snippets/python/missing.py"),
        ("[[example ../outside.py]]\n", 1, "outside snippets/"),
        ("[[example python/../../outside.py]]\n", 1, "outside snippets/"),
        ("[[example python/hello.py timeout=3]]\n", 1, "unknown marker option 'timeout=3'"),
        ("[[example notes.txt]]\n", 1, "no toolchain runs '.txt' files"),
        ("[[example empty]]\n", 1, "holds no example files"),
        ("[[example python/hello.py python/hello.py]]\n", 1, "named twice"),
        ("[[example race race/race.go]]\n", 1, "named twice"),
        ("[[example python/hello.py ./python/hello.py]]\n", 1, "named twice"),
        ("ok\n\n    [[example go/nope.go]]\n", 3, "no such example"),
    ],
)
def test_errors_name_page_and_line(snippets: Path, markdown: str, line: int, fragment: str) -> None:
    err = error(markdown, snippets)
    assert err.path == PAGE
    assert err.line == line
    assert fragment in err.message
    assert str(err).startswith(f"{PAGE}:{line}: ")


def test_outside_snippets_even_when_the_file_exists(snippets: Path) -> None:
    (snippets.parent / "outside.py").write_text("print(1)\n", encoding="utf-8")
    err = error("[[example ../outside.py]]\n", snippets)
    assert "outside snippets/" in err.message


def test_error_in_a_later_marker_has_its_own_line(snippets: Path) -> None:
    err = error("[[example python/hello.py]]\n\n[[example nope.py]]\n", snippets)
    assert err.line == 3


def test_a_symlink_in_a_folder_that_leads_outside_is_refused(snippets: Path, tmp_path: Path) -> None:
    secret = tmp_path / "outside.py"
    secret.write_text("print('outside')\n")
    (snippets / "race" / "sneaky.py").symlink_to(secret)
    caught = error("[[example race]]\n", snippets)
    assert (
        caught.line == 1 and "race/sneaky.py is a symlink to" in caught.message and "outside snippets" in caught.message
    )


def test_a_symlinked_folder_that_leads_outside_is_refused(snippets: Path, tmp_path: Path) -> None:
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere" / "x.py").write_text("print(1)\n")
    (snippets / "race" / "more").symlink_to(tmp_path / "elsewhere")
    assert "race/more is a symlink to" in error("[[example race]]\n", snippets).message


def test_a_symlink_that_stays_inside_adds_nothing(snippets: Path) -> None:
    (snippets / "race" / "alias.py").symlink_to(snippets / "python" / "hello.py")
    assert names(parse_markers("[[example race]]\n", PAGE, snippets)[0]) == [
        "extra.py", "race.py", "race.exs", "race.cs", "race.go",
    ]  # fmt: skip


@pytest.mark.parametrize("name", ["-toolexec=sh -c 'id' x.go", "-x.py", ".hidden.py", "a`b`.exs", "a b.cs", "é.go"])
def test_a_folder_with_a_file_name_outside_the_safe_set_is_refused(snippets: Path, name: str) -> None:
    (snippets / "race" / name).write_text("x\n", encoding="utf-8")
    with pytest.raises(ExampleConfigError) as caught:
        parse_markers("text\n[[example race]]\n", PAGE, snippets)
    assert caught.value.line == 2
    assert f"snippets/race/{name}" in caught.value.message and "not allowed" in caught.value.message


def test_a_single_file_with_a_name_outside_the_safe_set_is_refused(snippets: Path) -> None:
    (snippets / "go" / "-x.go").write_text("x\n", encoding="utf-8")
    with pytest.raises(ExampleConfigError) as caught:
        parse_markers("[[example go/-x.go]]\n", PAGE, snippets)
    assert caught.value.line == 1 and "snippets/go/-x.go: file name '-x.go' is not allowed" in caught.value.message


def test_a_file_no_toolchain_runs_may_have_any_name(snippets: Path) -> None:
    (snippets / "race" / "-notes .md").write_text("x\n", encoding="utf-8")
    (marker,) = parse_markers("[[example race]]\n", PAGE, snippets)
    assert "race.go" in names(marker)
