"""Quarters of a fiscal year, where the plan says when its fiscal year runs.

``Q3 FY27`` is the third quarter of the organisation's own year: which months
that is depends on when that year begins and on the year it is named after. A plan
that says so with an example (``FY27 is 1 July 2026 \u2013 30 June 2027``, ``FY28 =
July 2027 \u2013 June 2028``, ``Q1 FY2026 = April to June 2025``) has its fiscal
quarters read as those months, while it is converted (:func:`fiscal_year_of`); a
plan that does not leaves them unread (:mod:`.dates_in_prose`), as a fiscal year
named ``FY27`` begins in 2026 in one organisation and in 2027 in another.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from sphinx_implplan.authoring.conversion.folding import fold
from sphinx_implplan.authoring.conversion.month_names import MONTH_WORDS

#: the month the plan's fiscal year begins in, and the years from the year it is
#: named after to the calendar year it begins in (``FY27`` from July 2026: ``-1``)
FISCAL_YEAR: ContextVar[tuple[int, int] | None] = ContextVar("fiscal_year", default=None)

_FY = r"fy\s?'?(?P<fy>\d{4}|\d{2})"
#: a word naming a fiscal year (``FY27``, ``FY2027``, ``FY``, ``fiscal``), and a
#: quarter or half-year alone (``Q3``, ``H2``)
_FISCAL_WORD = re.compile(rf"(?:{_FY}|fy|fiscal)", re.IGNORECASE)
_PART_ALONE = re.compile(r"[QqHh][1-4]")
_QUARTER_OF_YEAR = (
    re.compile(rf"q(?P<q>[1-4])\s*[/-]?\s*{_FY}"),
    re.compile(rf"{_FY}\s*[/-]?\s*q(?P<q>[1-4])"),
)
_MONTH_OF = {word: month for month, words in MONTH_WORDS.items() for word in words.split()}
_MONTH = "|".join(sorted(map(re.escape, _MONTH_OF), key=len, reverse=True))
#: ``FY27 is 1 July 2026``, ``(FY28 = July 2027 - June 2028)``, ``Q1 FY2026 = April
#: to June 2025``: a fiscal year, then the month it (or its quarter) begins in and
#: the first year written after it
_STATED = re.compile(
    rf"\b(?:q(?P<q>[1-4])\s*)?{_FY}\s*(?:is|=|:|covers|runs from|means)\s*"
    rf"(?:\d{{1,2}}(?:st|nd|rd|th)?\s+)?(?P<month>{_MONTH})\b[^.;()\n\d]{{0,30}}?"
    r"(?:\d{1,2}(?:st|nd|rd|th)?,?\s+)?(?P<year>\d{4})"
)


def _full_year(written: str) -> int:
    return int(written) if len(written) == 4 else 2000 + int(written)


def fiscal_year_stated(source: str) -> tuple[int, int] | None:
    """The first month and the offset of the fiscal year ``source`` states, or ``None``."""
    match = _STATED.search(fold(source).lower())
    if match is None:
        return None
    quarter = int(match.group("q") or 1)
    begins = int(match.group("year")) * 12 + _MONTH_OF[match.group("month")] - 1
    begins -= 3 * (quarter - 1)
    year, month = divmod(begins, 12)
    return month + 1, year - _full_year(match.group("fy"))


def fiscal_quarter(text: str) -> tuple[int, int] | None:
    """``(calendar quarter, year)`` of ``Q3 FY27`` (folded) in the plan's fiscal year;
    ``None`` for other text, where the plan states no fiscal year, and where its year
    does not begin with a calendar quarter."""
    stated = FISCAL_YEAR.get()
    if stated is None:
        return None
    match = next((m for p in _QUARTER_OF_YEAR if (m := p.fullmatch(text.strip()))), None)
    if match is None:
        return None
    first_month, offset = stated
    months = (_full_year(match.group("fy")) + offset) * 12 + first_month - 1
    year, month = divmod(months + 3 * (int(match.group("q")) - 1), 12)
    return (month // 3 + 1, year) if month % 3 == 0 else None


def fiscal_part_alone(words: list[str], index: int) -> bool:
    """Whether ``words[index]`` is a quarter or half-year (``Q3``) beside a fiscal
    year's name (``FY27 Q3``, ``Q3 FY2027``): alone, it names no calendar days."""
    if not _PART_ALONE.fullmatch(words[index]):
        return False
    beside = [words[other] for other in (index - 1, index + 1) if 0 <= other < len(words)]
    return any(_FISCAL_WORD.fullmatch(word) for word in beside)


@contextmanager
def fiscal_year_of(source: str) -> Iterator[None]:
    """Fiscal quarters read in the fiscal year ``source`` (a plan) states, until the
    block ends."""
    token = FISCAL_YEAR.set(fiscal_year_stated(source))
    try:
        yield
    finally:
        FISCAL_YEAR.reset(token)
