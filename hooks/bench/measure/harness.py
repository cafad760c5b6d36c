# The harness: cases grouped by workload, warm-ups discarded, runs interleaved, results summarized.
from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import UTC, datetime
from pathlib import Path

from hooks.bench.measure.connections import connections_load, run_connections
from hooks.bench.measure.http import load, run_http
from hooks.bench.measure.measure import Prepared, RunError, Sample, run_once
from hooks.bench.measure.profiles import Case, Profile
from hooks.bench.measure.record import CaseResult
from hooks.bench.measure.stats import summarize
from hooks.bench.measure.workloads import WORKLOADS, RunsAs, warmups_for

Measure = Callable[[Case, Prepared, Profile], Sample]
Progress = Callable[[str], None]


RUNNERS: dict[RunsAs, Measure] = {"process": run_once, "server": run_http, "clients": run_connections}
LOADS: dict[RunsAs, Callable[[Profile], dict[str, object]]] = {"server": load, "clients": connections_load}


def default_measure(case: Case, prepared: Prepared, profile: Profile) -> Sample:
    """The real runner, as the workload's record says it runs: a whole process, a server under wrk, or a server
    holding the connections of our own client."""
    return RUNNERS[WORKLOADS[case.workload].runs_as](case, prepared, profile)


def groups(cases: Sequence[Case]) -> list[list[Case]]:
    """Cases that run interleaved: every case of one workload, in the order given. Figures compare cases across
    parameters (a speed-up divides W workers by one, a slope spans the sizes), so all of them share each round
    and a busy minute on the machine hits every size alike, not only the ones measured during it."""
    grouped: dict[str, list[Case]] = {}
    for case in cases:
        grouped.setdefault(case.workload, []).append(case)
    return list(grouped.values())


def first_of_each_unit(group: Sequence[Case]) -> list[Case]:
    """The cases a warm-up round runs: each unit's first (smallest) size. A warm-up is there so that no measured
    run pays for a cold file cache (the runtime, the program); every size of a unit runs the same files, so one
    discarded run per unit warms them all, and a round of warm-ups costs its smallest sizes only."""
    first: dict[str, Case] = {}
    for case in group:
        first.setdefault(case.unit, case)
    return list(first.values())


def run_cases(
    cases: Sequence[Case],
    prepared: Mapping[Path, Prepared | str],
    profile: Profile,
    progress: Progress,
    measure: Measure = default_measure,
    root: Path | None = None,
) -> dict[Case, CaseResult]:
    """Measure every case: per group, `warmups` discarded rounds of each unit's first case, then `runs` rounds,
    each round running every case of the workload once (interleaved, so drift in the machine's speed hits all
    alike).

    `prepared` maps a program to its build, or to the reason it could not be built.
    """
    samples: dict[Case, list[Sample]] = {case: [] for case in cases}
    errors: dict[Case, str] = {}
    times: dict[Case, list[str]] = {case: [] for case in cases}  # when each measured run started
    for case in cases:
        built = prepared.get(case.program, "not prepared")
        if isinstance(built, str):
            errors[case] = built
    order = {case: i + 1 for i, case in enumerate(cases)}
    for group in groups(cases):
        warmups = warmups_for(group[0].workload, profile)
        warmed = first_of_each_unit(group)
        for round_ in range(warmups + profile.runs):
            for case in group if round_ >= warmups else warmed:
                if case in errors:
                    continue
                built = prepared[case.program]
                assert not isinstance(built, str)
                warm = round_ < warmups
                what = f"warm-up {round_ + 1}/{warmups}" if warm else f"run {round_ - warmups + 1}/{profile.runs}"
                progress(f"[bench {order[case]}/{len(cases)}] {case.label} {what}")
                started = now()
                try:
                    sample = measure(case, built, profile)
                except RunError as exc:
                    errors[case] = str(exc)
                    progress(f"[bench {order[case]}/{len(cases)}] {case.label} FAILED: {exc}")
                    continue
                if not warm:
                    samples[case].append(sample)
                    times[case].append(started)
    return {
        case: _result(case, prepared.get(case.program), samples[case], errors.get(case), profile, times[case], root)
        for case in cases
    }


def now() -> str:
    """The time now, UTC, to the second (ISO 8601)."""
    return datetime.now(UTC).isoformat(timespec="seconds")


def _result(
    case: Case,
    built: Prepared | str | None,
    samples: list[Sample],
    error: str | None,
    profile: Profile,
    times: list[str],
    root: Path | None,
) -> CaseResult:
    prepared = None if isinstance(built, str) or built is None else built
    program = (
        case.program.relative_to(root).as_posix() if root and case.program.is_relative_to(root) else str(case.program)
    )
    names = sorted({name for sample in samples for name in sample.values}) if not error else []
    series = {name: tuple(s.values[name] for s in samples if name in s.values) for name in names}
    how = WORKLOADS[case.workload].runs_as
    return CaseResult(
        workload=case.workload,
        unit=case.unit,
        program=program,
        params=dict(case.params),
        status="failed" if error else "ok",
        error=error,
        language=prepared.language if prepared else "",
        toolchain=prepared.toolchain if prepared else "",
        runs=profile.runs,
        warmups=warmups_for(case.workload, profile),
        measured_at=times[0] if times else None,  # the first measured run
        measured_until=times[-1] if times else None,  # the last one
        samples=series,
        # A figure is published only when every measured run has it (the RSS sampler can miss a run that ends
        # within its first interval): a median of fewer runs would not have the CI the profile promises.
        summary={name: summarize(values) for name, values in series.items() if len(values) == len(samples)},
        load=LOADS[how](profile) if how in LOADS else {},
        args=dict(case.args),
        profile=profile.name,
        build_seconds=prepared.build_seconds if prepared else None,
        sandbox=getattr(prepared, "sandbox", None),  # isolation and limits of each run (hooks/process/sandbox.py)
        incomplete=tuple(sorted(name for name, values in series.items() if len(values) != len(samples))),
    )
