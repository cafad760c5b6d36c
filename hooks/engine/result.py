# The outcome of one example: what ran, what it printed, how it was held, and whether it passed.
from __future__ import annotations

import math
from dataclasses import asdict, dataclass, fields, replace
from typing import Any

from hooks.common.locations import Location
from hooks.engine.spec import RunSpec

PASSED, FAILED, TIMEOUT, SKIPPED = "passed", "failed", "timeout", "skipped"
INCONCLUSIVE = "inconclusive"  # it ran, and its timing lesson could not be decided on this machine (never a failure)
STATUSES = (PASSED, FAILED, TIMEOUT, SKIPPED, INCONCLUSIVE)
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
    sandbox: dict[str, Any] | None = None  # the isolation and limits it ran under (None: it did not run)
    events: str | None = None  # timeline: the events the run recorded (hooks/timeline/events.py), if declared
    verdict: str | None = None  # its timing claims, judged (hooks/engine/judge.py): holds, contradicted, inconclusive
    runs: int = 1  # how many times it ran for the judge to decide
    spec: RunSpec | None = None  # what the run was given (hooks/engine/spec.py); None: it did not run

    @property
    def ok(self) -> bool:
        return self.status in (PASSED, NOT_EXECUTED, INCONCLUSIVE)

    @property
    def location(self) -> Location:
        return Location(self.path, self.line)

    def to_json(self) -> dict[str, Any]:
        return {**asdict(self), "spec": self.spec.to_json() if self.spec else None}

    @classmethod
    def from_json(cls, data: object) -> Result:
        """A result read back from JSON (a cache file); ValueError says what is wrong with it."""
        if not isinstance(data, dict):
            raise ValueError("not a JSON object")
        names = {f.name for f in fields(cls)}
        if set(data) - names:
            raise ValueError(f"unknown field(s): {', '.join(sorted(set(data) - names))}")
        for name, kinds, required in _SHAPE:
            if name not in data:
                if required:
                    raise ValueError(f"missing field {name!r}")
                continue
            value = data[name]
            if not isinstance(value, kinds) or (isinstance(value, bool) and bool not in kinds):
                raise ValueError(f"field {name!r} has the wrong type ({type(value).__name__})")
        if data["status"] not in (*STATUSES, NOT_EXECUTED):
            raise ValueError(f"unknown status {data['status']!r}")
        if not math.isfinite(data["seconds"]) or data["seconds"] < 0 or data.get("line", 1) < 1:
            raise ValueError("seconds or line out of range")
        spec = RunSpec.from_json(data["spec"]) if data.get("spec") is not None else None
        return cls(**{**data, "spec": spec})

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


_NONE = type(None)
# (field, accepted JSON types, required): what a result read from disk must look like.
_SHAPE: tuple[tuple[str, tuple[type, ...], bool], ...] = (
    ("path", (str,), True),
    ("language", (str,), True),
    ("status", (str,), True),
    ("seconds", (int, float), True),
    ("exit_code", (int, _NONE), True),
    ("output", (str,), True),
    ("toolchain", (str, _NONE), True),
    ("command", (str,), True),
    ("cached", (bool,), False),
    ("reason", (str, _NONE), False),
    ("detail", (str, _NONE), False),
    ("line", (int,), False),
    ("sandbox", (dict, _NONE), False),
    ("events", (str, _NONE), False),
    ("verdict", (str, _NONE), False),
    ("runs", (int,), False),
    ("spec", (dict, _NONE), False),
)
