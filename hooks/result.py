# The outcome of one example: what ran, what it printed, and whether it passed.
from __future__ import annotations

from dataclasses import asdict, dataclass, replace
from typing import Any

PASSED, FAILED, TIMEOUT, SKIPPED = "passed", "failed", "timeout", "skipped"
STATUSES = (PASSED, FAILED, TIMEOUT, SKIPPED)
NOT_EXECUTED = "not_executed"  # CONCURRENCY_EXECUTE=0: rendered, deliberately not run


@dataclass(frozen=True)
class Result:
    path: str  # the example's display path
    language: str
    status: str
    seconds: float
    exit_code: int | None
    output: str
    toolchain: str | None  # version string; None when the toolchain is missing
    command: str  # as shown on the page
    cached: bool = False
    reason: str | None = None  # one line: why it failed or was skipped
    detail: str | None = None  # a diff, an install hint
    line: int = 1  # where in the file to look
    events: str | None = None  # timeline: the events the run recorded (hooks/timeline/events.py), if declared

    @property
    def ok(self) -> bool:
        return self.status in (PASSED, NOT_EXECUTED)

    @property
    def location(self) -> str:
        return f"{self.path}:{self.line}"

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Result:
        return cls(**data)

    @classmethod
    def not_run(
        cls,
        path: str,
        language: str,
        status: str,
        reason: str,
        *,
        detail: str | None = None,
        toolchain: str | None = None,
        line: int = 1,
    ) -> Result:
        """A result for an example that never ran: skipped, not executed, or broken before it could run."""
        return cls(
            path=path,
            language=language,
            status=status,
            seconds=0.0,
            exit_code=None,
            output="",
            toolchain=toolchain,
            command="",
            reason=reason,
            detail=detail,
            line=line,
        )

    def as_cached(self, path: str) -> Result:
        return replace(self, path=path, cached=True)
