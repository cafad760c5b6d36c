# One run of one benchmark program as a whole process: wall and CPU time, peak RSS, RSS at READY, its JSON.
from __future__ import annotations

import json
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from hooks.bench.measure.child import Child
from hooks.bench.measure.profiles import Case, Profile
from hooks.bench.measure.workloads import WORKLOADS
from hooks.process import proc
from hooks.process.limits import Limits, benchmark_limits


class Prepared(Protocol):
    """What the harness needs of hooks.bench.measure.programs.Prepared."""

    @property
    def program(self) -> str: ...
    @property
    def language(self) -> str: ...
    @property
    def argv(self) -> tuple[str, ...]: ...
    @property
    def env(self) -> dict[str, str]: ...
    @property
    def toolchain(self) -> str: ...
    @property
    def build_seconds(self) -> float: ...


class RunError(Exception):
    """A run that produced no measurement: timeout, non-zero exit, no JSON, a wrong result."""


@dataclass
class Sample:
    """The figures of one run: name -> value (SI units)."""

    values: dict[str, float] = field(default_factory=dict)


def held(prepared: Prepared) -> tuple[Limits | None, tuple[Path, ...]]:
    """The cgroup limits of a program's runs (bench.measure.programs sets them; a benchmark's by default: the cgroup
    also accounts the run's CPU time) and what its sandbox must let it read."""
    return getattr(prepared, "limits", None) or benchmark_limits(), tuple(getattr(prepared, "readable", ()))


def params_argv(params: Sequence[tuple[str, int | str]]) -> list[str]:
    """Parameters as the programs take them: key=value."""
    return [f"{key}={value}" for key, value in params]


def case_argv(case: Case) -> list[str]:
    """A case's parameters, then its variant's own arguments (start_method=spawn), as key=value."""
    return params_argv(case.params) + params_argv(case.args)


def last_json(lines: Sequence[str]) -> dict[str, Any]:
    """The JSON object on the last non-empty stdout line."""
    for line in reversed(lines):
        if line.strip():
            try:
                data = json.loads(line)
            except ValueError:
                break
            if isinstance(data, dict):
                return data
            break
    raise RunError(f"the last line of stdout is not a JSON object: {(lines[-1] if lines else '')[:200]!r}")


def numeric(data: Mapping[str, Any]) -> dict[str, float]:
    """The numeric fields of a program's JSON (booleans excluded)."""
    return {k: float(v) for k, v in data.items() if isinstance(v, int | float) and not isinstance(v, bool)}


def run_once(case: Case, prepared: Prepared, profile: Profile) -> Sample:
    """Run the program once with the case's parameters; the READY handshake where the workload has one."""
    handshake = WORKLOADS[case.workload].handshake
    with (
        tempfile.TemporaryDirectory(prefix="bench-") as work,
        Child([*prepared.argv, *case_argv(case)], prepared.env, Path(work), *held(prepared)) as child,
    ):
        ready: dict[str, float] = {}
        if handshake:
            if not child.wait_ready(profile.timeout):
                child.kill()
                raise RunError(f"no READY line within {profile.timeout:g}s: {child.stderr_tail()[-500:]}")
            ready = {
                "ready_rss_bytes": float(child.sample()),
                "ready_pss_bytes": float(proc.tree_pss(child.pid)),
            }
            child.send_line()
        end = child.wait(profile.timeout)
        if end.timed_out:
            raise RunError(f"timed out after {profile.timeout:g}s")
        if end.code != 0:
            raise RunError(f"exit code {end.code}: {child.stderr_tail()[-800:]}")
        data = last_json(child.lines)
        metrics = numeric(data)
    reduced = WORKLOADS[case.workload].reduce(dict(case.params), data)
    check(case, {**metrics, **reduced})
    values = {"wall_seconds": end.wall_seconds}
    if end.cpu_seconds is not None:  # unknown in a sandbox without a CPU account: no figure beats a wrong one
        values["cpu_seconds"] = end.cpu_seconds
    if end.peak_rss_bytes:  # 0: the program ended before the sampler first looked; no figure beats a wrong one
        values["peak_rss_bytes"] = float(end.peak_rss_bytes)
    values.update(ready)
    values.update({f"inner_{k}": v for k, v in metrics.items() if k not in dict(case.params)})
    values.update(derived(case, metrics))
    values.update(reduced)
    return Sample(values)


def check(case: Case, metrics: Mapping[str, float]) -> None:
    """The program's own correctness value, where the workload has one (hooks.bench.measure.workloads)."""
    error = WORKLOADS[case.workload].check(dict(case.params), metrics)
    if error:
        raise RunError(error)


def derived(case: Case, metrics: Mapping[str, float]) -> dict[str, float]:
    """Per-run figures computed from the program's own: time per round trip, messages per second, ..."""
    return WORKLOADS[case.workload].derive(dict(case.params), metrics)
