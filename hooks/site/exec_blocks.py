# markdown-exec `exec="on"` blocks: a block that raises fails the build at its page line (markdown-exec
# itself only logs a warning and puts the traceback on the page).
from __future__ import annotations

import logging
import re
from dataclasses import dataclass

MARKDOWN_EXEC_LOGGER = "mkdocs.plugins.markdown_exec"  # its modules log below this name
_EXEC_FENCE = re.compile(r"^\s*(?P<fence>`{3,}|~{3,})\s*(?:\{\s*\.?)?python\b[^\n]*\bexec=\"(?:on|1|true|yes)\"")


@dataclass(frozen=True)
class ExecBlock:
    line: int  # of the opening fence, 1-based
    code: str


@dataclass(frozen=True)
class ExecFailure:
    page: str  # src_uri of the page being rendered when the block failed
    message: str


class ExecFailureCollector(logging.Handler):
    """Collects markdown-exec's warnings about failed blocks, tagged with the page being rendered."""

    def __init__(self) -> None:
        super().__init__(level=logging.WARNING)
        self.page: str | None = None
        self.failures: list[ExecFailure] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.failures.append(ExecFailure(self.page or "?", record.getMessage()))


_collector: ExecFailureCollector | None = None


def install_collector() -> ExecFailureCollector:
    """A fresh collector for this build, replacing the previous build's (`mkdocs serve` rebuilds)."""
    global _collector
    logger = logging.getLogger(MARKDOWN_EXEC_LOGGER)
    if _collector is not None:
        logger.removeHandler(_collector)
    _collector = ExecFailureCollector()
    logger.addHandler(_collector)
    return _collector


def exec_blocks(markdown: str) -> list[ExecBlock]:
    """Every `exec="on"` Python block of a page's source, with the line of its opening fence."""
    blocks = []
    lines = markdown.splitlines()
    number = 0
    while number < len(lines):
        opening = _EXEC_FENCE.match(lines[number])
        if not opening:
            number += 1
            continue
        fence, start, body = opening["fence"], number + 1, []
        number += 1
        while number < len(lines) and not lines[number].strip().startswith(fence):
            body.append(lines[number])
            number += 1
        blocks.append(ExecBlock(start, "\n".join(body)))
        number += 1
    return blocks


def failed_block_line(markdown: str, message: str) -> int:
    """The line of the block a markdown-exec message is about (its code is quoted in the message)."""
    blocks = exec_blocks(markdown)
    for block in blocks:
        code_lines = [line.strip() for line in block.code.splitlines() if line.strip()]
        if code_lines and all(line in message for line in code_lines):
            return block.line
    return blocks[0].line if blocks else 1


def summarize(message: str) -> str:
    """The last line of the traceback markdown-exec logged: the exception itself."""
    output = message.split("Output is:", 1)[-1]
    lines = [line.strip() for line in output.splitlines() if line.strip() and not line.strip().startswith("```")]
    return lines[-1] if lines else message.strip().splitlines()[0]
