"""Risk score, band and whether a risk is mitigated. No Sphinx imports."""

from __future__ import annotations

from collections.abc import Collection, Sequence

BANDS = ("low", "medium", "high")


def risk_score(impact: str, likelihood: str, levels: Sequence[str]) -> int:
    """rank(impact) x rank(likelihood), ranks counted from 1 in ``levels`` order."""
    return (levels.index(impact) + 1) * (levels.index(likelihood) + 1)


def band_thresholds(level_count: int) -> tuple[int, int]:
    """The lowest score of the ``high`` band (2/3 of the highest score, rounded up)
    and of the ``medium`` band (1/3, rounded up), in whole numbers, so that no
    rounding of the thirds can move a score across a band edge."""
    highest = level_count * level_count
    return -(-2 * highest // 3), -(-highest // 3)


def risk_band(score: int, level_count: int) -> str:
    """``high`` from 2/3 of the highest score, ``medium`` from 1/3, else ``low``."""
    high, medium = band_thresholds(level_count)
    if score >= high:
        return "high"
    if score >= medium:
        return "medium"
    return "low"


def risk_is_mitigated(mitigation: object, mitigated_by: Collection[str]) -> bool:
    """The one rule for a mitigated risk, wherever it is judged (the build's warning,
    the report, ``implplan check``): it says how in ``:mitigation:``, or an item
    ``:mitigates:`` it."""
    return bool(mitigation) or bool(mitigated_by)
