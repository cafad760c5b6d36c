# One judge for every claim whose answer depends on time: holds, contradicted (with the evidence) or inconclusive.
from __future__ import annotations

import os
import re
import resource
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

HOLDS, CONTRADICTED, INCONCLUSIVE = "holds", "contradicted", "inconclusive"
VERDICTS = (HOLDS, CONTRADICTED, INCONCLUSIVE)
R = TypeVar("R")  # a run's result, as the caller keeps it
ROUNDS = 3  # runs of one example at most, the first included, while its claims stay undecided
EXTRA_SECONDS = 60.0  # what the runs after the first may take together
CONFIRM = 2  # runs on a free machine that must contradict a claim the machine could have excused
SLACK = 0.25  # cores: what the build's own bookkeeping and the clock's granularity may take from a "free" machine
# `lesson: holds`, `lesson: contradicted: <evidence>`, `lesson: inconclusive: <why>`: an example's own verdict.
LESSON = re.compile(r"^lesson: (?P<verdict>holds|contradicted|inconclusive)(?:: (?P<text>.+))?$", re.MULTILINE)


@dataclass(frozen=True)
class Sample:
    """The machine at one instant: CPU seconds its cores worked and had stolen, time tasks waited for a CPU."""

    at: float  # time.monotonic()
    busy: float  # user + nice + system + irq + softirq of the cores this process may use
    steal: float
    waited: float | None  # /proc/pressure/cpu "some" total, seconds (None: no PSI here)
    build: float  # CPU seconds of the build's own process (every thread of it)
    load: float | None  # /proc/loadavg, one minute


def sample(proc: Path = Path("/proc")) -> Sample:
    """The machine's counters now (cheap: three small reads)."""
    cpus = _cpus()
    busy = steal = 0.0
    ticks = os.sysconf("SC_CLK_TCK")
    try:
        for row in (proc / "stat").read_text().splitlines():
            name, *fields = row.split()
            if name.startswith("cpu") and name != "cpu" and (cpus is None or int(name[3:]) in cpus):
                values = [int(f) for f in fields]
                busy += (values[0] + values[1] + values[2] + values[5] + values[6]) / ticks
                steal += (values[7] if len(values) > 7 else 0) / ticks
    except (OSError, ValueError, IndexError):
        pass
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return Sample(time.monotonic(), busy, steal, _pressure(proc), usage.ru_utime + usage.ru_stime, _load(proc))


@dataclass(frozen=True)
class Conditions:
    """What the machine gave one run, measured: its own CPU time against what every core did meanwhile."""

    wall: float
    cores: int  # the cores the build may use
    own: float  # cores the run kept busy on average (its cgroup's CPU time / wall)
    others: float  # cores other work kept busy on average, the build's own included
    build: float  # of those, the build's own process
    stolen: float  # cores' worth of time the hypervisor gave to other machines
    waiting: float | None  # share of the time some task waited for a CPU
    load: float | None

    @property
    def free(self) -> float:
        """The cores left to the run: every core, less what others and the hypervisor took."""
        return self.cores - self.others - self.stolen

    def describe(self) -> str:
        parts = [f"other work kept {self.others:.1f} of {self.cores} cores busy during the run"]
        if self.build >= 0.1:
            parts.append(f"{self.build:.1f} of them the build's own")
        if self.stolen >= 0.05:
            parts.append(f"the host took {self.stolen:.1f} cores' worth of time")
        if self.waiting is not None:
            parts.append(f"tasks waited for a CPU {self.waiting:.0%} of the time")
        if self.load is not None:
            parts.append(f"load average {self.load:.1f}")
        return ", ".join(parts)


def conditions(before: Sample, after: Sample, own_cpu: float | None, granted: int, cores: int) -> Conditions | None:
    """The run's conditions between two samples; `own_cpu`: its cgroup's CPU seconds (None: not accounted,
    taken as all of its `granted` cores). None when the run was too short to say anything."""
    wall = after.at - before.at
    if wall <= 0.05 or before.busy == after.busy == 0:
        return None
    busy = after.busy - before.busy
    own = own_cpu if own_cpu is not None else min(busy, granted * wall)
    waiting = None
    if after.waited is not None and before.waited is not None:
        waiting = min(1.0, max(0.0, (after.waited - before.waited) / wall))
    return Conditions(
        wall=wall,
        cores=cores,
        own=own / wall,
        others=max(0.0, busy - own) / wall,
        build=max(0.0, after.build - before.build) / wall,
        stolen=max(0.0, after.steal - before.steal) / wall,
        waiting=waiting,
        load=after.load,
    )


@dataclass(frozen=True)
class Claim:
    """One timing claim, as one run showed it, before the machine is taken into account."""

    text: str  # what is claimed, as declared
    answer: str  # HOLDS, CONTRADICTED or INCONCLUSIVE (the example said it could not tell)
    evidence: str  # what the run showed, or why it could not tell
    line: int  # where in the example the claim is declared or printed
    needs: float | None = None  # free cores the claim needs to be shown; None: no machine can excuse a failure


@dataclass(frozen=True)
class Judgement:
    verdict: str  # HOLDS, CONTRADICTED or INCONCLUSIVE
    text: str  # the evidence (contradicted), the reason (inconclusive), or what held
    line: int = 0
    firm: bool = False  # a contradiction that no machine could have caused: final at once


def judge(claims: list[Claim], measured: Conditions | None) -> Judgement:
    """One run's answer over all the example's claims: the first contradicted, else the first undecided."""
    answers = [_one(claim, measured) for claim in claims]
    for wanted in (CONTRADICTED, INCONCLUSIVE):
        found = [a for a in answers if a.verdict == wanted]
        if found:
            return max(found, key=lambda a: a.firm)
    return Judgement(HOLDS, "; ".join(f"{c.text}: {c.evidence}" for c in claims))


def _one(claim: Claim, measured: Conditions | None) -> Judgement:
    if claim.answer == HOLDS:
        return Judgement(HOLDS, claim.evidence, claim.line)
    if claim.answer == CONTRADICTED and claim.needs is None:
        return Judgement(CONTRADICTED, f"{claim.text}: {claim.evidence}", claim.line, firm=True)
    why = f"{claim.text}: {claim.evidence}"
    if measured is None:  # nothing measured: the claim's own answer stands
        return Judgement(claim.answer, why, claim.line)
    if claim.needs is not None and measured.cores < claim.needs:
        short = f"{why} (this machine has {measured.cores} core(s) for it, it needs {claim.needs:g})"
        return Judgement(INCONCLUSIVE, short, claim.line)
    if claim.answer == CONTRADICTED and measured.free >= (claim.needs or 0) - SLACK:
        return Judgement(CONTRADICTED, f"{why} ({measured.describe()})", claim.line)
    return Judgement(INCONCLUSIVE, f"{why} ({measured.describe()})", claim.line)


def decide(rounds: list[Judgement], final: bool) -> Judgement | None:
    """The verdict the runs so far support, or None while undecided. One run that holds proves a claim that
    needs the machine (other work only takes cores away); contradicting it takes CONFIRM runs on a free machine
    (or one where no more runs are allowed). `final`: no more runs; whatever is undecided is inconclusive."""
    for answer in rounds:
        if answer.verdict == CONTRADICTED and answer.firm:
            return answer
    held = [a for a in rounds if a.verdict == HOLDS]
    if held:
        return held[-1]
    against = [a for a in rounds if a.verdict == CONTRADICTED]
    if len(against) >= CONFIRM or (against and len(rounds) == 1 and final):
        return against[-1]
    if not final:
        return None
    last = rounds[-1]
    if last.verdict == INCONCLUSIVE:
        return last
    return Judgement(INCONCLUSIVE, f"{last.text}; in other runs the machine could not show it", last.line)


Round = tuple[Judgement | None, R]


def settle(first: Round[R], again: Callable[[], Round[R]]) -> tuple[Judgement | None, R, int]:
    """Run again (bounded by ROUNDS and EXTRA_SECONDS) while the answer is undecided: the final judgement
    (None: the example has no timing claim, or a run failed in another way), the run it rests on, and how many
    runs were made. A first run that holds, or that nothing could excuse, is never repeated."""
    answer, run = first
    if answer is None:
        return None, run, 1
    rounds, runs = [answer], [run]
    started = time.monotonic()
    while True:
        final = len(rounds) >= ROUNDS or time.monotonic() - started > EXTRA_SECONDS
        verdict = decide(rounds, final)
        if verdict is not None:
            pairs = reversed(list(zip(rounds, runs, strict=True)))  # the latest run that shows it
            rests_on = next((r for a, r in pairs if a is verdict), runs[-1])
            return verdict, rests_on, len(rounds)
        answer, run = again()
        if answer is None:  # this run failed in another way (a crash, a timeout): that is its result
            return None, run, len(rounds) + 1
        rounds.append(answer)
        runs.append(run)


def lesson_claims(output: str, line: int, needs: float | None) -> list[Claim]:
    """The example's own verdicts, from its `lesson:` lines (CONTRIBUTING.md, 'Timing lessons'); `needs`: the
    cores it was granted (`example.cores`), None when it declares none (then its contradiction is final)."""
    claims = []
    for found in LESSON.finditer(output):
        text = found["text"] or found["verdict"]
        claims.append(Claim(_SAYS[found["verdict"]], found["verdict"], text, line, needs))
    return claims


_SAYS = {
    HOLDS: "its lesson holds",
    CONTRADICTED: "its lesson is contradicted",
    INCONCLUSIVE: "it could not show its lesson",
}


def _cpus() -> set[int] | None:
    try:
        return set(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return None


def _pressure(proc: Path) -> float | None:
    try:
        some = (proc / "pressure" / "cpu").read_text().splitlines()[0]
        return int(some.rsplit("total=", 1)[1]) / 1e6
    except (OSError, IndexError, ValueError):
        return None


def _load(proc: Path) -> float | None:
    try:
        return float((proc / "loadavg").read_text().split()[0])
    except (OSError, IndexError, ValueError):
        return None
