# Unit tests for hooks.bench.results.curves and the figures built on them: exact, within 10x along the curve, or not.
from __future__ import annotations

import pytest

from hooks.bench.results import curves, figures
from tests.bench.fixture import records


def test_power_law_follows_the_local_segment() -> None:
    reach = curves.power_law([(100.0, 1.0), (1000.0, 10.0), (2000.0, 40.0)], 10_000)
    assert reach.reached and reach.exponent == pytest.approx(2.0)  # the bend between 1,000 and 2,000
    assert reach.value == pytest.approx(40.0 * 5**2) and reach.factor == 5


def test_power_law_measured_size_and_out_of_reach() -> None:
    assert curves.power_law([(10.0, 1.0), (40.0, 4.0)], 40).model == "measured"
    far = curves.power_law([(10.0, 1.0), (40.0, 4.0)], 100_000)
    assert not far.reached and far.value == 4.0 and far.factor == 2500


def test_ten_times_is_the_limit_either_way() -> None:
    assert curves.power_law([(1.0, 1.0), (10.0, 10.0)], 100).reached
    assert not curves.power_law([(1.0, 1.0), (10.0, 10.0)], 101).reached
    assert curves.proportional(1.0, 10, 100).reached and not curves.proportional(1.0, 10, 1000).reached


def test_python_threads_are_extrapolated_along_their_superlinear_curve() -> None:
    figure = figures.spawn_seconds_at(records(), "python_threads", 10_000)
    assert figure is not None and figure.reached and figure.extrapolation == 5
    assert figure.value == pytest.approx(0.4 * 5**1.5)  # 0.05 s at 500, 0.4 s at 2,000: time ~ N^1.5
    assert "N^1.50" in figure.note and "\u00d75" in figure.note


def test_processes_at_100000_are_out_of_reach() -> None:
    figure = figures.memory_at(records(), "python_processes", 100_000)
    assert figure is not None and not figure.reached and figure.extrapolation == 2500
    assert figure.at == "N = 40" and "not reached" in figure.note


def test_fib_is_scaled_by_its_calls_however_far_with_its_interval() -> None:
    go = figures.fib_seconds(records(), "go_goroutines", 4, 40)
    assert go is not None and go.reached and go.value == pytest.approx(0.2 * figures.calls(40) / figures.calls(36))
    python = figures.fib_seconds(records(), "python_threads", 4, 40)
    factor = figures.calls(40) / figures.calls(30)
    assert python is not None and python.reached and python.value == pytest.approx(0.4 * factor)
    assert python.low is not None and python.high is not None and python.low < python.value < python.high
    assert python.extrapolation == pytest.approx(factor) and "scaled \u00d7123" in python.note


def test_fib_floor_is_one_task_at_the_cheapest_call() -> None:
    floor = figures.fib_floor(records(), "python_processes", 40)
    assert floor is not None and floor[0] == pytest.approx(0.098 * figures.calls(40) / figures.calls(30), rel=0.01)
    assert "331,160,281 calls" in floor[1]


def test_bytes_per_unit_is_the_slope() -> None:
    figure = figures.bytes_per_unit(records(), "go_goroutines")
    assert figure is not None and figure.value == pytest.approx(2560)
