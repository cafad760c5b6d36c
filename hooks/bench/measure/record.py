# A measured case as a typed record: what the harness produces, the cache keeps and every page, figure and verdict
# reads; `to_json` writes it as results.json holds it, `from_json` parses it back (this build's or another machine's).
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

Description = Mapping[str, object]  # a free-form JSON object: the load generator's settings, the sandbox of a run


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
    ci_coverage: float  # the interval's real coverage (order statistics: at least 95% from 6 runs on)
    ci_method: str | None = None
    q1: float | None = None
    q3: float | None = None
    iqr: float | None = None
    min: float | None = None
    max: float | None = None

    def to_json(self) -> dict[str, object]:
        """As results.json holds it (fields a summary does not have are left out)."""
        found: dict[str, object] = {"n": self.n, "median": self.median, "ci_low": self.ci_low, "ci_high": self.ci_high,
                                    "ci_coverage": self.ci_coverage, "ci_method": self.ci_method, "q1": self.q1,
                                    "q3": self.q3, "iqr": self.iqr, "min": self.min, "max": self.max}  # fmt: skip
        return {k: v for k, v in found.items() if v is not None}

    @classmethod
    def from_json(cls, data: object) -> Summary:
        d = _mapping(data)

        def optional(key: str) -> float | None:
            return _float(d[key]) if d.get(key) is not None else None

        method = d.get("ci_method")
        return cls(_int(d.get("n")), _float(d.get("median")), _float(d.get("ci_low")), _float(d.get("ci_high")),
                   _float(d.get("ci_coverage")), None if method is None else str(method), optional("q1"),
                   optional("q3"), optional("iqr"), optional("min"), optional("max"))  # fmt: skip


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
    load: Description = field(default_factory=dict)  # the load generator's settings (http, connections)
    args: Mapping[str, str] = field(default_factory=dict)  # a variant's own arguments (start_method=spawn)
    profile: str = ""  # the profile it was measured with
    build_seconds: float | None = None
    sandbox: Description | None = None  # isolation and limits of each run (hooks/process/sandbox.py)
    incomplete: tuple[str, ...] = ()  # metrics some run lacked: not summarized
    # Stamped by the session that measured it (hooks/bench/measure/suite.py): its cache key and provenance.
    key: str = ""
    machine_key: str = ""
    program_sha256: str | None = None  # None: stored before sessions recorded it

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

    def to_json(self) -> dict[str, object]:
        """As results.json and the cache hold it (without the `id` a document gives it): a case not run says only
        what and why; a failed one has no figures; the session's stamp follows where it has one."""
        out: dict[str, object] = {"workload": self.workload, "unit": self.unit, "program": self.program}
        if self.status == "not_run":
            return {**out, "params": dict(self.params), "status": self.status, "error": self.error}
        out.update(language=self.language, params=dict(self.params), profile=self.profile, runs=self.runs,
                   warmups=self.warmups, toolchain=self.toolchain, build_seconds=self.build_seconds,
                   sandbox=None if self.sandbox is None else dict(self.sandbox), measured_at=self.measured_at,
                   measured_until=self.measured_until)  # fmt: skip
        if self.args:
            out["args"] = dict(self.args)
        if self.load:
            out["load"] = dict(self.load)
        out.update(status=self.status, error=self.error)
        if self.ok:
            out["samples"] = {name: list(values) for name, values in self.samples.items()}
            out["summary"] = {name: summary.to_json() for name, summary in self.summary.items()}
            out["incomplete"] = list(self.incomplete)
        if self.key:
            out.update(cached=self.cached, key=self.key, machine_key=self.machine_key,
                       steal_fraction=self.steal_fraction)  # fmt: skip
            if self.program_sha256 is not None:
                out["program_sha256"] = self.program_sha256
        return out

    @classmethod
    def from_json(cls, data: Mapping[str, object]) -> CaseResult:
        """The record of one result as results.json holds it (missing fields take their defaults)."""
        params = {str(k): _int(v) for k, v in _mapping(data.get("params")).items()}
        samples = {str(k): tuple(_float(x) for x in v if isinstance(x, int | float)) for k, v in
                   _mapping(data.get("samples")).items() if isinstance(v, list)}  # fmt: skip
        summary = {str(k): Summary.from_json(v) for k, v in _mapping(data.get("summary")).items() if v}
        load = _mapping(data.get("load"))
        runs, warmups, steal = data.get("runs"), data.get("warmups"), data.get("steal_fraction")
        incomplete = data.get("incomplete")
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
            profile=str(data.get("profile") or ""),
            build_seconds=None if data.get("build_seconds") is None else _float(data.get("build_seconds")),
            sandbox=_mapping(data["sandbox"]) if isinstance(data.get("sandbox"), Mapping) else None,
            incomplete=tuple(str(x) for x in incomplete) if isinstance(incomplete, list) else (),
            key=str(data.get("key") or ""),
            machine_key=str(data.get("machine_key") or ""),
            program_sha256=None if data.get("program_sha256") is None else str(data["program_sha256"]),
        )


def parse_results(value: object) -> list[CaseResult]:
    """The records of a results list as a document holds it (anything but a list of objects: none)."""
    return [CaseResult.from_json(r) for r in value if isinstance(r, Mapping)] if isinstance(value, list) else []
