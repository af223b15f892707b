"""The order a plan writes the day and month of a slashed date in. ``6/30/2027``
can only be month first, as US plans write dates; where a plan writes one so and
none that can only be day first (``30/06/2027``), its other slashed dates are
month first too: ``3/9`` is March 9th, ``Fri 3/13 \u2013 Sun 3/15`` a weekend in
March, in the plan's year. Where a plan writes the other way only (``29/01/2027``),
its other slashed dates with a year are day first: ``04/01/2027`` is 4 January. A
plan that writes none either way, or both, leaves a slashed date read only where its
own numbers make the order certain (:mod:`.written_dates`).

The order holds while one plan is converted (:func:`slashes_of`), as the plan's
year does for the dates that state none.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

#: whether the plan being converted writes its slashed dates month first
MONTH_FIRST: ContextVar[bool] = ContextVar("month_first", default=False)
#: whether it writes them day first, with their year
DAY_FIRST: ContextVar[bool] = ContextVar("day_first", default=False)

#: a slashed date, with a year or without; not part of a path, a version, a longer
#: run of slashes or a decimal (``v1/2``, ``/3/13``, ``1/2/3/4``, ``0.5/12``)
_SLASHED = re.compile(
    r"(?<![\w/.])(?P<first>\d{1,2})/(?P<second>\d{1,2})(?:/(?P<year>\d{4}|\d{2}))?(?![\w/]|\.\d)"
)


def writes_month_first(text: str) -> bool:
    """Whether ``text`` writes a slashed date that can only be month first
    (``3/13``, ``6/30/2027``) and none with a year that can only be day first
    (``30/06/2027``; ``24/7``, having none, is no date)."""
    month_first, day_first = _orders(text)
    return month_first and not day_first


def writes_day_first(text: str) -> bool:
    """Whether ``text`` writes a slashed date with a year that can only be day first
    (``29/01/2027``) and none that can only be month first."""
    month_first, day_first = _orders(text)
    return day_first and not month_first


def _orders(text: str) -> tuple[bool, bool]:
    """Whether ``text`` writes a slashed date that can only be month first, and one
    with a year that can only be day first."""
    month_first = day_first = False
    for match in _SLASHED.finditer(text):
        first, second = int(match.group("first")), int(match.group("second"))
        if 1 <= first <= 12 < second <= 31:
            month_first = True
        elif match.group("year") and 1 <= second <= 12 < first <= 31:
            day_first = True
    return month_first, day_first


@contextmanager
def slashes_of(source: str) -> Iterator[None]:
    """Slashed dates read in the order ``source`` (a plan) writes them, until the
    block ends."""
    token = MONTH_FIRST.set(writes_month_first(source))
    day_token = DAY_FIRST.set(writes_day_first(source))
    try:
        yield
    finally:
        DAY_FIRST.reset(day_token)
        MONTH_FIRST.reset(token)
