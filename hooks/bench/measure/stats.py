# Summary statistics of repeated measurements: median, a distribution-free CI of the median, IQR, slope.
from __future__ import annotations

import math
import statistics
from collections.abc import Sequence

from hooks.bench.measure.record import Summary

CONFIDENCE = 0.95


def median(samples: Sequence[float]) -> float:
    """The sample median."""
    return float(statistics.median(samples))


def quartiles(samples: Sequence[float]) -> tuple[float, float]:
    """First and third quartile (linear interpolation between order statistics, 'inclusive' method)."""
    if len(samples) == 1:
        return samples[0], samples[0]
    q1, _q2, q3 = statistics.quantiles(samples, n=4, method="inclusive")
    return q1, q3


def _binomial_cdf(k: int, n: int) -> float:
    """P(B <= k) for B ~ Binomial(n, 1/2)."""
    return sum(math.comb(n, i) for i in range(k + 1)) / (1 << n)


def median_ci(samples: Sequence[float], confidence: float = CONFIDENCE) -> tuple[float, float, float]:
    """A distribution-free confidence interval of the median from order statistics: (low, high, coverage).

    The interval [x_(k), x_(n-k+1)] covers the true median with probability 1 - 2 P(B <= k-1),
    B ~ Binomial(n, 1/2). The narrowest such interval reaching `confidence` is returned; with fewer
    than 6 samples no interval reaches 95%, so [min, max] is returned with the coverage it really has.
    """
    ordered = sorted(samples)
    n = len(ordered)
    best_k = 1
    for k in range(1, n // 2 + 1):
        if 1 - 2 * _binomial_cdf(k - 1, n) >= confidence:
            best_k = k
    coverage = 1 - 2 * _binomial_cdf(best_k - 1, n)
    return ordered[best_k - 1], ordered[n - best_k], coverage


def slope(points: Sequence[tuple[float, float]]) -> tuple[float, float]:
    """Ordinary least squares fit y = a + b x over (x, y) points: (b, a). Needs two distinct x values."""
    xs = [p[0] for p in points]
    if len(set(xs)) < 2:
        raise ValueError("a slope needs measurements at two or more distinct x values")
    mean_x = statistics.fmean(xs)
    mean_y = statistics.fmean(p[1] for p in points)
    sxx = sum((x - mean_x) ** 2 for x in xs)
    sxy = sum((x - mean_x) * (y - mean_y) for x, y in points)
    b = sxy / sxx
    return b, mean_y - b * mean_x


def summarize(samples: Sequence[float]) -> Summary:
    """Median, CI of the median (with its real coverage), quartiles, IQR, min, max and n of `samples`."""
    if not samples:
        raise ValueError("no samples to summarize")
    low, high, coverage = median_ci(samples)
    q1, q3 = quartiles(samples)
    method = "order statistics (binomial), distribution-free"
    return Summary(len(samples), median(samples), low, high, round(coverage, 4), method, q1, q3, q3 - q1,
                   min(samples), max(samples))  # fmt: skip
