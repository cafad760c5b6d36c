# A sentence computed from the measurements, the figures it rests on, and the comparisons it makes (findings.json).
from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from hooks.bench.results import fmt
from hooks.bench.results.intervals import Comparison, Quantity, separate, tiers

SAME = "indistinguishable here"  # what a sentence says of two figures whose 95% intervals overlap


@dataclass(frozen=True)
class Finding:
    """One published sentence: its text as the page prints it, its figures, and the pairs it compares."""

    text: str
    page: str  # the docs page that prints it
    figures: tuple[Quantity, ...] = ()
    comparisons: tuple[Comparison, ...] = ()

    @property
    def distinguishable(self) -> bool | None:
        """True only where every pair the sentence compares has separate intervals; None when it compares none."""
        return all(c.distinguishable for c in self.comparisons) if self.comparisons else None

    @property
    def states_difference(self) -> bool:
        """Whether the sentence calls two figures different (it may only where their intervals separate)."""
        return any(c.distinguishable for c in self.comparisons)

    def to_json(self) -> dict[str, object]:
        """As findings.json publishes it (the contract in DESIGN.md, and more)."""
        return {
            "text": self.text,
            "page": self.page,
            "figures": [q.to_json() for q in self.figures],
            "distinguishable": self.distinguishable,
            "states_difference": self.states_difference,
            "comparisons": [{"a": c.a, "b": c.b, "distinguishable": c.distinguishable} for c in self.comparisons],
        }


@dataclass
class Draft:
    """Collects the figures and comparisons of one sentence while its words are chosen."""

    figures: list[Quantity] = field(default_factory=list)
    comparisons: list[Comparison] = field(default_factory=list)

    def add(self, q: Quantity) -> int:
        """The index of `q` among the sentence's figures (added once)."""
        if q not in self.figures:
            self.figures.append(q)
        return self.figures.index(q)

    def compare(self, a: Quantity, b: Quantity) -> bool:
        """Record that the sentence compares a and b; True where it may call them different."""
        differ = separate(a, b)
        self.comparisons.append(Comparison(self.add(a), self.add(b), differ))
        return differ

    def finish(self, text: str, page: str) -> Finding:
        """The finished sentence."""
        return Finding(text, page, tuple(self.figures), tuple(self.comparisons))


def speedup(draft: Draft, one: Quantity | None, many: Quantity | None) -> str | None:
    """`x1.9 the speed of one`, followed by what the intervals allow: faster, slower, or indistinguishable here."""
    if one is None or many is None:
        return None
    gain = fmt.ratio(many.value / one.value)
    if not draft.compare(one, many):
        return f"{gain} the speed of one, {SAME} from one"
    return f"{gain} the speed of one" + ("" if many.value > one.value else ", slower than one")


def ranking(draft: Draft, named: Sequence[tuple[str, Quantity]], show: Any) -> str:
    """`A 1 KiB, B 2 KiB ≈ C 2.1 KiB (indistinguishable here)`, least first: figures whose intervals overlap share a
    place instead of being ordered."""
    names = {id(q): name for name, q in named}
    groups = tiers(q for _, q in named)
    for before, after in itertools.pairwise(groups):
        for a in before:
            for b in after:
                draft.compare(a, b)
    parts = []
    for group in groups:
        for i, a in enumerate(group):
            for b in group[i + 1 :]:
                if not separate(a, b):
                    draft.compare(a, b)
        shown = " ≈ ".join(f"{names[id(q)]} {show(q.value)}" for q in group)
        parts.append(shown + (f" ({SAME})" if len(group) > 1 else ""))
    return ", ".join(parts)
