"""A date text as the days it covers (:func:`dated`): the points
:func:`.written_dates.points` reads, placed in the plan's year where the text names
none, a range crossing the new year kept in order, and a range of no known year
given as its length."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from sphinx_implplan.authoring.conversion.written_dates import Point, points


@dataclass(frozen=True)
class Dated:
    """What a date text says: its first and last day where its year is known, else
    the length it spans (a range of days or of calendar weeks) where it has one."""

    first: datetime.date | None = None
    last: datetime.date | None = None
    #: ``12 days``, ``3 weeks``: a range whose year is unknown
    length: str | None = None
    #: one point named alone (``March 2027``, ``2027-03-15``), not a range of two
    single: bool = False
    #: the point is one day (``15 March 2027``)
    one_day: bool = False


#: a year no plan is dated in: days counted without one, in a year of 365 days
_ANY_YEAR = 2001


def dated(text: str, year: int | None) -> Dated | None:
    """``text`` read as a date or a range of dates, dated in ``year`` (the plan's)
    where it states no year; ``None`` for any other text and for no real day."""
    ends = points(text)
    if ends is None:
        return None
    first, last = ends
    single = first is last
    one_day = single and first.kind == "day"
    if last.year is None and first.year is None and year is None:
        return _undated(first, last, single)
    first_days = first.days(first.year or last.year or year or _ANY_YEAR)
    last_days = last.days(last.year or first.year or year or _ANY_YEAR)
    if first_days is None or last_days is None:
        return None
    start, end = first_days[0], last_days[1]
    if end < start and last.year is None:
        # Dec 29 - Jan 9: the end is in the next year
        moved = last.days(end.year + 1)
        end = moved[1] if moved is not None else end
    elif end < start and first.year is None:
        # Dec 29 - Jan 9, 2027: the start is in the year before
        moved = first.days(start.year - 1)
        start = moved[0] if moved is not None else start
    if end < start:
        return None
    return Dated(start, end, None, single, one_day)


def _undated(first: Point, last: Point, single: bool) -> Dated | None:
    """A range with no year: its length, for days (in a year of 365 days) and weeks."""
    if first.kind == "week" and last.kind == "week":
        weeks = last.number - first.number + 1
        if weeks < 1:
            return None
        return Dated(length=f"{weeks} week{'s' * (weeks != 1)}", single=single)
    if single or first.kind != "day" or last.kind != "day":
        return None
    first_days, last_days = first.days(_ANY_YEAR), last.days(_ANY_YEAR)
    if first_days is None or last_days is None:
        return None
    start, end = first_days[0], last_days[0]
    if end < start:
        moved = last.days(_ANY_YEAR + 1)
        if moved is None:
            return None
        end = moved[0]
    days = (end - start).days + 1
    return Dated(length=f"{days} day{'s' * (days != 1)}")
