# A measured case as a typed record: what every page, figure and verdict reads of a result in results.json (this
# build's, or another machine's), parsed once from its JSON by `CaseResult.from_json`.
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

Scalar = int | float | str | bool | None  # a value of a free-form description (the load generator's settings)


def _float(value: object, default: float = 0.0) -> float:
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else default


def _int(value: object, default: int = 0) -> int:
    return int(value) if isinstance(value, int | float) and not isinstance(value, bool) else default


def _text(value: object) -> str | None:
    return None if value is None else str(value)


def _mapping(value: object) -> Mapping[str, object]:
    return {str(k): v for k, v in value.items()} if isinstance(value, Mapping) else {}


def case_id(workload: str, unit: str, params: Mapping[str, object]) -> str:
    """The stable id of a result in results.json: `fib/go_goroutines/n=36,workers=2` (`http/go_net_http`)."""
    shown = ",".join(f"{k}={v}" for k, v in sorted(params.items()))
    return f"{workload}/{unit}" + (f"/{shown}" if shown else "")


@dataclass(frozen=True)
class Summary:
    """One metric's summary over the measured runs (hooks/bench/measure/stats.py summarize)."""

    n: int
    median: float
    ci_low: float
    ci_high: float
    ci_coverage: float

    @classmethod
    def from_json(cls, data: object) -> Summary:
        d = _mapping(data)
        return cls(_int(d.get("n")), _float(d.get("median")), _float(d.get("ci_low")), _float(d.get("ci_high")),
                   _float(d.get("ci_coverage")))  # fmt: skip


@dataclass(frozen=True)
class CaseResult:
    """One case (a program with its parameters) as measured, or why it was not."""

    workload: str
    unit: str
    program: str  # benchmarks/<folder>/<file>
    params: Mapping[str, int]
    status: str = "ok"  # ok | failed | not_run
    error: str | None = None
    id: str = ""  # its id in results.json ("" before the document gives it one)
    language: str = ""
    toolchain: str = ""
    runs: int | None = None  # measured runs per figure, where the result says
    warmups: int | None = None
    measured_at: str | None = None  # the first measured run (ISO 8601, UTC)
    measured_until: str | None = None  # the last one
    steal_fraction: float | None = None  # of the session that measured it
    cached: bool = False  # taken from the benchmark cache, not measured in this build
    samples: Mapping[str, tuple[float, ...]] = field(default_factory=dict)
    summary: Mapping[str, Summary] = field(default_factory=dict)  # complete metrics only (every run has them)
    load: Mapping[str, Scalar] = field(default_factory=dict)  # the load generator's settings (http, connections)
    args: Mapping[str, str] = field(default_factory=dict)  # a variant's own arguments (start_method=spawn)

    @property
    def ident(self) -> str:
        """Its id in results.json (what findings.json's figures point at)."""
        return self.id or case_id(self.workload, self.unit, self.params)

    @property
    def ok(self) -> bool:
        """Measured successfully."""
        return self.status == "ok"

    def load_int(self, key: str) -> int | None:
        """A whole number of the load generator's settings (`connections`, `open_files`), None when absent."""
        value = self.load.get(key)
        return value if isinstance(value, int) and not isinstance(value, bool) else None

    def median(self, metric: str) -> float | None:
        """The median of one metric, None when absent."""
        found = self.summary.get(metric)
        return found.median if found else None

    @classmethod
    def from_json(cls, data: Mapping[str, object]) -> CaseResult:
        """The record of one result as results.json holds it (missing fields take their defaults)."""
        params = {str(k): _int(v) for k, v in _mapping(data.get("params")).items()}
        samples = {str(k): tuple(_float(x) for x in v if isinstance(x, int | float)) for k, v in
                   _mapping(data.get("samples")).items() if isinstance(v, list)}  # fmt: skip
        summary = {str(k): Summary.from_json(v) for k, v in _mapping(data.get("summary")).items() if v}
        load = {k: v for k, v in _mapping(data.get("load")).items() if v is None or isinstance(v, int | float | str)}
        runs, warmups, steal = data.get("runs"), data.get("warmups"), data.get("steal_fraction")
        return cls(
            workload=str(data.get("workload", "")),
            unit=str(data.get("unit", "")),
            program=str(data.get("program", "")),
            params=params,
            status=str(data.get("status", "ok")),
            error=_text(data.get("error")),
            id=str(data.get("id") or ""),
            language=str(data.get("language") or ""),
            toolchain=str(data.get("toolchain") or ""),
            runs=None if runs is None else _int(runs),
            warmups=None if warmups is None else _int(warmups),
            measured_at=_text(data.get("measured_at")),
            measured_until=_text(data.get("measured_until")),
            steal_fraction=None if steal is None else _float(steal),
            cached=data.get("cached") is True,
            samples=samples,
            summary=summary,
            load=load,
            args={str(k): str(v) for k, v in _mapping(data.get("args")).items()},
        )


def parse_results(value: object) -> list[CaseResult]:
    """The records of a results list as a document holds it (anything but a list of objects: none)."""
    return [CaseResult.from_json(r) for r in value if isinstance(r, Mapping)] if isinstance(value, list) else []
