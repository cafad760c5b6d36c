# Unit tests for bench.factcheck.factcheck: fact-check.json, the contract's fields, no verdict on unlike conditions.
from __future__ import annotations

import json

from hooks.bench.factcheck.claims import CLAIMS
from hooks.bench.factcheck.factcheck import FACT_CHECK_JSON, dumps
from hooks.bench.factcheck.verdicts import COMPARABLE, VERDICTS
from tests.bench.fixture import doc

FIELDS = {"claim", "verdict", "reason", "article_value", "measured", "cores_claimed", "cores_used", "extrapolation"}


def test_every_claim_with_the_contract_fields() -> None:
    data = json.loads(dumps(doc()))
    assert FACT_CHECK_JSON == "benchmarks/fact-check.json"
    assert [c["claim"] for c in data["claims"]] == [c.text for c in CLAIMS]
    for row in data["claims"]:
        assert set(row) >= FIELDS and row["verdict"] in VERDICTS and row["reason"]
        if row["measured"] is not None:
            assert {"value", "unit", "text", "basis"} <= set(row["measured"]) and row["measured"]["unit"]
    assert sum(data["verdicts"].values()) == len(CLAIMS)


def test_no_comparable_verdict_rests_on_unlike_conditions() -> None:
    for cores in (1, 2, 4):
        for row in json.loads(dumps(doc(cores=cores)))["claims"]:
            if row["verdict"] in COMPARABLE:
                assert row["cores_claimed"] is None or row["cores_used"] >= row["cores_claimed"], row
                assert 0.1 <= row["extrapolation"] <= 10, row


def test_the_four_core_claims_flip_with_the_machine() -> None:
    def verdicts(cores: int) -> dict[str, str]:
        claims = json.loads(dumps(doc(cores=cores)))["claims"]
        return {c["row"]: c["verdict"] for c in claims if c["cores_claimed"] == 4}

    assert set(verdicts(2).values()) == {"not comparable"}
    on_four = verdicts(4)
    assert on_four["GO"] in COMPARABLE  # fib(36) measured: within 10x of fib(40)
    assert on_four["Key insight"] == "wrong"  # x1.9, not x4
    assert on_four["Python (multiprocessing)"] == "not comparable"  # fib(30): x123 short of fib(40)


def test_an_empty_build_judges_nothing() -> None:
    data = json.loads(dumps(doc("off")))
    assert {c["verdict"] for c in data["claims"]} == {"not comparable", "not a measurement"}
