# Unit tests for hooks.bench.measure.stats: median, order-statistic CI of the median, quartiles, slope.
from __future__ import annotations

import pytest

from hooks.bench.measure.stats import median, median_ci, quartiles, slope, summarize


def test_median_of_odd_and_even_samples() -> None:
    assert median([3.0, 1.0, 2.0]) == 2.0
    assert median([4.0, 1.0, 3.0, 2.0]) == 2.5


def test_ci_of_ten_samples_uses_the_second_and_ninth_order_statistics() -> None:
    low, high, coverage = median_ci([float(x) for x in range(10, 0, -1)])
    assert (low, high) == (2.0, 9.0)
    assert coverage == pytest.approx(0.978515625)  # 1 - 2 * P(Bin(10, 1/2) <= 1)


def test_ci_of_twenty_samples_reaches_95_percent() -> None:
    low, high, coverage = median_ci([float(x) for x in range(20)])
    assert (low, high) == (5.0, 14.0)
    assert 0.95 <= coverage < 0.97


def test_ci_of_three_samples_is_the_range_with_its_real_coverage() -> None:
    low, high, coverage = median_ci([5.0, 1.0, 3.0])
    assert (low, high, coverage) == (1.0, 5.0, 0.75)


def test_quartiles_and_iqr() -> None:
    assert quartiles([1.0, 2.0, 3.0, 4.0, 5.0]) == (2.0, 4.0)
    summary = summarize([1.0, 2.0, 3.0, 4.0, 5.0])
    assert summary.iqr == 2.0
    assert summary.median == 3.0
    assert summary.n == 5
    assert summary.ci_coverage == pytest.approx(0.9375)


def test_single_sample() -> None:
    summary = summarize([7.0])
    assert (summary.median, summary.ci_low, summary.ci_high, summary.iqr) == (7.0, 7.0, 7.0, 0.0)


def test_slope_is_least_squares() -> None:
    assert slope([(1.0, 3.0), (2.0, 5.0), (3.0, 7.0)]) == (2.0, 1.0)
    per_unit, base = slope([(1000.0, 1.1e6), (1000.0, 1.3e6), (2000.0, 2.2e6), (2000.0, 2.2e6)])
    assert per_unit == pytest.approx(1000.0)
    assert base == pytest.approx(0.2e6)


def test_slope_needs_two_sizes() -> None:
    with pytest.raises(ValueError, match="two or more"):
        slope([(1.0, 1.0), (1.0, 2.0)])


def test_summarize_rejects_no_samples() -> None:
    with pytest.raises(ValueError):
        summarize([])
