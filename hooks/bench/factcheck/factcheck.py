# benchmarks/fact-check.json: every numeric claim of the article with its conditions, measurement and verdict.
from __future__ import annotations

import json
from collections import Counter
from typing import Any

from hooks.bench.factcheck.claims import CLAIMS
from hooks.bench.factcheck.verdicts import VERDICTS, Checked, check
from hooks.bench.results import fmt
from hooks.bench.results.common import Doc, results_of

FACT_CHECK_JSON = "benchmarks/fact-check.json"


def checks(doc: Doc | None) -> list[Checked]:
    """Every claim judged against the document's results, on the document's machine."""
    machine = doc["machine"] if doc else {}
    cores = int(machine.get("cores") or 1)
    return [check(c, results_of(doc), cores, machine.get("limits")) for c in CLAIMS]


def row(c: Checked) -> dict[str, Any]:
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


def document(doc: Doc | None) -> dict[str, Any]:
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
    return json.dumps(document(doc), indent=1, ensure_ascii=False) + "\n"
