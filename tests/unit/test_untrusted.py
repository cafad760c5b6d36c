# Unit tests for common.untrusted: text from a run or a cache file, made safe for the page, the terminal and CI logs.
from __future__ import annotations

import markdown

from hooks.common.untrusted import annotation_property, code_span, markdown_text, no_workflow_commands, printable

EXTENSIONS = ["admonition", "attr_list", "md_in_html", "tables", "pymdownx.superfences"]
HOSTILE = [
    "<img src=x onerror=alert(1)>",
    "<script>alert(1)</script>",
    "[click](javascript:alert(1))",
    "![x](http://example.invalid/x.png)",
    "text{: onclick=alert(1) }",
    "**bold** `code` _em_",
    "a | b",
    "&lt;already escaped&gt;",
]


def html(text: str) -> str:
    return markdown.markdown(text, extensions=EXTENSIONS)


def test_markdown_text_renders_as_the_same_text_and_nothing_else() -> None:
    for hostile in HOSTILE:
        rendered = html(f"Reason: {markdown_text(hostile)}")
        assert "<img" not in rendered and "<script" not in rendered and "<a " not in rendered, rendered
        assert "onclick=" not in rendered.replace("onclick=alert(1) }", "") or "{: onclick" in rendered
        assert "<strong>" not in rendered and "<em>" not in rendered and "<code>" not in rendered


def test_markdown_text_keeps_the_words() -> None:
    assert html(markdown_text("Python 3.11.7 (runtime 10.0.1)")) == "<p>Python 3.11.7 (runtime 10.0.1)</p>"
    assert "&lt;script&gt;" in html(markdown_text("<script>"))


def test_code_span_cannot_be_closed_from_inside() -> None:
    for text in ("a ` b", "``x``", "`", "x`"):
        rendered = html(f"Command {code_span(text + ' <b>bold</b>')} here")
        assert rendered.count("<code>") == 1 and "<b>" not in rendered, rendered


def test_printable_shows_control_characters() -> None:
    assert printable("a\r\nb\tc\x1b[2J\x00\x7f\x85\rz") == "a\nb\tc␛[2J␀\u2421\ufffd␍z"


def test_no_workflow_commands_defuses_both_syntaxes() -> None:
    text = no_workflow_commands("::error::x\n  ::warning file=a::y\nrun ##[set-env name=A;]1\nfine: a::b\n")
    lines = text.splitlines()
    assert not any(line.lstrip().startswith("::") for line in lines)
    assert "##[" not in text
    assert lines[3] == "fine: a::b"  # `::` inside a line is no command


def test_annotation_property_escapes_separators() -> None:
    assert annotation_property("a,b:c%\nd") == "a%2Cb%3Ac%25%0Ad"
