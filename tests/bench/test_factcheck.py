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
            if row["verdict"] in COMPARABLE and row["bound"] is None:
                assert row["cores_claimed"] is None or row["cores_used"] >= row["cores_claimed"], row
                linear = row["conditions"]["size_kind"] == "fib"  # naive fib: cost exactly linear in its calls
                assert linear or 0.1 <= row["extrapolation"] <= 10, row
            elif row["verdict"] in COMPARABLE:  # decided by a bound: only ever "wrong", and it says why
                assert row["verdict"] == "wrong" and row["bound"]["why"] in row["reason"], row


def test_the_four_core_claims_flip_with_the_machine() -> None:
    def verdicts(cores: int) -> dict[str, str]:
        claims = json.loads(dumps(doc(cores=cores)))["claims"]
        return {c["row"]: c["verdict"] for c in claims if c["cores_claimed"] == 4}

    on_two = verdicts(2)
    assert on_two["Key insight"] == "not comparable"  # a ratio that more cores could raise: no bound
    assert on_two["GO"] == "wrong"  # 4 workers on 2 cores already beat the 4-core claim by more than x2
    assert on_two["Python (multiprocessing)"] == "wrong"  # one fib(40)'s own calls take longer than 4.2 s
    on_four = verdicts(4)
    assert on_four["GO"] in COMPARABLE  # fib(36) measured, scaled by its calls
    assert on_four["Key insight"] == "wrong"  # x1.9, not x4
    assert on_four["Python (multiprocessing)"] == "wrong"


def test_an_empty_build_judges_nothing() -> None:
    data = json.loads(dumps(doc("off")))
    assert {c["verdict"] for c in data["claims"]} == {"not comparable", "not a measurement"}
