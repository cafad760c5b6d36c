# Unit tests for bench.factcheck.verdicts: a verdict only under like conditions, else "not comparable" with the reason.
from __future__ import annotations

from dataclasses import replace

import pytest

from hooks.bench.factcheck.claims import CLAIMS, Claim
from hooks.bench.factcheck.verdicts import COMPARABLE, check, verdict
from tests.bench.fixture import LIMITS, records


def claim(row: str, column: str) -> Claim:
    return next(c for c in CLAIMS if c.row == row and c.column == column)


def test_verdict_words() -> None:
    assert verdict(1.0) == ("consistent", "within 25% of the claimed range")
    assert verdict(1.9) == ("roughly right", "within a factor of 2")
    assert verdict(0.001) == ("wrong", "the claim is \u00d71,000 too high")


def test_memory_per_unit_is_compared_directly() -> None:
    go = check(claim("Memory per Unit", "GO"), records(), 2)
    assert go.verdict == "consistent" and go.ratio == pytest.approx(2560 / 2048)
    python = check(claim("Memory per Unit", "Python"), records(), 2)
    assert (python.verdict, python.detail) == ("wrong", "the claim is \u00d716 too high")


def test_four_core_claims_without_a_bound_are_not_comparable_on_two_cores_but_show_the_measurement() -> None:
    gil = check(claim("Key insight", "threads vs processes"), records(), 2, LIMITS)
    assert gil.verdict == "not comparable" and gil.ratio is None
    assert gil.figure is not None and gil.figure.value == pytest.approx(0.4 / 0.21)
    assert "needs 4 cores; this machine has 2" in gil.reason and "oversubscribed" in gil.reason


def test_a_claim_fewer_cores_already_beat_is_wrong_whatever_the_cores() -> None:
    go = check(claim("GO", "fibonacci(40), 4 concurrent tasks"), records(), 2)
    assert go.verdict == "wrong" and go.cores_used == 2 and go.oversubscribed
    assert go.bound is not None and go.bound.side == "at most" and "4 workers on 2 cores already finish" in go.reason
    assert go.detail == "the claim is at least \u00d72.5 too high"
    slow = replace(claim("GO", "fibonacci(40), 4 concurrent tasks"), low=2.0, high=2.0)  # within x2: undecided
    assert check(slow, records(), 2).verdict == "not comparable"


def test_work_whose_own_calls_take_longer_is_wrong_on_any_core_count() -> None:
    python = check(claim("Python (multiprocessing)", "fibonacci(40), 4 concurrent tasks"), records(), 8)
    assert python.verdict == "wrong" and "on any number of cores" in python.reason
    assert "331,160,281 calls at 36" in python.reason and python.detail == "the claim is at least \u00d72.9 too low"


def test_another_quantity_is_not_comparable_and_says_what_would_measure_it() -> None:
    switch = check(claim("GO", "Context Switch Time"), records(), 2)
    assert switch.verdict == "not comparable" and switch.figure is not None
    assert "measures another quantity" in switch.reason and "yield ping-pong" in switch.reason


def test_four_core_claims_are_judged_on_four_cores() -> None:
    go = check(claim("GO", "fibonacci(40), 4 concurrent tasks"), records(), 4)
    assert go.verdict in COMPARABLE and go.cores_used == 4 and not go.oversubscribed
    assert "scaled" in go.reason


def test_sizes_beyond_ten_times_are_not_comparable_and_say_why() -> None:
    total = check(claim("Python (processes)", "Total Memory"), records(), 2, LIMITS)
    assert total.verdict == "not comparable" and total.figure is not None and total.figure.extrapolation == 2500
    assert "It stops at N = 40" in total.reason and "would need about" in total.reason


def test_http_claims_at_many_more_connections_are_not_comparable() -> None:
    rps = check(claim("GO (net/http)", "Throughput (req/s)"), records(), 2)
    assert rps.verdict == "not comparable" and rps.figure is not None and rps.figure.value == pytest.approx(41000)
    assert "100,000 connections" in rps.reason and rps.cores_used == 1


def test_within_ten_times_is_judged_along_the_curve() -> None:
    go = check(claim("GO", "Creation Time"), records(), 2)
    assert go.verdict in COMPARABLE and go.figure is not None and go.figure.extrapolation == 10
    assert "extrapolated" in go.reason


def test_sizes_and_missing_records() -> None:
    assert check(claim("GO", "Concurrent Units"), records(), 2).verdict == "not a measurement"
    missing = check(claim("Elixir", "Creation Time"), records(), 2)
    assert missing.verdict == "not comparable" and missing.reason == "not measured in this build"
