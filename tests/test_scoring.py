"""Risk score and band (guide: Values), computed by hand."""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sphinx_implplan.plan.scoring import risk_band, risk_score

THREE = ("low", "medium", "high")
FIVE = ("very-low", "low", "medium", "high", "very-high")

# every impact x likelihood pair of the default levels: score and band, by hand
THREE_LEVEL_TABLE = [
    ("low", "low", 1, "low"),
    ("low", "medium", 2, "low"),
    ("low", "high", 3, "medium"),
    ("medium", "low", 2, "low"),
    ("medium", "medium", 4, "medium"),
    ("medium", "high", 6, "high"),
    ("high", "low", 3, "medium"),
    ("high", "medium", 6, "high"),
    ("high", "high", 9, "high"),
]


@pytest.mark.parametrize(("impact", "likelihood", "score", "band"), THREE_LEVEL_TABLE)
def test_three_levels_every_combination(
    impact: str, likelihood: str, score: int, band: str
) -> None:
    assert risk_score(impact, likelihood, THREE) == score
    assert risk_band(score, 3) == band


def test_three_level_table_is_complete() -> None:
    assert {(row[0], row[1]) for row in THREE_LEVEL_TABLE} == {
        (impact, likelihood) for impact in THREE for likelihood in THREE
    }


@pytest.mark.parametrize(
    ("score", "band"),
    [(1, "low"), (2, "low"), (3, "medium"), (4, "medium"), (6, "high"), (9, "high")],
)
def test_three_level_bands(score: int, band: str) -> None:
    assert risk_band(score, 3) == band


@pytest.mark.parametrize(
    ("impact", "likelihood", "score"),
    [
        ("very-low", "very-low", 1),
        ("very-low", "very-high", 5),
        ("low", "high", 8),
        ("medium", "medium", 9),
        ("high", "high", 16),
        ("very-high", "high", 20),
        ("high", "very-high", 20),
        ("very-high", "very-high", 25),
        ("medium", "very-high", 15),
    ],
)
def test_five_level_scores(impact: str, likelihood: str, score: int) -> None:
    assert risk_score(impact, likelihood, FIVE) == score


# five levels: highest 25; high from 2/3 x 25 = 16.67, medium from 1/3 x 25 = 8.33
@pytest.mark.parametrize(
    ("score", "band"),
    [
        (1, "low"),
        (2, "low"),
        (4, "low"),
        (6, "low"),
        (8, "low"),
        (9, "medium"),
        (10, "medium"),
        (12, "medium"),
        (15, "medium"),
        (16, "medium"),
        (20, "high"),
        (25, "high"),
    ],
)
def test_five_level_bands(score: int, band: str) -> None:
    assert risk_band(score, 5) == band


@pytest.mark.parametrize(
    ("level_count", "score", "band"),
    [
        (1, 1, "high"),
        (2, 1, "low"),
        (2, 2, "medium"),
        (2, 4, "high"),
        (4, 5, "low"),
        (4, 6, "medium"),
        (4, 10, "medium"),
        (4, 11, "high"),
        (4, 12, "high"),
        (6, 12, "medium"),
        (6, 24, "high"),
        (6, 23, "medium"),
        (6, 11, "low"),
    ],
)
def test_band_edges_for_other_level_counts(level_count: int, score: int, band: str) -> None:
    assert risk_band(score, level_count) == band


def test_score_ranks_follow_the_configured_order() -> None:
    reversed_levels = tuple(reversed(THREE))
    assert risk_score("high", "high", reversed_levels) == 1
    assert risk_score("low", "low", reversed_levels) == 9
    assert risk_score("low", "medium", reversed_levels) == 6


@given(
    levels=st.integers(min_value=1, max_value=12),
    data=st.data(),
)
def test_band_matches_exact_thirds(levels: int, data: st.DataObject) -> None:
    score = data.draw(st.integers(min_value=1, max_value=levels * levels))
    share = Fraction(score, levels * levels)
    expected = "high" if share >= Fraction(2, 3) else "medium" if share >= Fraction(1, 3) else "low"
    assert risk_band(score, levels) == expected


@given(levels=st.integers(min_value=1, max_value=12))
def test_band_never_drops_as_the_score_rises(levels: int) -> None:
    order = {"low": 0, "medium": 1, "high": 2}
    bands = [order[risk_band(score, levels)] for score in range(1, levels * levels + 1)]
    assert bands == sorted(bands)
    assert risk_band(levels * levels, levels) == "high"
