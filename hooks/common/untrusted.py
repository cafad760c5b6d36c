# Text that came from a run or a cache file, made safe for where it goes: the page (Markdown, then HTML), the
# terminal, and GitHub Actions' log (where a line can be a workflow command).
from __future__ import annotations

import html
import re

# C0 and C1 controls (ESC starts a terminal escape: OSC 52 writes a clipboard; C1 CSI and OSC are single
# characters), and the bidirectional overrides that reorder how a line reads.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\x80-\x9f\u202a-\u202e\u2066-\u2069]")
# Inline Markdown: emphasis, code, links and images (`[`), attribute lists (`{: ...}`), table cells. The
# characters that only matter at the start of a line (#, -, +, 1.) cannot be there: this text never starts one.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]|])")


def printable(text: str) -> str:
    """Control characters as their visible symbols (ESC as ␛, NUL as ␀, a lone CR as ␍, a C1 control as �, a
    bidirectional override as <U+202E>), so output can neither drive a terminal nor hide or reorder a line;
    CRLF becomes LF; tabs and newlines stay."""
    text = text.replace("\r\n", "\n")
    return _CONTROL.sub(_symbol, text)


def _symbol(match: re.Match[str]) -> str:
    code = ord(match[0])
    if code < 0x20:
        return chr(0x2400 + code)
    if code >= 0x2000:
        return f"<U+{code:04X}>"
    return "\u2421" if code == 0x7F else "\ufffd"


def markdown_text(text: str) -> str:
    """`text` as literal inline Markdown: HTML escaped, Markdown punctuation backslash-escaped, one line."""
    flat = " ".join(printable(text).split("\n"))
    return _MARKDOWN_SPECIAL.sub(r"\\\1", html.escape(flat, quote=False))


def code_span(text: str) -> str:
    """`text` as an inline code span that no backtick inside it can close."""
    flat = " ".join(printable(text).split("\n"))
    longest = max((len(run) for run in re.findall(r"`+", flat)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if flat.startswith("`") or flat.endswith("`") or not flat.strip() else ""
    return f"{fence}{pad}{flat}{pad}{fence}"


def no_workflow_commands(text: str) -> str:
    """Text for a CI log in which no line can act as a GitHub Actions workflow command (`::name::`, or the
    older `##[name]` anywhere in a line): a zero-width space breaks each marker without hiding it."""
    text = re.sub(r"^(\s*):", "\\1:\u200b", text, flags=re.MULTILINE)
    return text.replace("##[", "#\u200b#[")


def annotation_data(text: str) -> str:
    """The message part of `::error ...::message` (one line, escaped as the runner unescapes it)."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def annotation_property(text: str) -> str:
    """A property value of a workflow command (`file=...`): also `:` and `,` escaped."""
    return annotation_data(text).replace(":", "%3A").replace(",", "%2C")
