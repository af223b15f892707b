"""Risk score and band (contract section 3). No Sphinx imports."""

from __future__ import annotations

from collections.abc import Sequence

BANDS = ("low", "medium", "high")


def risk_score(impact: str, likelihood: str, levels: Sequence[str]) -> int:
    """rank(impact) x rank(likelihood), ranks counted from 1 in ``levels`` order."""
    return (levels.index(impact) + 1) * (levels.index(likelihood) + 1)


def risk_band(score: int, level_count: int) -> str:
    """``high`` from 2/3 of the highest score, ``medium`` from 1/3, else ``low``.

    Compared in whole numbers (3 x score against 2 x n x n), so that no rounding of
    the thirds can move a score across a band edge.
    """
    highest = level_count * level_count
    if 3 * score >= 2 * highest:
        return "high"
    if 3 * score >= highest:
        return "medium"
    return "low"
