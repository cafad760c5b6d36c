# Numbers as pages show them: bytes in binary units, durations in s/ms/µs/ns, rates with thousands separators.
from __future__ import annotations

import math


def sig(value: float, digits: int = 3) -> str:
    """`value` rounded to `digits` significant figures, with thousands separators."""
    if value == 0 or not math.isfinite(value):
        return f"{value:g}"
    decimals = max(0, digits - 1 - math.floor(math.log10(abs(value))))
    return f"{value:,.{decimals}f}"


def size(value: float) -> str:
    """Bytes: `2.66 KiB`, `1.27 GiB`."""
    for unit, scale in (("GiB", 1024**3), ("MiB", 1024**2), ("KiB", 1024)):
        if abs(value) >= scale:
            return f"{sig(value / scale)} {unit}"
    return f"{sig(value)} B"


def duration(value: float) -> str:
    """Seconds: `1.23 s`, `45.6 ms`, `789 µs`, `12.3 ns`."""
    for unit, scale in (("s", 1.0), ("ms", 1e-3), ("µs", 1e-6)):
        if abs(value) >= scale:
            return f"{sig(value / scale)} {unit}"
    return f"{sig(value / 1e-9)} ns"


def rate(value: float) -> str:
    """Per second: `45,600/s`."""
    return f"{sig(value)}/s"


def ratio(value: float) -> str:
    """A ratio with a multiplication sign: 3.2 becomes "\u00d73.2"."""
    return f"\u00d7{sig(value, 2)}"


def value(number: float, unit: str) -> str:
    """A number in its unit: B, s, 1/s, x, or a plain count."""
    if unit == "B":
        return size(number)
    if unit == "s":
        return duration(number)
    if unit == "1/s":
        return rate(number)
    if unit == "x":
        return ratio(number)
    return sig(number)
