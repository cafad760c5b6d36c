# benchmarks/fact-check.json: every numeric claim of the article with its conditions, measurement and verdict.
from __future__ import annotations

import dataclasses
import json
import math
from collections import Counter
from collections.abc import Sequence
from typing import Any

from hooks.bench.factcheck.claims import CLAIMS, Claim
from hooks.bench.factcheck.verdicts import VERDICTS, Checked, On, check, measure
from hooks.bench.measure.record import CaseResult, parse_results
from hooks.bench.results import fmt
from hooks.bench.results.common import Doc, results_of
from hooks.bench.results.figures import Figure

FACT_CHECK_JSON = "benchmarks/fact-check.json"


@dataclasses.dataclass(frozen=True)
class Candidate:
    """A machine whose results may judge a claim: this build's, or a document's that is current and publishable."""

    on: On
    results: Sequence[CaseResult]
    limits: Any


def candidates(doc: Doc | None) -> list[Candidate]:
    """This build's machine first, then every document under benchmarks/machines/ that is neither stale (its
    programs changed since) nor unpublishable (too few runs); never a mix of machines' results."""
    if not doc:
        return []
    m = doc["machine"]
    found = [Candidate(On("this build", None, str(m.get("key", "")), str(m.get("cpu_model", "")),
                          int(m.get("cores") or 1)), results_of(doc), m.get("limits"))]  # fmt: skip
    for entry in doc.get("other_machines", []):
        if entry.get("origin") != "document" or entry.get("stale") or not entry.get("publishable"):
            continue
        o = entry["machine"]
        on = On(str(entry["name"]), entry["source"], str(o["key"]), str(o["cpu_model"]), int(o["cores"]))
        found.append(Candidate(on, parse_results(entry["results"]), o.get("limits")))
    return found


def choose(claim: Claim, machines: Sequence[Candidate]) -> Candidate | None:
    """The machine that matches the claim's conditions: of those that measured what the claim needs and have the
    cores it names (or it names none), the one measured nearest the claim's size (a document of the scale profile
    at one million units before this build's 100,000), then this build's, then the one with the fewest cores; with
    none that has the cores, the one with the most (the nearest to the claim; its verdict says what is missing)."""
    if not machines:
        return None
    found = {id(c): measure(claim, c.results, c.on.cores) for c in machines}
    having = [c for c in machines if found[id(c)] is not None] or list(machines[:1])
    want = claim.conditions.cores
    enough = [c for c in having if not want or c.on.cores >= want]
    if enough:
        return min(enough, key=lambda c: (_distance(found[id(c)]), c.on.source is not None, c.on.cores))
    return max(having, key=lambda c: c.on.cores)


def _distance(figure: Figure | None) -> float:
    """How far from the claim's size a figure was measured, as a factor either way (1: at that size)."""
    if figure is None or not figure.reached:
        return math.inf
    return max(figure.extrapolation, 1 / figure.extrapolation) if figure.extrapolation > 0 else math.inf


def checks(doc: Doc | None) -> list[Checked]:
    """Every claim judged against the results of the machine that matches its conditions (`choose`); the
    reason names that machine when it is not this build's."""
    machines = candidates(doc)
    judged = []
    for claim in CLAIMS:
        chosen = choose(claim, machines)
        if chosen is None:
            judged.append(check(claim, [], 1, None))
            continue
        c = check(claim, chosen.results, chosen.on.cores, chosen.limits)
        reason = c.reason if chosen.on.source is None else f"measured on {chosen.on}: {c.reason}"
        judged.append(dataclasses.replace(c, machine=chosen.on, reason=reason))
    return judged


def row(c: Checked) -> dict[str, object]:
    """One claim as fact-check.json publishes it (the contract in DESIGN.md, and more)."""
    claim, figure, conditions = c.claim, c.figure, c.claim.conditions
    measured = None
    if figure is not None:
        measured = {
            "value": figure.value,
            "unit": figure.unit or "count",
            "text": fmt.value(figure.value, figure.unit),
            "at": figure.at,
            "note": figure.note,
            "at_claimed_size": figure.reached,
            "basis": list(figure.basis),
        }
    return {
        "section": claim.section,
        "row": claim.row,
        "column": claim.column,
        "claim": claim.text,
        "verdict": c.verdict,
        "detail": c.detail,
        "reason": c.reason,
        "article_value": {"low": claim.low, "high": claim.high, "unit": claim.unit or "count", "text": claim.text},
        "measured": measured,
        "ratio": c.ratio,
        "cores_claimed": conditions.cores,
        "machine": None if c.machine is None else dataclasses.asdict(c.machine),  # whose results judged it
        "cores_used": c.cores_used,
        "oversubscribed": c.oversubscribed,
        "bound": None if c.bound is None else {"side": c.bound.side, "value": c.bound.value, "why": c.bound.why},
        "extrapolation": None if figure is None else round(figure.extrapolation, 4),
        "conditions": {
            "size": conditions.size,
            "size_kind": conditions.size_kind or None,
            "tasks": conditions.tasks,
            "hardware": conditions.hardware,
            "note": conditions.note,
        },
    }


def fact_check_document(doc: Doc | None) -> dict[str, Any]:
    """The whole fact-check document: the claims, a tally of verdicts, and the machine they were judged on."""
    checked = checks(doc)
    tally = Counter(c.verdict for c in checked)
    machine = doc["machine"] if doc else {}
    return {
        "schema": 1,
        "machine": {k: machine.get(k) for k in ("key", "cpu_model", "cores", "memory_bytes", "limits")},
        "profile": doc.get("profile", {}).get("name") if doc and doc.get("profile") else None,
        "rules": {
            "comparable": "at least the claimed cores, and a size within 10x of a measured one (either way); work "
            "exactly linear in its size (naive fib's calls) is scaled however far",
            "bounds": "under unlike conditions, wrong only where this machine already shows the claim off by more "
            "than a factor of 2 whatever the cores: fewer cores finishing the work sooner (the high end of the 95% "
            "interval), a smaller size already costing more (the low end), or one task's own calls taking longer",
            "quantity": "a measurement of another quantity than the claim's is not comparable",
            "consistent": "within 25% of the claimed range",
            "roughly right": "within a factor of 2",
            "wrong": "further off than a factor of 2",
        },
        "verdicts": {v: tally.get(v, 0) for v in VERDICTS},
        "claims": [row(c) for c in checked],
    }


def dumps(doc: Doc | None) -> str:
    """fact-check.json text."""
    return json.dumps(fact_check_document(doc), indent=1, ensure_ascii=False) + "\n"
